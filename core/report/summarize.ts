/** Building a run's summary from its graded items (pure): counts, projections, tables. */
import type { RuleVerdict, SampledConversation, Verdict } from '../model/grade.js';
import type { RunSummary } from '../model/run.js';
import type { JudgeDisposition } from '../grade/verdict.js';
import { projectRate } from '../sample/sample.js';

/** One graded conversation of a run. */
export interface GradedItem {
  ref: SampledConversation;
  rules: RuleVerdict[];
  judge: JudgeDisposition;
  verdict: Verdict;
  reasons: string[];
}

/** What summarize needs beyond the items. */
export interface SummaryInput {
  runId: string;
  startedAt: number;
  finishedAt: number;
  status: 'done' | 'cancelled';
  window: RunSummary['window'];
  sampling: RunSummary['sampling'];
  population: RunSummary['population'];
  sampleTraces: number;
  windowIntents: Record<string, number>;
  judge: RunSummary['judge'];
  items: readonly GradedItem[];
  /** How the graded traces were redacted (absent in callers that do not know). */
  redaction?: RunSummary['redaction'];
}

const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'borderline', 'ungraded'];

/** Build the run summary. Ordering is deterministic (by count, then name). */
export function summarizeRun(input: SummaryInput): RunSummary {
  const items = input.items.map((i) => ({ ...i, weight: i.ref.weight }));
  const verdicts = { pass: 0, fail: 0, borderline: 0, ungraded: 0 };
  for (const i of items) verdicts[i.verdict]++;
  const projected = Object.fromEntries(VERDICTS.map((v) => [v, projectRate(items, (i) => i.verdict === v).rate])) as RunSummary['projected'];

  const ruleIds = new Map<string, { severity: string; failureMode?: string }>();
  for (const i of items) for (const r of i.rules) if (r.outcome === 'fail' && !ruleIds.has(r.ruleId)) ruleIds.set(r.ruleId, { severity: r.severity, failureMode: r.failureMode });
  const rules = [...ruleIds.entries()]
    .map(([ruleId, meta]) => {
      const p = projectRate(items, (i) => i.rules.some((r) => r.ruleId === ruleId && r.outcome === 'fail'));
      return { ruleId, severity: meta.severity, failureMode: meta.failureMode, failures: p.matched, projectedRate: p.rate };
    })
    .sort((a, b) => b.failures - a.failures || a.ruleId.localeCompare(b.ruleId));

  const axisNames = new Set<string>();
  for (const i of items) if (i.judge.kind === 'judged' && i.judge.result.status === 'graded') for (const a of i.judge.result.axes) axisNames.add(a.axis);
  const axes = [...axisNames].sort().map((axis) => {
    const graded = items.filter((i) => i.judge.kind === 'judged' && i.judge.result.status === 'graded' && i.judge.result.axes.some((a) => a.axis === axis));
    const scoreOf = (i: (typeof items)[number]): { score: number; pass: boolean } | undefined => {
      if (i.judge.kind !== 'judged' || i.judge.result.status !== 'graded') return undefined;
      return i.judge.result.axes.find((a) => a.axis === axis);
    };
    const scores = graded.map((i) => scoreOf(i)?.score ?? 0);
    return {
      axis,
      graded: graded.length,
      failures: graded.filter((i) => scoreOf(i)?.pass === false).length,
      meanScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      // Projected over the graded ones only: conversations the judge never saw say nothing about an axis.
      projectedFailRate: projectRate(graded, (i) => scoreOf(i)?.pass === false).rate,
    };
  });

  const sampleIntents = new Map<string, number>();
  for (const i of items) sampleIntents.set(i.ref.intent, (sampleIntents.get(i.ref.intent) ?? 0) + 1);
  const intentNames = new Set([...Object.keys(input.windowIntents), ...sampleIntents.keys()]);
  const intents = [...intentNames]
    .map((intent) => ({ intent, window: input.windowIntents[intent] ?? 0, sample: sampleIntents.get(intent) ?? 0 }))
    .sort((a, b) => b.window - a.window || a.intent.localeCompare(b.intent));

  const failures = items
    .filter((i) => i.verdict === 'fail' || i.verdict === 'borderline')
    .sort((a, b) => (a.verdict === b.verdict ? a.ref.key.localeCompare(b.ref.key) : a.verdict === 'fail' ? -1 : 1))
    .map((i) => ({ conversationKey: i.ref.key, traceIds: i.ref.traceIds, intent: i.ref.intent, verdict: i.verdict, reasons: i.reasons }));

  return {
    runId: input.runId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    status: input.status,
    window: input.window,
    sampling: input.sampling,
    population: input.population,
    sample: { traces: input.sampleTraces, conversations: items.length },
    intents,
    verdicts,
    projected,
    rules,
    axes,
    judge: input.judge,
    failures,
    ...(input.redaction ? { redaction: input.redaction } : {}),
  };
}
