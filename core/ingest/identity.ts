/**
 * Stable identity of imported traces (design.md, Identity): the id comes from the source (format + source
 * trace id), so re-importing adds nothing; the content hash changes only when the content does.
 */
import { createHash } from 'node:crypto';
import type { Trace, TraceDraft } from '../model/trace.js';

/** Hex SHA-256 of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The stable trace id for a (format, source trace id) pair. */
export function traceId(format: string, sourceTraceId: string): string {
  return `tr_${sha256Hex(`${format}\u0000${sourceTraceId}`).slice(0, 24)}`;
}

/** Hash of everything but the file it came from: the same trace in two overlapping exports hashes equal. */
export function contentHash(draft: TraceDraft): string {
  const { source, ...rest } = draft;
  return sha256Hex(JSON.stringify({ format: source.format, sourceTraceId: source.sourceTraceId, ...rest }));
}

/** Give a draft its id and content hash. */
export function identify(draft: TraceDraft): Trace {
  return { ...draft, id: traceId(draft.source.format, draft.source.sourceTraceId), contentHash: contentHash(draft) };
}
