/**
 * Sampling configuration (the `sampling:` section of eval/casebook.yaml) and the conversation summary
 * sampling works on. Pure: zod schemas, window arithmetic, nothing else.
 */
import { z } from 'zod';
import { configuredRegexProblem } from '../model/regex-safety.js';

/** A duration like `24h`, `7d`, `90m`, `2w`. */
export const Duration = z.string().regex(/^\s*\d+(\.\d+)?\s*(m|h|d|w)\s*$/i, 'a duration like 24h, 7d, 90m or 2w');

const Instant = z.union([z.number(), z.string().min(1)]);

/** The time window: trailing (relative to now) or an explicit from/to (ISO text or epoch ms). */
export const SamplingWindow = z.union([
  z.object({ trailing: Duration }).strict(),
  z.object({ from: Instant, to: Instant.optional() }).strict(),
]);
export type SamplingWindow = z.infer<typeof SamplingWindow>;

const matchers = {
  /** Case-insensitive words or phrases, matched on word boundaries in the first user message. */
  keywords: z.array(z.string().min(1)).default([]),
  /** Regular expressions (JavaScript syntax, case-insensitive) tested on the first user message. */
  patterns: z.array(z.string().min(1)).default([]),
  /** Tool names: a match when the conversation called any of them. */
  tools: z.array(z.string().min(1)).default([]),
};

function checkMatchers(r: { keywords: string[]; patterns: string[]; tools: string[] }, ctx: z.RefinementCtx): void {
  if (r.keywords.length + r.patterns.length + r.tools.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'a classifier rule needs keywords, patterns or tools' });
  }
  for (const p of r.patterns) {
    const problem = configuredRegexProblem(p, 'iu', `/${p}/`);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }
}

/** One intent classifier rule: the first rule that matches gives the intent. */
export const IntentRule = z.object({ intent: z.string().min(1), ...matchers }).superRefine(checkMatchers);
export type IntentRule = z.infer<typeof IntentRule>;

/** One stakes classifier rule: the first rule that matches gives the stakes level. */
export const StakesRule = z.object({ stakes: z.string().min(1), ...matchers }).superRefine(checkMatchers);
export type StakesRule = z.infer<typeof StakesRule>;

/** The matching part shared by both classifiers. */
export type ClassifierMatchers = { keywords: string[]; patterns: string[]; tools: string[] };

export const StratumKey = z.enum(['intent', 'stakes']);
export type StratumKey = z.infer<typeof StratumKey>;

export const SamplingConfig = z.object({
  window: SamplingWindow.default({ trailing: '7d' }),
  /** `stratified`: a sample of `size`; `all`: grade every conversation in the window (low volume). */
  mode: z.enum(['stratified', 'all']).default('stratified'),
  size: z.number().int().positive().default(200),
  strata: z.array(StratumKey).default(['intent', 'stakes']),
  /** Each stratum gets at least this many (or all it has), even if the sample then exceeds `size`. */
  minPerStratum: z.number().int().nonnegative().default(5),
  /** Same seed, same population: same sample. */
  seed: z.union([z.number(), z.string()]).default(1),
  /** The trace attribute (metadata key) that carries the intent when the source records one. */
  intentAttribute: z.string().min(1).default('intent'),
  /** The trace attribute that carries the stakes level. */
  stakesAttribute: z.string().min(1).default('stakes'),
  /** Intent classifier, evaluated in order when the trace has no intent; no match gives `unknown`. */
  intentRules: z.array(IntentRule).default([]),
  /** Stakes classifier, same shape; no match gives `defaultStakes`. */
  stakesRules: z.array(StakesRule).default([]),
  defaultStakes: z.string().min(1).default('normal'),
  /** Keep conversations without a start time (e.g. benchmark dumps) in every window. */
  includeUndated: z.boolean().default(true),
});
export type SamplingConfig = z.infer<typeof SamplingConfig>;
export type SamplingConfigInput = z.input<typeof SamplingConfig>;

/** What sampling needs to know about a conversation; the store builds these. */
export interface ConversationInfo {
  /** The conversation id, or `trace:<id>` for a trace that has none. */
  key: string;
  traceIds: string[];
  /** Epoch ms of the first trace, or null when unknown. */
  startTime: number | null;
  /** Intent recorded by the source (the `intentAttribute`), when any. */
  intent?: string;
  /** Stakes recorded by the source, when any. */
  stakes?: string;
  /** Text of the first user message (redacted). */
  firstUserText: string;
  /** Names of every tool the conversation called. */
  toolNames: string[];
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds of a duration like `24h` or `7d`. */
export function durationMs(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|h|d|w)\s*$/i.exec(text);
  if (!m) throw new Error(`not a duration: ${JSON.stringify(text)} (use e.g. 24h, 7d)`);
  return Number(m[1]) * (UNIT_MS[(m[2] as string).toLowerCase()] as number);
}

function instantMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${JSON.stringify(value)}`);
  return ms;
}

/** The window as [from, to) epoch milliseconds; `now` is passed in so the function stays pure. */
export function resolveWindow(window: SamplingWindow, now: number): { from: number; to: number } {
  if ('trailing' in window) return { from: now - durationMs(window.trailing), to: now };
  return { from: instantMs(window.from), to: window.to === undefined ? now : instantMs(window.to) };
}

/** A `--since` value (`all`, or a duration like `7d`) as a window and its label; undefined when not one. */
export function windowFromSince(since: string): { window: SamplingWindow; label: string } | undefined {
  if (since === 'all') return { window: { from: 0 }, label: 'all time' };
  if (!/^\s*\d+(\.\d+)?\s*(m|h|d|w)\s*$/i.test(since)) return undefined;
  return { window: { trailing: since }, label: `trailing ${since}` };
}
