/**
 * Langfuse trace exports: `{trace, observations[]}` records (Langfuse's trace + observation rows), or a
 * bare trace with its `observations` embedded (the public API's GET /traces/{id}). One record is one trace.
 *
 * Generation inputs/outputs arrive in whatever native shape the instrumented framework logged (OpenAI
 * chat or Responses, Anthropic content blocks, Gemini `parts`, OTel GenAI parts, LangChain message dicts,
 * Vercel AI SDK prompts, agno's Python reprs, "role: text" transcripts); `nativeMessages` reads them all.
 * It and `joinToolRecords` are exported for the LangSmith parser, which meets the same shapes.
 */
import type { FormatParser, ParseContext, ParseResult, RecordLocation } from '../format.js';
import { RecordShapeError } from '../format.js';
import type {
  Json,
  MessageInput,
  Outcome,
  Role,
  Span,
  TokenCounts,
  ToolCall,
  ToolCallStatus,
  TraceDraft,
} from '../../model/trace.js';
import {
  contentText,
  decodeJsonText,
  finalizeMessages,
  isObject,
  linkToolResults,
  mergeTranscripts,
  normalizeRole,
  num,
  str,
  readContentParts,
  toEpochMs,
  toJson,
  toolCall,
  toolCallFromPart,
  toolResultMessage,
  toolResultText,
} from '../transcript.js';

type Obj = Record<string, unknown>;
type Side = 'input' | 'output';
type Feedback = Outcome['feedback'][number];

// ---------------------------------------------------------------------------------------------------
// Native message shapes → canonical messages (shared with the LangSmith parser)
// ---------------------------------------------------------------------------------------------------

/**
 * Decode JSON text, repeatedly: exporters often JSON-encode a value that already was JSON text, so a
 * field can be a string holding a string holding an object. Non-JSON text is returned unchanged.
 */
export function decodeDeep(value: unknown, depth = 4): unknown {
  let v = value;
  for (let i = 0; i < depth && typeof v === 'string'; i++) {
    const t = v.trim();
    const quoted = t.length >= 2 && t.startsWith('"') && t.endsWith('"');
    if (!(t.startsWith('{') || t.startsWith('[') || quoted)) break;
    try {
      v = JSON.parse(t) as unknown;
    } catch {
      break;
    }
  }
  return v;
}

function defaultRole(side: Side): Role {
  return side === 'input' ? 'user' : 'assistant';
}

/** Tool calls in OpenAI (`function.{name, arguments}`) or LangChain (`{name, args, id}`) shape. */
function toolCallList(raw: unknown): ToolCall[] {
  if (!Array.isArray(raw)) return [];
  const out: ToolCall[] = [];
  for (const c of raw) {
    const made = isObject(c) ? toolCallFromPart(c) : undefined;
    if (made) out.push(made);
  }
  return out;
}

const LANGCHAIN_TYPES: Record<string, string> = {
  HumanMessage: 'human',
  HumanMessageChunk: 'human',
  AIMessage: 'ai',
  AIMessageChunk: 'ai',
  SystemMessage: 'system',
  SystemMessageChunk: 'system',
  ToolMessage: 'tool',
  ToolMessageChunk: 'tool',
  FunctionMessage: 'function',
  ChatMessage: 'chat',
};

/** A tool *definition* logged as a message (LangChain callbacks do this); not part of the conversation. */
function isToolDefinition(o: Obj): boolean {
  return isObject(o.content) && (o.content.type === 'function' || isObject(o.content.function)) && !str(o.tool_call_id);
}

