/**
 * The span model shared by the span-based formats (OTLP, OpenInference / ReadableSpan exports) and its
 * interpretation: given every span of one trace, rebuild the conversation, the tool calls and the trace
 * facts from the attribute conventions agents are instrumented with (OTel GenAI current and older,
 * OpenInference, Vercel AI SDK `ai.*`, gen_ai.* message events). Pure.
 */
import type { ParseContext } from '../format.js';
import type {
  Document,
  FormatId,
  Json,
  MessageInput,
  Span,
  SpanStatus,
  ToolCall,
  TraceDraft,
} from '../../model/trace.js';
import {
  contentText,
  decodeJsonText,
  finalizeMessages,
  fromOpenAiMessage,
  isObject,
  linkToolResults,
  mergeTranscripts,
  normalizeRole,
  num,
  readContentParts,
  str,
  toJson,
  toolCallFromPart,
  toolResultText,
} from '../transcript.js';

/** Flat attribute map: dotted key → value. */
export type Attributes = Record<string, Json>;

/** A span event (gen_ai.*.message, exception, ...). */
export interface SpanEventRecord {
  name: string;
  timeMs?: number;
  attributes: Attributes;
  /** Log-style body, when the source gave one besides the attributes. */
  body?: Json;
}

/** One span, normalized from whichever span encoding the file used. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs?: number;
  endMs?: number;
  status: SpanStatus;
  statusMessage?: string;
  attributes: Attributes;
  events: SpanEventRecord[];
  /** Resource attributes (service.name, ...). */
  resource: Attributes;
  /** Instrumentation scope name, when known. */
  scope?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Encoding helpers used by the parsers
// ---------------------------------------------------------------------------------------------------------

/** Decode an OTLP/JSON AnyValue ({stringValue} | {intValue} | ... ) into plain JSON. */
export function decodeAnyValue(value: unknown): Json {
  if (!isObject(value)) return toJson(value);
  if ('stringValue' in value) return typeof value.stringValue === 'string' ? value.stringValue : toJson(value.stringValue);
  if ('intValue' in value) {
    const n = num(value.intValue);
    // int64 beyond 2^53 loses precision as a number: keep the digits.
    return n !== undefined && Number.isSafeInteger(n) ? n : toJson(value.intValue);
  }
  if ('doubleValue' in value) return num(value.doubleValue) ?? toJson(value.doubleValue);
  if ('boolValue' in value) return value.boolValue === true || value.boolValue === 'true';
  if ('arrayValue' in value) {
    const arr = isObject(value.arrayValue) ? value.arrayValue.values : undefined;
    return Array.isArray(arr) ? arr.map(decodeAnyValue) : [];
  }
  if ('kvlistValue' in value) {
    const kv = isObject(value.kvlistValue) ? value.kvlistValue.values : undefined;
    return decodeKeyValues(kv);
  }
  if ('bytesValue' in value) return toJson(value.bytesValue);
  // An empty AnyValue is a valid OTLP "unset" value.
  return null;
}

/** Decode an OTLP KeyValue list ([{key, value}]) into a flat attribute map. */
export function decodeKeyValues(list: unknown): Attributes {
  const out: Attributes = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    if (!isObject(kv) || typeof kv.key !== 'string') continue;
    out[kv.key] = decodeAnyValue(kv.value);
  }
  return out;
}

/**
 * Flatten nested attribute objects into dotted keys (Phoenix exports nest `llm.model_name` as
 * {llm:{model_name}}). Arrays stay leaves: an indexed family like `llm.input_messages` is read either way.
 */
export function flattenAttributes(value: unknown, prefix = '', out: Attributes = {}): Attributes {
  if (!isObject(value)) return out;
  for (const key in value) {
    const v = value[key];
    if (v === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(v)) flattenAttributes(v, path, out);
    else out[path] = toJson(v);
  }
  return out;
}

