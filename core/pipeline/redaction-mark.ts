/**
 * The mark a trace is stored with that says how it was redacted: `raw`, or the redactor version and a hash of
 * the redaction configuration. Comparing the stored marks with the current one tells a team which traces
 * predate their stricter configuration (a new deny-list entry) or a redactor fix.
 */
import { createHash } from 'node:crypto';
import type { RunRedaction } from '../model/run.js';
import { countsMostFirst, parseRedactionConfig, type RedactionConfig, type RedactionConfigInput } from '../redact/index.js';
import { REDACTOR_VERSION } from '../redact/version.js';
import type { Store } from '../store/index.js';

/** The mark of traces imported with redaction off. */
export const RAW_MARK = 'raw';

/** The mark of traces redacted now under `config` (validated). */
export function redactionMark(config: RedactionConfig): string {
  return `v${REDACTOR_VERSION}:${createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 12)}`;
}

/** Stored traces by how they compare with the current mark. */
export interface StoredRedaction {
  current: number;
  /** Redacted under another configuration or an older redactor. */
  stale: number;
  /** Stored before marks were recorded: how they were redacted is unknown. */
  unknown: number;
  raw: number;
}

/**
 * The last configuration's JSON and its mark. The app asks on every refresh, and validating a section with
 * a 100,000-name deny-list file takes a few hundred milliseconds; serialising it to compare takes a few.
 */
let lastMark: { json: string; mark: string } | undefined;

/** How the stored traces compare with what `config` (an eval folder's `redaction:` section) would store now. */
export function storedRedaction(store: Store, config: RedactionConfigInput | undefined): StoredRedaction {
  const json = JSON.stringify(config ?? {});
  if (lastMark?.json !== json) lastMark = { json, mark: redactionMark(parseRedactionConfig(config ?? {})) };
  return compareMarks(store.traces.redactionCounts(), lastMark.mark);
}

/** Sort the store's per-mark counts against the current mark. */
export function compareMarks(counts: ReadonlyMap<string | null, number>, current: string): StoredRedaction {
  const out: StoredRedaction = { current: 0, stale: 0, unknown: 0, raw: 0 };
  for (const [mark, n] of counts) {
    if (mark === current) out.current += n;
    else if (mark === null) out.unknown += n;
    else if (mark === RAW_MARK) out.raw += n;
    else out.stale += n;
  }
  return out;
}

/** The masked counts by type or by field of an import's stored report (empty when it has none: redaction off, or an older report). */
function maskedCountsOf(report: unknown, by: 'byType' | 'byField'): Array<[string, number]> {
  const counts = (report as { redaction?: Partial<Record<'byType' | 'byField', unknown>> } | null)?.redaction?.[by];
  if (counts === null || typeof counts !== 'object') return [];
  return Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isInteger(e[1]) && e[1] >= 0);
}

/** The counts of several reports added up, most first (ties by name). */
function addedCounts(reports: readonly unknown[], by: 'byType' | 'byField'): Record<string, number> {
  const sum = new Map<string, number>();
  for (const r of reports) for (const [name, n] of maskedCountsOf(r, by)) sum.set(name, (sum.get(name) ?? 0) + n);
  return Object.fromEntries(countsMostFirst(Object.fromEntries(sum)));
}

/** How the traces a run graded were redacted, and what the imports that stored them masked (the run summary's section). */
export function summarizeRedaction(store: Store, traceIds: readonly string[], config: RedactionConfig): RunRedaction {
  const mark = redactionMark(config);
  const rows = store.traces.redactionOf(traceIds);
  const counts = new Map<string | null, number>();
  const importIds = new Set<number>();
  for (const r of rows) {
    counts.set(r.redaction, (counts.get(r.redaction) ?? 0) + 1);
    if (r.importId !== null) importIds.add(r.importId);
  }
  const { current, stale, unknown, raw } = compareMarks(counts, mark);
  const reports = [...importIds].map((id) => store.imports.report(id));
  return { mark, traces: { current, stale, unknown, raw }, imports: importIds.size, maskedByType: addedCounts(reports, 'byType'), maskedByField: addedCounts(reports, 'byField') };
}