/** One message-like object (any dialect) appended to `out` as zero or more canonical messages. */
function fromMessageObject(o: Obj, side: Side, out: MessageInput[]): void {
  const type = str(o.type);
  // OpenAI Responses API items.
  if (type === 'function_call' && str(o.name)) {
    out.push({ role: 'assistant', text: '', toolCalls: [toolCall(o.call_id ?? o.id, String(o.name), o.arguments)] });
    return;
  }
  if (type === 'function_call_output') {
    out.push(toolResultMessage(o.call_id, undefined, o.output));
    return;
  }
  if (type === 'reasoning') return;
  // Vercel AI SDK tool-call list entries ({toolCallId, toolName, input}).
  if (!o.role && str(o.toolName)) {
    if (type === 'tool-result') out.push(toolResultMessage(o.toolCallId, str(o.toolName), o.output ?? o.result));
    else out.push({ role: 'assistant', text: '', toolCalls: [toolCall(o.toolCallId, String(o.toolName), o.input ?? o.args)] });
    return;
  }
  const role = normalizeRole(o.role ?? (type === 'message' ? undefined : type));
  if (!role) {
    const t = str(o.text);
    if (t) out.push({ role: defaultRole(side), text: t });
    return;
  }
  if (role === 'tool' && isToolDefinition(o)) return;
  let text = '';
  let calls: ToolCall[] = [];
  let results: MessageInput[] = [];
  const partList = Array.isArray(o.parts) ? o.parts : Array.isArray(o.content) ? o.content : undefined;
  if (partList) {
    const parts = readContentParts(partList);
    text = parts.text.join('\n');
    calls = parts.calls;
    results = parts.results;
  } else if (typeof o.content === 'string') {
    text = o.content;
  } else if (isObject(o.content)) {
    text = contentText(o.content);
  } else if (typeof o.text === 'string') {
    text = o.text;
  }
  const kwargs = isObject(o.additional_kwargs) ? o.additional_kwargs : {};
  const listed = toolCallList(o.tool_calls);
  calls.push(...(listed.length > 0 ? listed : toolCallList(kwargs.tool_calls)));
  const legacy = isObject(o.function_call) ? o.function_call : isObject(kwargs.function_call) ? kwargs.function_call : undefined;
  if (legacy && str(legacy.name)) calls.push(toolCall(undefined, String(legacy.name), legacy.arguments));

  // Tool results inside a user/tool turn (Anthropic tool_result, Gemini function_response) become tool messages.
  if (results.length > 0 && role !== 'assistant') {
    out.push(...results);
    if (text.trim() !== '') out.push({ role, text });
    return;
  }
  const m: MessageInput = { role, text, toolCalls: calls };
  const name = str(o.name);
  if (name) m.name = name;
  const toolCallId = str(o.tool_call_id) ?? str(o.toolCallId);
  if (toolCallId) m.toolCallId = toolCallId;
  out.push(m);
  out.push(...results);
}

const PY_ROLE = /^role='(\w+)'/;

function pyUnescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, c: string) => {
    if (c.length > 1) return String.fromCharCode(parseInt(c.slice(1), 16));
    return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
  });
}

/** A Python string literal value `key='...'` / `key="..."` in a repr, searched from `from`. */
function pyField(s: string, key: string, from = 0): { value: string | undefined; end: number } {
  const re = new RegExp(`\\b${key}=(?:'((?:[^'\\\\]|\\\\.)*)'|"((?:[^"\\\\]|\\\\.)*)")`, 'g');
  re.lastIndex = from;
  const m = re.exec(s);
  if (!m) return { value: undefined, end: from };
  return { value: pyUnescape(m[1] ?? m[2] ?? ''), end: re.lastIndex };
}

