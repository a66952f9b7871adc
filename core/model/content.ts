/** The content of a trace as one JSON text: what its content hash covers and what the store keeps as its body. */
import type { TraceDraft } from './trace.js';

/**
 * JSON of everything but the file the trace came from (so the same trace in two overlapping exports
 * has the same content) and its derived identity. The store keeps this text as the trace body and
 * puts id, content hash and file back from their columns.
 */
export function traceContentJson(draft: TraceDraft): string {
  const { source, ...rest } = draft as TraceDraft & { id?: string; contentHash?: string };
  delete (rest as { id?: string }).id;
  delete (rest as { contentHash?: string }).contentHash;
  return JSON.stringify({ ...rest, source: { format: source.format, sourceTraceId: source.sourceTraceId } });
}
