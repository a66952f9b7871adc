/**
 * A redaction runner on a second thread: the import parses and writes on its thread while the worker
 * (redaction-worker.ts) redacts the batch before. Units go out in batches and their callbacks run in
 * submission order, at fixed points (pace/drain), so an import's result does not depend on timing.
 *
 * Placeholder state stays consistent because this side decides which scopes the thread holds open: it
 * sends a scope's saved state with the first batch that needs it, and closes a scope (least recently used
 * first) only once the reply carrying its last change has been written to the store. A scope reopened
 * later is therefore read back up to date.
 */
import { Worker } from 'node:worker_threads';
import type { RedactionConfig, RedactionReportJson } from '../redact/index.js';
import type { PseudonymizerState } from '../redact/index.js';
import { describeError, jobScopes, type JobResult, type RedactionJob, type RedactionRunner } from './redaction-jobs.js';
import { readSavedState, type IdStore, type PseudonymStates } from './redaction-transform.js';

/** What the thread starts with. */
export interface ThreadSetup {
  config: RedactionConfig;
  secretKey: Uint8Array;
  /** The redaction mark stored with each trace. */
  mark: string;
  /** The import storing the traces. */
  importId: number;
}

/** From the import to the thread. */
export type ThreadRequest =
  | {
      type: 'batch';
      seq: number;
      /** Scopes to close first (their last state is already saved). */
      drops: string[];
      /** Saved states of the scopes this batch opens (null: none saved). */
      inits: Array<[string, PseudonymizerState | null]>;
      units: RedactionJob[][];
    }
  | { type: 'finish' };

/** From the thread to the import. */
export type ThreadReply =
  | { type: 'batch'; seq: number; states: Array<[string, string]>; results: JobResult[][] }
  | { type: 'report'; report: RedactionReportJson };

/** Options of the thread runner. */
export interface ThreadRunnerOptions extends ThreadSetup {
  /** The compiled redaction-worker.js. */
  workerUrl: URL;
  /** Where saved states are read from when a scope opens. */
  states: Pick<PseudonymStates, 'get'>;
  /** Write a state the thread changed (the import does it inside its transaction). */
  saveState: (scope: string, stateJson: string) => void;
  /** Scopes the thread keeps open (default 2000). */
  maxOpenScopes?: number;
  /** The import's id store: scope names come from the ids as stored (redaction-transform.ts, createIdStore). */
  ids: IdStore;
  /** A batch goes out at this many units (default 64) or this many record bytes (default 256 KiB). */
  batchUnits?: number;
  batchBytes?: number;
}

interface Pending {
  done: (results: JobResult[]) => void;
  /** Set when the unit failed before it was sent (its scope's saved state is damaged). */
  failure?: string;
}

interface Outgoing {
  seq: number;
  drops: string[];
  inits: Array<[string, PseudonymizerState | null]>;
  units: RedactionJob[][];
  pending: Pending[];
  bytes: number;
}

/**
 * Batches sent and not yet applied before the import waits for the oldest: enough to ride out stretches where
 * the thread is the slower side. At 100 MB of OTLP, 4 x 256 KiB was as fast as 8 x 512 KiB and peaked 60 MB lower.
 */
const MAX_IN_FLIGHT = 4;

