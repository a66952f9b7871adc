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
import { clusterUnmatched, nameProposal, proposalEntry, proposalExamples, type Proposal } from '../failures/cluster.js';
import { commitFiles, type CommitOutcome } from '../promote/git.js';
import { enqueue, parseReviewQueue, renderReviewQueue, REVIEW_QUEUE_FILE } from '../promote/review-queue.js';
import { pinKey, JudgePin } from '../judge/pin.js';
import { createClusterNamer, type ClusterNamer } from '../judge/cluster-namer.js';
import type { Store } from '../store/index.js';
import type { Json } from '../model/trace.js';
import { RunSummary, type RunPromotion, type RunProposal, type RunRegression } from '../model/run.js';
import { renderSummaryMarkdown } from '../report/summary-markdown.js';
import { renderSummaryHtml } from '../report/summary-html.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resourcesDir } from '../config/resources.js';

/** Options of one promote. */
export interface PromoteOptions {
  /** The run to promote; the latest finished one by default. */
  runId?: string;
  commit?: boolean;
  schemaDir?: string;
  /** 'off' never asks the judge to name proposed failure modes (they keep their terms titles). */
  judge?: 'auto' | 'off';
  /** Tests inject a namer; otherwise it is built from the eval folder's judge section, when there is one. */
  namer?: ClusterNamer;
  /** Things the user should know that did not stop the promote (a title the judge could not give). */
  onWarning?: (message: string) => void;
}

/** What promote did. */
export interface PromoteResult {
  runId: string;
  newCaseIds: string[];
  recurrences: BuildResult['recurrences'];
  reviewCount: number;
  proposals: number;
  /** Proposals added to eval/failure_modes.yaml by this promote, with where each title came from. */
  proposed: RunProposal[];
  /** Eval files whose content changed (cases, failure modes, review queue). */
  written: string[];
  /** The run's summary files, rewritten because their Promotion section changed. */
  summaryFiles: string[];
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

/**
 * Titles from the judge for proposals titled from their terms; each one the judge cannot give (not
 * configured, unreachable, junk, a leak) keeps its terms title, with a warning saying why.
 */
async function judgeTitles(proposals: Proposal[], unmatched: Parameters<typeof proposalExamples>[1], folder: EvalFolder, options: PromoteOptions): Promise<Proposal[]> {
  const toName = proposals.filter((p) => p.titleSource === 'terms');
  if (toName.length === 0 || options.judge === 'off') return proposals;
  let namer = options.namer;
  const judge = folder.config.judge;
  if (!namer && judge) {
    const made = await createClusterNamer({
      model: judge.model,
      rubric: folder.config.rubric,
      host: judge.host,
      allowRemoteHost: judge.allowRemoteHost,
      options: judge.options,
      keepAlive: judge.keepAlive,
      timeoutMs: judge.timeoutMs,
      retries: judge.retries,
      pinned: folder.pin,
    });
    for (const w of made.warnings) options.onWarning?.(w);
    if (made.ok) namer = made.namer;
    else options.onWarning?.(`the judge could not name ${toName.length} proposed failure mode(s), so they are titled from their terms: ${made.problem}`);
  }
  if (!namer) return proposals;
  const named = new Map<string, Proposal>();
  for (const p of toName) {
    const outcome = await namer.name({ size: p.size, terms: p.terms, examples: proposalExamples(p, unmatched) });
    if (outcome.ok) named.set(p.id, nameProposal(p, outcome.title, outcome.description));
    else options.onWarning?.(`proposal ${p.id}: the judge's title was not used (${outcome.code}: ${outcome.reason}); titled from its terms "${p.title}"`);
  }
  return proposals.map((p) => named.get(p.id) ?? p);
}

/**
 * This promote's outcome joined with what earlier promotes of the same run recorded: a case that was
 * new then is still new to this run, so rerunning promote leaves the summary as it was.
 */
function accumulate(previous: RunPromotion | undefined, now: RunPromotion): RunPromotion {
  if (!previous) return now;
  const regressions = new Map(previous.regressions.map((r) => [r.caseId, r]));
  for (const r of now.regressions) if (!regressions.has(r.caseId)) regressions.set(r.caseId, r);
  return {
    ...now,
    newCaseIds: [...new Set([...previous.newCaseIds, ...now.newCaseIds])].sort(),
    regressions: [...regressions.values()].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)),
  };
}

/** Rewrite the run's summary files with its Promotion section; returns the files whose bytes changed. */
function rewriteSummary(store: Store, folder: EvalFolder, runId: string, onWarning?: (m: string) => void): string[] {
  const row = store.runs.get(runId);
  const parsed = RunSummary.safeParse(row?.summary);
  if (!parsed.success) {
    onWarning?.(`run ${runId} has no summary this version of Casebook can read: its files in runs/ were not updated`);
    return [];
  }
  const s = parsed.data;
  // As in the run: the leak scan reads what came from traces; our own markup is not trace data.
  const fromTraces = { failures: s.failures, intents: s.intents, rules: s.rules, promotion: s.promotion ?? null } as unknown as Json;
  const changed: string[] = [];
  for (const [ext, text] of [['md', renderSummaryMarkdown(s)], ['html', renderSummaryHtml(s)]] as const) {
    const rel = `runs/${runId}.${ext}`;
    const path = join(folder.dir, rel);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    changed.push(writeEvalFile(folder.dir, rel, text, fromTraces));
  }
  return changed;
}

