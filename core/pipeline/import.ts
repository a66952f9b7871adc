/**
 * The import stage: files → records → (redacted) drafts and fragments → SQLite, with progress events,
 * cancellation, per-record error reports, and assembly of fragments once every file has been read.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FormatId, Json } from '../model/trace.js';
import type { FormatParser, ParseContext, RecordLocation } from '../ingest/format.js';
import { detectFormat, MIN_CONFIDENCE } from '../ingest/detect.js';
import { FileReadError, fileSize, readRecords, type ReadItem } from '../ingest/read-records.js';
import { detectableFormats, parserFor, type FormatOptions } from '../ingest/registry.js';
import { sha256Hex } from '../ingest/identity.js';
import type { Store } from '../store/index.js';
import type { UpsertOutcome } from '../store/trace-repository.js';
import { FragmentWindow, type WindowEntry } from './fragment-window.js';
import { limitHeapGrowth } from './heap-growth.js';
import { createIdStore, createRedactionTransform, withStoredKeys, type IdStore } from './redaction-transform.js';
import {
  describeError,
  inlineRunner,
  passThroughRunner,
  type JobResult,
  type RedactionJob,
  type RedactionRunner,
  type StagedFragment,
} from './redaction-jobs.js';
import { threadRunner } from './redaction-thread.js';
import { redactionMark } from './redaction-mark.js';
import { loadOrCreateSecretKey } from './secret-key.js';
import { createKeyedHash, createRedactor, parseRedactionConfig, Pseudonymizer, type RedactionConfigInput, type RedactionReportJson, type Redactor } from '../redact/index.js';

/** A record (or file) that could not be imported. */
export interface ImportError {
  file: string;
  line?: number;
  byteOffset?: number;
  recordIndex?: number;
  reason: string;
}

/** Counts of what happened to traces. */
export interface TraceCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** Per-file outcome. */
export interface FileReport {
  file: string;
  format?: FormatId;
  bytes: number;
  records: number;
  errors: number;
}

/** The final report of an import. */
export interface ImportReport {
  importId: number;
  status: 'done' | 'cancelled';
  files: FileReport[];
  records: number;
  fragments: number;
  traces: TraceCounts;
  errorCount: number;
  /** The first errors (at most 200); all of them are in the database. */
  errors: ImportError[];
  bytes: number;
  durationMs: number;
  /** What redaction masked, by type and field (counts only), or null when redaction was off. */
  redaction: RedactionReportJson | null;
}

/** Progress, emitted at most every `progressIntervalMs` and once at each phase change. */
export interface ImportProgress {
  phase: 'reading' | 'assembling' | 'done';
  file?: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  records: number;
  errors: number;
  traces: TraceCounts;
  elapsedMs: number;
}

/** Options of one import. */
export interface ImportOptions extends FormatOptions {
  /** Skip detection and read every file as this format. */
  format?: FormatId;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  progressIntervalMs?: number;
  /**
   * Redaction (on unless turned off): the eval folder's `redaction:` config and the placeholder key
   * (default: the key file in the data directory). `'off'` stores raw payloads: only on explicit opt-in.
   */
  redaction?: { config?: RedactionConfigInput; secretKey?: Buffer; maxOpenScopes?: number } | 'off';
  /**
   * Redact on a second thread while this one parses and writes: `'auto'` (default) does for imports of
   * 4 MiB or more when the compiled worker exists, `'always'` and `'never'` force the choice.
   */
  redactionThread?: 'auto' | 'always' | 'never';
  /** The compiled redaction worker (default: redaction-worker.js beside this module; tests running from source pass a bundle). */
  redactionWorkerUrl?: URL;
  /** Records per transaction (default 2000): fewer commits, fewer WAL checkpoints. */
  batchSize?: number;
  /** Assemble a trace once this many records pass without a fragment of it (default 64). */
  assemblyWindowRecords?: number;
  /** Payload bytes kept in memory for assembly before the oldest traces are assembled (default 64 MiB). */
  assemblyWindowBytes?: number;
  /** Records sampled for format detection (default 10). */
  detectSample?: number;
  clock?: () => number;
}

