/**
 * Shared, pure helpers that every parser uses to build the ordered transcript of a trace:
 * OpenAI-style message conversion, JSON-text decoding, joining tool results to their calls,
 * and merging the message lists of successive LLM calls into one conversation.
 */
import type { Json, Message, MessageInput, Role, ToolCall } from '../model/trace.js';

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a string when it is a non-empty string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The value as a finite number (numeric strings accepted), else undefined. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Parse JSON text when it looks like JSON; otherwise return the text unchanged. */
export function decodeJsonText(value: unknown): Json {
  if (typeof value !== 'string') return toJson(value);
  const t = value.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(value) as Json;
    } catch {
      return value;
    }
  }
  return value;
}

/** Coerce an unknown parsed-JSON value into the Json type (undefined → null, drops functions). */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJson);
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return null;
}

/** Epoch milliseconds from an ISO string, epoch seconds/ms/ns number, or [sec, nanos] hrtime tuple. */
export function toEpochMs(value: unknown): number | undefined {
  if (Array.isArray(value) && value.length === 2) {
    const [s, ns] = value.map(num);
    if (s !== undefined && ns !== undefined) return s * 1000 + ns / 1e6;
    return undefined;
  }
  if (typeof value === 'string' && !/^\d+(\.\d+)?$/.test(value.trim())) {
    // Timestamps without a zone are UTC in every export we know (LangSmith writes them so).
    const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const n = num(value);
  if (n === undefined || n <= 0) return undefined;
  if (n > 1e17) return n / 1e6; // nanoseconds
  if (n > 1e14) return n / 1e3; // microseconds
  if (n > 1e11) return n; // milliseconds
  return n * 1000; // seconds
}

/** Text of an OpenAI/Anthropic-style content field: a string, or an array of parts with text. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (typeof part === 'string') return part;
        if (!isObject(part)) return '';
        return str(part.text) ?? str(part.content) ?? (typeof part.content === 'object' ? contentText(part.content) : '');
      })
      .filter((t) => t.length > 0)
      .join('\n');
  }
  if (isObject(content)) return str(content.text) ?? str(content.content) ?? JSON.stringify(content);
  return String(content);
}

/** Text of a tool result value: strings as they are, Vercel `{type, value}` outputs unwrapped, text parts joined, anything else as compact JSON. */
export function toolResultText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (isObject(value) && typeof value.type === 'string' && 'value' in value) return toolResultText(value.value);
  if (Array.isArray(value) && value.length > 0 && value.every((p) => isObject(p) && typeof p.text === 'string')) return contentText(value);
  return JSON.stringify(toJson(value));
}

/** A tool call with its arguments decoded from JSON text when they are text; the id only when there is one. */
export function toolCall(id: unknown, name: string, args: unknown): ToolCall {
  const c: ToolCall = { name, arguments: decodeJsonText(args ?? null), status: 'unknown' };
  const callId = str(id);
  if (callId) c.id = callId;
  return c;
}

/** A tool call in any part or list-entry shape: OpenAI (`function.{name, arguments}`), LangChain (`args`), Anthropic (`input`), Vercel (`toolName`). */
export function toolCallFromPart(p: Record<string, unknown>): ToolCall | undefined {
  const fn = isObject(p.function) ? p.function : undefined;
  const name = str(p.name) ?? str(p.toolName) ?? str(fn?.name);
  if (!name) return undefined;
  return toolCall(p.id ?? p.toolCallId ?? p.call_id, name, p.arguments ?? p.args ?? p.input ?? fn?.arguments);
}

/** A tool message carrying a result. */
export function toolResultMessage(id: unknown, name: string | undefined, result: unknown): MessageInput {
  const m: MessageInput = { role: 'tool', text: toolResultText(result) };
  const callId = str(id);
  if (callId) m.toolCallId = callId;
  if (name) m.name = name;
  return m;
}

const CALL_PARTS = new Set(['tool_call', 'tool-call', 'tool_use', 'function_call']);
const RESULT_PARTS = new Set(['tool_call_response', 'tool-result', 'tool_result', 'function_call_output']);
const TEXT_PARTS = new Set(['text', 'input_text', 'output_text']);
/** Parts that are not conversation text: reasoning, images, files. */
const SKIPPED_PARTS = new Set(['thinking', 'redacted_thinking', 'reasoning', 'image', 'image_url', 'input_image', 'file']);

