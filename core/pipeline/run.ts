/**
 * `casebook run`: sample the conversations of a window, grade them with the rules and then the pinned
 * judge, record every result as it comes, and write the one-page summary into the eval folder.
 * Interrupting is safe: results are saved as they are made, judgments are cached by (content, pin), so
 * running again pays for no judge call twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Conversation, Json, Trace } from '../model/trace.js';
import type { JudgeResult, RuleVerdict, SampledConversation } from '../model/grade.js';
import { JudgeResult as JudgeResultSchema } from '../model/grade.js';
import type { RunSummary } from '../model/run.js';
import { conversationTranscript } from '../ingest/transcript.js';
import { classifyIntent, classifyStakes, resolveWindow, sampleConversations, type ConversationInfo, type SamplingWindow } from '../sample/index.js';
import { compileRules, runRules } from '../rules/index.js';
import { createOllamaJudge } from '../judge/ollama-judge.js';
import { conversationContentHash, type JudgePin } from '../judge/pin.js';
import { runJudge, type JudgeCounters, type JudgeModel, type JudgmentCache } from '../judge/judge-runner.js';
import { decideVerdict, type JudgeDisposition } from '../grade/verdict.js';
import { summarizeRun, type GradedItem } from '../report/summarize.js';
import { renderSummaryMarkdown } from '../report/summary-markdown.js';
import { renderSummaryHtml } from '../report/summary-html.js';
import { writeEvalFile, type EvalFolder } from '../config/eval-folder.js';
import type { Store } from '../store/index.js';
import { summarizeRedaction } from './redaction-mark.js';

/** Progress of a run, by phase. */
export interface RunProgress {
  phase: 'sampling' | 'rules' | 'judge' | 'summary';
  done: number;
  total: number;
  message?: string;
}

/** Options of one run; command-line flags override the eval folder's sampling section. */
export interface RunOptions {
  window?: SamplingWindow;
  windowLabel?: string;
  sampleSize?: number;
  all?: boolean;
  seed?: number;
  /** 'off' grades with rules only. */
  judge?: 'auto' | 'off';
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Warnings for the user (remote judge host, pin drift), printed by the caller. */
  onWarning?: (message: string) => void;
  now?: number;
  /** Tests inject a judge; otherwise it is built from the eval folder's judge section. */
  judgeModel?: JudgeModel;
}

/** What a run leaves behind. */
export interface RunResult {
  runId: string;
  summary: RunSummary;
  files: { markdown: string; html: string };
}

/** The judge could not be used and the run must not start (a pin mismatch). */
export class JudgeRefusedError extends Error {
  override readonly name = 'JudgeRefusedError';
}

/** The judgment cache over the store (results validated on the way out). */
function storeCache(store: Store): JudgmentCache {
  return {
    get(contentHash, pinKey) {
      const raw = store.judgments.get(contentHash, pinKey);
      const parsed = raw === undefined ? undefined : JudgeResultSchema.safeParse(raw);
      return parsed?.success ? parsed.data : undefined;
    },
    put(contentHash, pinKey, result) {
      store.judgments.put(contentHash, pinKey, result);
    },
  };
}

/** A run id that sorts by time and reads as one: run_20261126_1942_3fa2. */
function newRunId(now: number): string {
  const d = new Date(now).toISOString();
  return `run_${d.slice(0, 10).replace(/-/g, '')}_${d.slice(11, 16).replace(':', '')}${d.slice(17, 19)}_${randomBytes(2).toString('hex')}`;
}

function windowLabel(w: SamplingWindow): string {
  return 'trailing' in w ? `trailing ${w.trailing}` : w.from === 0 ? 'all time' : 'custom';
}

