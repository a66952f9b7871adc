/**
 * The contract's implementation over the store and the import pipeline. Electron's IPC registration and the
 * web bridge both call `service.call(method, payload)`, so validation and error mapping live here once.
 * Reads use the service's own connection; imports run in a worker thread with a connection of its own.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { ImportProgress as PipelineProgress, ImportReport as PipelineReport } from '../pipeline/import.js';
import { TraceFilter } from '../model/query.js';
import { RunSummary } from '../model/run.js';
import type { RunProgress as PipelineRunProgress } from '../pipeline/run.js';
import type { RunRow } from '../store/run-repository.js';
import { Store } from '../store/index.js';
import {
  ApiError,
  methods,
  type ApiErrorBody,
  type Envelope,
  type EventName,
  type EventOf,
  type ImportEvent,
  type ImportProgress,
  type ImportReport,
  type MethodName,
  type ParsedRequestOf,
  type ResponseOf,
  type RunEvent,
  type RunListItem,
  type RunProgress,
} from './contract.js';
import type { ImportJobInput, WorkerMessage } from './import-worker.js';
import type { RunJobInput, RunWorkerMessage } from './run-worker.js';
import type { ServiceMessage } from './worker-job.js';
import { modesDecide, modesList } from './modes.js';
import { reviewDecide, reviewItems } from './review.js';
import { loadEvalFolder } from '../config/eval-folder.js';
import { storedRedaction, type StoredRedaction } from '../pipeline/redaction-mark.js';

// The contract mirrors the pipeline's report types; these lines fail to compile if they drift apart.
const reportFits = (r: PipelineReport): ImportReport => r;
const progressFits = (p: PipelineProgress): ImportProgress => p;
const runProgressFits = (p: PipelineRunProgress): RunProgress => p;
void reportFits;
void progressFits;
void runProgressFits;

/** The function behind each method, receiving the already-validated request. */
export type Handlers = { [M in MethodName]: (request: ParsedRequestOf<M>) => Promise<ResponseOf<M>> };

/** The app service: validated calls, import events, and shutdown. */
export interface CasebookService {
  readonly dbPath: string;
  /** Validate `payload` against the method's schema, run it, and wrap the outcome in an envelope. */
  call(method: string, payload: unknown): Promise<Envelope<unknown>>;
  /** Listen to import events of every job; returns the unsubscribe function. */
  onImportEvent(listener: (event: ImportEvent) => void): () => void;
  /** Listen to run events of every run job; returns the unsubscribe function. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;
  /** Listen to one contract event by name (what IPC registration iterates); returns the unsubscribe function. */
  onEvent<E extends EventName>(name: E, listener: (event: EventOf<E>) => void): () => void;
  /** Stop running imports and close the database. */
  close(): Promise<void>;
}

/** How the service is wired to its environment. */
export interface ServiceOptions {
  dbPath: string;
  /** Ask the user for files to import (a native dialog in Electron; injected by tests and the web bridge). */
  pickFiles: () => Promise<string[]>;
  /** Defaults to the version in package.json. */
  version?: string;
  /** The compiled import worker; defaults to import-worker.js beside this module. */
  workerUrl?: URL;
  /** The eval folder runs read their configuration from and write summaries to; defaults to `eval` in the cwd. */
  evalDir?: string;
  /** The compiled run worker; defaults to run-worker.js beside this module. */
  runWorkerUrl?: URL;
  /** How long a cancelled job may take to stop on its own before its thread is terminated. */
  cancelGraceMs?: number;
}

/** A recorded run as the list shows it; a summary that no longer parses (an older shape) just shows no counts. */
function runListItem(row: RunRow): RunListItem {
  const parsed = RunSummary.safeParse(row.summary);
  const summary = parsed.success ? parsed.data : undefined;
  return {
    id: row.id,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    status: row.status,
    windowLabel: summary?.window.label ?? null,
    sampled: summary?.sample.conversations ?? null,
    verdicts: summary?.verdicts ?? null,
  };
}

/** An error a handler raises on purpose, mapped to a typed envelope. */
export class ServiceError extends ApiError {}

interface Job {
  worker: Worker;
  finished: boolean;
  killTimer?: NodeJS.Timeout;
}

interface RunJob extends Job {
  /** The `now` the run was started with, which is its row's started_at. */
  startedAt: number;
}

