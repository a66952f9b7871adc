/**
 * Span JSON that is not OTLP-wrapped, one span per record: Phoenix span exports (and the OTel Python
 * console exporter, same shape), OTel JS ReadableSpan dumps (Vercel AI SDK captures), single OTLP spans,
 * and bare attribute maps with no ids. Spans are staged as fragments and assembled per trace.
 */
import type { Json, TraceDraft } from '../../model/trace.js';
import { RecordShapeError, type FormatParser, type ParseContext, type ParseResult, type RecordLocation } from '../format.js';
import { isObject, str, toEpochMs } from '../transcript.js';
import {
  assembleSpanFragments,
  decodeKeyValues,
  defaultSpanName,
  exceptionMessage,
  isOpenInferenceKind,
  nanosToMs,
  normalizeId,
  parseStatusCode,
  readAttributes,
  spanRecordToJson,
  type Attributes,
  type SpanEventRecord,
  type SpanRecord,
} from './spans.js';

function events(raw: unknown): SpanEventRecord[] {
  if (!Array.isArray(raw)) return [];
  const out: SpanEventRecord[] = [];
  for (const e of raw) {
    if (!isObject(e)) continue;
    const ev: SpanEventRecord = { name: str(e.name) ?? '', attributes: readAttributes(e.attributes) };
    const t = e.timeUnixNano !== undefined ? nanosToMs(e.timeUnixNano) : toEpochMs(e.timestamp ?? e.time);
    if (t !== undefined) ev.timeMs = t;
    if (e.body !== undefined) ev.body = e.body as Json;
    out.push(ev);
  }
  return out;
}

function resourceOf(raw: unknown): Attributes {
  if (!isObject(raw)) return {};
  // OTel JS keeps resource attributes under `attributes` (or `_rawAttributes` before they settle).
  return readAttributes(raw.attributes ?? raw._rawAttributes);
}

function finish(rec: SpanRecord, statusMessage: unknown): SpanRecord {
  const msg = str(statusMessage) ?? (rec.status === 'error' ? exceptionMessage(rec.events) : undefined);
  if (msg !== undefined) rec.statusMessage = msg;
  if (rec.parentSpanId === rec.spanId) delete rec.parentSpanId;
  return rec;
}

/** Phoenix export / OTel Python console span: {name, context:{trace_id, span_id}, parent_id, status_code|status, ...}. */
function fromPhoenix(r: Record<string, unknown>, ctxObj: Record<string, unknown>): SpanRecord | undefined {
  const traceId = normalizeId(ctxObj.trace_id ?? ctxObj.traceId, 16);
  const spanId = normalizeId(ctxObj.span_id ?? ctxObj.spanId, 8);
  if (!traceId || !spanId) return undefined;
  const attributes = readAttributes(r.attributes);
  const kind = str(r.span_kind);
  // Phoenix's span_kind is the OpenInference kind; the console exporter's `kind` is the OTel one (CLIENT...).
  if (kind && attributes['openinference.span.kind'] === undefined && isOpenInferenceKind(kind)) {
    attributes['openinference.span.kind'] = kind;
  }
  const status = isObject(r.status) ? r.status : {};
  const rec: SpanRecord = {
    traceId,
    spanId,
    parentSpanId: normalizeId(r.parent_id ?? r.parentSpanId, 8),
    name: str(r.name) ?? defaultSpanName(attributes),
    startMs: toEpochMs(r.start_time ?? r.startTime),
    endMs: toEpochMs(r.end_time ?? r.endTime),
    status: parseStatusCode(r.status_code ?? status.status_code ?? status.code),
    attributes,
    events: events(r.events),
    resource: resourceOf(r.resource),
  };
  return finish(rec, r.status_message ?? status.description ?? status.message);
}

/** OTel JS ReadableSpan dump: {name, spanContext{traceId, spanId}, parentSpanId | parentSpanContext, status{code}, startTime [s, ns]}. */
function fromReadableSpan(r: Record<string, unknown>, sc: Record<string, unknown>): SpanRecord | undefined {
  const traceId = normalizeId(sc.traceId, 16);
  const spanId = normalizeId(sc.spanId, 8);
  if (!traceId || !spanId) return undefined;
  const attributes = readAttributes(r.attributes);
  const status = isObject(r.status) ? r.status : {};
  const parentCtx = isObject(r.parentSpanContext) ? r.parentSpanContext : undefined;
  const scope = isObject(r.instrumentationScope) ? str(r.instrumentationScope.name) : isObject(r.instrumentationLibrary) ? str(r.instrumentationLibrary.name) : undefined;
  const rec: SpanRecord = {
    traceId,
    spanId,
    parentSpanId: normalizeId(r.parentSpanId ?? parentCtx?.spanId, 8),
    name: str(r.name) ?? defaultSpanName(attributes),
    startMs: toEpochMs(r.startTime),
    endMs: toEpochMs(r.endTime),
    status: parseStatusCode(status.code),
    attributes,
    events: events(r.events),
    resource: resourceOf(r.resource),
    scope,
  };
  return finish(rec, status.message);
}

