/**
 * Redaction as jobs: the import hands each record's drafts and fragments (and each assembled trace) to a
 * runner as one unit, and stores the results when the unit's callback runs. The inline runner redacts at
 * once on the import's thread; the thread runner (redaction-thread.ts) redacts on a second core while the
 * import parses and writes. Both run the same transform, so they store the same bytes.
 */
import type { FormatId, Json, TraceDraft } from '../model/trace.js';
import type { Fragment } from '../ingest/format.js';
import { identify, traceId } from '../ingest/identity.js';
import type { RedactionReportJson } from '../redact/index.js';
import { traceRow, type TraceRow } from '../store/trace-repository.js';
import { assembledScope, draftScope, fragmentScope, traceScope, withStoredIds, type IdStore, type RedactionTransform } from './redaction-transform.js';
import { RAW_MARK } from './redaction-mark.js';

/** One thing to redact. Plain data, so it can cross to a worker thread. */
export type RedactionJob =
  | { kind: 'draft'; draft: TraceDraft }
  | { kind: 'fragment'; format: FormatId; fragment: Fragment }
  | { kind: 'assembled'; format: FormatId; traceKey: string; draft: TraceDraft };

/** A redacted fragment ready to stage: its JSON text, and the payload itself where it did not cross threads. */
export interface StagedFragment {
  traceKey: string;
  fragmentId: string;
  text: string;
  payload?: Json;
}

/**
 * A job's outcome, in the form the store takes it (a trace row, a fragment's text), so that the thread doing
 * the redaction also does the serialising and hashing; or why the job failed (a unit stops at its first failure).
 */
export type JobResult = { ok: true; row: TraceRow; replaces?: Replaced } | { ok: true; staged: StagedFragment } | { ok: false; reason: string };

/**
 * A trace an older build stored under its raw source id, which held PII: the trace now stored under the
 * hashed id replaces it, and the placeholder scope named by the raw id goes with it.
 */
export interface Replaced {
  traceId: string;
  scope: string;
}

/** How a unit is run. */
export interface UnitOptions {
  /** Redaction; undefined when it is off. */
  transform: RedactionTransform | undefined;
  /** Keep each fragment's payload beside its text (not worth copying across threads: the text is enough). */
  keepPayload: boolean;
  /** How the stored traces are redacted (redaction-mark.ts). */
  mark: string;
  /** The import storing them. */
  importId: number;
}

function rowOf(draft: TraceDraft, o: UnitOptions): TraceRow {
  const { trace, contentJson } = identify(draft);
  return traceRow(trace, Date.now(), contentJson, o.mark, o.importId);
}

/** Run one job; a failure becomes a result, not a throw. */
export function runJob(job: RedactionJob, options: UnitOptions): JobResult {
  const t = options.transform;
  try {
    switch (job.kind) {
      case 'draft': {
        const out = t ? t.draft(job.draft) : job.draft;
        const raw = job.draft.source;
        if (out.source.sourceTraceId === raw.sourceTraceId) return { ok: true, row: rowOf(out, options) };
        const replaces = { traceId: traceId(raw.format, raw.sourceTraceId), scope: traceScope(raw.format, raw.sourceTraceId) };
        return { ok: true, row: rowOf(out, options), replaces };
      }
      case 'assembled':
        return { ok: true, row: rowOf(t ? t.assembled(job.format, job.traceKey, job.draft) : job.draft, options) };
      case 'fragment': {
        const f = t ? t.fragment(job.format, job.fragment) : job.fragment;
        const text = JSON.stringify(f.payload);
        return { ok: true, staged: { traceKey: f.traceKey, fragmentId: f.fragmentId, text, ...(options.keepPayload ? { payload: f.payload } : {}) } };
      }
    }
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  }
}

/** The jobs of a unit in order, stopping after the first that fails (later ones would allocate placeholders for nothing). */
export function runUnit(jobs: readonly RedactionJob[], options: UnitOptions): JobResult[] {
  const out: JobResult[] = [];
  for (const job of jobs) {
    const r = runJob(job, options);
    out.push(r);
    if (!r.ok) break;
  }
  return out;
}

/** The placeholder scopes a job reads and writes, named as the transform names them (from the ids as stored). */
export function jobScopes(job: RedactionJob, ids: IdStore): string[] {
  switch (job.kind) {
    case 'draft':
      return [draftScope(withStoredIds(job.draft, ids))];
    case 'fragment':
      return [fragmentScope(job.format, job.fragment.traceKey, ids)];
    case 'assembled':
      return [fragmentScope(job.format, job.traceKey, ids), assembledScope(job.format, job.traceKey, withStoredIds(job.draft, ids), ids)];
  }
}

/** Why a job failed, as the import reports it. */
export function describeError(err: unknown): string {
  if (err instanceof RangeError) return 'record nested too deeply to process';
  return err instanceof Error ? err.message : String(err);
}

/** Runs redaction units for an import, in submission order. */
export interface RedactionRunner {
  /** Queue one unit; `done` gets its results, in order, once they are ready (at once, or at a later pace/drain). */
  submit(jobs: RedactionJob[], weight: number, done: (results: JobResult[]) => void): void;
  /** Let results catch up when too much is in flight (the import awaits this between records). */
  pace(): Promise<void>;
  /** Wait until every submitted unit's `done` has run. */
  drain(): Promise<void>;
  /** Called inside the transaction just before each commit. */
  beforeCommit(): void;
  /** What redaction masked (null when it was off); ends the runner. */
  finish(): Promise<RedactionReportJson | null>;
  /** Stop at once (the import failed); pending callbacks never run. */
  abort(): Promise<void>;
}

/** A runner that redacts each unit as it is submitted, on the calling thread, for import `importId`; `mark` says how (redaction-mark.ts). */
export function inlineRunner(transform: RedactionTransform, mark: string, importId: number): RedactionRunner {
  return {
    submit: (jobs, _weight, done) => done(runUnit(jobs, { transform, keepPayload: true, mark, importId })),
    pace: async () => {},
    drain: async () => {},
    beforeCommit: () => transform.beforeCommit(),
    finish: async () => transform.report.toJSON(),
    abort: async () => {},
  };
}

/** The runner of import `importId` with redaction off: every job is stored as it went in. */
export function passThroughRunner(importId: number): RedactionRunner {
  return {
    submit: (jobs, _weight, done) => done(runUnit(jobs, { transform: undefined, keepPayload: true, mark: RAW_MARK, importId })),
    pace: async () => {},
    drain: async () => {},
    beforeCommit: () => {},
    finish: async () => null,
    abort: async () => {},
  };
}
