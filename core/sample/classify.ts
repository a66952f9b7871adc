/**
 * The deterministic intent and stakes classifiers: the source's own label first, then the configured
 * rules in order (keywords, patterns, tools used), else `unknown` / the default stakes.
 */
import type { ClassifierMatchers, ConversationInfo, SamplingConfig } from './config.js';

/** The intent given to conversations that no rule matches. */
export const UNKNOWN_INTENT = 'unknown';

interface CompiledRule {
  label: string;
  /** Keywords and patterns folded into one regex: one scan of the text per rule. */
  text: RegExp | undefined;
  tools: ReadonlySet<string>;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compileRule(label: string, m: ClassifierMatchers): CompiledRule {
  // \b only works next to word characters; a keyword like "C++" or "$" still matches as a substring.
  const kw = m.keywords.map((k) => {
    const e = escapeRegExp(k.trim());
    return `${/^\w/.test(k.trim()) ? '\\b' : ''}${e}${/\w$/.test(k.trim()) ? '\\b' : ''}`;
  });
  const parts = [...kw, ...m.patterns.map((p) => `(?:${p})`)];
  return { label, text: parts.length > 0 ? new RegExp(parts.join('|'), 'iu') : undefined, tools: new Set(m.tools) };
}

interface CompiledClassifiers {
  intent: CompiledRule[];
  stakes: CompiledRule[];
}

// Keyed by the config object: classifying a million conversations compiles each pattern once.
const compiled = new WeakMap<SamplingConfig, CompiledClassifiers>();

function classifiers(config: SamplingConfig): CompiledClassifiers {
  let c = compiled.get(config);
  if (!c) {
    c = {
      intent: config.intentRules.map((r) => compileRule(r.intent, r)),
      stakes: config.stakesRules.map((r) => compileRule(r.stakes, r)),
    };
    compiled.set(config, c);
  }
  return c;
}

function firstMatch(rules: readonly CompiledRule[], info: ConversationInfo): string | undefined {
  for (const rule of rules) {
    if (rule.text && rule.text.test(info.firstUserText)) return rule.label;
    if (rule.tools.size > 0 && info.toolNames.some((t) => rule.tools.has(t))) return rule.label;
  }
  return undefined;
}

/** The conversation's intent: its recorded intent, else the first matching classifier rule, else `unknown`. */
export function classifyIntent(info: ConversationInfo, config: SamplingConfig): string {
  const own = info.intent?.trim();
  if (own) return own;
  return firstMatch(classifiers(config).intent, info) ?? UNKNOWN_INTENT;
}

/** The conversation's stakes: recorded stakes, else the first matching stakes rule, else the default. */
export function classifyStakes(info: ConversationInfo, config: SamplingConfig): string {
  const own = info.stakes?.trim();
  if (own) return own;
  return firstMatch(classifiers(config).stakes, info) ?? config.defaultStakes;
}