const PY_TOOL_CALL =
  /'id': '([^']*)', 'function': \{'arguments': '((?:[^'\\]|\\.)*)', 'name': '([^']*)'\}/g;

/** agno logs messages as Python reprs: "role='user' content='...' tool_calls=[{...}] ...". */
function fromPythonRepr(s: string): MessageInput | undefined {
  const roleMatch = PY_ROLE.exec(s);
  const role = normalizeRole(roleMatch?.[1]);
  if (!role) return undefined;
  const content = pyField(s, 'content');
  const m: MessageInput = { role, text: content.value ?? '' };
  const rest = s.slice(content.end);
  const toolCallId = pyField(rest, 'tool_call_id').value;
  if (toolCallId) m.toolCallId = toolCallId;
  const toolName = pyField(rest, 'tool_name').value;
  if (toolName && role === 'tool') m.name = toolName;
  const calls: ToolCall[] = [];
  const callsAt = rest.indexOf('tool_calls=[');
  if (callsAt >= 0) {
    PY_TOOL_CALL.lastIndex = callsAt;
    for (let c = PY_TOOL_CALL.exec(rest); c; c = PY_TOOL_CALL.exec(rest)) {
      calls.push(toolCall(c[1], c[3] ?? '', pyUnescape(c[2] ?? '')));
    }
  }
  m.toolCalls = calls;
  return m;
}

const ROLE_LINE = /^(system|developer|user|human|assistant|ai|tool|function):\s?/i;

/** "role: text" transcripts (autogen, OTel-instrumented agno) split into messages; continuation lines join. */
function fromRoleTranscript(s: string): MessageInput[] {
  const out: MessageInput[] = [];
  for (const line of s.split('\n')) {
    const m = ROLE_LINE.exec(line);
    const role = m ? normalizeRole(m[1]) : undefined;
    if (m && role) out.push({ role, text: line.slice(m[0].length) });
    else if (out.length > 0) {
      const last = out[out.length - 1] as MessageInput;
      last.text = `${last.text}\n${line}`;
    }
  }
  for (const m of out) if (m.text === 'None') m.text = '';
  return out;
}

function fromString(s: string, side: Side, out: MessageInput[]): void {
  if (s.trim() === '') return;
  if (PY_ROLE.test(s)) {
    const m = fromPythonRepr(s);
    if (m) out.push(m);
    return;
  }
  if (ROLE_LINE.test(s)) {
    out.push(...fromRoleTranscript(s));
    return;
  }
  out.push({ role: defaultRole(side), text: s });
}

function systemText(value: unknown): string | undefined {
  if (typeof value === 'string') return str(value);
  if (isObject(value) && Array.isArray(value.parts)) return str(readContentParts(value.parts).text.join('\n'));
  return undefined;
}

function collect(value: unknown, side: Side, out: MessageInput[], depth: number): void {
  if (depth > 6 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    fromString(value, side, out);
    return;
  }
  if (Array.isArray(value)) {
    for (const el of value) collect(el, side, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  const o = value;
  // LangChain's serialized form: {lc, type: 'constructor', id: [..., 'HumanMessage'], kwargs}.
  if (isObject(o.kwargs) && Array.isArray(o.id) && o.lc !== undefined) {
    const cls = String(o.id[o.id.length - 1] ?? '');
    const k = o.kwargs;
    const type = cls === 'ChatMessage' ? k.role : LANGCHAIN_TYPES[cls];
    collect({ ...k, type: type ?? k.type }, side, out, depth + 1);
    return;
  }
  if (!o.role) {
    // Request/response wrappers around message lists.
    if (Array.isArray(o.messages)) {
      const sys = side === 'input' ? systemText(o.system) : undefined;
      if (sys) out.push({ role: 'system', text: sys });
      collect(o.messages, side, out, depth + 1);
      return;
    }
    if (Array.isArray(o.contents)) {
      const config = isObject(o.config) ? o.config : {};
      const sys = systemText(config.system_instruction ?? config.systemInstruction ?? o.systemInstruction ?? o.system_instruction);
      if (sys) out.push({ role: 'system', text: sys });
      collect(o.contents, side, out, depth + 1);
      return;
    }
    if (Array.isArray(o.choices)) {
      const first = o.choices[0];
      if (isObject(first)) {
        const msg = first.message ?? first.delta;
        if (isObject(msg)) collect({ role: 'assistant', ...msg }, side, out, depth + 1);
        else if (typeof first.text === 'string') out.push({ role: 'assistant', text: first.text });
      }
      return;
    }
    if (Array.isArray(o.candidates)) {
      const first = o.candidates[0];
      if (isObject(first)) collect(first.content, side, out, depth + 1);
      return;
    }
    if (Array.isArray(o.generations)) {
      collect(o.generations, side, out, depth + 1);
      return;
    }
    if (Array.isArray(o.output) && (o.object === 'response' || str(o.status) !== undefined)) {
      collect(o.output, side, out, depth + 1);
      return;
    }
    if (Array.isArray(o.prompts)) {
      collect(o.prompts, side, out, depth + 1);
      return;
    }
    if (typeof o.prompt === 'string' || Array.isArray(o.prompt)) {
      const sys = systemText(o.system);
      if (sys) out.push({ role: 'system', text: sys });
      collect(o.prompt, side, out, depth + 1);
      return;
    }
    if (Array.isArray(o.args) && o.args.length > 0 && o.args.every((a) => typeof a === 'string')) {
      collect(o.args, side, out, depth + 1);
      return;
    }
    if (isObject(o.content) && Array.isArray(o.content.parts)) {
      collect(o.content, side, out, depth + 1);
      return;
    }
    // A LangChain Generation ({text, message}) or a wrapper holding one message.
    if (isObject(o.message)) {
      collect(o.message, side, out, depth + 1);
      return;
    }
  }
  fromMessageObject(o, side, out);
}

/** Fold an assistant message that only carries tool calls into the assistant message just before it. */
function foldToolCallTurns(messages: MessageInput[]): MessageInput[] {
  const out: MessageInput[] = [];
  for (const m of messages) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.role === 'assistant' &&
      m.role === 'assistant' &&
      m.text === '' &&
      (m.toolCalls ?? []).length > 0 &&
      m.name === prev.name
    ) {
      out[out.length - 1] = { ...prev, toolCalls: [...(prev.toolCalls ?? []), ...(m.toolCalls ?? [])] };
    } else out.push(m);
  }
  return out;
}

/**
 * Canonical messages from a logged LLM input or output in any of the native shapes we know (see the
 * module comment). Bare text becomes a user message on the input side and an assistant message on the
 * output side. Unknown shapes yield no messages rather than a guess.
 */
export function nativeMessages(value: unknown, side: Side): MessageInput[] {
  const out: MessageInput[] = [];
  collect(decodeDeep(value), side, out, 0);
  return foldToolCallTurns(out);
}

// ---------------------------------------------------------------------------------------------------
// Joining executed tool spans (TOOL observations, LangSmith tool runs) to the transcript's calls
// ---------------------------------------------------------------------------------------------------

/** A tool execution recorded as its own span, to be joined to the call the model made. */
export interface ToolRecord {
  id?: string;
  name: string;
  arguments: Json;
  result?: Json;
  status: ToolCallStatus;
  error?: string;
  latencyMs?: number;
  spanId: string;
  time?: number;
}

/**
 * Join tool spans to the assistant's tool calls (by call id, else the first unclaimed call of the same
 * name): fill result, status, error and latency, and add a tool message after the calling turn when the
 * transcript has none. A span that matches no call is appended as an assistant tool call of its own, so
 * no executed tool is lost. Returns new message objects.
 */
export function joinToolRecords(messages: readonly MessageInput[], records: readonly ToolRecord[]): MessageInput[] {
  const msgs = messages.map((m) => ({ ...m, toolCalls: (m.toolCalls ?? []).map((c) => ({ ...c })) }));
  const calls: Array<{ call: ToolCall; at: number; hadResult: boolean }> = [];
  msgs.forEach((m, at) => {
    if (m.role === 'assistant') for (const c of m.toolCalls) calls.push({ call: c, at, hadResult: c.result !== undefined });
  });
  const answered = new Set(msgs.filter((m) => m.role === 'tool' && m.toolCallId).map((m) => m.toolCallId as string));
  const claimed = new Set<number>();
  const inserts = new Map<number, MessageInput[]>();
  const orphans: MessageInput[] = [];
  for (const rec of records) {
    let idx = rec.id ? calls.findIndex((c, i) => !claimed.has(i) && c.call.id === rec.id) : -1;
    if (idx < 0) {
      idx = calls.findIndex(
        (c, i) => !claimed.has(i) && c.call.name === rec.name && (!rec.id || !c.call.id || c.call.id === rec.id),
      );
    }
    const toolMsg = (c: ToolCall): MessageInput => {
      const m: MessageInput = { role: 'tool', text: toolResultText(c.result), name: c.name, spanId: rec.spanId };
      if (c.id) m.toolCallId = c.id;
      if (rec.time !== undefined) m.time = rec.time;
      return m;
    };
    if (idx < 0) {
      const c: ToolCall = { name: rec.name, arguments: rec.arguments, status: rec.status };
      if (rec.id) c.id = rec.id;
      if (rec.result !== undefined) c.result = rec.result;
      if (rec.error) c.error = rec.error;
      if (rec.latencyMs !== undefined) c.latencyMs = rec.latencyMs;
      const m: MessageInput = { role: 'assistant', text: '', toolCalls: [c], spanId: rec.spanId };
      if (rec.time !== undefined) m.time = rec.time;
      orphans.push(m);
      if (c.result !== undefined) orphans.push(toolMsg(c));
      continue;
    }
    claimed.add(idx);
    const entry = calls[idx] as (typeof calls)[number];
    const c = entry.call;
    if (c.result === undefined && rec.result !== undefined) c.result = rec.result;
    if (!c.id && rec.id) c.id = rec.id;
    if (rec.status === 'error' || rec.status === 'timeout') {
      c.status = rec.status;
      if (rec.error) c.error = rec.error;
    } else if (c.status === 'unknown') {
      c.status = rec.status !== 'unknown' ? rec.status : c.result !== undefined ? 'ok' : 'unknown';
    }
    if (rec.latencyMs !== undefined) c.latencyMs = rec.latencyMs;
    if (!entry.hadResult && c.result !== undefined && !(c.id && answered.has(c.id))) {
      const list = inserts.get(entry.at) ?? [];
      list.push(toolMsg(c));
      inserts.set(entry.at, list);
    }
  }
  const out: MessageInput[] = [];
  for (let i = 0; i < msgs.length; ) {
    out.push(msgs[i] as MessageInput);
    const add = inserts.get(i);
    i++;
    if (!add) continue;
    // After the tool messages that already answer this turn.
    while (i < msgs.length && msgs[i]?.role === 'tool') out.push(msgs[i++] as MessageInput);
    out.push(...add);
  }
  return out.concat(orphans);
}

// ---------------------------------------------------------------------------------------------------
// The Langfuse parser
// ---------------------------------------------------------------------------------------------------

interface Observation {
  raw: Obj;
  id: string;
  type: string;
  name: string;
  parent?: string;
  start?: number;
  end?: number;
  kind: string;
}

const KINDS: Record<string, string> = {
  GENERATION: 'llm',
  TOOL: 'tool',
  AGENT: 'agent',
  CHAIN: 'chain',
  SPAN: 'other',
  RETRIEVER: 'retriever',
  EMBEDDING: 'embedding',
  EVENT: 'event',
  EVALUATOR: 'evaluator',
  GUARDRAIL: 'guardrail',
};

/** Keys of an observation's OTel metadata that describe the exporter, not the application. */
const OTEL_META_KEYS = new Set(['attributes', 'resourceAttributes', 'scope']);

function looksLikeObservations(list: unknown[]): boolean {
  const first = list[0];
  return isObject(first) && typeof first.type === 'string' && ('traceId' in first || 'parentObservationId' in first);
}

/** The trace row and its observations, from either record shape; undefined when the record is not Langfuse. */
function traceParts(record: unknown): { trace: Obj; observations: unknown[] } | undefined {
  if (!isObject(record)) return undefined;
  if (isObject(record.trace)) {
    const t = record.trace;
    if (Array.isArray(record.observations)) return { trace: t, observations: record.observations };
    if (Array.isArray(t.observations)) return { trace: t, observations: t.observations };
    return undefined;
  }
  if (str(record.id) && Array.isArray(record.observations) && looksLikeObservations(record.observations)) {
    return { trace: record, observations: record.observations };
  }
  return undefined;
}

/** An observation's `metadata`, which Langfuse stores as JSON text (sometimes as an object). */
function metadataOf(raw: Obj): Obj {
  const m = raw.metadata;
  if (isObject(m)) return m;
  if (typeof m !== 'string' || m.length < 3) return {};
  const d = decodeDeep(m);
  return isObject(d) ? d : {};
}

function attributesOf(meta: Obj): Obj {
  return isObject(meta.attributes) ? meta.attributes : {};
}

/** Cheap test on the raw metadata text before paying for a JSON parse (object metadata is free to read). */
function metadataMentions(raw: Obj, needle: string): boolean {
  const m = raw.metadata;
  if (typeof m === 'string') return m.includes(needle);
  return isObject(m);
}

function isOpenInferenceTool(raw: Obj): boolean {
  if (typeof raw.metadata === 'string') return raw.metadata.includes('"openinference.span.kind":"TOOL"');
  return attributesOf(metadataOf(raw))['openinference.span.kind'] === 'TOOL';
}

function toObservation(raw: unknown): Observation | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw.id);
  if (!id) return undefined;
  const type = (str(raw.type) ?? 'SPAN').toUpperCase();
  let kind = KINDS[type] ?? type.toLowerCase();
  // Some instrumentations (agno via OpenInference) log tool executions as plain SPANs.
  if (type === 'SPAN' && isOpenInferenceTool(raw)) kind = 'tool';
  const o: Observation = { raw, id, type, name: str(raw.name) ?? type.toLowerCase(), kind };
  const parent = str(raw.parentObservationId);
  if (parent) o.parent = parent;
  const start = toEpochMs(raw.startTime);
  if (start !== undefined) o.start = start;
  const end = toEpochMs(raw.endTime);
  if (end !== undefined) o.end = end;
  return o;
}