/**
 * A message's content parts split into text, tool calls and tool results, whatever the dialect: OTel
 * GenAI (`text` / `tool_call` / `tool_call_response`), Anthropic (`tool_use` / `tool_result`), OpenAI
 * (`text`, `input_text`, `output_text`), Vercel AI SDK (`tool-call` / `tool-result`) and Gemini
 * (`functionCall` / `functionResponse`). Reasoning, images and files are left out.
 */
export function readContentParts(parts: readonly unknown[]): { text: string[]; calls: ToolCall[]; results: MessageInput[] } {
  const text: string[] = [];
  const calls: ToolCall[] = [];
  const results: MessageInput[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      text.push(p);
      continue;
    }
    if (!isObject(p)) continue;
    const type = str(p.type);
    const fc = p.function_call ?? p.functionCall;
    const fr = p.function_response ?? p.functionResponse;
    if (isObject(fc) && str(fc.name)) {
      calls.push(toolCall(fc.id, String(fc.name), fc.args ?? fc.arguments));
    } else if (isObject(fr)) {
      results.push(toolResultMessage(fr.id, str(fr.name), fr.response));
    } else if (type !== undefined && CALL_PARTS.has(type)) {
      const c = toolCallFromPart(p);
      if (c) calls.push(c);
    } else if (type !== undefined && RESULT_PARTS.has(type)) {
      results.push(toolResultMessage(p.id ?? p.toolCallId ?? p.tool_use_id ?? p.call_id, str(p.toolName) ?? str(p.name), p.response ?? p.result ?? p.output ?? p.content));
    } else if (type === undefined || !SKIPPED_PARTS.has(type)) {
      // Text parts, and parts of unknown types that carry text.
      const t = str(p.text) ?? (type === undefined || TEXT_PARTS.has(type) ? str(p.content) : undefined);
      if (t) text.push(t);
    }
  }
  return { text, calls, results };
}

const ROLE_ALIASES: Record<string, Role> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  bot: 'assistant',
  tool: 'tool',
  function: 'tool',
  ipython: 'tool',
};

/** Map a source's role name onto the canonical roles; unknown roles become undefined. */
export function normalizeRole(role: unknown): Role | undefined {
  return typeof role === 'string' ? ROLE_ALIASES[role.toLowerCase()] : undefined;
}

/** Convert one OpenAI chat-format message (`role`, `content`, `tool_calls`, `tool_call_id`). */
export function fromOpenAiMessage(raw: unknown): MessageInput | undefined {
  if (!isObject(raw)) return undefined;
  const role = normalizeRole(raw.role ?? raw.type);
  if (!role) return undefined;
  const toolCalls: ToolCall[] = [];
  const rawCalls = Array.isArray(raw.tool_calls) ? raw.tool_calls : [];
  for (const call of rawCalls) {
    if (!isObject(call)) continue;
    const fn = isObject(call.function) ? call.function : call;
    const name = str(fn.name);
    if (!name) continue;
    toolCalls.push({
      id: str(call.id),
      name,
      arguments: decodeJsonText(fn.arguments ?? fn.args ?? fn.input ?? null),
      status: 'unknown',
    });
  }
  // Legacy `function_call` on assistant messages.
  if (isObject(raw.function_call) && str(raw.function_call.name)) {
    toolCalls.push({
      name: String(raw.function_call.name),
      arguments: decodeJsonText(raw.function_call.arguments ?? null),
      status: 'unknown',
    });
  }
  return {
    role,
    text: contentText(raw.content),
    name: str(raw.name),
    toolCalls,
    toolCallId: str(raw.tool_call_id),
  };
}

/** Convert an OpenAI chat-format message array, skipping entries that are not messages. */
export function fromOpenAiMessages(raw: unknown): MessageInput[] {
  if (!Array.isArray(raw)) return [];
  const out: MessageInput[] = [];
  for (const m of raw) {
    const msg = fromOpenAiMessage(m);
    if (msg) out.push(msg);
  }
  return out;
}

