/**
 * The mark a trace is stored with that says how it was redacted: `raw`, or the redactor version and a hash of
 * the redaction configuration. Comparing the stored marks with the current one tells a team which traces
 * predate their stricter configuration (a new deny-list entry) or a redactor fix.
 */
import { createHash } from 'node:crypto';
import type { RedactionConfig } from '../redact/index.js';
import { REDACTOR_VERSION } from '../redact/version.js';

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