function byStart(a: Observation, b: Observation): number {
  return (a.start ?? 0) - (b.start ?? 0);
}

function isError(o: Observation): boolean {
  return o.raw.level === 'ERROR';
}

/** Token counts of one generation (`usageDetails`, or the older `usage`). */
function generationTokens(raw: Obj): TokenCounts {
  const u = isObject(raw.usageDetails) && Object.keys(raw.usageDetails).length > 0 ? raw.usageDetails : raw.usage;
  if (!isObject(u)) return {};
  const out: TokenCounts = {};
  const input = num(u.input ?? u.promptTokens ?? u.input_tokens ?? u.prompt_tokens);
  const output = num(u.output ?? u.completionTokens ?? u.output_tokens ?? u.completion_tokens);
  const total = num(u.total ?? u.totalTokens ?? u.total_tokens);
  if (input !== undefined && input >= 0) out.input = Math.round(input);
  if (output !== undefined && output >= 0) out.output = Math.round(output);
  if (total !== undefined && total >= 0) out.total = Math.round(total);
  return out;
}

/** Sum token counts; a field stays undefined unless some source had it (absent is not zero). */
export function addTokens(acc: TokenCounts, t: TokenCounts): TokenCounts {
  const out: TokenCounts = { ...acc };
  for (const k of ['input', 'output', 'total'] as const) {
    const v = t[k];
    if (v !== undefined) out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

/** Tool calls listed on a generation (`toolCalls` JSON strings + `toolCallNames`), for outputs that lack them. */
function listedToolCalls(raw: Obj): ToolCall[] {
  const list = Array.isArray(raw.toolCalls) ? raw.toolCalls : [];
  const names = Array.isArray(raw.toolCallNames) ? raw.toolCallNames : [];
  const out: ToolCall[] = [];
  list.forEach((entry, i) => {
    const c = decodeDeep(entry);
    if (!isObject(c)) return;
    const name = str(c.name) ?? str(names[i]);
    if (name) out.push(toolCall(c.id, name, c.arguments ?? c.input ?? c.args));
  });
  return out;
}

/** Input + output messages of one generation; output messages carry the generation's span id and end time. */
function generationMessages(o: Observation): { messages: MessageInput[]; inputCount: number } {
  const input = nativeMessages(o.raw.input, 'input');
  const output = nativeMessages(o.raw.output, 'output').map((m) => {
    const withSpan: MessageInput = { ...m, spanId: o.id };
    if (o.end !== undefined) withSpan.time = o.end;
    return withSpan;
  });
  if (!output.some((m) => (m.toolCalls ?? []).length > 0)) {
    const listed = listedToolCalls(o.raw);
    if (listed.length > 0) {
      const last = output[output.length - 1];
      if (last && last.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), ...listed];
      else output.push({ role: 'assistant', text: '', toolCalls: listed, spanId: o.id });
    }
  }
  return { messages: [...input, ...output], inputCount: input.length };
}

/** How much of a conversation a generation's messages carry: used to pick among nested duplicates. */
function richness(messages: readonly MessageInput[]): number {
  let s = 0;
  for (const m of messages) s += 1 + (m.text.trim() !== '' ? 1 : 0) + 2 * (m.toolCalls ?? []).length;
  return s;
}

const TOOL_NAME_PREFIX = /^(running tool:|execute_tool)\s*/i;

/** Unwrap the envelopes tool spans put around their value ({input: x}, {output: x}, MCP {content: [...]}) */
function unwrapToolValue(value: unknown, key: 'input' | 'output'): unknown {
  const v = decodeDeep(value);
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === key) return decodeDeep(v[key]);
  // A LangChain ToolMessage dict: the result is its content.
  if (key === 'output' && v.type === 'tool' && 'content' in v) return decodeJsonText(v.content);
  if (key === 'output' && Array.isArray(v.content) && keys.every((k) => k === 'content' || k === 'isError')) {
    return contentText(v.content);
  }
  return v;
}

