/**
 * Grading many conversations with the judge: the judgment cache first, then the judge with bounded
 * concurrency, with progress, cancellation and the counters the run summary shows. Holds no
 * transaction: the cache port is synchronous and each result is handed out as soon as it exists, so an
 * interrupted run loses at most the judgments in flight.
 */
import type { JudgeResult } from '../model/grade.js';
import type { Conversation } from '../model/trace.js';
import { ungradedCode, type UngradedCode } from './parse.js';
import { pinKey, type JudgePin } from './pin.js';

/** The judge as the runner sees it (implemented over Ollama in ollama-judge.ts, by fakes in tests). */
export interface JudgeModel {
  /** The pin every judgment of this judge is recorded and cached under. */
  readonly pin: JudgePin;
  /** Grade one conversation; never throws for judge trouble: that is an 'ungraded' result. */
  grade(conversation: Conversation, signal?: AbortSignal): Promise<JudgeResult>;
}

/** Judgments by (conversation content hash, pin key). The store implements it in SQLite. */
export interface JudgmentCache {
  get(contentHash: string, pinKey: string): JudgeResult | undefined;
  put(contentHash: string, pinKey: string, result: JudgeResult): void;
}

/** An in-memory JudgmentCache, for tests and one-off runs. */
export class MemoryJudgmentCache implements JudgmentCache {
  private readonly map = new Map<string, JudgeResult>();
  /** Number of stored judgments. */
  get size(): number {
    return this.map.size;
  }
  /** The cached judgment, if any. */
  get(contentHash: string, key: string): JudgeResult | undefined {
    return this.map.get(`${contentHash}\u0000${key}`);
  }
  /** Store a judgment. */
  put(contentHash: string, key: string, result: JudgeResult): void {
    this.map.set(`${contentHash}\u0000${key}`, result);
  }
}

/** One conversation to judge, with its content hash (pin.ts conversationContentHash). */
export interface JudgeJob {
  key: string;
  contentHash: string;
  conversation: Conversation;
}

/** What the run summary reports about the judge. */
export interface JudgeCounters {
  conversations: number;
  /** Conversations sent to the judge (a retried call counts once). */
  calls: number;
  cacheHits: number;
  graded: number;
  promptTokens: number;
  completionTokens: number;
  /** Sum of the server's total_duration over the calls. */
  judgeMs: number;
  /** Wall time of the whole judging stage. */
  wallMs: number;
  ungraded: number;
  ungradedByReason: Partial<Record<UngradedCode | 'other', number>>;
  /** Conversations not judged because the run was cancelled (judged on the next run). */
  cancelled: number;
}

/** Progress after each conversation. */
export interface JudgeProgress {
  done: number;
  total: number;
  counters: JudgeCounters;
}

export interface RunJudgeOptions {
  cache: JudgmentCache;
  /** Judge calls in flight at most; 1 keeps Ollama deterministic (ollama-api.md 1.10). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: JudgeProgress) => void;
  /** Called with each final result (cached or fresh, not cancelled) as soon as it exists. */
  onResult?: (job: JudgeJob, result: JudgeResult) => void;
}

export interface JudgeRunResult {
  results: Map<string, JudgeResult>;
  counters: JudgeCounters;
  cancelled: boolean;
}

/** A p-limit: run at most `n` of the given tasks at once. */
export function limitConcurrency(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`concurrency must be a positive integer, got ${n}`);
  let active = 0;
  const queue: Array<() => void> = [];
  const next = (): void => {
    active--;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const run = (): void => {
        active++;
        task().then(resolve, reject).finally(next);
      };
      if (active < n) run();
      else queue.push(run);
    });
}

/** Empty counters. */
export function emptyCounters(): JudgeCounters {
  return {
    conversations: 0,
    calls: 0,
    cacheHits: 0,
    graded: 0,
    promptTokens: 0,
    completionTokens: 0,
    judgeMs: 0,
    wallMs: 0,
    ungraded: 0,
    ungradedByReason: {},
    cancelled: 0,
  };
}

/**
 * Judge every job: a cached judgment under the judge's pin is reused without a call; otherwise the
 * judge is called and a 'graded' result is cached. Ungraded results are not cached, so the next run
 * tries them again; cancelled ones are neither cached nor reported.
 */
export async function runJudge(judge: JudgeModel, jobs: readonly JudgeJob[], options: RunJudgeOptions): Promise<JudgeRunResult> {
  const started = performance.now();
  const key = pinKey(judge.pin);
  const counters = emptyCounters();
  counters.conversations = jobs.length;
  const results = new Map<string, JudgeResult>();
  const limit = limitConcurrency(options.concurrency ?? 1);
  const { signal } = options;
  let done = 0;

  const finish = (job: JudgeJob, result: JudgeResult): void => {
    results.set(job.key, result);
    if (result.status === 'graded') {
      counters.graded++;
    } else {
      counters.ungraded++;
      const code = ungradedCode(result.reason);
      counters.ungradedByReason[code] = (counters.ungradedByReason[code] ?? 0) + 1;
    }
    options.onResult?.(job, result);
  };
  const progress = (): void => {
    done++;
    counters.wallMs = performance.now() - started;
    options.onProgress?.({ done, total: jobs.length, counters });
  };

  const pending: Array<Promise<void>> = [];
  for (const job of jobs) {
    const hit = options.cache.get(job.contentHash, key);
    if (hit) {
      counters.cacheHits++;
      finish(job, { ...hit, cached: true });
      progress();
      continue;
    }
    pending.push(
      limit(async () => {
        if (signal?.aborted) {
          counters.cancelled++;
          return;
        }
        counters.calls++;
        let result: JudgeResult;
        try {
          result = await judge.grade(job.conversation, signal);
        } catch (error) {
          // A judge must not throw, but one bad conversation must not sink the others' results.
          result = { status: 'ungraded', reason: `server_error: the judge failed unexpectedly (${(error as Error).name})`, cached: false };
        }
        if (result.status === 'ungraded' && ungradedCode(result.reason) === 'cancelled') {
          counters.cancelled++;
          return;
        }
        if (result.status === 'graded') {
          counters.promptTokens += result.promptTokens ?? 0;
          counters.completionTokens += result.completionTokens ?? 0;
          counters.judgeMs += result.durationMs ?? 0;
          options.cache.put(job.contentHash, key, result);
        }
        finish(job, result);
        progress();
      }),
    );
  }
  await Promise.all(pending);
  counters.wallMs = performance.now() - started;
  return { results, counters, cancelled: signal?.aborted === true };
}