/** Create the service over the database at `dbPath` (created and migrated if needed). */
export function createService(options: ServiceOptions): CasebookService {
  const store = Store.open(options.dbPath);
  const version = options.version ?? packageVersion();
  const workerUrl = options.workerUrl ?? new URL('./import-worker.js', import.meta.url);
  const cancelGraceMs = options.cancelGraceMs ?? 5000;
  const evalDir = resolve(options.evalDir ?? 'eval');
  // Read per call: the team may edit casebook.yaml while the app is open. A broken one is reported by the
  // import that uses it; here it only means the comparison cannot be made.
  const storedRedactionNow = (): StoredRedaction | null => {
    try {
      return storedRedaction(store, loadEvalFolder(evalDir).config.redaction);
    } catch {
      return null;
    }
  };
  const runWorkerUrl = options.runWorkerUrl ?? new URL('./run-worker.js', import.meta.url);
  const eventListeners: { [E in EventName]: Set<(event: EventOf<E>) => void> } = {
    'import.onProgress': new Set(),
    'runs.onProgress': new Set(),
  };
  const listeners = eventListeners['import.onProgress'];
  const jobs = new Map<string, Job>();
  const runJobs = new Map<string, RunJob>();

  const emitTo = <E extends EventName>(name: E, event: EventOf<E>): void => {
    for (const listener of eventListeners[name]) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window, a dropped SSE client) must not starve the others.
      }
    }
  };
  const emit = (event: ImportEvent): void => emitTo('import.onProgress', event);

  const finish = (jobId: string, job: Job, event: ImportEvent): void => {
    if (job.finished) return;
    job.finished = true;
    if (job.killTimer) clearTimeout(job.killTimer);
    jobs.delete(jobId);
    emit(event);
  };

  const startJob = (input: ImportJobInput): string => {
    if (workerUrl.protocol === 'file:' && !existsSync(fileURLToPath(workerUrl))) {
      throw new ServiceError('internal', `the import worker is not built (${fileURLToPath(workerUrl)}); run npm run build:core`);
    }
    const jobId = randomUUID();
    const worker = new Worker(workerUrl, { workerData: input });
    const job: Job = { worker, finished: false };
    jobs.set(jobId, job);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') emit({ jobId, kind: 'progress', progress: m.progress });
      else if (m.type === 'done') finish(jobId, job, { jobId, kind: 'done', report: m.report });
      else finish(jobId, job, { jobId, kind: 'error', error: m.message });
    });
    worker.on('error', (err) => finish(jobId, job, { jobId, kind: 'error', error: err.message }));
    worker.on('exit', (code) =>
      finish(jobId, job, {
        jobId,
        kind: 'error',
        error: job.killTimer ? 'import cancelled: the import was stopped' : `the import stopped unexpectedly (exit code ${code})`,
      }),
    );
    return jobId;
  };

  /** A run whose thread ended without its summary still reads 'running' in the database: record it as failed. */
  const markAbandoned = (startedAt: number): void => {
    try {
      for (const row of store.runs.list(20)) {
        if (row.status === 'running' && row.startedAt === startedAt) store.runs.finish(row.id, 'failed', null);
      }
    } catch {
      // The database may already be closed at shutdown; the row stays 'running', which the list shows.
    }
  };

  const finishRun = (jobId: string, job: RunJob, event: RunEvent): void => {
    if (job.finished) return;
    job.finished = true;
    if (job.killTimer) clearTimeout(job.killTimer);
    runJobs.delete(jobId);
    if (event.kind === 'error') markAbandoned(job.startedAt);
    emitTo('runs.onProgress', event);
  };

  const startRun = (input: RunJobInput): string => {
    if (runWorkerUrl.protocol === 'file:' && !existsSync(fileURLToPath(runWorkerUrl))) {
      throw new ServiceError('internal', `the run worker is not built (${fileURLToPath(runWorkerUrl)}); run npm run build:core`);
    }
    const jobId = randomUUID();
    const worker = new Worker(runWorkerUrl, { workerData: input });
    const job: RunJob = { worker, finished: false, startedAt: input.now };
    runJobs.set(jobId, job);
    worker.on('message', (m: RunWorkerMessage) => {
      if (m.type === 'progress') emitTo('runs.onProgress', { jobId, kind: 'progress', progress: m.progress });
      else if (m.type === 'warning') emitTo('runs.onProgress', { jobId, kind: 'warning', message: m.message });
      else if (m.type === 'done') finishRun(jobId, job, { jobId, kind: 'done', runId: m.runId, summary: m.summary });
      else finishRun(jobId, job, { jobId, kind: 'error', error: m.message });
    });
    worker.on('error', (err) => finishRun(jobId, job, { jobId, kind: 'error', error: err.message }));
    worker.on('exit', (code) =>
      finishRun(jobId, job, {
        jobId,
        kind: 'error',
        error: job.killTimer ? 'run cancelled: the run was stopped' : `the run stopped unexpectedly (exit code ${code})`,
      }),
    );
    return jobId;
  };

  const handlers: Handlers = {
    'traces.list': async (filter) => store.traces.list(filter ?? TraceFilter.parse({})),
    'traces.get': async ({ id }) => {
      const trace = store.traces.get(id);
      if (!trace) throw new ServiceError('not_found', `no trace with id ${id}`);
      const conversation = trace.conversationId ? store.traces.conversation(trace.conversationId) : [];
      return { trace, conversation };
    },
    'import.pickFiles': async () => options.pickFiles(),
    'import.start': async ({ paths, format }) => {
      // One writer at a time: a second import would only wait on SQLite's lock and confuse the progress view.
      if (jobs.size > 0) throw new ServiceError('busy', 'an import is already running; wait for it or cancel it');
      return { jobId: startJob({ dbPath: options.dbPath, evalDir, paths, format }) };
    },
    'import.cancel': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job || job.finished) return { cancelled: false };
      job.worker.postMessage({ type: 'cancel' } satisfies ServiceMessage);
      // A job stuck inside one long synchronous step cannot see the abort signal; stop its thread instead.
      job.killTimer ??= setTimeout(() => void job.worker.terminate(), cancelGraceMs);
      return { cancelled: true };
    },
    'app.info': async () => ({ version, dbPath: options.dbPath, traceCount: store.traces.count(), storedRedaction: storedRedactionNow() }),
    'runs.list': async (request) => store.runs.list(request?.limit ?? 50).map(runListItem),
    'runs.get': async ({ id }) => {
      const row = store.runs.get(id);
      if (!row) throw new ServiceError('not_found', `no run with id ${id}`);
      const summary = RunSummary.safeParse(row.summary);
      const items = store.runs.items(id).map((i) => ({
        conversationKey: i.conversationKey,
        intent: i.intent,
        verdict: i.verdict,
        reasons: i.reasons,
        traceIds: i.traceIds,
      }));
      return { run: runListItem(row), summary: summary.success ? summary.data : null, items };
    },
    'runs.start': async ({ since, sampleSize, all, judge }) => {
      // One run at a time, and not over an import still writing: the window would change under the sample.
      if (runJobs.size > 0) throw new ServiceError('busy', 'a run is already in progress; wait for it or cancel it');
      if (jobs.size > 0) throw new ServiceError('busy', 'an import is running; start the run once it has finished');
      return { jobId: startRun({ dbPath: options.dbPath, evalDir, since, sampleSize, all, judge: judge === 'off' ? 'off' : 'auto', now: Date.now() }) };
    },
    'runs.cancel': async ({ jobId }) => {
      const job = runJobs.get(jobId);
      if (!job || job.finished) return { cancelled: false };
      job.worker.postMessage({ type: 'cancel' } satisfies ServiceMessage);
      // The rules layer runs in one synchronous transaction; if it does not stop in time, stop its thread.
      job.killTimer ??= setTimeout(() => void job.worker.terminate(), cancelGraceMs);
      return { cancelled: true };
    },
    'review.list': async () => reviewItems(evalDir),
    'review.decide': async (request) => reviewDecide(evalDir, request),
    'modes.list': async () => modesList(evalDir),
    // The eval folder records calendar dates only (UTC, as `casebook modes` does).
    'modes.decide': async (request) => modesDecide(evalDir, request, new Date().toISOString().slice(0, 10)),
  };

  return {
    dbPath: options.dbPath,
    call: (method, payload) => dispatch(handlers, method, payload),
    onImportEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onRunEvent(listener) {
      const set = eventListeners['runs.onProgress'];
      set.add(listener);
      return () => set.delete(listener);
    },
    onEvent(name, listener) {
      const set = eventListeners[name];
      set.add(listener);
      return () => set.delete(listener);
    },
    async close() {
      // Terminated runs would otherwise stay 'running' in the database.
      for (const [jobId, job] of runJobs) finishRun(jobId, job, { jobId, kind: 'error', error: 'the app closed during the run' });
      await Promise.all([...jobs.values(), ...runJobs.values()].map((j) => j.worker.terminate()));
      jobs.clear();
      runJobs.clear();
      for (const set of Object.values(eventListeners)) set.clear();
      store.close();
    },
  };
}

/** True when `name` is a method of the contract (and not an inherited property). */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Validate and run one call; every failure becomes a typed envelope without a stack trace. */
export async function dispatch(handlers: Handlers, method: string, payload: unknown): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) return failure({ code: 'unknown_method', message: `unknown method ${JSON.stringify(method)}` });
  const schema: z.ZodType = methods[method].request;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return failure({
      code: 'invalid_request',
      message: `invalid request for ${method}`,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  try {
    const handler = handlers[method] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof ApiError) return failure({ code: err.code, message: err.message, issues: err.issues });
    return failure({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
  }
}

function failure(error: ApiErrorBody): Envelope<never> {
  return { ok: false, error: error.issues === undefined ? { code: error.code, message: error.message } : error };
}

/** The version in Casebook's package.json, found by walking up from this module (source or dist). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'casebook' && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}
