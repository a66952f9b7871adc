/**
 * Stable identity of imported traces (design.md, Identity): the id comes from the source (format + source
 * trace id), so re-importing adds nothing; the content hash changes only when the content does.
 */
import { createHash } from 'node:crypto';
import type { Trace, TraceDraft } from '../model/trace.js';
import { traceContentJson } from '../model/content.js';

/** Hex SHA-256 of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The stable trace id for a (format, source trace id) pair. */
export function traceId(format: string, sourceTraceId: string): string {
  return `tr_${sha256Hex(`${format}\u0000${sourceTraceId}`).slice(0, 24)}`;
}

/** A trace with its identity, and the content JSON its hash was computed from (stored as its body). */
export interface IdentifiedTrace {
  trace: Trace;
  contentJson: string;
}

/** Give a draft its id and content hash; the content JSON is kept so it is serialised once. */
export function identify(draft: TraceDraft): IdentifiedTrace {
  const contentJson = traceContentJson(draft);
  return {
    trace: { ...draft, id: traceId(draft.source.format, draft.source.sourceTraceId), contentHash: sha256Hex(contentJson) },
    contentJson,
  };
}
