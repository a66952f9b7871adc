/**
 * Grading types: what sampling, the rules layer and the judge produce for a conversation, and the
 * verdict a run gives it. Pure zod schemas and inferred types.
 */
import { z } from 'zod';

/** Where in a conversation a finding points: message index in the merged transcript, span, quoted text. */
export const Evidence = z.object({
  /** Index into the conversation's merged message list (see conversationTranscript). */
  messageIndex: z.number().int().nonnegative().optional(),
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  toolCallId: z.string().optional(),
  /** A short excerpt of the (already redacted) text that shows the problem. */
  quote: z.string().max(600),
});
export type Evidence = z.infer<typeof Evidence>;

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** The outcome of one deterministic rule on one conversation. */
export const RuleVerdict = z.object({
  ruleId: z.string(),
  /** 'fail' when the rule found the problem it looks for; 'pass' when it checked and found none. */
  outcome: z.enum(['pass', 'fail']),
  severity: Severity,
  /** The failure mode a failure of this rule indicates (taxonomy id). */
  failureMode: z.string().optional(),
  message: z.string(),
  evidence: z.array(Evidence).default([]),
});
export type RuleVerdict = z.infer<typeof RuleVerdict>;

/** One rubric axis as scored by the judge. */
export const AxisScore = z.object({
  axis: z.string(),
  score: z.number(),
  threshold: z.number(),
  pass: z.boolean(),
  rationale: z.string(),
});
export type AxisScore = z.infer<typeof AxisScore>;

/** What the judge said about a conversation; an error is never a pass (design.md invariant 6). */
export const JudgeResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('graded'),
    axes: z.array(AxisScore),
    suggestedFailureMode: z.string().optional(),
    summary: z.string().optional(),
    promptTokens: z.number().int().nonnegative().optional(),
    completionTokens: z.number().int().nonnegative().optional(),
    durationMs: z.number().nonnegative().optional(),
    /** True when the result came from the judgment cache (no judge call). */
    cached: z.boolean().default(false),
  }),
  z.object({
    status: z.literal('ungraded'),
    /** Why the judge could not grade: unreachable, timeout, invalid JSON, truncated, ... */
    reason: z.string(),
    cached: z.boolean().default(false),
  }),
]);
export type JudgeResult = z.infer<typeof JudgeResult>;

export const Verdict = z.enum(['pass', 'fail', 'borderline', 'ungraded']);
export type Verdict = z.infer<typeof Verdict>;

/** The unit that is sampled and graded: the traces of one conversation (or one trace without one). */
export const ConversationRef = z.object({
  /** The conversation id, or `trace:<id>` for a trace that has none. */
  key: z.string(),
  traceIds: z.array(z.string()).min(1),
  startTime: z.number().nullable(),
  intent: z.string(),
  stakes: z.string(),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

/** A sampled conversation with its sampling weight (population size / sample size of its stratum). */
export const SampledConversation = ConversationRef.extend({ weight: z.number().positive() });
export type SampledConversation = z.infer<typeof SampledConversation>;