/** Promote the failures of a run (the latest finished one by default) into the eval folder. */
export async function promoteRun(store: Store, folder: EvalFolder, options: PromoteOptions = {}): Promise<PromoteResult> {
  // A run named by id is found however old it is; the default is the newest finished one.
  const run = options.runId
    ? store.runs.get(options.runId)
    : store.runs.list(200).find((r) => r.status === 'done' || r.status === 'cancelled');
  if (!run) throw new NoRunError(options.runId ? `no run ${options.runId} (see the runs in eval/runs/)` : 'no finished run yet: run `casebook run` first');
  const startedAt = new Date(run.startedAt).toISOString().slice(0, 10);
  const pinValue = store.runs.judgePin(run.id);
  const pin = pinValue === undefined ? undefined : JudgePin.safeParse(pinValue);

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
  const promotedBefore = store.runs.promotion(run.id) !== undefined;
  const casesRead = readCases(folder.dir);
  const modesRead = readFailureModes(folder.dir);
  const result = buildCases(
    items,
    { runId: run.id, date: startedAt, judgePin: pin?.success ? pinKey(pin.data) : undefined },
    { taxonomy: modesRead.value, existing: casesRead.value.cases, rules: folder.config.rules, seenBefore: (h) => earlier.has(h), mayJoinByTerms: (h) => !promotedBefore && !earlier.has(h) },
  );
  // New files get a yaml-language-server modeline, relative to the eval folder, so editors validate them.
  const schemaDir = options.schemaDir ?? relative(folder.dir, join(resourcesDir(), 'schemas')).split('\\').join('/');
  const schema = (name: string): string => `${schemaDir}/${name}`;
  const inFile = new Map(modesRead.value.proposals.map((p) => [p.id, p]));
  const clustered = clusterUnmatched(result.unmatched, {}, modesRead.value);
  // Named before anything is written, so a slow or stuck judge never leaves the folder half updated.
  // Only proposals new to the file are named: a known one keeps the title it has there (a human may
  // have edited it), and a rerun costs no judge call.
  const fresh = await judgeTitles(
    clustered.filter((p) => !inFile.has(p.id) && !modesRead.value.rejected.includes(p.id)),
    result.unmatched,
    folder,
    options,
  );
  const written: string[] = [];
  const merged = writeCases(folder.dir, casesRead, result.cases, { schemaRef: schema('cases_from_prod.schema.json') });
  if (merged.changed) written.push(casesRead.path);

  const proposals = clustered.map((p) => fresh.find((f) => f.id === p.id) ?? p);
  const taxonomy = {
    ...recordSightings(modesRead.value, result.modeCounts, startedAt),
    proposals: [...modesRead.value.proposals, ...fresh.map(proposalEntry)],
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

  const keyOf = new Map(items.flatMap((i) => (i.contentHash ? [[i.contentHash, i.ref.key] as const] : [])));
  const regressions: RunRegression[] = result.recurrences.map((r) => {
    const conversation = result.cases.find((c) => c.case_id === r.case_id)?.source.conversation;
    const conversationKey = conversation === undefined ? undefined : keyOf.get(conversation);
    return {
      caseId: r.case_id,
      failureMode: r.failure_mode,
      ...(conversationKey !== undefined ? { conversationKey } : {}),
      ...(conversation !== undefined ? { conversation } : {}),
      ...(r.previous ? { previousDate: r.previous.date } : {}),
    };
  });
  const runProposals: RunProposal[] = proposals.map((p) => {
    const entry = inFile.get(p.id);
    return { id: p.id, title: entry?.title ?? p.title, size: p.size, titleSource: entry ? (entry.title_source ?? p.titleSource) : p.titleSource };
  });
  const promotion = accumulate(store.runs.promotion(run.id), {
    date: startedAt,
    newCaseIds: [...result.newCaseIds].sort(),
    regressions,
    reviewCount: result.review.length,
    proposals: runProposals,
  });
  store.runs.savePromotion(run.id, promotion);
  const summaryFiles = rewriteSummary(store, folder, run.id, options.onWarning);

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
  return {
    runId: run.id,
    newCaseIds: result.newCaseIds,
    recurrences: result.recurrences,
    reviewCount: result.review.length,
    proposals: proposals.length,
    proposed: fresh.map((p) => ({ id: p.id, title: p.title, size: p.size, titleSource: p.titleSource })),
    written,
    summaryFiles,
    commit,
  };
}