const MAX_REPORTED_ERRORS = 200;
/** Items (records and unreadable lines) buffered for format detection at most. */
const MAX_SAMPLE_ITEMS = 10_000;
/** A fragment as the window keeps it for assembly. */
type WindowPayload = { payload: Json } | { text: string };

/** Below this many bytes a second thread costs more to start than it saves. */
const THREAD_MIN_BYTES = 4 * 1024 * 1024;

/** List the files to import: files as given, folders expanded (recursively, sorted, hidden files skipped). */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new FileReadError(p, 'no such file or folder');
    }
    if (info.isDirectory()) {
      const entries = await readdir(abs, { withFileTypes: true });
      const names = entries.filter((e) => !e.name.startsWith('.')).map((e) => e.name).sort();
      out.push(...(await expandPaths(names.map((n) => join(abs, n)))));
    } else if (info.isFile()) out.push(abs);
  }
  return [...new Set(out)];
}

/** Files whose name says CSV use CSV framing; everything else is JSON/JSONL. */
function framingFor(file: string, parser: FormatParser | undefined): 'json' | 'csv' {
  if (parser) return parser.framing === 'csv' && /\.csv(\.gz)?$/i.test(file) ? 'csv' : 'json';
  return /\.csv(\.gz)?$/i.test(file) ? 'csv' : 'json';
}