/** Group the window's traces into conversations and describe them for sampling. */
function conversationsOf(traces: Iterable<Trace>, intentAttribute: string, stakesAttribute: string): Map<string, { info: ConversationInfo; traces: Trace[] }> {
  const out = new Map<string, { info: ConversationInfo; traces: Trace[] }>();
  for (const t of traces) {
    const key = t.conversationId ?? `trace:${t.id}`;
    let c = out.get(key);
    if (!c) {
      c = { info: { key, traceIds: [], startTime: null, firstUserText: '', toolNames: [] }, traces: [] };
      out.set(key, c);
    }
    c.traces.push(t);
    c.info.traceIds.push(t.id);
    if (t.startTime !== undefined && (c.info.startTime === null || t.startTime < c.info.startTime)) c.info.startTime = t.startTime;
    const meta = t.metadata;
    const intent = t.intent ?? (typeof meta[intentAttribute] === 'string' ? (meta[intentAttribute] as string) : undefined);
    const stakes = t.stakes ?? (typeof meta[stakesAttribute] === 'string' ? (meta[stakesAttribute] as string) : undefined);
    if (intent && !c.info.intent) c.info.intent = intent;
    if (stakes && !c.info.stakes) c.info.stakes = stakes;
    for (const m of t.messages) for (const call of m.toolCalls) if (!c.info.toolNames.includes(call.name)) c.info.toolNames.push(call.name);
  }
  for (const c of out.values()) {
    c.traces.sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
    const first = c.traces[0]?.messages.find((m) => m.role === 'user' && m.text.trim() !== '');
    c.info.firstUserText = first?.text ?? '';
  }
  return out;
}

function emptyJudgeSummary(status: RunSummary['judge']['status'], message?: string): RunSummary['judge'] {
  return { status, message, calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, durationMs: 0, ungraded: {} };
}

function judgeSummaryFrom(counters: JudgeCounters, pin: JudgePin): RunSummary['judge'] {
  const ungraded: Record<string, number> = {};
  for (const [k, n] of Object.entries(counters.ungradedByReason)) if (n) ungraded[k] = n;
  return {
    status: 'used',
    model: pin.model,
    digest: pin.digest,
    calls: counters.calls,
    cacheHits: counters.cacheHits,
    promptTokens: counters.promptTokens,
    completionTokens: counters.completionTokens,
    durationMs: counters.wallMs,
    ungraded,
  };
}

