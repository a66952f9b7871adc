/**
 * Validation of the judge's reply. The reply is untrusted model output: anything that is not exactly
 * a complete, schema-valid judgment of the whole prompt becomes 'ungraded' with a reason, never a pass
 * (design.md invariant 6). Reasons never quote the reply, which may echo conversation text. Pure.
 */
import { z } from 'zod';
import type { AxisScore, JudgeResult } from '../model/grade.js';
import { AXIS_IDS, NO_FAILURE, SCORE_MAX, SCORE_MIN, type RubricConfig } from './rubric.js';

/**
 * A judgment whose prompt_eval_count is below this share of the estimated prompt tokens is taken as
 * silently truncated. Why 0.5: Ollama keeps only about num_ctx/2 tokens when it cuts an over-long
 * prompt (ollama/ollama#17427), so a real cut leaves the count at half the prompt or less, while the
 * estimate (4 chars/token) is at most ~1.2x too high on English prose and too low on JSON or
 * non-Latin text, which can only raise the ratio. Half leaves room for both without false alarms.
 */
export const TRUNCATION_RATIO = 0.5;

/** Why a judgment is ungraded, as a stable code for counting; the reason text says it for humans. */
export const UNGRADED_CODES = [
  'unreachable',
  'model_missing',
  'timeout',
  'cancelled',
  'server_error',
  'request_rejected',
  'context_too_small',
  'empty_reply',
  'length',
  'truncated',
  'invalid_json',
  'schema_mismatch',
] as const;
export type UngradedCode = (typeof UNGRADED_CODES)[number];

/** The fields of an Ollama chat response the parser looks at. */
export interface JudgeReply {
  content: string;
  doneReason?: string;
  /** Tokens the server evaluated from the prompt; absent when the server did not report it. */
  promptEvalCount?: number;
  evalCount?: number;
  /** total_duration in nanoseconds. */
  totalDurationNs?: number;
}

/** What the parser needs to know about the prompt that produced the reply. */
export interface ParseContext {
  rubric: RubricConfig;
  estimatedPromptTokens: number;
}

/** An 'ungraded' result with its code in front of the reason, so summaries can count by code. */
export function ungraded(code: UngradedCode, detail: string): JudgeResult {
  return { status: 'ungraded', reason: `${code}: ${detail}`, cached: false };
}

/** The code of an ungraded reason made by `ungraded` ('other' for a reason from elsewhere). */
export function ungradedCode(reason: string): UngradedCode | 'other' {
  const code = reason.slice(0, Math.max(0, reason.indexOf(':')));
  return (UNGRADED_CODES as readonly string[]).includes(code) ? (code as UngradedCode) : 'other';
}

const AxisReply = z.object({
  rationale: z.string().trim().min(1),
  score: z.number().int().min(SCORE_MIN).max(SCORE_MAX),
});

// Zod compiles a schema on first use, so one schema per rubric object, not one per reply.
const replySchemas = new WeakMap<RubricConfig, ReturnType<typeof buildReplySchema>>();

function replySchema(rubric: RubricConfig): ReturnType<typeof buildReplySchema> {
  let schema = replySchemas.get(rubric);
  if (!schema) {
    schema = buildReplySchema(rubric);
    replySchemas.set(rubric, schema);
  }
  return schema;
}

function buildReplySchema(rubric: RubricConfig) {
  const ids: [string, ...string[]] = [NO_FAILURE, ...rubric.failureModes.map((m) => m.id)];
  return z.object({
    reasoning: z.string(),
    scores: z.object({ helpfulness: AxisReply, faithfulness: AxisReply, completeness: AxisReply, tone: AxisReply }),
    failure_mode: z.enum(ids),
    summary: z.string(),
  });
}

/** Describe zod issues by path and kind only: the values may be conversation text. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.code}`);
  const more = error.issues.length > 3 ? ` and ${error.issues.length - 3} more` : '';
  return parts.join('; ') + more;
}

/** Validate a judge reply into a JudgeResult; every doubt fails closed to 'ungraded'. */
export function parseJudgeReply(reply: JudgeReply, ctx: ParseContext): JudgeResult {
  // 'length' first: a cut reply is usually also invalid JSON, and the cut is the cause to report.
  if (reply.doneReason === 'length') {
    return ungraded('length', 'the judge hit its output limit (done_reason "length"); raise num_predict');
  }
  if (reply.content.trim() === '') {
    return ungraded('empty_reply', `the judge returned no content (done_reason "${reply.doneReason ?? 'none'}")`);
  }
  if (reply.promptEvalCount !== undefined && reply.promptEvalCount < ctx.estimatedPromptTokens * TRUNCATION_RATIO) {
    return ungraded(
      'truncated',
      `the server read ${reply.promptEvalCount} prompt tokens of about ${ctx.estimatedPromptTokens}: the prompt was cut to fit its context; raise num_ctx`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(reply.content);
  } catch {
    return ungraded('invalid_json', `the reply is not valid JSON (${reply.content.length} characters)`);
  }
  const parsed = replySchema(ctx.rubric).safeParse(value);
  if (!parsed.success) return ungraded('schema_mismatch', `the reply does not match the judgment schema: ${describeIssues(parsed.error)}`);
  const r = parsed.data;
  const axes: AxisScore[] = AXIS_IDS.map((id) => {
    const { score, rationale } = r.scores[id];
    const threshold = ctx.rubric.axes[id].threshold;
    return { axis: id, score, threshold, pass: score >= threshold, rationale };
  });
  return {
    status: 'graded',
    axes,
    suggestedFailureMode: r.failure_mode === NO_FAILURE ? undefined : r.failure_mode,
    summary: r.summary,
    promptTokens: reply.promptEvalCount,
    completionTokens: reply.evalCount,
    durationMs: reply.totalDurationNs !== undefined ? reply.totalDurationNs / 1e6 : undefined,
    cached: false,
  };
}