/** Import files or folders into the store. Never throws for bad records; throws only for unusable arguments. */
export async function importPaths(store: Store, paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
  limitHeapGrowth();
  const clock = options.clock ?? Date.now;
  const started = clock();
  const files = await expandPaths(paths);
  const explicit = options.format ? parserFor(options.format, options) : undefined;
  const sizes = await Promise.all(files.map(fileSize));
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const importId = store.imports.start(files, started);
  const ctxFor = (file: string): ParseContext => ({ file, hash: sha256Hex });
  const batchSize = options.batchSize ?? 2000;
  const interval = options.progressIntervalMs ?? 100;

  const traces: TraceCounts = { added: 0, updated: 0, unchanged: 0 };
  const errors: ImportError[] = [];
  let errorCount = 0;
  let records = 0;
  let fragments = 0;
  let bytesDone = 0;
  let bytesRead = 0;
  let fileIndex = 0;
  let lastProgress = 0;
  const fileReports: FileReport[] = [];

  const progress = (phase: ImportProgress['phase'], file?: string, force = false): void => {
    if (!options.onProgress) return;
    const now = clock();
    if (!force && now - lastProgress < interval) return;
    lastProgress = now;
    options.onProgress({
      phase,
      file,
      fileIndex,
      fileCount: files.length,
      bytesRead: bytesDone + bytesRead,
      bytesTotal,
      records,
      errors: errorCount,
      traces: { ...traces },
      elapsedMs: now - started,
    });
  };
  const cleanReason = reasonCleaner(options);
  const fail = (raw: ImportError): void => {
    const e = { ...raw, reason: cleanReason(raw.reason) };
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    store.imports.addError(importId, {
      file: e.file,
      line: e.line ?? null,
      byteOffset: e.byteOffset ?? null,
      recordIndex: e.recordIndex ?? null,
      reason: e.reason,
    });
  };
  const count = (o: UpsertOutcome): void => {
    traces[o]++;
  };
  const storeRow = (r: JobResult): void => {
    if (!r.ok) throw new Error(r.reason);
    if (!('row' in r)) throw new Error('internal: a trace was expected');
    const outcome = store.traces.upsertRow(r.row);
    // The trace was stored before under its raw id (see Replaced): now one trace, updated.
    if (r.replaces !== undefined && store.traces.remove(r.replaces.traceId)) {
      store.pseudonyms.remove(r.replaces.scope);
      count(outcome === 'added' ? 'updated' : outcome);
    } else count(outcome);
  };

  let inTx = false;
  let sinceCommit = 0;
  const begin = (): void => {
    if (!inTx) store.db.exec('BEGIN');
    inTx = true;
  };
  const { runner, ids } = startRedaction(store, options, importId, bytesTotal, (scope, json) => {
    begin();
    store.pseudonyms.put(scope, json);
  });
  const commit = (): void => {
    if (inTx) runner.beforeCommit();
    if (inTx) store.db.exec('COMMIT');
    inTx = false;
    sinceCommit = 0;
  };

  const detectOrFail = (file: string, sample: readonly ReadItem[]): FormatParser | undefined => {
    const found = detectFormat(
      sample.flatMap((s) => (s.kind === 'record' ? [s.value] : [])),
      detectableFormats(),
    );
    if (found && found.confidence >= MIN_CONFIDENCE) return found.parser;
    const report = fileReports[fileReports.length - 1];
    // The unreadable records of the sample are still worth naming.
    for (const s of sample) {
      if (s.kind !== 'error') continue;
      if (report) report.errors++;
      fail({ file, line: s.location.line, byteOffset: s.location.byteOffset, recordIndex: s.location.index, reason: s.reason });
    }
    if (report) report.errors++;
    fail({
      file,
      reason: `could not detect the format; use --format (one of: ${detectableFormats()
        .map((p) => p.id)
        .concat('generic')
        .join(', ')})`,
    });
    return undefined;
  };

  // Whether the store held fragments of a format when this import began (asked once per format).
  const stagedAtStartCache = new Map<string, boolean>();
  const stagedAtStart = (format: string): boolean => {
    let v = stagedAtStartCache.get(format);
    if (v === undefined) {
      v = store.traces.hasAnyFragments(format);
      stagedAtStartCache.set(format, v);
    }
    return v;
  };
  // Trace keys this import has assembled (and so staged): a later fragment of one must be assembled from the store.
  const assembledKeys = new Set<string>();
  const assembleEntry = (e: WindowEntry<WindowPayload>): void => {
    assembledKeys.add(`${e.parser.id}\u0000${e.traceKey}`);
    if (!e.parser.assemble) return;
    try {
      const staged: Json[] = e.fromStore
        ? store.traces.fragments(e.parser.id, e.traceKey)
        : [...e.fragments.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => ('payload' in v ? v.payload : (JSON.parse(v.text) as Json)));
      const drafts = e.parser.assemble(e.traceKey, staged, ctxFor(e.file));
      // Assembled drafts come from already-redacted fragments: only the assembly step applies.
      const jobs = drafts.map((draft): RedactionJob => ({ kind: 'assembled', format: e.parser.id, traceKey: e.traceKey, draft }));
      runner.submit(jobs, 0, (results) => {
        try {
          begin();
          for (const r of results) storeRow(r);
          if (++sinceCommit >= batchSize) commit();
        } catch (err) {
          failAssembly(e, err);
        }
        progress('assembling');
      });
    } catch (err) {
      // Reported in turn with the results still in flight, so errors stay in the order they happened.
      runner.submit([], 0, () => {
        failAssembly(e, err);
        progress('assembling');
      });
    }
  };
  const failAssembly = (e: WindowEntry<WindowPayload>, err: unknown): void =>
    fail({ file: e.file, reason: `${e.parser.title}: could not assemble trace ${e.traceKey}: ${err instanceof Error ? err.message : String(err)}` });
  const window = new FragmentWindow<WindowPayload>(
    { idleRecords: options.assemblyWindowRecords ?? 64, maxBytes: options.assemblyWindowBytes ?? 64 * 1024 * 1024 },
    assembleEntry,
  );

  let cancelled = false;
  let redaction: RedactionReportJson | null = null;
  try {
    for (const [i, file] of files.entries()) {
      fileIndex = i;
      bytesRead = 0;
      const report: FileReport = { file, bytes: sizes[i] ?? 0, records: 0, errors: 0 };
      fileReports.push(report);
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      progress('reading', file, true);
      let parser = explicit;
      const sample: ReadItem[] = [];
      let sampledRecords = 0;
      const locOf = (l: RecordLocation): ImportError => ({ file, line: l.line, byteOffset: l.byteOffset, recordIndex: l.index, reason: '' });
      // A record is parsed here and redacted by the runner; what it yields is stored when the runner hands
      // the results back (at once, or a batch later from the redaction thread), always in record order.
      /** Name an unreadable line, in turn with the results still in flight; no format is needed for it. */
      const unreadable = (item: Extract<ReadItem, { kind: 'error' }>): void => {
        records++;
        report.records++;
        runner.submit([], 0, () => {
          report.errors++;
          fail({ ...locOf(item.location), reason: item.reason });
        });
      };
      const handle = (item: ReadItem, p: FormatParser): void => {
        if (item.kind === 'error') return unreadable(item);
        records++;
        report.records++;
        const recordNo = records;
        const failRecord = (reason: string): void => {
          report.errors++;
          fail({ ...locOf(item.location), reason });
        };
        let jobs: RedactionJob[];
        try {
          const result = p.parse(item.value, item.location, ctxFor(file));
          jobs = [
            ...result.traces.map((draft): RedactionJob => ({ kind: 'draft', draft })),
            // Staged, windowed and assembled under its keys as stored: a trace key can be anything a source wrote.
            ...result.fragments.map((fragment): RedactionJob => ({ kind: 'fragment', format: p.id, fragment: withStoredKeys(fragment, ids) })),
          ];
        } catch (err) {
          const reason = `${p.title}: ${describeError(err)}`;
          runner.submit([], 0, () => failRecord(reason));
          return;
        }
        runner.submit(jobs, item.bytes, (results) => {
          try {
            begin();
            for (const r of results) {
              if (r.ok && 'staged' in r) stageFragment(p, r.staged, recordNo);
              else storeRow(r);
            }
            window.evict(recordNo);
            if (++sinceCommit >= batchSize) commit();
          } catch (err) {
            failRecord(`${p.title}: ${describeError(err)}`);
          }
        });
      };
      const stageFragment = (p: FormatParser, frag: StagedFragment, recordNo: number): void => {
        // Asked before staging, and only when the key opens a window entry. When the store held no
        // fragment of this format as the import began, only keys this import already assembled can have any.
        const storedBefore = window.has(p.id, frag.traceKey)
          ? false
          : stagedAtStart(p.id)
            ? store.traces.hasFragments(p.id, frag.traceKey)
            : assembledKeys.has(`${p.id}\u0000${frag.traceKey}`);
        if (store.traces.stageFragmentText(p.id, frag.traceKey, frag.fragmentId, frag.text)) fragments++;
        // One form per fragment: the payload where it is at hand (inline), else its text (from the thread).
        const kept: WindowPayload = frag.payload !== undefined ? { payload: frag.payload } : { text: frag.text };
        window.add(p, file, frag.traceKey, frag.fragmentId, kept, frag.text.length, recordNo, storedBefore);
      };
      try {
        const framing = framingFor(file, parser);
        const items = readRecords(file, {
          framing,
          signal: options.signal,
          onDiskBytes: (n) => {
            bytesRead = n;
            progress('reading', file);
          },
        });
        for await (const item of items) {
          if (options.signal?.aborted) {
            cancelled = true;
            break;
          }
          if (!parser) {
            // An unreadable line before any record is an error whatever the format: named now rather than
            // buffered, so a flood of them holds no memory and the records after them are still judged.
            if (item.kind === 'error' && sampledRecords === 0) {
              unreadable(item);
              await runner.pace();
              continue;
            }
            // Buffer the first items until the format is known, then handle them in file order (at most
            // MAX_SAMPLE_ITEMS, unreadable lines between the records included).
            sample.push(item);
            if (item.kind === 'record') sampledRecords++;
            if (sampledRecords < (options.detectSample ?? 10) && sample.length < MAX_SAMPLE_ITEMS) continue;
            parser = detectOrFail(file, sample);
            if (!parser) {
              // Named once: the check after the loop is for files shorter than the sample.
              sample.length = 0;
              break;
            }
            report.format = parser.id;
            for (const s of sample.splice(0)) {
              handle(s, parser);
              await runner.pace();
            }
            continue;
          }
          report.format ??= parser.id;
          handle(item, parser);
          await runner.pace();
          progress('reading', file);
        }
        if (!parser && sample.length > 0 && !cancelled) {
          parser = detectOrFail(file, sample);
          if (parser) {
            report.format = parser.id;
            for (const s of sample.splice(0)) {
              handle(s, parser);
              await runner.pace();
            }
          }
        }
      } catch (err) {
        if (options.signal?.aborted) {
          cancelled = true;
        } else {
          report.errors++;
          // The error names the file in its own field: the reason does not repeat it.
          const reason = err instanceof FileReadError ? err.reason : err instanceof Error ? err.message : String(err);
          fail({ file, reason });
        }
      }
      commit();
      bytesDone += report.bytes;
      bytesRead = 0;
      if (cancelled) break;
    }

    // Every record read is stored, cancelled or not; then the traces still open are assembled from
    // every fragment staged for them.
    await runner.drain();
    progress('assembling', undefined, true);
    // One at a time, so that the redaction thread works on the first while the next is assembled.
    while (window.closeOldest()) await runner.pace();
    await runner.drain();
    commit();
    redaction = await runner.finish();
  } catch (err) {
    await runner.abort();
    if (inTx) store.db.exec('ROLLBACK');
    store.imports.finish(importId, 'failed', { error: err instanceof Error ? err.message : String(err) }, clock());
    throw err;
  }

  const report: ImportReport = {
    importId,
    status: cancelled ? 'cancelled' : 'done',
    files: fileReports,
    records,
    fragments,
    traces,
    errorCount,
    errors,
    bytes: bytesTotal,
    durationMs: clock() - started,
    redaction,
  };
  store.imports.finish(importId, report.status, { ...report, errors: undefined }, clock());
  // Replaced traces (a re-import under another redaction) can leave a conversation's placeholder state
  // behind under an id no trace has any more (one now stored hashed, core/redact/stored-id.ts);
  // their old pages sit in the WAL too.
  if (traces.updated > 0) {
    store.pseudonyms.pruneOrphanConversations();
    store.truncateWal();
  }
  progress('done', undefined, true);
  return report;
}


