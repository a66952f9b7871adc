/**
 * `casebook promote`: turn a run's failures into eval cases in the eval folder: known modes assigned,
 * unmatched failures clustered into proposals, new cases added, recurrences appended to their case's
 * history (regressions), borderline ones queued for review; then, when asked, committed with git.
 */
import type { JudgeResult, RuleVerdict, Verdict } from '../model/grade.js';
import { JudgeResult as JudgeResultSchema, RuleVerdict as RuleVerdictSchema } from '../model/grade.js';
import type { JudgeDisposition } from '../grade/verdict.js';
import type { EvalFolder } from '../config/eval-folder.js';
import { writeEvalFile } from '../config/eval-folder.js';
import { buildCases, type BuildResult, type PromotableItem, type PromotableTrace } from '../promote/build.js';
import { readCases, readFailureModes, writeCases, writeFailureModes } from '../promote/write.js';
import { recordSightings } from '../failures/taxonomy.js';
import { clusterUnmatched, proposalEntry } from '../failures/cluster.js';
import { commitFiles, type CommitOutcome } from '../promote/git.js';
import { enqueue, parseReviewQueue, renderReviewQueue, REVIEW_QUEUE_FILE } from '../promote/review-queue.js';
import { pinKey, JudgePin } from '../judge/pin.js';
import type { Store } from '../store/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resourcesDir } from '../config/resources.js';

/** What promote did. */
export interface PromoteResult {
  runId: string;
  newCaseIds: string[];
  recurrences: BuildResult['recurrences'];
  reviewCount: number;
  proposals: number;
  written: string[];
  commit?: CommitOutcome;
}

/** A run id was asked for that does not exist, or there is no finished run. */
export class NoRunError extends Error {
  override readonly name = 'NoRunError';
}

function dispositionOf(stored: unknown): JudgeDisposition {
  const judged = JudgeResultSchema.safeParse(stored);
  if (judged.success) return { kind: 'judged', result: judged.data as JudgeResult };
  const s = (stored ?? {}) as { status?: string; reason?: string };
  return s.status === 'unavailable' ? { kind: 'unavailable', reason: s.reason ?? '' } : { kind: 'skipped', reason: s.reason ?? '' };
}

/** Promote the failures of a run (the latest finished one by default) into the eval folder. */
export function promoteRun(store: Store, folder: EvalFolder, options: { runId?: string; commit?: boolean; schemaDir?: string } = {}): PromoteResult {
  const runs = store.runs.list(200).filter((r) => r.status === 'done' || r.status === 'cancelled');
  const run = options.runId ? store.runs.list(1000).find((r) => r.id === options.runId) : runs[0];
  if (!run) throw new NoRunError(options.runId ? `no run ${options.runId} (see the runs in eval/runs/)` : 'no finished run yet: run `casebook run` first');
  const startedAt = new Date(run.startedAt).toISOString().slice(0, 10);
  const pinRow = store.db.prepare('SELECT judge_pin FROM runs WHERE id = ?').pluck().get(run.id) as string | null;
  const pin = pinRow ? JudgePin.safeParse(JSON.parse(pinRow)) : undefined;

  const items: PromotableItem[] = store.runs.items(run.id).map((i) => {
    const traces: PromotableTrace[] = i.traceIds.flatMap((id) => {
      const t = store.traces.get(id);
      return t ? [t] : [];
    });
    const rules = (Array.isArray(i.rules) ? i.rules : []).flatMap((r) => {
      const p = RuleVerdictSchema.safeParse(r);
      return p.success ? [p.data as RuleVerdict] : [];
    });
    return {
      ref: { key: i.conversationKey, traceIds: i.traceIds, startTime: traces[0]?.startTime ?? null, intent: i.intent, stakes: i.stakes, weight: i.weight },
      rules,
      judge: dispositionOf(i.judge),
      verdict: i.verdict as Verdict,
      reasons: i.reasons,
      traces,
      contentHash: i.contentHash,
    };
  });

  const earlier = store.runs.gradedBefore(run.id);
  const casesRead = readCases(folder.dir);
  const modesRead = readFailureModes(folder.dir);
  const result = buildCases(
    items,
    { runId: run.id, date: startedAt, judgePin: pin?.success ? pinKey(pin.data) : undefined },
    { taxonomy: modesRead.value, existing: casesRead.value.cases, rules: folder.config.rules, seenBefore: (h) => earlier.has(h) },
  );
  // New files get a yaml-language-server modeline, relative to the eval folder, so editors validate them.
  const schemaDir = options.schemaDir ?? relative(folder.dir, join(resourcesDir(), 'schemas')).split('\\').join('/');
  const schema = (name: string): string => `${schemaDir}/${name}`;
  const written: string[] = [];
  const merged = writeCases(folder.dir, casesRead, result.cases, { schemaRef: schema('cases_from_prod.schema.json') });
  if (merged.changed) written.push(casesRead.path);

  const proposals = clusterUnmatched(result.unmatched, {}, modesRead.value).map(proposalEntry);
  const known = new Set(modesRead.value.proposals.map((p) => p.id));
  const taxonomy = {
    ...recordSightings(modesRead.value, result.modeCounts, startedAt),
    proposals: [...modesRead.value.proposals, ...proposals.filter((p) => !known.has(p.id) && !modesRead.value.rejected.includes(p.id))],
  };
  if (writeFailureModes(folder.dir, modesRead, taxonomy, { schemaRef: schema('failure_modes.schema.json') })) written.push(modesRead.path);

  if (result.review.length > 0) {
    // Entries already queued (or rejected) stay as they were, so re-grading the same data leaves the file
    // byte for byte unchanged; `casebook review` takes decided ones out.
    const path = join(folder.dir, REVIEW_QUEUE_FILE);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const entries = result.review.map((r) => ({ case_id: r.case.case_id, known: r.known, reasons: r.reasons, case: r.case }));
    const text = renderReviewQueue(enqueue(parseReviewQueue(before, path), entries));
    if (text !== before) written.push(writeEvalFile(folder.dir, REVIEW_QUEUE_FILE, text));
  }

  let commit: CommitOutcome | undefined;
  if (options.commit && written.length > 0) {
    // The run's one-page summary belongs with the cases it produced.
    for (const ext of ['md', 'html']) {
      const summary = join(folder.dir, 'runs', `${run.id}.${ext}`);
      if (existsSync(summary)) written.push(summary);
    }
    const message =
      `casebook: promote ${run.id}\n\n` +
      `${result.newCaseIds.length} new case(s), ${result.recurrences.length} recurrence(s), ${result.review.length} for review, ${proposals.length} proposed failure mode(s).\n` +
      result.recurrences.map((r) => `regression: ${r.case_id} (${r.failure_mode})`).join('\n');
    commit = commitFiles(written, message.trimEnd());
  }
  return { runId: run.id, newCaseIds: result.newCaseIds, recurrences: result.recurrences, reviewCount: result.review.length, proposals: proposals.length, written, commit };
}
