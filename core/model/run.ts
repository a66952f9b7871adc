/** A grading run's summary: what the one-page report and the app's run screen show. Pure zod schemas. */
import { z } from 'zod';
import { Verdict } from './grade.js';

const Count = z.number().int().nonnegative();

/** Counts of sampled conversations per verdict, and the verdict rates projected to the window. */
export const VerdictCounts = z.object({ pass: Count, fail: Count, borderline: Count, ungraded: Count });
export type VerdictCounts = z.infer<typeof VerdictCounts>;

/** A known case seen failing again in this run. */
export const RunRegression = z.object({
  caseId: z.string(),
  failureMode: z.string(),
  /** The conversation that failed again, by run-item key and by content hash (never its text). */
  conversationKey: z.string().optional(),
  conversation: z.string().optional(),
  /** When the case was last seen before this run (YYYY-MM-DD). */
  previousDate: z.string().optional(),
});
export type RunRegression = z.infer<typeof RunRegression>;

/** A failure mode proposed from this run's unmatched failures. */
export const RunProposal = z.object({
  id: z.string(),
  title: z.string(),
  size: Count,
  /** Who named it: the judge from its examples, the judge's per-conversation suggestion, or the cluster's terms. */
  titleSource: z.enum(['judge', 'suggestion', 'terms']),
});
export type RunProposal = z.infer<typeof RunProposal>;

/**
 * What `casebook promote` did with a run. Repeated promotes of one run accumulate (a case new in the
 * first stays new), so the summary reads the same after a rerun with nothing new.
 */
export const RunPromotion = z.object({
  /** The run's date (YYYY-MM-DD), not the time of promoting: summaries must not churn. */
  date: z.string(),
  newCaseIds: z.array(z.string()),
  regressions: z.array(RunRegression),
  reviewCount: Count,
  proposals: z.array(RunProposal),
});
export type RunPromotion = z.infer<typeof RunPromotion>;

/** How the graded traces were redacted, and what their imports masked (counts only, never values). */
export const RunRedaction = z.object({
  /** The mark of the redaction configuration in force when the run started (core/pipeline/redaction-mark.ts). */
  mark: z.string(),
  /** The sampled traces: redacted under that configuration, another one, before marks were recorded, or not at all. */
  traces: z.object({ current: Count, stale: Count, unknown: Count, raw: Count }),
  /** The imports that stored them, and what those imports masked, by type and by field. */
  imports: Count,
  maskedByType: z.record(z.string(), Count),
  /** Empty in summaries written before it was recorded. */
  maskedByField: z.record(z.string(), Count).default({}),
});
export type RunRedaction = z.infer<typeof RunRedaction>;

export const RunSummary = z.object({
  runId: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  status: z.enum(['done', 'cancelled']),
  window: z.object({ from: z.number().nullable(), to: z.number().nullable(), label: z.string() }),
  sampling: z.object({ mode: z.enum(['stratified', 'all']), requested: z.number().int().nullable(), seed: z.number().int() }),
  population: z.object({ traces: Count, conversations: Count }),
  sample: z.object({ traces: Count, conversations: Count }),
  intents: z.array(z.object({ intent: z.string(), window: Count, sample: Count })),
  verdicts: VerdictCounts,
  /** Verdict shares projected to the whole window with the sampling weights (0..1). */
  projected: z.object({ pass: z.number(), fail: z.number(), borderline: z.number(), ungraded: z.number() }),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      severity: z.string(),
      failureMode: z.string().optional(),
      failures: Count,
      projectedRate: z.number(),
    }),
  ),
  axes: z.array(
    z.object({ axis: z.string(), graded: Count, failures: Count, meanScore: z.number().nullable(), projectedFailRate: z.number() }),
  ),
  judge: z.object({
    status: z.enum(['used', 'skipped', 'unavailable']),
    message: z.string().optional(),
    model: z.string().optional(),
    digest: z.string().optional(),
    calls: Count,
    cacheHits: Count,
    promptTokens: Count,
    completionTokens: Count,
    durationMs: z.number().nonnegative(),
    ungraded: z.record(z.string(), Count),
  }),
  failures: z.array(
    z.object({
      conversationKey: z.string(),
      traceIds: z.array(z.string()),
      intent: z.string(),
      verdict: Verdict,
      reasons: z.array(z.string()),
    }),
  ),
  /** Absent until the run is promoted. */
  promotion: RunPromotion.optional(),
  /** Absent in summaries written before it was recorded. */
  redaction: RunRedaction.optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;
