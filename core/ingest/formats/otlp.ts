/**
 * OTLP/JSON trace exports: each record is an ExportTraceServiceRequest
 * {resourceSpans:[{resource, scopeSpans:[{scope, spans}]}]}. Every span becomes a fragment keyed by its
 * trace id, because one trace's spans are usually spread over many requests (and files).
 */
import type { Json, TraceDraft } from '../../model/trace.js';
import { RecordShapeError, type FormatParser, type Fragment, type ParseContext, type ParseResult } from '../format.js';
import { isObject, str } from '../transcript.js';
import {
  assembleSpanFragments,
  decodeKeyValues,
  exceptionMessage,
  nanosToMs,
  normalizeId,
  parseStatusCode,
  spanRecordToJson,
  type Attributes,
  type SpanEventRecord,
  type SpanRecord,
} from './spans.js';

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** One OTLP span (camelCase or snake_case protobuf-JSON) as a SpanRecord; undefined without ids. */
export function otlpSpanRecord(span: unknown, resource: Attributes, scope: string | undefined): SpanRecord | undefined {
  if (!isObject(span)) return undefined;
  const traceId = normalizeId(span.traceId ?? span.trace_id, 16);
  const spanId = normalizeId(span.spanId ?? span.span_id, 8);
  if (!traceId || !spanId) return undefined;
  const events: SpanEventRecord[] = [];
  for (const e of list(span.events)) {
    if (!isObject(e)) continue;
    const ev: SpanEventRecord = { name: str(e.name) ?? '', attributes: decodeKeyValues(e.attributes) };
    const t = nanosToMs(e.timeUnixNano ?? e.time_unix_nano);
    if (t !== undefined) ev.timeMs = t;
    events.push(ev);
  }
  const status = isObject(span.status) ? span.status : {};
  const rec: SpanRecord = {
    traceId,
    spanId,
    name: str(span.name) ?? '',
    status: parseStatusCode(status.code),
    attributes: decodeKeyValues(span.attributes),
    events,
    resource,
  };
  const parent = normalizeId(span.parentSpanId ?? span.parent_span_id, 8);
  if (parent !== undefined && parent !== spanId) rec.parentSpanId = parent;
  const start = nanosToMs(span.startTimeUnixNano ?? span.start_time_unix_nano);
  const end = nanosToMs(span.endTimeUnixNano ?? span.end_time_unix_nano);
  if (start !== undefined) rec.startMs = start;
  if (end !== undefined) rec.endMs = end;
  const message = str(status.message) ?? (rec.status === 'error' ? exceptionMessage(events) : undefined);
  if (message !== undefined) rec.statusMessage = message;
  if (scope !== undefined) rec.scope = scope;
  return rec;
}

function resourceSpansOf(record: Record<string, unknown>): unknown[] | undefined {
  const rs = record.resourceSpans ?? record.resource_spans;
  if (Array.isArray(rs)) return rs;
  // A single ResourceSpans object per line, as some collectors' file exporters write.
  if (Array.isArray(record.scopeSpans ?? record.scope_spans ?? record.instrumentationLibrarySpans)) return [record];
  return undefined;
}

/** Spans of one OTLP record, normalized; counts spans that had no usable ids. */
export function otlpSpanRecords(record: unknown): { spans: SpanRecord[]; skipped: number } {
  if (!isObject(record)) throw new RecordShapeError('an OTLP record must be a JSON object');
  const resourceSpans = resourceSpansOf(record);
  if (!resourceSpans) throw new RecordShapeError('not an OTLP ExportTraceServiceRequest: no resourceSpans array');
  const spans: SpanRecord[] = [];
  let skipped = 0;
  for (const rs of resourceSpans) {
    if (!isObject(rs)) continue;
    const resource = decodeKeyValues(isObject(rs.resource) ? rs.resource.attributes : undefined);
    const scopes = list(rs.scopeSpans ?? rs.scope_spans ?? rs.instrumentationLibrarySpans ?? rs.instrumentation_library_spans);
    for (const ss of scopes) {
      if (!isObject(ss)) continue;
      const scopeObj = ss.scope ?? ss.instrumentationLibrary ?? ss.instrumentation_library;
      const scope = isObject(scopeObj) ? str(scopeObj.name) : undefined;
      for (const span of list(ss.spans)) {
        const rec = otlpSpanRecord(span, resource, scope);
        if (rec) spans.push(rec);
        else skipped++;
      }
    }
  }
  return { spans, skipped };
}

/** The OTLP/JSON trace format. */
export const otlpParser: FormatParser = {
  id: 'otlp',
  title: 'OpenTelemetry OTLP/JSON',
  detection: 'a JSON object with a `resourceSpans` array (an OTLP ExportTraceServiceRequest, as the collector file exporter writes)',
  framing: 'json',
  detect(record: unknown): number {
    if (!isObject(record)) return 0;
    if (Array.isArray(record.resourceSpans) || Array.isArray(record.resource_spans)) return 0.95;
    if (Array.isArray(record.scopeSpans) || Array.isArray(record.instrumentationLibrarySpans)) return 0.8;
    return 0;
  },
  parse(record: unknown): ParseResult {
    const { spans, skipped } = otlpSpanRecords(record);
    if (spans.length === 0 && skipped > 0) {
      throw new RecordShapeError(`none of the ${skipped} spans in this OTLP record has a valid traceId and spanId`);
    }
    const fragments: Fragment[] = spans.map((s) => ({ traceKey: s.traceId, fragmentId: s.spanId, payload: spanRecordToJson(s) }));
    return { traces: [], fragments };
  },
  assemble(traceKey: string, fragments: Json[], ctx: ParseContext): TraceDraft[] {
    return assembleSpanFragments('otlp', traceKey, fragments, ctx);
  },
};