/** Start a redaction thread; the runner's callbacks run on the caller's thread. */
export function threadRunner(options: ThreadRunnerOptions): RedactionRunner {
  const setup: ThreadSetup = { config: options.config, secretKey: options.secretKey, mark: options.mark, importId: options.importId };
  const worker = new Worker(options.workerUrl, { workerData: setup });
  const maxOpen = options.maxOpenScopes ?? 2000;
  const batchUnits = options.batchUnits ?? 64;
  const batchBytes = options.batchBytes ?? 256 * 1024;
  // Scope → seq of the last batch that used it, least recently used first: a mirror of what the thread holds open.
  const open = new Map<string, number>();
  let appliedSeq = 0;
  let nextSeq = 1;
  let out: Outgoing = fresh();
  const inFlight: Array<{ seq: number; pending: Pending[]; reply: Promise<ThreadReply> }> = [];
  const waiting = new Map<number, { resolve: (r: ThreadReply) => void; reject: (e: Error) => void }>();
  let report: { resolve: (r: RedactionReportJson) => void; reject: (e: Error) => void } | undefined;
  let failed: Error | undefined;

  const failAll = (e: Error): void => {
    failed ??= e;
    for (const w of waiting.values()) w.reject(failed);
    waiting.clear();
    report?.reject(failed);
  };
  worker.on('message', (m: ThreadReply) => {
    if (m.type === 'report') {
      report?.resolve(m.report);
      return;
    }
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    w?.resolve(m);
  });
  worker.on('error', (e) => failAll(new Error(`the redaction thread failed: ${e.message}`)));
  worker.on('exit', (code) => failAll(new Error(`the redaction thread stopped (exit code ${code})`)));

  function fresh(): Outgoing {
    return { seq: nextSeq++, drops: [], inits: [], units: [], pending: [], bytes: 0 };
  }

  /** Make sure the thread holds `scope` open for the outgoing batch; throws for a damaged saved state. */
  function use(scope: string): void {
    if (open.has(scope)) {
      open.delete(scope);
      open.set(scope, out.seq);
      return;
    }
    const state = readSavedState(options.states, scope);
    open.set(scope, out.seq);
    out.inits.push([scope, state ?? null]);
    // Close the least recently used scopes whose last change is already in the store; one still in flight
    // stays open a little longer (the map exceeds its bound by at most what the batches in flight touch).
    for (const [oldest, seq] of open) {
      if (open.size <= maxOpen || seq > appliedSeq) break;
      open.delete(oldest);
      out.drops.push(oldest);
    }
  }

  function send(): void {
    if (out.pending.length === 0) return;
    const batch = out;
    out = fresh();
    const request: ThreadRequest = { type: 'batch', seq: batch.seq, drops: batch.drops, inits: batch.inits, units: batch.units };
    // Waiting for the reply starts now: it can arrive before the import asks for it.
    const reply = new Promise<ThreadReply>((resolve, reject) => {
      if (failed) reject(failed);
      else waiting.set(batch.seq, { resolve, reject });
    });
    // Handled when applied; this keeps an early failure from counting as unhandled meanwhile.
    reply.catch(() => {});
    worker.postMessage(request);
    inFlight.push({ seq: batch.seq, pending: batch.pending, reply });
  }

  async function applyOldest(): Promise<void> {
    const b = inFlight.shift();
    if (!b) return;
    const reply = await b.reply;
    if (reply.type !== 'batch') throw new Error('internal: unexpected reply from the redaction thread');
    for (const [scope, json] of reply.states) options.saveState(scope, json);
    appliedSeq = b.seq;
    b.pending.forEach((p, i) => p.done(p.failure !== undefined ? [{ ok: false, reason: p.failure }] : (reply.results[i] ?? [])));
  }

  return {
    submit(jobs, weight, done) {
      let failure: string | undefined;
      try {
        // Named from the ids as stored, as the thread's transform names them: this side hands it their states.
        for (const job of jobs) for (const scope of jobScopes(job, options.ids)) use(scope);
      } catch (err) {
        failure = describeError(err);
      }
      out.units.push(failure === undefined ? jobs : []);
      out.pending.push({ done, failure });
      out.bytes += weight;
    },
    async pace() {
      if (out.pending.length >= batchUnits || out.bytes >= batchBytes) send();
      while (inFlight.length > MAX_IN_FLIGHT) await applyOldest();
    },
    async drain() {
      // Callbacks may submit more units (an evicted trace's assembly), so loop until nothing is left.
      while (out.pending.length > 0 || inFlight.length > 0) {
        send();
        await applyOldest();
      }
    },
    beforeCommit() {
      // States are written as each reply is applied, before the results that depend on them.
    },
    async finish() {
      await this.drain();
      const done = new Promise<RedactionReportJson>((resolve, reject) => {
        report = { resolve, reject };
        if (failed) reject(failed);
      });
      worker.postMessage({ type: 'finish' } satisfies ThreadRequest);
      const r = await done;
      await worker.terminate();
      return r;
    },
    async abort() {
      failed ??= new Error('the import stopped');
      await worker.terminate();
    },
  };
}