function toolRecordOf(o: Observation): ToolRecord {
  const a = attributesOf(metadataOf(o.raw));
  const name =
    str(a['gen_ai.tool.name']) ?? str(a['tool.name']) ?? str(a['ai.toolCall.name']) ?? o.name.replace(TOOL_NAME_PREFIX, '');
  const rec: ToolRecord = {
    name,
    arguments: toJson(unwrapToolValue(o.raw.input, 'input') ?? null),
    status: 'unknown',
    spanId: o.id,
  };
  const rawOut = decodeDeep(o.raw.output);
  const id =
    str(a['gen_ai.tool.call.id']) ?? str(a['ai.toolCall.id']) ?? str(a['tool_call.id']) ?? (isObject(rawOut) ? str(rawOut.tool_call_id) : undefined);
  if (id) rec.id = id;
  if (o.raw.output !== null && o.raw.output !== undefined) rec.result = toJson(unwrapToolValue(rawOut, 'output'));
  if (isError(o) || (isObject(rawOut) && (rawOut.isError === true || rawOut.status === 'error'))) {
    rec.status = 'error';
    rec.error = str(o.raw.statusMessage) ?? (typeof rec.result === 'string' ? rec.result : `${name} failed`);
  } else if (rec.result !== undefined) rec.status = 'ok';
  if (o.start !== undefined && o.end !== undefined && o.end >= o.start) rec.latencyMs = o.end - o.start;
  if (o.end !== undefined) rec.time = o.end;
  return rec;
}