/** A single OTLP span outside its envelope (JSONL of spans): {traceId, spanId, attributes:[{key, value}], startTimeUnixNano}. */
function fromLooseSpan(r: Record<string, unknown>): SpanRecord | undefined {
  const traceId = normalizeId(r.traceId ?? r.trace_id, 16);
  const spanId = normalizeId(r.spanId ?? r.span_id, 8);
  if (!traceId || !spanId) return undefined;
  const attributes = readAttributes(r.attributes);
  const status = isObject(r.status) ? r.status : {};
  const start = r.startTimeUnixNano ?? r.start_time_unix_nano;
  const end = r.endTimeUnixNano ?? r.end_time_unix_nano;
  const rec: SpanRecord = {
    traceId,
    spanId,
    parentSpanId: normalizeId(r.parentSpanId ?? r.parent_span_id ?? r.parentId ?? r.parent_id, 8),
    name: str(r.name) ?? defaultSpanName(attributes),
    startMs: start !== undefined ? nanosToMs(start) : toEpochMs(r.startTime ?? r.start_time),
    endMs: end !== undefined ? nanosToMs(end) : toEpochMs(r.endTime ?? r.end_time),
    status: parseStatusCode(status.code ?? r.status_code),
    attributes,
    events: events(r.events),
    resource: isObject(r.resource) ? Array.isArray(r.resource.attributes) ? decodeKeyValues(r.resource.attributes) : resourceOf(r.resource) : {},
  };
  return finish(rec, status.message ?? r.status_message);
}

const STRONG_PREFIXES = ['gen_ai.', 'llm.', 'openinference.', 'ai.'];
const WEAK_PREFIXES = ['input.value', 'output.value', 'retrieval.documents', 'tool.name', 'embedding.', 'session.id'];

/** How much a bare object looks like a span attribute map (0 when it does not). */
function attributeMapScore(r: Record<string, unknown>): number {
  let weak = false;
  let seen = 0;
  for (const key in r) {
    if (++seen > 500) break;
    if (STRONG_PREFIXES.some((p) => key.startsWith(p))) return 0.8;
    if (WEAK_PREFIXES.some((p) => key.startsWith(p))) weak = true;
  }
  return weak ? 0.5 : 0;
}

/** A bare attribute map: no ids, so the record text's hash names the trace and the span. */
function fromAttributeMap(r: Record<string, unknown>, ctx: ParseContext): SpanRecord {
  const hash = ctx.hash(JSON.stringify(r));
  const attributes = readAttributes(r);
  return {
    traceId: hash,
    spanId: hash.slice(0, 16),
    name: defaultSpanName(attributes),
    status: 'unset',
    attributes,
    events: [],
    resource: {},
  };
}

/** Normalize one non-OTLP span record; throws RecordShapeError when it is none of the known shapes. */
export function openInferenceSpanRecord(record: unknown, ctx: ParseContext): SpanRecord {
  if (!isObject(record)) throw new RecordShapeError('a span record must be a JSON object');
  let rec: SpanRecord | undefined;
  if (isObject(record.context)) rec = fromPhoenix(record, record.context);
  else if (isObject(record.spanContext)) rec = fromReadableSpan(record, record.spanContext);
  else if (isObject(record._spanContext)) rec = fromReadableSpan(record, record._spanContext);
  else if ((record.traceId ?? record.trace_id) !== undefined && (record.spanId ?? record.span_id) !== undefined) rec = fromLooseSpan(record);
  else if (attributeMapScore(record) > 0) return fromAttributeMap(record, ctx);
  if (!rec) throw new RecordShapeError('span record without a usable trace id and span id');
  return rec;
}

/** OpenInference / span JSON (not OTLP-wrapped). */
export const openInferenceParser: FormatParser = {
  id: 'openinference',
  title: 'OpenInference / span JSON',
  detection:
    'a span object with `context.trace_id` (Phoenix export) or `spanContext.traceId` (OTel JS span dump), or a bare attribute map with `openinference.*`, `llm.*`, `gen_ai.*` or `ai.*` keys',
  framing: 'json',
  detect(record: unknown): number {
    if (!isObject(record)) return 0;
    if ('resourceSpans' in record || 'resource_spans' in record) return 0;
    const c = record.context;
    if (isObject(c) && (c.trace_id !== undefined || c.traceId !== undefined) && (c.span_id !== undefined || c.spanId !== undefined)) return 0.9;
    const sc = record.spanContext ?? record._spanContext;
    if (isObject(sc) && sc.traceId !== undefined && sc.spanId !== undefined) return 0.9;
    if (typeof (record.traceId ?? record.trace_id) === 'string' && typeof (record.spanId ?? record.span_id) === 'string' && (isObject(record.attributes) || Array.isArray(record.attributes))) {
      return 0.7;
    }
    return attributeMapScore(record);
  },
  parse(record: unknown, _location: RecordLocation, ctx: ParseContext): ParseResult {
    const span = openInferenceSpanRecord(record, ctx);
    return { traces: [], fragments: [{ traceKey: span.traceId, fragmentId: span.spanId, payload: spanRecordToJson(span) }] };
  },
  assemble(traceKey: string, fragments: Json[], ctx: ParseContext): TraceDraft[] {
    return assembleSpanFragments('openinference', traceKey, fragments, ctx);
  },
};