function looksLikeError(result: Json): string | undefined {
  if (typeof result === 'string') {
    const m = /^\s*(error|exception|traceback)\b[:\s]?(.{0,300})/i.exec(result);
    return m ? result.slice(0, 300) : undefined;
  }
  if (isObject(result) && (typeof result.error === 'string' || isObject(result.error))) {
    return typeof result.error === 'string' ? result.error : JSON.stringify(result.error).slice(0, 300);
  }
  return undefined;
}

/**
 * Fill each assistant tool call's result from the tool message that answers it (by id, else by
 * order and name), and mark status ok/error. Returns new message objects; the input is not mutated.
 */
export function linkToolResults(messages: readonly MessageInput[]): MessageInput[] {
  const out = messages.map((m) => ({ ...m, toolCalls: (m.toolCalls ?? []).map((c) => ({ ...c })) }));
  const pending: ToolCall[] = [];
  for (const msg of out) {
    if (msg.role === 'assistant') {
      for (const call of msg.toolCalls) pending.push(call);
      continue;
    }
    if (msg.role !== 'tool') continue;
    let idx = msg.toolCallId ? pending.findIndex((c) => c.id === msg.toolCallId) : -1;
    if (idx < 0 && msg.name) idx = pending.findIndex((c) => c.name === msg.name);
    if (idx < 0 && !msg.toolCallId) idx = pending.length > 0 ? 0 : -1;
    if (idx < 0) continue;
    const call = pending[idx];
    pending.splice(idx, 1);
    if (!call || call.result !== undefined) continue;
    const result = decodeJsonText(msg.text);
    call.result = result;
    const err = looksLikeError(result);
    if (call.status === 'unknown') call.status = err ? 'error' : 'ok';
    if (err && !call.error) call.error = err;
    if (!msg.name) msg.name = call.name;
  }
  return out;
}

function messageKey(m: MessageInput): string {
  // Tool-call ids matter: two calls of the same tool in a row are two calls, not a repeat.
  const calls = (m.toolCalls ?? []).map((c) => `${c.name}#${c.id ?? ''}`).join(',');
  return `${m.role}\u0000${m.text}\u0000${calls}\u0000${m.toolCallId ?? ''}`;
}

/**
 * Merge the input/output message lists of successive LLM calls into one transcript. Each call's input
 * usually repeats the history; only the part not yet seen is appended, so the result reads like the
 * conversation once. A call's history only has to occur in order in what is already merged, not as one
 * contiguous run: instrumentations drop messages from recorded inputs (agno omits the assistant
 * tool-call turn), and a strict alignment would then repeat the whole history.
 */
export function mergeTranscripts(calls: ReadonlyArray<readonly MessageInput[]>): MessageInput[] {
  const merged: MessageInput[] = [];
  const keys: string[] = [];
  for (const call of calls) {
    let pos = 0;
    let skip = 0;
    while (skip < call.length) {
      const found = keys.indexOf(messageKey(call[skip] as MessageInput), pos);
      if (found < 0) break;
      pos = found + 1;
      skip++;
    }
    for (const m of call.slice(skip)) {
      merged.push(m);
      keys.push(messageKey(m));
    }
  }
  return merged;
}

/** Build final messages with defaults applied (the Message schema's defaults without a zod parse). */
export function finalizeMessages(messages: readonly MessageInput[]): Message[] {
  return messages.map((m) => ({
    ...m,
    toolCalls: m.toolCalls ?? [],
    documents: m.documents ?? [],
    citations: m.citations ?? [],
  }));
}

/**
 * JSON text with object keys sorted at every level: the same record re-serialized by another tool
 * (key order, whitespace) hashes the same, so content-hash source ids survive a re-export.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(toJson(value), (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/**
 * The messages of a whole conversation, once: its traces in time order, each trace's messages merged
 * like successive LLM calls (a later turn usually repeats the earlier ones as history). Message indexes
 * in grading evidence refer to this list.
 */
export function conversationTranscript(traces: ReadonlyArray<{ startTime?: number; messages: readonly Message[] }>): Message[] {
  const ordered = [...traces].sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
  return finalizeMessages(mergeTranscripts(ordered.map((t) => t.messages)));
}