function toSpan(o: Observation): Span {
  const attributes: Record<string, Json> = { 'langfuse.type': o.type };
  const level = str(o.raw.level);
  if (level && level !== 'DEFAULT') attributes['langfuse.level'] = level;
  const model = str(o.raw.model);
  if (model) attributes['gen_ai.request.model'] = model;
  if (o.type === 'GENERATION') {
    const t = generationTokens(o.raw);
    if (t.input !== undefined) attributes['gen_ai.usage.input_tokens'] = t.input;
    if (t.output !== undefined) attributes['gen_ai.usage.output_tokens'] = t.output;
  }
  const span: Span = { spanId: o.id, name: o.name, kind: o.kind, status: isError(o) ? 'error' : 'unset', attributes };
  if (o.parent) span.parentSpanId = o.parent;
  if (o.start !== undefined) span.startTime = o.start;
  if (o.end !== undefined) span.endTime = o.end;
  const msg = str(o.raw.statusMessage);
  if (msg) span.statusMessage = msg;
  return span;
}

/** The agent's name: an OTel agent-name attribute, else the (non-root) AGENT observation's name. */
function agentName(obs: readonly Observation[]): string | undefined {
  for (const o of obs) {
    if (!metadataMentions(o.raw, 'agent_name') && !metadataMentions(o.raw, 'gen_ai.agent.name')) continue;
    const a = attributesOf(metadataOf(o.raw));
    const name = str(a['gen_ai.agent.name']) ?? str(a.agent_name);
    if (name) return name;
  }
  const agent = obs.find((o) => o.type === 'AGENT' && o.parent) ?? obs.find((o) => o.type === 'AGENT');
  if (!agent) return undefined;
  return bracketedTail(agent.name) ?? agent.name;
}