/** Attributes given either as an OTLP KeyValue list or as a (possibly nested) object. */
export function readAttributes(value: unknown): Attributes {
  if (Array.isArray(value)) return decodeKeyValues(value);
  return flattenAttributes(value);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64ToHex(s: string): string | undefined {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const raw of s) {
    if (raw === '=') break;
    const ch = raw === '-' ? '+' : raw === '_' ? '/' : raw;
    const v = B64.indexOf(ch);
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += ((acc >> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return out;
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * A trace or span id as lowercase hex. OTLP/JSON writes hex, protobuf-JSON writes base64, the OTel Python
 * console writes `0x…`; all-zero ids mean "none".
 */
export function normalizeId(value: unknown, bytes: 8 | 16): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  let s = value.trim();
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  if (s === '') return undefined;
  if (s.length === bytes * 2 && HEX.test(s)) return /^0+$/.test(s) ? undefined : s.toLowerCase();
  const b64Len = Math.ceil((bytes * 4) / 3);
  if (s.length === b64Len || s.length === Math.ceil(bytes / 3) * 4) {
    const hex = base64ToHex(s);
    if (hex && hex.length === bytes * 2) return /^0+$/.test(hex) ? undefined : hex;
  }
  return s;
}

/** Span status from OTLP numeric codes (1 ok, 2 error), `STATUS_CODE_*` strings or `OK`/`ERROR`. */
export function parseStatusCode(code: unknown): SpanStatus {
  if (code === 1 || code === '1') return 'ok';
  if (code === 2 || code === '2') return 'error';
  if (typeof code === 'string') {
    const c = code.toUpperCase();
    if (c.endsWith('ERROR')) return 'error';
    if (c.endsWith('OK')) return 'ok';
  }
  return 'unset';
}

/** Epoch ms from OTLP `*UnixNano` (string or number), without losing precision on 19-digit strings. */
export function nanosToMs(value: unknown): number | undefined {
  if (typeof value === 'string' && /^\d{7,}$/.test(value)) {
    const ms = Number(value.slice(0, -6)) + Number(value.slice(-6)) / 1e6;
    return ms > 0 ? ms : undefined;
  }
  const n = num(value);
  return n !== undefined && n > 0 ? n / 1e6 : undefined;
}

/** The message of the first `exception` event ("Type: message"), for spans whose status carries none. */
export function exceptionMessage(events: readonly SpanEventRecord[]): string | undefined {
  for (const ev of events) {
    if (ev.name !== 'exception') continue;
    const type = str(ev.attributes['exception.type']);
    const msg = str(ev.attributes['exception.message']);
    if (type && msg) return `${type}: ${msg}`;
    if (msg ?? type) return msg ?? type;
  }
  return undefined;
}

/** The SpanRecord as a JSON-safe fragment payload (no undefined members). */
export function spanRecordToJson(r: SpanRecord): Json {
  const out: Record<string, Json> = {
    traceId: r.traceId,
    spanId: r.spanId,
    name: r.name,
    status: r.status,
    attributes: r.attributes,
    events: r.events.map((e) => {
      const ev: Record<string, Json> = { name: e.name, attributes: e.attributes };
      if (e.timeMs !== undefined) ev.timeMs = e.timeMs;
      if (e.body !== undefined) ev.body = e.body;
      return ev;
    }),
    resource: r.resource,
  };
  if (r.parentSpanId !== undefined) out.parentSpanId = r.parentSpanId;
  if (r.startMs !== undefined) out.startMs = r.startMs;
  if (r.endMs !== undefined) out.endMs = r.endMs;
  if (r.statusMessage !== undefined) out.statusMessage = r.statusMessage;
  if (r.scope !== undefined) out.scope = r.scope;
  return out;
}

function attrsOf(v: unknown): Attributes {
  return isObject(v) ? (v as Attributes) : {};
}

/** Read back a staged fragment payload; undefined when it is not a SpanRecord. */
export function spanRecordFromJson(v: Json): SpanRecord | undefined {
  if (!isObject(v)) return undefined;
  const traceId = str(v.traceId);
  const spanId = str(v.spanId);
  if (!traceId || !spanId) return undefined;
  const status = v.status === 'ok' || v.status === 'error' ? v.status : 'unset';
  const events: SpanEventRecord[] = [];
  if (Array.isArray(v.events)) {
    for (const e of v.events) {
      if (!isObject(e)) continue;
      const ev: SpanEventRecord = { name: str(e.name) ?? '', attributes: attrsOf(e.attributes) };
      const t = num(e.timeMs);
      if (t !== undefined) ev.timeMs = t;
      if (e.body !== undefined) ev.body = e.body;
      events.push(ev);
    }
  }
  return {
    traceId,
    spanId,
    parentSpanId: str(v.parentSpanId),
    name: typeof v.name === 'string' ? v.name : '',
    startMs: num(v.startMs),
    endMs: num(v.endMs),
    status,
    statusMessage: str(v.statusMessage),
    attributes: attrsOf(v.attributes),
    events,
    resource: attrsOf(v.resource),
    scope: str(v.scope),
  };
}

/** A span name for records that have none (bare attribute maps), after the GenAI `{operation} {target}` rule. */
export function defaultSpanName(attrs: Attributes): string {
  const op = str(attrs['gen_ai.operation.name']);
  const target = str(attrs['gen_ai.tool.name']) ?? str(attrs['gen_ai.agent.name']) ?? str(attrs['gen_ai.request.model']);
  if (op) return target ? `${op} ${target}` : op;
  const kind = str(attrs['openinference.span.kind']);
  const model = str(attrs['llm.model_name']) ?? str(attrs['tool.name']);
  if (kind) return model ? `${kind} ${model}` : kind;
  return str(attrs['ai.operationId']) ?? 'span';
}

// ---------------------------------------------------------------------------------------------------------
// Reading attribute families
// ---------------------------------------------------------------------------------------------------------

/** Value at a dotted path, through nested objects or dotted keys (or a mix of both). */
function pick(obj: unknown, path: string): unknown {
  if (!isObject(obj)) return undefined;
  if (path in obj) return obj[path];
  let i = path.indexOf('.');
  while (i > 0) {
    const v = obj[path.slice(0, i)];
    if (v !== undefined) {
      const r = pick(v, path.slice(i + 1));
      if (r !== undefined) return r;
    }
    i = path.indexOf('.', i + 1);
  }
  return undefined;
}

/** Array items, or the values of a numerically keyed object in index order. */
function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (!isObject(v)) return [];
  return Object.keys(v)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => v[k]);
}

/** Unflatten every `prefix…` key into a nested object (keys split on dots). */
function collectPrefix(attrs: Attributes, prefix: string): Record<string, unknown> | undefined {
  let root: Record<string, unknown> | undefined;
  for (const key in attrs) {
    if (!key.startsWith(prefix)) continue;
    const path = key.slice(prefix.length).split('.');
    root ??= {};
    let node: Record<string, unknown> = root;
    for (let i = 0; i < path.length - 1; i++) {
      const p = path[i] as string;
      let next = node[p];
      if (!isObject(next)) {
        next = {};
        node[p] = next;
      }
      node = next as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = attrs[key];
  }
  return root;
}

/** Items of an indexed family (`llm.input_messages`): an array under the key, or flat `key.N.*` entries. */
function indexedList(attrs: Attributes, key: string): unknown[] {
  const direct = attrs[key];
  if (direct !== undefined) {
    const d = decodeJsonText(direct);
    if (Array.isArray(d)) return d;
  }
  const tree = collectPrefix(attrs, `${key}.`);
  return tree ? asList(tree) : [];
}

function firstString(attrs: Attributes, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = attrs[k];
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

function firstNumber(attrs: Attributes, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const n = num(attrs[k]);
    if (n !== undefined) return n;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------

/**
 * Convert one chat message in any of the JSON shapes span attributes carry: OTel GenAI (`parts[]` with
 * text / tool_call / tool_call_response), Vercel AI SDK (`content[]` with text / tool-call / tool-result),
 * Anthropic (tool_use / tool_result) or OpenAI (`content` + `tool_calls`). A message holding several tool
 * results becomes one tool message per result, so each can be linked to its call.
 */
export function messagesFromChatJson(raw: unknown): MessageInput[] {
  if (!isObject(raw)) return [];
  const role = normalizeRole(raw.role);
  if (!role) return [];
  const parts = Array.isArray(raw.parts) ? raw.parts : Array.isArray(raw.content) ? raw.content : undefined;
  if (!parts) {
    const m = fromOpenAiMessage(raw);
    if (!m) return [];
    if (role === 'tool' && !m.toolCallId) m.toolCallId = str(raw.id);
    return [m];
  }
  const { text: texts, calls, results } = readContentParts(parts);
  if (Array.isArray(raw.tool_calls)) {
    const m = fromOpenAiMessage({ role: 'assistant', tool_calls: raw.tool_calls });
    if (m?.toolCalls) calls.push(...m.toolCalls);
  }
  const own: MessageInput[] = [];
  if (role === 'tool') {
    if (results.length === 0) {
      own.push({ role, text: texts.join('\n'), toolCallId: str(raw.tool_call_id) ?? str(raw.id), name: str(raw.name) });
    }
  } else if (texts.length > 0 || calls.length > 0 || results.length === 0) {
    own.push({ role, text: texts.join('\n'), toolCalls: calls, name: str(raw.name) });
  }
  // A user turn that returns tool results (Anthropic) answers the previous calls before saying anything new.
  return role === 'assistant' ? [...own, ...results] : [...results, ...own];
}

/** Convert a JSON list of chat messages (any shape messagesFromChatJson knows). */
export function messagesFromChatList(list: unknown): MessageInput[] {
  const decoded = decodeJsonText(list);
  if (!Array.isArray(decoded)) return [];
  const out: MessageInput[] = [];
  for (const m of decoded) out.push(...messagesFromChatJson(m));
  return out;
}

/** `gen_ai.system_instructions`: a parts array, a plain string, or JSON text of either. */
function systemInstructionText(v: unknown): string | undefined {
  const d = decodeJsonText(v);
  if (typeof d === 'string') return str(d);
  if (Array.isArray(d)) return str(contentText(d));
  if (isObject(d)) return str(contentText([d]));
  return undefined;
}

function withSystem(messages: MessageInput[], system: string | undefined): MessageInput[] {
  if (!system || messages[0]?.role === 'system') return messages;
  return [{ role: 'system', text: system }, ...messages];
}

/** OpenInference flattened message: `message.role`, `.content`, `.contents.M.message_content.text`, `.tool_calls.K.tool_call.*`. */
function fromOpenInferenceMessage(raw: unknown): MessageInput | undefined {
  const m = pick(raw, 'message') ?? raw;
  const role = normalizeRole(pick(m, 'role'));
  if (!role) return undefined;
  const content = pick(m, 'content');
  let text = typeof content === 'string' ? content : '';
  if (!text) {
    const parts: string[] = [];
    for (const c of asList(pick(m, 'contents'))) {
      const t = pick(c, 'message_content.text');
      if (typeof t === 'string' && t) parts.push(t);
    }
    text = parts.join('\n');
  }
  const toolCalls: ToolCall[] = [];
  for (const tc of asList(pick(m, 'tool_calls'))) {
    const name = str(pick(tc, 'tool_call.function.name'));
    if (!name) continue;
    toolCalls.push({
      id: str(pick(tc, 'tool_call.id')),
      name,
      arguments: decodeJsonText(pick(tc, 'tool_call.function.arguments') ?? null),
      status: 'unknown',
    });
  }
  return { role, text, name: str(pick(m, 'name')), toolCalls, toolCallId: str(pick(m, 'tool_call_id')) };
}

/** Older OTel GenAI / OpenLLMetry indexed message: `role`, `content`, `tool_calls.M.{id,name,arguments}`, `tool_call_id`. */
function fromIndexedGenAiMessage(raw: unknown, defaultRole: 'user' | 'assistant'): MessageInput | undefined {
  if (!isObject(raw)) return undefined;
  const role = normalizeRole(raw.role) ?? defaultRole;
  const content = raw.content;
  let text = '';
  if (typeof content === 'string') {
    // Some instrumentations dump the provider's content-part array as JSON text.
    const d = content.trimStart().startsWith('[') ? decodeJsonText(content) : content;
    text = Array.isArray(d) ? contentText(d) : content;
  } else if (content !== undefined && content !== null) {
    text = contentText(content);
  }
  const toolCalls: ToolCall[] = [];
  for (const tc of asList(raw.tool_calls)) {
    const name = str(pick(tc, 'name')) ?? str(pick(tc, 'function.name'));
    if (!name) continue;
    toolCalls.push({
      id: str(pick(tc, 'id')),
      name,
      arguments: decodeJsonText(pick(tc, 'arguments') ?? pick(tc, 'function.arguments') ?? null),
      status: 'unknown',
    });
  }
  const fc = pick(raw, 'function_call.name');
  if (typeof fc === 'string' && fc) {
    toolCalls.push({ name: fc, arguments: decodeJsonText(pick(raw, 'function_call.arguments') ?? null), status: 'unknown' });
  }
  return { role, text, name: str(raw.name), toolCalls, toolCallId: str(raw.tool_call_id) };
}

/** Output text of a Vercel `ai.response.*` or an OpenInference `output.value` / OpenAI response object. */
function outputFromValue(v: unknown): MessageInput[] {
  const d = decodeJsonText(v);
  if (typeof d === 'string') return d ? [{ role: 'assistant', text: d }] : [];
  if (!isObject(d)) return [];
  if (Array.isArray(d.choices)) {
    const out: MessageInput[] = [];
    for (const c of d.choices) if (isObject(c)) out.push(...messagesFromChatJson({ role: 'assistant', ...(isObject(c.message) ? c.message : { content: c.text }) }));
    return out;
  }
  if (Array.isArray(d.messages)) return messagesFromChatList(d.messages).filter((m) => m.role === 'assistant');
  if (isObject(d.message)) return messagesFromChatJson({ role: 'assistant', ...d.message });
  const t = str(d.text) ?? str(d.content) ?? str(d.output);
  return t ? [{ role: 'assistant', text: t }] : [];
}

function inputFromValue(v: unknown): MessageInput[] {
  const d = decodeJsonText(v);
  if (typeof d === 'string') return d ? [{ role: 'user', text: d }] : [];
  if (Array.isArray(d)) return messagesFromChatList(d);
  if (!isObject(d)) return [];
  if (Array.isArray(d.messages)) return messagesFromChatList(d.messages);
  const t = str(d.input) ?? str(d.query) ?? str(d.question) ?? str(d.prompt);
  return t ? [{ role: 'user', text: t }] : [];
}

/** Body of a gen_ai.*.message event: the log body, `gen_ai.event.content`, or the unflattened attributes. */
function eventBody(ev: SpanEventRecord): Record<string, unknown> {
  const candidates = [ev.body, ev.attributes['gen_ai.event.content'], ev.attributes.body];
  for (const c of candidates) {
    if (c === undefined || c === null) continue;
    const d = decodeJsonText(c);
    if (isObject(d)) return normalizeEventBody(d);
    if (typeof d === 'string') return { content: d };
  }
  return normalizeEventBody(collectPrefix(ev.attributes, '') ?? {});
}

function normalizeEventBody(b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...b };
  if (out.tool_calls !== undefined && !Array.isArray(out.tool_calls)) out.tool_calls = asList(decodeJsonText(out.tool_calls));
  if (typeof out.content === 'string' || out.content === undefined) return out;
  out.content = decodeJsonText(out.content);
  return out;
}

const EVENT_ROLES: Record<string, 'system' | 'user' | 'assistant' | 'tool'> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

interface CallMessages {
  input: MessageInput[];
  output: MessageInput[];
}

/** Messages carried by span events (gen_ai.*.message / gen_ai.choice, older gen_ai.content.*, operation details). */
function eventMessages(rec: SpanRecord): CallMessages {
  const input: MessageInput[] = [];
  const output: MessageInput[] = [];
  const stamp = (list: MessageInput[], time: number | undefined): MessageInput[] =>
    time === undefined ? list : list.map((m) => ({ ...m, time }));
  for (const ev of rec.events) {
    const role = EVENT_ROLES[ev.name];
    if (role) {
      const body = eventBody(ev);
      const raw = { ...body, role: str(body.role) ?? role, tool_call_id: body.tool_call_id ?? (role === 'tool' ? body.id : undefined) };
      input.push(...stamp(messagesFromChatJson(raw), ev.timeMs));
    } else if (ev.name === 'gen_ai.choice') {
      const body = eventBody(ev);
      const msg = isObject(body.message) ? normalizeEventBody(body.message) : body;
      output.push(...stamp(messagesFromChatJson({ ...msg, role: str(msg.role) ?? 'assistant' }), ev.timeMs));
    } else if (ev.name === 'gen_ai.content.prompt') {
      input.push(...stamp(promptValueMessages(ev.attributes['gen_ai.prompt']), ev.timeMs));
    } else if (ev.name === 'gen_ai.content.completion') {
      output.push(...stamp(completionValueMessages(ev.attributes['gen_ai.completion']), ev.timeMs));
    } else if (ev.name === 'gen_ai.client.inference.operation.details') {
      const m = genAiJsonMessages(ev.attributes);
      input.push(...stamp(m.input, ev.timeMs));
      output.push(...stamp(m.output, ev.timeMs));
    }
  }
  return { input, output };
}

function promptValueMessages(v: unknown): MessageInput[] {
  const d = decodeJsonText(v);
  if (typeof d === 'string') return d ? [{ role: 'user', text: d }] : [];
  return messagesFromChatList(d);
}

function completionValueMessages(v: unknown): MessageInput[] {
  const d = decodeJsonText(v);
  if (Array.isArray(d)) {
    return d.flatMap((m) =>
      isObject(m) && isObject(m.message) ? messagesFromChatJson({ role: 'assistant', ...m.message }) : messagesFromChatJson(isObject(m) ? { role: 'assistant', ...m } : m),
    );
  }
  return outputFromValue(d);
}

/** Current OTel GenAI: `gen_ai.input.messages` / `gen_ai.output.messages` (+ `gen_ai.system_instructions`). */
function genAiJsonMessages(attrs: Attributes): CallMessages {
  const input = attrs['gen_ai.input.messages'] !== undefined ? messagesFromChatList(attrs['gen_ai.input.messages']) : [];
  const output = attrs['gen_ai.output.messages'] !== undefined ? messagesFromChatList(attrs['gen_ai.output.messages']) : [];
  return { input: withSystem(input, systemInstructionText(attrs['gen_ai.system_instructions'])), output };
}

function hasPrefix(attrs: Attributes, prefix: string): boolean {
  for (const key in attrs) if (key.startsWith(prefix)) return true;
  return false;
}

/** Vercel AI SDK: `ai.prompt.messages` (do* spans) or `ai.prompt` (outer spans), `ai.response.text|toolCalls|object`. */
function vercelMessages(attrs: Attributes): CallMessages {
  let input: MessageInput[] = [];
  if (attrs['ai.prompt.messages'] !== undefined) {
    input = messagesFromChatList(attrs['ai.prompt.messages']);
  } else if (attrs['ai.prompt'] !== undefined) {
    const p = decodeJsonText(attrs['ai.prompt']);
    if (typeof p === 'string') input = [{ role: 'user', text: p }];
    else if (isObject(p)) {
      if (Array.isArray(p.messages)) input = messagesFromChatList(p.messages);
      else if (typeof p.prompt === 'string') input = [{ role: 'user', text: p.prompt }];
      else if (Array.isArray(p.prompt)) input = messagesFromChatList(p.prompt);
      input = withSystem(input, str(p.system));
    }
  }
  const output: MessageInput[] = [];
  const text = str(attrs['ai.response.text']) ?? str(attrs['ai.response.object']);
  const calls: ToolCall[] = [];
  const rawCalls = decodeJsonText(attrs['ai.response.toolCalls'] ?? null);
  for (const c of asList(rawCalls)) {
    if (!isObject(c)) continue;
    const call = toolCallFromPart(c);
    if (call) calls.push(call);
  }
  if (text !== undefined || calls.length > 0) output.push({ role: 'assistant', text: text ?? '', toolCalls: calls });
  return { input, output };
}

/** The messages one LLM span saw and produced, from whichever convention it carries. */
export function llmSpanMessages(rec: SpanRecord): CallMessages {
  const a = rec.attributes;
  let input: MessageInput[] = [];
  let output: MessageInput[] = [];
  const take = (m: CallMessages): void => {
    if (input.length === 0) input = m.input;
    if (output.length === 0) output = m.output;
  };
  if (a['gen_ai.input.messages'] !== undefined || a['gen_ai.output.messages'] !== undefined) take(genAiJsonMessages(a));
  if (input.length === 0 || output.length === 0) {
    if (a['llm.input_messages'] !== undefined || a['llm.output_messages'] !== undefined || hasPrefix(a, 'llm.input_messages.') || hasPrefix(a, 'llm.output_messages.')) {
      take({
        input: indexedList(a, 'llm.input_messages').map(fromOpenInferenceMessage).filter((m): m is MessageInput => m !== undefined),
        output: indexedList(a, 'llm.output_messages').map(fromOpenInferenceMessage).filter((m): m is MessageInput => m !== undefined),
      });
    }
  }
  if (input.length === 0 || output.length === 0) {
    if (typeof a['gen_ai.prompt'] === 'string' || typeof a['gen_ai.completion'] === 'string') {
      take({ input: promptValueMessages(a['gen_ai.prompt']), output: completionValueMessages(a['gen_ai.completion'] ?? null) });
    } else if (hasPrefix(a, 'gen_ai.prompt.') || hasPrefix(a, 'gen_ai.completion.')) {
      take({
        input: indexedList(a, 'gen_ai.prompt').map((m) => fromIndexedGenAiMessage(m, 'user')).filter((m): m is MessageInput => m !== undefined),
        output: indexedList(a, 'gen_ai.completion').map((m) => fromIndexedGenAiMessage(m, 'assistant')).filter((m): m is MessageInput => m !== undefined),
      });
    }
  }
  if (input.length === 0 || output.length === 0) {
    if (a['ai.prompt.messages'] !== undefined || a['ai.prompt'] !== undefined || a['ai.response.text'] !== undefined || a['ai.response.toolCalls'] !== undefined) {
      take(vercelMessages(a));
    }
  }
  if ((input.length === 0 || output.length === 0) && rec.events.length > 0) take(eventMessages(rec));
  if (input.length === 0 && a['input.value'] !== undefined) input = inputFromValue(a['input.value']);
  if (output.length === 0 && a['output.value'] !== undefined) output = outputFromValue(a['output.value']);
  return { input, output };
}

// ---------------------------------------------------------------------------------------------------------
// Span kinds, tools, documents
// ---------------------------------------------------------------------------------------------------------

const OI_KINDS: Record<string, string> = {
  LLM: 'llm',
  TOOL: 'tool',
  AGENT: 'agent',
  CHAIN: 'chain',
  RETRIEVER: 'retriever',
  RERANKER: 'retriever',
  EMBEDDING: 'embedding',
};

/** OpenInference kinds that are known but have no canonical counterpart. */
export const OI_OTHER_KINDS = new Set(['GUARDRAIL', 'EVALUATOR', 'PROMPT']);

/** Every OpenInference span kind. */
export function isOpenInferenceKind(kind: string): boolean {
  const k = kind.toUpperCase();
  return OI_KINDS[k] !== undefined || OI_OTHER_KINDS.has(k);
}

const GENAI_OPS: Record<string, string> = {
  chat: 'llm',
  text_completion: 'llm',
  generate_content: 'llm',
  completion: 'llm',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  create_agent: 'agent',
  embeddings: 'embedding',
  retrieval: 'retriever',
  invoke_workflow: 'chain',
};

const TRACELOOP_KINDS: Record<string, string> = { workflow: 'chain', task: 'chain', agent: 'agent', tool: 'tool' };

/** llm | tool | agent | chain | retriever | embedding | other, from the conventions the span follows. */
export function classifySpan(rec: SpanRecord): string {
  const a = rec.attributes;
  const oi = str(a['openinference.span.kind']);
  if (oi && OI_KINDS[oi.toUpperCase()]) return OI_KINDS[oi.toUpperCase()] as string;
  // GUARDRAIL, EVALUATOR, PROMPT: OpenInference kinds with no canonical counterpart.
  if (oi && OI_OTHER_KINDS.has(oi.toUpperCase())) return 'other';
  const op = str(a['gen_ai.operation.name']);
  if (op && GENAI_OPS[op]) return GENAI_OPS[op];
  const vercel = str(a['ai.operationId']) ?? (rec.name.startsWith('ai.') ? rec.name : undefined);
  if (vercel) {
    if (vercel.startsWith('ai.toolCall')) return 'tool';
    if (vercel.startsWith('ai.embed')) return 'embedding';
    if (/^ai\.(generate|stream)(Text|Object)\b/.test(vercel)) return 'llm';
  }
  const tl = str(a['traceloop.span.kind']);
  if (tl && TRACELOOP_KINDS[tl]) return TRACELOOP_KINDS[tl];
  if (a['gen_ai.tool.name'] !== undefined || a['tool.name'] !== undefined) return 'tool';
  if (
    a['gen_ai.input.messages'] !== undefined ||
    a['gen_ai.output.messages'] !== undefined ||
    a['gen_ai.request.model'] !== undefined ||
    a['llm.model_name'] !== undefined ||
    a['llm.request.type'] !== undefined ||
    hasPrefix(a, 'gen_ai.prompt') ||
    hasPrefix(a, 'llm.input_messages')
  ) {
    return 'llm';
  }
  if (a['gen_ai.agent.name'] !== undefined || rec.name.startsWith('invoke_agent')) return 'agent';
  if (rec.name.startsWith('execute_tool')) return 'tool';
  return 'other';
}

interface ToolSpanInfo {
  spanId: string;
  startMs?: number;
  id?: string;
  name: string;
  arguments: Json;
  result?: Json;
  status: ToolCall['status'];
  error?: string;
  latencyMs?: number;
}

function duration(rec: SpanRecord): number | undefined {
  return rec.startMs !== undefined && rec.endMs !== undefined && rec.endMs >= rec.startMs ? rec.endMs - rec.startMs : undefined;
}

function toolSpanInfo(rec: SpanRecord): ToolSpanInfo {
  const a = rec.attributes;
  const name =
    firstString(a, ['gen_ai.tool.name', 'tool.name', 'ai.toolCall.name', 'tool_call.function.name']) ??
    (rec.name.startsWith('execute_tool ') ? rec.name.slice('execute_tool '.length) : rec.name);
  // `tool_arguments` / `tool_response`: pydantic-ai (logfire); bare `input` / `output`: openinference-genai maps.
  const rawArgs =
    a['gen_ai.tool.call.arguments'] ?? a['ai.toolCall.args'] ?? a['ai.toolCall.input'] ?? a['tool_call.function.arguments'] ??
    a['input.value'] ?? a.tool_arguments ?? a['tool.parameters'] ?? a.input;
  const rawResult =
    a['gen_ai.tool.call.result'] ?? a['ai.toolCall.result'] ?? a['ai.toolCall.output'] ?? a['output.value'] ?? a.tool_response ?? a.output;
  const info: ToolSpanInfo = {
    spanId: rec.spanId,
    startMs: rec.startMs,
    id: firstString(a, ['gen_ai.tool.call.id', 'ai.toolCall.id', 'tool_call.id', 'tool.id', 'tool.call.id']),
    name,
    arguments: decodeJsonText(rawArgs ?? null),
    status: 'unknown',
    latencyMs: duration(rec),
  };
  if (rawResult !== undefined) info.result = decodeJsonText(rawResult);
  if (rec.status === 'error') {
    info.status = 'error';
    info.error = rec.statusMessage ?? exceptionMessage(rec.events) ?? 'tool span ended with error status';
  } else if (rec.status === 'ok' || info.result !== undefined) {
    info.status = 'ok';
  }
  return info;
}

function docFrom(raw: unknown): Document | undefined {
  const content = pick(raw, 'document.content') ?? pick(raw, 'content') ?? pick(raw, 'text');
  const id = pick(raw, 'document.id') ?? pick(raw, 'id');
  const score = num(pick(raw, 'document.score') ?? pick(raw, 'score'));
  const meta = decodeJsonText(pick(raw, 'document.metadata') ?? pick(raw, 'metadata') ?? null);
  const doc: Document = {};
  if (typeof id === 'string' || typeof id === 'number') doc.id = String(id);
  if (typeof content === 'string') doc.text = content;
  if (score !== undefined) doc.score = score;
  if (isObject(meta)) {
    const uri = str(meta.url) ?? str(meta.uri) ?? str(meta.source) ?? str(meta.file_path);
    if (uri) doc.uri = uri;
    const title = str(meta.title);
    if (title) doc.title = title;
  }
  return Object.keys(doc).length > 0 ? doc : undefined;
}

/** Documents a retriever span returned (OpenInference `retrieval.documents.N.document.*`, GenAI `gen_ai.retrieval.documents`). */
export function spanDocuments(rec: SpanRecord): Document[] {
  const a = rec.attributes;
  const list = [...indexedList(a, 'retrieval.documents'), ...indexedList(a, 'gen_ai.retrieval.documents')];
  return list.map(docFrom).filter((d): d is Document => d !== undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Trace facts
// ---------------------------------------------------------------------------------------------------------

const CONVERSATION_KEYS = [
  'gen_ai.conversation.id',
  'session.id',
  'ai.telemetry.metadata.sessionId',
  'ai.telemetry.metadata.session_id',
  'ai.telemetry.metadata.conversationId',
  'ai.telemetry.metadata.threadId',
  'langfuse.session.id',
  'traceloop.association.properties.session_id',
  'metadata.session_id',
  'metadata.sessionId',
];
const USER_KEYS = [
  'user.id',
  'enduser.id',
  'ai.telemetry.metadata.userId',
  'ai.telemetry.metadata.user_id',
  'langfuse.user.id',
  'traceloop.association.properties.user_id',
  'metadata.user_id',
  'metadata.userId',
];
const INTENT_KEYS = ['casebook.intent', 'intent', 'metadata.intent', 'ai.telemetry.metadata.intent', 'traceloop.association.properties.intent', 'langfuse.trace.metadata.intent'];
const STAKES_KEYS = ['casebook.stakes', 'stakes', 'metadata.stakes', 'ai.telemetry.metadata.stakes', 'traceloop.association.properties.stakes', 'langfuse.trace.metadata.stakes'];
const AGENT_NAME_KEYS = ['gen_ai.agent.name', 'agent.name', 'ai.telemetry.functionId'];
const AGENT_VERSION_KEYS = ['gen_ai.agent.version', 'agent.version'];
const MODEL_KEYS = ['gen_ai.response.model', 'ai.response.model', 'llm.model_name', 'gen_ai.request.model', 'ai.model.id'];
const METADATA_KEYS = new Set([
  'gen_ai.provider.name',
  'gen_ai.system',
  'llm.provider',
  'llm.system',
  'ai.model.provider',
  'ai.telemetry.functionId',
  'tag.tags',
]);
const METADATA_PREFIXES = ['ai.telemetry.metadata.', 'metadata.', 'langfuse.trace.metadata.', 'traceloop.association.properties.'];

/** A string from the first span (in the given order) carrying one of the keys; `metadata` JSON text is looked into too. */
function traceAttr(spans: readonly SpanRecord[], keys: readonly string[], metadataKey?: string): string | undefined {
  for (const s of spans) {
    const v = firstString(s.attributes, keys);
    if (v) return v;
  }
  if (metadataKey) {
    for (const s of spans) {
      const m = s.attributes.metadata;
      if (typeof m !== 'string') continue;
      const d = decodeJsonText(m);
      if (isObject(d)) {
        const v = d[metadataKey];
        if (typeof v === 'string' && v) return v;
        if (typeof v === 'number') return String(v);
      }
    }
  }
  return undefined;
}

interface TokenTriple {
  input?: number;
  output?: number;
  total?: number;
}

function spanTokens(a: Attributes): TokenTriple | undefined {
  const input = firstNumber(a, ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt', 'ai.usage.inputTokens', 'ai.usage.promptTokens', 'llm.usage.prompt_tokens']);
  const output = firstNumber(a, ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion', 'ai.usage.outputTokens', 'ai.usage.completionTokens', 'llm.usage.completion_tokens']);
  let total = firstNumber(a, ['llm.token_count.total', 'ai.usage.totalTokens', 'llm.usage.total_tokens', 'gen_ai.usage.total_tokens']);
  if (input === undefined && output === undefined && total === undefined) return undefined;
  if (total === undefined && input !== undefined && output !== undefined) total = input + output;
  return { input, output, total };
}

function countOf(n: number | undefined): number | undefined {
  return n === undefined || n < 0 ? undefined : Math.round(n);
}

/** Spans that carry `has(span)` and have no descendant that does: the innermost calls, so outer aggregates are not counted twice. */
function innermost(spans: readonly SpanRecord[], byId: ReadonlyMap<string, SpanRecord>, has: (s: SpanRecord) => boolean): Set<string> {
  const carriers = spans.filter(has);
  const covered = new Set<string>();
  for (const s of carriers) {
    let p = s.parentSpanId;
    let guard = 0;
    while (p !== undefined && guard++ < 1000) {
      if (covered.has(p)) break;
      covered.add(p);
      p = byId.get(p)?.parentSpanId;
    }
  }
  return new Set(carriers.filter((s) => !covered.has(s.spanId)).map((s) => s.spanId));
}

/** Depth-first order from the roots, children by start time: the order the detail view shows. */
function treeOrder(spans: readonly SpanRecord[], byId: ReadonlyMap<string, SpanRecord>): SpanRecord[] {
  const children = new Map<string, SpanRecord[]>();
  const roots: SpanRecord[] = [];
  for (const s of spans) {
    if (s.parentSpanId !== undefined && s.parentSpanId !== s.spanId && byId.has(s.parentSpanId)) {
      const list = children.get(s.parentSpanId) ?? [];
      list.push(s);
      children.set(s.parentSpanId, list);
    } else {
      roots.push(s);
    }
  }
  const out: SpanRecord[] = [];
  const seen = new Set<string>();
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const s = stack.pop() as SpanRecord;
    if (seen.has(s.spanId)) continue;
    seen.add(s.spanId);
    out.push(s);
    const kids = children.get(s.spanId) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as SpanRecord);
  }
  // Spans caught in a parent cycle are still shown.
  for (const s of spans) if (!seen.has(s.spanId)) out.push(s);
  return out;
}

function byStart(a: SpanRecord, b: SpanRecord): number {
  if (a.startMs === undefined || b.startMs === undefined) return 0;
  return a.startMs - b.startMs;
}

/** Where a trace came from, minus its id. */
export interface SpanTraceSource {
  format: FormatId;
  file: string;
}

/**
 * Build one trace from all spans of a trace: the span tree, the transcript (merged over the innermost
 * LLM calls, so Vercel's outer and do* spans or agent spans wrapping LLM spans do not repeat messages),
 * tool calls joined with their tool spans, retrieved documents, and the trace facts.
 */
export function assembleSpanTrace(traceId: string, records: readonly SpanRecord[], source: SpanTraceSource): TraceDraft {
  const unique = new Map<string, SpanRecord>();
  for (const r of records) if (!unique.has(r.spanId)) unique.set(r.spanId, r);
  const sorted = [...unique.values()].sort(byStart);
  const ordered = treeOrder(sorted, unique);
  const kinds = new Map<string, string>(ordered.map((s) => [s.spanId, classifySpan(s)]));
  const kindOf = (s: SpanRecord): string => kinds.get(s.spanId) ?? 'other';

  // --- transcript from the innermost LLM spans that carry messages
  const llmMessages = new Map<string, CallMessages>();
  for (const s of sorted) {
    if (kindOf(s) !== 'llm') continue;
    const m = llmSpanMessages(s);
    if (m.input.length > 0 || m.output.length > 0) llmMessages.set(s.spanId, m);
  }
  const callSpans = innermost(sorted, unique, (s) => llmMessages.has(s.spanId));

  // Which tool spans no LLM message mentions: by call id, else by name against calls that have no id.
  const knownIds = new Set<string>();
  const idlessByName = new Map<string, number>();
  const byName = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, d: number): void => {
    m.set(k, (m.get(k) ?? 0) + d);
  };
  for (const id of callSpans) {
    const m = llmMessages.get(id) as CallMessages;
    for (const msg of [...m.input, ...m.output]) {
      if (msg.toolCallId) knownIds.add(msg.toolCallId);
      for (const c of msg.toolCalls ?? []) {
        if (c.id) knownIds.add(c.id);
        else bump(idlessByName, c.name, 1);
        bump(byName, c.name, 1);
      }
    }
  }

  const toolInfos = sorted.filter((s) => kindOf(s) === 'tool').map(toolSpanInfo);
  const orphanTools = new Set<ToolSpanInfo>();
  for (const t of toolInfos) {
    if (t.id !== undefined && knownIds.has(t.id)) {
      bump(byName, t.name, -1);
    } else if (t.id !== undefined && (idlessByName.get(t.name) ?? 0) > 0) {
      bump(idlessByName, t.name, -1);
      bump(byName, t.name, -1);
    } else if (t.id === undefined && (byName.get(t.name) ?? 0) > 0) {
      bump(byName, t.name, -1);
    } else {
      orphanTools.add(t);
    }
  }

  const segments: MessageInput[][] = [];
  const toolBySpan = new Map(toolInfos.map((t) => [t.spanId, t]));
  for (const s of sorted) {
    if (callSpans.has(s.spanId)) {
      const m = llmMessages.get(s.spanId) as CallMessages;
      const out = m.output.map((msg) => ({ ...msg, spanId: s.spanId, time: msg.time ?? s.endMs }));
      segments.push([...m.input, ...out]);
      continue;
    }
    const t = toolBySpan.get(s.spanId);
    if (t && orphanTools.has(t)) {
      // A tool span no LLM message mentions still shows that the agent ran the tool.
      const call: ToolCall = { id: t.id, name: t.name, arguments: t.arguments, status: t.status, error: t.error, latencyMs: t.latencyMs };
      if (t.result !== undefined) call.result = t.result;
      const seg: MessageInput[] = [{ role: 'assistant', text: '', toolCalls: [call], spanId: t.spanId, time: t.startMs }];
      if (t.result !== undefined) {
        seg.push({ role: 'tool', text: toolResultText(t.result), toolCallId: t.id, name: t.name, spanId: t.spanId, time: s.endMs });
      }
      segments.push(seg);
    }
  }

  const roots = ordered.filter((s) => s.parentSpanId === undefined || !unique.has(s.parentSpanId));
  const root = roots[0];
  if (callSpans.size === 0 && root && kindOf(root) !== 'tool' && kindOf(root) !== 'llm') {
    // No LLM span says what was asked and answered: the root span's own input/output is the best record.
    const a = root.attributes;
    const inp = a['input.value'] ?? a['gen_ai.input.messages'] ?? a.input;
    const outp = a['output.value'] ?? a['gen_ai.output.messages'] ?? a.output;
    const first = inp !== undefined ? inputFromValue(inp) : [];
    const last = outp !== undefined ? outputFromValue(outp).map((m) => ({ ...m, spanId: root.spanId, time: root.endMs })) : [];
    if (first.length > 0) segments.unshift(first);
    if (last.length > 0) segments.push(last);
  }

  const linked = linkToolResults(mergeTranscripts(segments));
  joinToolSpans(linked, toolInfos.filter((t) => !orphanTools.has(t)));
  attachDocuments(linked, sorted, kindOf, unique);

  // --- trace facts
  const starts = sorted.map((s) => s.startMs).filter((n): n is number => n !== undefined);
  const ends = sorted.map((s) => s.endMs).filter((n): n is number => n !== undefined);
  const startTime = starts.length > 0 ? Math.min(...starts) : undefined;
  const endTime = ends.length > 0 ? Math.max(...ends) : undefined;
  const rootLatency = roots.length === 1 && root ? duration(root) : undefined;
  const latencyMs = rootLatency ?? (startTime !== undefined && endTime !== undefined && endTime >= startTime ? endTime - startTime : undefined);

  const tokenSpans = innermost(sorted, unique, (s) => spanTokens(s.attributes) !== undefined);
  let tin: number | undefined;
  let tout: number | undefined;
  let ttot: number | undefined;
  for (const s of sorted) {
    if (!tokenSpans.has(s.spanId)) continue;
    const t = spanTokens(s.attributes) as TokenTriple;
    if (t.input !== undefined) tin = (tin ?? 0) + t.input;
    if (t.output !== undefined) tout = (tout ?? 0) + t.output;
    if (t.total !== undefined) ttot = (ttot ?? 0) + t.total;
  }

  const agentSpans = ordered.filter((s) => kindOf(s) === 'agent');
  const modelSpans = [...sorted.filter((s) => callSpans.has(s.spanId) || tokenSpans.has(s.spanId)), ...ordered];
  let agentName = traceAttr([...agentSpans, ...ordered], AGENT_NAME_KEYS);
  if (!agentName) {
    const named = agentSpans.find((s) => s.name.startsWith('invoke_agent '));
    agentName = named ? named.name.slice('invoke_agent '.length) : undefined;
  }
  // `unknown_service…` is the SDK's placeholder, not a name.
  const service = root ? str(root.resource['service.name']) : undefined;
  if (!agentName && service && !service.startsWith('unknown_service')) agentName = service;
  const agentVersion = traceAttr([...agentSpans, ...ordered], AGENT_VERSION_KEYS) ?? (root ? str(root.resource['service.version']) : undefined);
  const model = traceAttr(modelSpans, MODEL_KEYS);

  // The trace failed when a root span failed, or when the last model call did (no answer came back).
  let errSpan = roots.find((s) => s.status === 'error');
  if (!errSpan) {
    const llms = sorted.filter((s) => kindOf(s) === 'llm' && s.endMs !== undefined);
    const lastLlm = llms.sort((a, b) => (a.endMs as number) - (b.endMs as number))[llms.length - 1];
    if (lastLlm?.status === 'error') errSpan = lastLlm;
  }

  const metadata: Record<string, Json> = {};
  if (root) {
    for (const [k, v] of Object.entries(root.resource)) if (k.startsWith('service.') || k.startsWith('deployment.')) metadata[k] = v;
    if (root.scope) metadata['otel.scope.name'] = root.scope;
  }
  for (const s of ordered) {
    for (const k in s.attributes) {
      if (k in metadata) continue;
      if (METADATA_KEYS.has(k) || METADATA_PREFIXES.some((p) => k.startsWith(p))) metadata[k] = s.attributes[k] as Json;
    }
    if (!('metadata' in metadata) && s.attributes.metadata !== undefined) metadata.metadata = decodeJsonText(s.attributes.metadata);
  }

  const spans: Span[] = ordered.map((s) => {
    const span: Span = { spanId: s.spanId, name: s.name, kind: kindOf(s), status: s.status, attributes: withoutTranscript(s.attributes) };
    if (s.parentSpanId !== undefined) span.parentSpanId = s.parentSpanId;
    if (s.startMs !== undefined) span.startTime = s.startMs;
    if (s.endMs !== undefined) span.endTime = s.endMs;
    const msg = s.statusMessage ?? (s.status === 'error' ? exceptionMessage(s.events) : undefined);
    if (msg !== undefined) span.statusMessage = msg;
    return span;
  });

  return {
    source: { format: source.format, file: source.file, sourceTraceId: traceId },
    startTime,
    endTime,
    agent: { name: agentName, version: agentVersion, model },
    conversationId: traceAttr(ordered, CONVERSATION_KEYS, 'session_id'),
    userId: traceAttr(ordered, USER_KEYS, 'user_id'),
    intent: traceAttr(ordered, INTENT_KEYS, 'intent'),
    stakes: traceAttr(ordered, STAKES_KEYS, 'stakes'),
    status: errSpan ? 'error' : 'ok',
    error: errSpan ? (errSpan.statusMessage ?? exceptionMessage(errSpan.events) ?? `span "${errSpan.name}" ended with error status`) : undefined,
    tokens: { input: countOf(tin), output: countOf(tout), total: countOf(ttot) },
    latencyMs,
    outcome: { feedback: [] },
    messages: finalizeMessages(linked),
    spans,
    metadata,
  };
}

/** Attribute keys whose (often large) values the transcript already holds: every LLM call repeats the history. */
const TRANSCRIPT_KEYS = new Set([
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'input.value',
  'output.value',
  'ai.prompt',
  'ai.prompt.messages',
  'ai.response.text',
  'ai.response.toolCalls',
]);
const TRANSCRIPT_PREFIXES = ['gen_ai.prompt.', 'gen_ai.completion.', 'llm.input_messages.', 'llm.output_messages.'];
/** What a moved attribute reads in the stored span: the key stays visible in the detail view. */
export const IN_TRANSCRIPT = '(in the transcript)';

/**
 * The span's attributes for the stored trace, with message-bearing values replaced by a marker: they
 * are in `messages`, and keeping them would store each call's whole history again (the staged
 * fragments keep the originals for re-assembly).
 */
function withoutTranscript(attributes: Attributes): Attributes {
  let out: Attributes | undefined;
  for (const k in attributes) {
    if (TRANSCRIPT_KEYS.has(k) || TRANSCRIPT_PREFIXES.some((p) => k.startsWith(p))) {
      out ??= { ...attributes };
      out[k] = IN_TRANSCRIPT;
    }
  }
  return out ?? attributes;
}

/** Fill tool calls from their execution spans: by call id, else the next unjoined call of that name. */
function joinToolSpans(messages: MessageInput[], tools: readonly ToolSpanInfo[]): void {
  const calls: ToolCall[] = [];
  for (const m of messages) if (m.role === 'assistant') calls.push(...(m.toolCalls ?? []));
  const joined = new Set<ToolCall>();
  for (const t of tools) {
    let call = t.id !== undefined ? calls.find((c) => c.id === t.id && !joined.has(c)) : undefined;
    call ??= calls.find((c) => !joined.has(c) && c.name === t.name && (t.id === undefined || c.id === undefined));
    if (!call) continue;
    joined.add(call);
    if (call.result === undefined && t.result !== undefined) call.result = t.result;
    if (t.status === 'error') {
      call.status = 'error';
      call.error ??= t.error;
    } else if (call.status === 'unknown' && t.status === 'ok') {
      call.status = 'ok';
    }
    if (t.latencyMs !== undefined) call.latencyMs = t.latencyMs;
    if (call.id === undefined && t.id !== undefined) call.id = t.id;
  }
}

/** Hand each retriever span's documents to the first assistant message produced after the retrieval started. */
function attachDocuments(
  messages: MessageInput[],
  spans: readonly SpanRecord[],
  kindOf: (s: SpanRecord) => string,
  byId: ReadonlyMap<string, SpanRecord>,
): void {
  for (const s of spans) {
    if (kindOf(s) !== 'retriever') continue;
    const docs = spanDocuments(s);
    if (docs.length === 0) continue;
    const start = s.startMs;
    let target = messages.find((m) => {
      if (m.role !== 'assistant' || !m.spanId) return false;
      const producer = byId.get(m.spanId);
      return start === undefined || producer?.startMs === undefined || producer.startMs >= start;
    });
    target ??= [...messages].reverse().find((m) => m.role === 'assistant') ?? messages[messages.length - 1];
    if (!target) {
      // Nothing to hang them on: keep the retrieval visible in the transcript anyway.
      target = { role: 'tool', text: '', name: s.name, spanId: s.spanId, time: s.endMs, documents: [] };
      messages.push(target);
    }
    target.documents = [...(target.documents ?? []), ...docs];
  }
}

/** Assemble staged span fragments (from either span format) into one trace. */
export function assembleSpanFragments(format: FormatId, traceKey: string, fragments: Json[], ctx: ParseContext): TraceDraft[] {
  const records: SpanRecord[] = [];
  for (const f of fragments) {
    const r = spanRecordFromJson(f);
    if (r) records.push(r);
  }
  if (records.length === 0) return [];
  return [assembleSpanTrace(traceKey, records, { format, file: ctx.file })];
}