/**
 * Error reasons are stored and shown, and some quote the input ("got keys: …", a CSV field, a file's first
 * words): with redaction on they are redacted like a trace's text. The redactor is built on the first
 * error only (its word lists cost a tenth of a second), on this thread, since the trace redactor may run
 * on another; the placeholders are throwaway (never saved).
 */
function reasonCleaner(options: ImportOptions): (reason: string) => string {
  if (options.redaction === 'off') return (reason) => reason;
  const config = options.redaction?.config ?? {};
  let redactor: Redactor | undefined;
  return (reason) => {
    try {
      redactor ??= createRedactor(config);
      return redactor.redactText(reason, new Pseudonymizer((s) => s));
    } catch {
      // A configuration the trace redactor refused fails the import anyway; say nothing of the input.
      return 'the reason was withheld: it could not be redacted';
    }
  };
}

/**
 * The redaction runner an import uses (none, on this thread, or on a second one: see
 * ImportOptions.redactionThread) and how it stores ids, which the import needs to stage fragments under
 * the keys the runner will name them by (the identity when redaction is off).
 */
function startRedaction(
  store: Store,
  options: ImportOptions,
  importId: number,
  bytesTotal: number,
  saveState: (scope: string, json: string) => void,
): { runner: RedactionRunner; ids: IdStore } {
  if (options.redaction === 'off') return { runner: passThroughRunner(importId), ids: (_kind, id) => ({ id, hidden: undefined }) };
  const secretKey = options.redaction?.secretKey ?? loadOrCreateSecretKey();
  const maxOpenScopes = options.redaction?.maxOpenScopes;
  // Parsing rejects a bad custom pattern, so the import fails here, before anything starts.
  const config = parseRedactionConfig(options.redaction?.config ?? {});
  const mark = redactionMark(config);
  const workerUrl = options.redactionWorkerUrl ?? new URL('./redaction-worker.js', import.meta.url);
  const mode = options.redactionThread ?? 'auto';
  const threaded = mode === 'always' || (mode === 'auto' && bytesTotal >= THREAD_MIN_BYTES && existsSync(fileURLToPath(workerUrl)));
  if (!threaded) {
    const transform = createRedactionTransform(store, { config, secretKey, maxOpenScopes });
    return { runner: inlineRunner(transform, mark, importId), ids: transform.ids };
  }
  const ids = createIdStore(createRedactor(config), createKeyedHash(secretKey));
  return { runner: threadRunner({ workerUrl, config, secretKey, mark, importId, states: store.pseudonyms, saveState, maxOpenScopes, ids }), ids };
}