/**
 * The text of a name's last bracketed part ("Agent [billing]" → "billing"), or undefined. Written out: the
 * regex /\[([^\]]+)\]\s*$/ retried from every "[" of a hostile name, which is quadratic.
 */
function bracketedTail(name: string): string | undefined {
  const t = name.trimEnd();
  if (!t.endsWith(']')) return undefined;
  const open = t.indexOf('[', t.lastIndexOf(']', t.length - 2) + 1);
  return open >= 0 && open < t.length - 2 ? t.slice(open + 1, -1) : undefined;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

function scoresToFeedback(scores: unknown): Feedback[] {
  const list = decodeDeep(scores);
  if (!Array.isArray(list)) return [];
  const out: Feedback[] = [];
  for (const s of list) {
    if (!isObject(s)) continue;
    const fb: Feedback = {};
    const name = str(s.name);
    if (name) fb.name = name;
    const score = num(s.value);
    if (score !== undefined) fb.score = score;
    const comment = str(s.comment) ?? str(s.stringValue);
    if (comment) fb.comment = comment;
    if (fb.score !== undefined || fb.comment !== undefined) out.push(fb);
  }
  return out;
}

const CONVERSATION_KEYS = ['thread_id', 'session_id', 'conversation_id'];

function conversationFromMetadata(meta: Obj): string | undefined {
  for (const k of CONVERSATION_KEYS) {
    const v = meta[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

/** Build one draft from a Langfuse trace row and its observations. */
function parseTrace(trace: Obj, rawObservations: readonly unknown[], ctx: ParseContext): TraceDraft {
  const obs = rawObservations.map(toObservation).filter((o): o is Observation => o !== undefined).sort(byStart);
  const byId = new Map(obs.map((o) => [o.id, o]));
  const sourceTraceId = str(trace.id) ?? (obs.length > 0 ? ctx.hash(obs.map((o) => o.id).join(',')) : undefined);
  if (!sourceTraceId) throw new RecordShapeError('Langfuse trace has neither an id nor observations');

  // Generations nest (a framework's wrapper around the provider call): group each top generation with
  // its generation descendants, read messages from the richest member, count tokens on the leaves.
  const gens = obs.filter((o) => o.type === 'GENERATION');
  const genParent = new Map<string, string>();
  for (const g of gens) {
    let p = g.parent;
    for (let hops = 0; p && hops < 64; hops++) {
      const po = byId.get(p);
      if (!po) break;
      if (po.type === 'GENERATION') {
        genParent.set(g.id, po.id);
        break;
      }
      p = po.parent;
    }
  }
  const topOf = (g: Observation): string => {
    let id = g.id;
    for (let hops = 0; genParent.has(id) && hops < 64; hops++) id = genParent.get(id) as string;
    return id;
  };
  const hasGenChild = new Set(genParent.values());
  const groups = new Map<string, Observation[]>();
  for (const g of gens) {
    const top = topOf(g);
    groups.set(top, [...(groups.get(top) ?? []), g]);
  }
  const chosen: Array<{ o: Observation; messages: MessageInput[]; hasInput: boolean }> = [];
  for (const members of groups.values()) {
    let best: { o: Observation; messages: MessageInput[]; hasInput: boolean; score: number } | undefined;
    for (const o of members) {
      const { messages, inputCount } = generationMessages(o);
      const score = richness(messages);
      const isLeaf = !hasGenChild.has(o.id);
      if (!best || score > best.score || (score === best.score && isLeaf)) best = { o, messages, hasInput: inputCount > 0, score };
    }
    if (best && best.messages.length > 0) chosen.push(best);
  }
  chosen.sort((a, b) => byStart(a.o, b.o));
  let merged: MessageInput[] = [];
  for (const c of chosen) {
    // A generation logged without its input repeats no history: merging would drop a second call of the
    // same tool as if it were a repeat of the first.
    merged = c.hasInput ? mergeTranscripts([merged, c.messages]) : merged.concat(c.messages);
  }
  let messages = linkToolResults(merged);
  if (messages.length === 0) {
    messages = linkToolResults([...nativeMessages(trace.input, 'input'), ...nativeMessages(trace.output, 'output')]);
  }
  // LangChain callbacks log tool runs as SPANs named after the tool: treat those as tool executions too.
  const calledTools = new Set(messages.flatMap((m) => (m.toolCalls ?? []).map((c) => c.name)));
  for (const o of obs) if (o.type === 'SPAN' && o.kind === 'other' && calledTools.has(o.name)) o.kind = 'tool';
  const toolRecords = obs.filter((o) => o.kind === 'tool').map(toolRecordOf);
  messages = joinToolRecords(messages, toolRecords);

  const draft: TraceDraft = {
    source: { format: 'langfuse', file: ctx.file, sourceTraceId },
    agent: {},
    status: 'ok',
    tokens: {},
    outcome: { feedback: scoresToFeedback(trace.scores) },
    messages: finalizeMessages(messages),
    spans: obs.map(toSpan),
    metadata: {},
  };

  const leaves = gens.filter((g) => !hasGenChild.has(g.id));
  for (const g of leaves) draft.tokens = addTokens(draft.tokens, generationTokens(g.raw));
  const model = mostCommon(leaves.map((g) => str(g.raw.model)).filter((m): m is string => m !== undefined));
  if (model) draft.agent.model = model;
  const name = agentName(obs);
  if (name) draft.agent.name = name;
  const version = str(trace.release) ?? str(trace.version);
  if (version) draft.agent.version = version;

  const traceMeta = metadataOf(trace);
  const conversationId =
    str(trace.sessionId) ??
    conversationFromMetadata(traceMeta) ??
    obs
      .filter((o) => metadataMentions(o.raw, 'thread_id') || metadataMentions(o.raw, 'session_id'))
      .map((o) => conversationFromMetadata(metadataOf(o.raw)))
      .find((c) => c !== undefined);
  if (conversationId) draft.conversationId = conversationId;
  const userId = str(trace.userId);
  if (userId) draft.userId = userId;

  const start = toEpochMs(trace.timestamp) ?? obs.find((o) => o.start !== undefined)?.start;
  const ends = obs.map((o) => o.end).filter((e): e is number => e !== undefined);
  const end = ends.length > 0 ? Math.max(...ends) : undefined;
  if (start !== undefined) draft.startTime = start;
  if (end !== undefined && (start === undefined || end >= start)) draft.endTime = end;
  const latencySec = num(trace.latency);
  if (latencySec !== undefined && latencySec >= 0) draft.latencyMs = Math.round(latencySec * 1000);
  else if (draft.startTime !== undefined && draft.endTime !== undefined) draft.latencyMs = draft.endTime - draft.startTime;

  const failed = obs.find(isError);
  if (failed) {
    draft.status = 'error';
    draft.error = str(failed.raw.statusMessage) ?? `${failed.name} failed`;
  }

  const traceName = str(trace.name);
  if (traceName) draft.metadata.traceName = traceName;
  if (Array.isArray(trace.tags) && trace.tags.length > 0) draft.metadata.tags = toJson(trace.tags);
  const environment = str(trace.environment);
  if (environment) draft.metadata.environment = environment;
  for (const [k, v] of Object.entries(traceMeta)) {
    if (!OTEL_META_KEYS.has(k) && !(k in draft.metadata) && v !== undefined) draft.metadata[k] = toJson(v);
  }
  return draft;
}

/** The Langfuse trace-export format. */
export const langfuseParser: FormatParser = {
  id: 'langfuse',
  title: 'Langfuse trace export',
  detection: 'a `{trace, observations}` record (or a trace with embedded `observations`) whose observations have `type` GENERATION/SPAN/TOOL and `traceId`',
  framing: 'json',
  detect(record: unknown): number {
    if (!isObject(record)) return 0;
    if (isObject(record.trace)) {
      const t = record.trace;
      const obs = Array.isArray(record.observations) ? record.observations : t.observations;
      if (!Array.isArray(obs)) return 0;
      return str(t.id) && (obs.length === 0 || looksLikeObservations(obs)) ? 0.95 : 0.6;
    }
    if (str(record.id) && Array.isArray(record.observations) && looksLikeObservations(record.observations)) return 0.85;
    return 0;
  },
  parse(record: unknown, _location: RecordLocation, ctx: ParseContext): ParseResult {
    const parts = traceParts(record);
    if (!parts) throw new RecordShapeError('not a Langfuse trace: expected {trace, observations[]}');
    return { traces: [parseTrace(parts.trace, parts.observations, ctx)], fragments: [] };
  },
};