/** Run sampling, rules and judge over the store's traces and write the summary into the eval folder. */
export async function runGrading(store: Store, folder: EvalFolder, options: RunOptions = {}): Promise<RunResult> {
  const now = options.now ?? Date.now();
  const cfg = folder.config;
  const sampling = {
    ...cfg.sampling,
    window: options.window ?? cfg.sampling.window,
    mode: options.all ? ('all' as const) : cfg.sampling.mode,
    size: options.sampleSize ?? cfg.sampling.size,
    seed: options.seed ?? cfg.sampling.seed,
  };
  const progress = (p: RunProgress): void => options.onProgress?.(p);
  const runId = newRunId(now);

  // Sample.
  progress({ phase: 'sampling', done: 0, total: 1 });
  // Only the window's traces are read, plus the other turns of their conversations: a conversation is
  // sampled whole and placed by its first turn (sampleConversations drops those that start earlier).
  const bounds = resolveWindow(sampling.window, now);
  const traces = new Map<string, Trace>();
  for (const t of store.traces.inWindow(bounds.from, bounds.to, sampling.includeUndated)) traces.set(t.id, t);
  const conversationIds = new Set([...traces.values()].flatMap((t) => (t.conversationId ? [t.conversationId] : [])));
  for (const id of conversationIds) {
    for (const s of store.traces.conversation(id)) {
      const t = traces.has(s.id) ? undefined : store.traces.get(s.id);
      if (t) traces.set(t.id, t);
    }
  }
  const all = conversationsOf(traces.values(), sampling.intentAttribute, sampling.stakesAttribute);
  const result = sampleConversations([...all.values()].map((c) => c.info), sampling, now);
  const windowIntents = result.windowDistribution.byIntent;
  const inWindow = [...all.values()].filter((c) => {
    const t = c.info.startTime;
    return t === null ? sampling.includeUndated : t >= result.window.from && t < result.window.to;
  });
  const populationTraces = inWindow.reduce((n, c) => n + c.traces.length, 0);

  const configHash = createHash('sha256').update(JSON.stringify({ sampling, rules: cfg.rules, rubric: cfg.rubric, judge: cfg.judge ?? null })).digest('hex');

  // Judge: check it before any work, so a pin mismatch refuses the run outright.
  let judge: JudgeModel | undefined = options.judgeModel;
  let judgeStatus: RunSummary['judge'] = emptyJudgeSummary('skipped', 'grading with rules only (--no-judge)');
  if (!judge && options.judge !== 'off') {
    if (!cfg.judge) {
      judgeStatus = emptyJudgeSummary('skipped', `no judge configured: add a judge: section to ${folder.configFile}`);
    } else {
      const made = await createOllamaJudge({
        model: cfg.judge.model,
        rubric: cfg.rubric,
        host: cfg.judge.host,
        allowRemoteHost: cfg.judge.allowRemoteHost,
        options: cfg.judge.options,
        keepAlive: cfg.judge.keepAlive,
        timeoutMs: cfg.judge.timeoutMs,
        retries: cfg.judge.retries,
        pinned: folder.pin,
      });
      for (const w of made.ok ? made.check.warnings : made.warnings) options.onWarning?.(w);
      if (made.ok) {
        judge = made.judge;
        if (!folder.pin) options.onWarning?.('the judge is not pinned yet: run `casebook judge pin` to hold future runs to this model build');
      } else if (made.code === 'pin_mismatch') {
        throw new JudgeRefusedError(made.fix && !made.problem.includes(made.fix) ? `${made.problem}: ${made.fix}` : made.problem);
      } else {
        judgeStatus = emptyJudgeSummary('unavailable', made.fix && !made.problem.includes(made.fix) ? `${made.problem}: ${made.fix}` : made.problem);
        options.onWarning?.(`judge unavailable, grading with rules only: ${judgeStatus.message}`);
      }
    }
  }
  store.runs.create({
    id: runId,
    startedAt: now,
    config: { sampling, rules: cfg.rules, rubric: cfg.rubric, judge: cfg.judge ?? null },
    configHash,
    judgePin: judge?.pin,
    windowFrom: result.window.from,
    windowTo: result.window.to,
  });

  // Rules.
  const compiled = compileRules({ rules: cfg.rules });
  const items = new Map<string, GradedItem & { traces: Trace[]; contentHash: string }>();
  let cancelled = false;
  const sampleTraces = result.sample.reduce((n, s) => n + s.traceIds.length, 0);
  const save = (i: GradedItem & { contentHash: string }): void =>
    store.runs.saveItem(runId, {
      conversationKey: i.ref.key,
      traceIds: i.ref.traceIds,
      intent: i.ref.intent,
      stakes: i.ref.stakes,
      weight: i.ref.weight,
      contentHash: i.contentHash,
      rules: i.rules,
      judge: i.judge.kind === 'judged' ? i.judge.result : { status: i.judge.kind, reason: i.judge.reason },
      verdict: i.verdict,
      reasons: i.reasons,
    });
  store.transaction(() => {
    for (const [n, ref] of result.sample.entries()) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const conv = all.get(ref.key);
      if (!conv) continue;
      const sampled: SampledConversation = { ...ref, intent: ref.intent || classifyIntent(conv.info, sampling), stakes: ref.stakes || classifyStakes(conv.info, sampling) };
      const rules: RuleVerdict[] = runRules({ ref: sampled, traces: conv.traces, transcript: conversationTranscript(conv.traces) }, compiled);
      const disposition: JudgeDisposition = judge
        ? { kind: 'skipped', reason: 'waiting for the judge' }
        : judgeStatus.status === 'unavailable'
          ? { kind: 'unavailable', reason: judgeStatus.message ?? 'judge unavailable' }
          : { kind: 'skipped', reason: judgeStatus.message ?? 'judge skipped' };
      const decision = decideVerdict(rules, disposition);
      const item = { ref: sampled, rules, judge: disposition, ...decision, traces: conv.traces, contentHash: conversationContentHash({ traces: conv.traces }) };
      items.set(ref.key, item);
      save(item);
      if (n % 50 === 0) progress({ phase: 'rules', done: n + 1, total: result.sample.length });
    }
  });
  progress({ phase: 'rules', done: items.size, total: result.sample.length });

  // Judge the conversations the rules let through (or all, when configured).
  let judgeSummary = judgeStatus;
  if (judge && !cancelled) {
    const gradeAll = cfg.judge?.grade === 'all';
    const jobs = [...items.values()]
      .filter((i) => gradeAll || !i.rules.some((r) => r.outcome === 'fail'))
      .map((i) => ({ key: i.ref.key, contentHash: i.contentHash, conversation: { id: i.ref.key, traces: i.traces } as Conversation }));
    for (const i of items.values()) {
      if (!jobs.some((j) => j.key === i.ref.key)) {
        i.judge = { kind: 'skipped', reason: 'a rule already failed it' };
        Object.assign(i, decideVerdict(i.rules, i.judge));
        save(i);
      }
    }
    const outcome = await runJudge(judge, jobs, {
      cache: storeCache(store),
      concurrency: cfg.judge?.concurrency ?? 1,
      signal: options.signal,
      onProgress: (p) => progress({ phase: 'judge', done: p.done, total: p.total }),
      onResult: (job, res: JudgeResult) => {
        const i = items.get(job.key);
        if (!i) return;
        i.judge = { kind: 'judged', result: res };
        Object.assign(i, decideVerdict(i.rules, i.judge));
        save(i);
      },
    });
    cancelled = outcome.cancelled;
    judgeSummary = judgeSummaryFrom(outcome.counters, judge.pin);
    // Conversations left unjudged by a cancel stay 'ungraded' with that reason.
    for (const i of items.values()) {
      if (i.judge.kind === 'skipped' && i.judge.reason === 'waiting for the judge') {
        i.judge = { kind: 'skipped', reason: 'the run was interrupted before the judge got to it' };
        Object.assign(i, decideVerdict(i.rules, i.judge));
        save(i);
      }
    }
  }
  if (options.signal?.aborted) cancelled = true;

  // Summary.
  progress({ phase: 'summary', done: 0, total: 1 });
  const finishedAt = Math.max(Date.now(), now);
  const summary = summarizeRun({
    runId,
    startedAt: now,
    finishedAt,
    status: cancelled ? 'cancelled' : 'done',
    window: { from: result.window.from, to: result.window.to, label: options.windowLabel ?? windowLabel(sampling.window) },
    sampling: { mode: sampling.mode, requested: sampling.mode === 'all' ? null : sampling.size, seed: typeof sampling.seed === 'number' ? sampling.seed : 0 },
    population: { traces: populationTraces, conversations: inWindow.length },
    sampleTraces,
    windowIntents,
    judge: judgeSummary,
    items: [...items.values()],
    redaction: summarizeRedaction(store, result.sample.flatMap((c) => c.traceIds), cfg.redaction),
  });
  // The leak scan reads what came from traces; the judge's host and our own markup are not trace data.
  const fromTraces = { failures: summary.failures, intents: summary.intents, rules: summary.rules } as unknown as Json;
  const markdown = writeEvalFile(folder.dir, `runs/${runId}.md`, renderSummaryMarkdown(summary), fromTraces);
  const html = writeEvalFile(folder.dir, `runs/${runId}.html`, renderSummaryHtml(summary), fromTraces);
  store.runs.finish(runId, cancelled ? 'cancelled' : 'done', summary, finishedAt);
  progress({ phase: 'summary', done: 1, total: 1 });
  return { runId, summary, files: { markdown, html } };
}
