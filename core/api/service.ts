/**
 * The contract's implementation over the store and the import pipeline. Electron's IPC registration and the
 * web bridge both call `service.call(method, payload)`, so validation and error mapping live here once.
 * Reads use the service's own connection; imports run in a worker thread with a connection of its own.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { ImportProgress as PipelineProgress, ImportReport as PipelineReport } from '../pipeline/import.js';
import { TraceFilter } from '../model/query.js';
import { Store } from '../store/index.js';
import {
  ApiError,
  methods,
  type ApiErrorBody,
  type Envelope,
  type ImportEvent,
  type ImportProgress,
  type ImportReport,
  type MethodName,
  type ParsedRequestOf,
  type ResponseOf,
} from './contract.js';
import type { ImportJobInput, ServiceMessage, WorkerMessage } from './import-worker.js';

// The contract mirrors the pipeline's report types; these lines fail to compile if they drift apart.
const reportFits = (r: PipelineReport): ImportReport => r;
const progressFits = (p: PipelineProgress): ImportProgress => p;
void reportFits;
void progressFits;

/** The function behind each method, receiving the already-validated request. */
export type Handlers = { [M in MethodName]: (request: ParsedRequestOf<M>) => Promise<ResponseOf<M>> };

/** The app service: validated calls, import events, and shutdown. */
export interface CasebookService {
  readonly dbPath: string;
  /** Validate `payload` against the method's schema, run it, and wrap the outcome in an envelope. */
  call(method: string, payload: unknown): Promise<Envelope<unknown>>;
  /** Listen to import events of every job; returns the unsubscribe function. */
  onImportEvent(listener: (event: ImportEvent) => void): () => void;
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
  /** How long a cancelled job may take to stop on its own before its thread is terminated. */
  cancelGraceMs?: number;
}

/** An error a handler raises on purpose, mapped to a typed envelope. */
export class ServiceError extends ApiError {}

interface Job {
  worker: Worker;
  finished: boolean;
  killTimer?: NodeJS.Timeout;
}

/** Create the service over the database at `dbPath` (created and migrated if needed). */
export function createService(options: ServiceOptions): CasebookService {
  const store = Store.open(options.dbPath);
  const version = options.version ?? packageVersion();
  const workerUrl = options.workerUrl ?? new URL('./import-worker.js', import.meta.url);
  const cancelGraceMs = options.cancelGraceMs ?? 5000;
  const listeners = new Set<(event: ImportEvent) => void>();
  const jobs = new Map<string, Job>();

  const emit = (event: ImportEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window, a dropped SSE client) must not starve the others.
      }
    }
  };

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
      return { jobId: startJob({ dbPath: options.dbPath, paths, format }) };
    },
    'import.cancel': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job || job.finished) return { cancelled: false };
      job.worker.postMessage({ type: 'cancel' } satisfies ServiceMessage);
      // A job stuck inside one long synchronous step cannot see the abort signal; stop its thread instead.
      job.killTimer ??= setTimeout(() => void job.worker.terminate(), cancelGraceMs);
      return { cancelled: true };
    },
    'app.info': async () => ({ version, dbPath: options.dbPath, traceCount: store.traces.count() }),
  };

  return {
    dbPath: options.dbPath,
    call: (method, payload) => dispatch(handlers, method, payload),
    onImportEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await Promise.all([...jobs.values()].map((j) => j.worker.terminate()));
      jobs.clear();
      listeners.clear();
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
