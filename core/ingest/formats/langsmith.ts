/**
 * LangSmith runs, in the three shapes they travel in:
 *  - a run tree (a root run with nested `child_runs`);
 *  - flat runs, one per record, linked by `parent_run_id` / `trace_id` (an export of `list_runs`);
 *  - the SDK's ingest payload `{post: [runs], patch: [runs]}`, where a patch adds `end_time`/`outputs`/`error`
 *    to the posted run with the same id (the id may only be in `dotted_order`).
 * Runs of one trace can sit in different records (a patch in the next batch, a child before its parent),
 * so every run becomes a fragment keyed by its trace id and the trace is built in `assemble`.
 *
 * Also the Anthropic managed-agent recordings from the langsmith-sdk test data: JSON Lines of
 * `[method_name, payload]` (sessions.create, events.send, events.stream). Stream events carry no session id,
 * so their fragments are keyed by file and `assemble` splits them into one trace per session, following the
 * session id that create/send lines announce.
 */
import type { Fragment, FormatParser, ParseContext, ParseResult, RecordLocation } from '../format.js';
import { RecordShapeError } from '../format.js';
import type { Document, Json, MessageInput, Outcome, Span, TokenCounts, ToolCall, TraceDraft } from '../../model/trace.js';
import {
  contentText,
  decodeJsonText,
  finalizeMessages,
  isObject,
  linkToolResults,
  mergeTranscripts,
  num,
  str,
  toEpochMs,
  toJson,
} from '../transcript.js';
import { addTokens, decodeDeep, joinToolRecords, nativeMessages, type ToolRecord } from './langfuse.js';

type Obj = Record<string, unknown>;
type Feedback = Outcome['feedback'][number];

const ANTHROPIC_KEY_PREFIX = 'anthropic-managed:';
/** Errors are often whole Python tracebacks; keep enough to read, not the entire stack. */
const MAX_ERROR_CHARS = 4000;

// ---------------------------------------------------------------------------------------------------
// Records → fragments
// ---------------------------------------------------------------------------------------------------

/** The run id at the end of a dotted order ("<time>Z<id>.<time>Z<id>"). */
function lastDottedId(dotted: string): string | undefined {
  const seg = dotted.slice(dotted.lastIndexOf('.') + 1);
  const z = seg.indexOf('Z');
  return z >= 0 ? str(seg.slice(z + 1)) : undefined;
}

/** The root run id at the start of a dotted order. */
function firstDottedId(dotted: string): string | undefined {
  const dot = dotted.indexOf('.');
  return lastDottedId(dot >= 0 ? dotted.slice(0, dot) : dotted);
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return str(value);
}

function runIdOf(run: Obj): string | undefined {
  return idText(run.id) ?? (typeof run.dotted_order === 'string' ? lastDottedId(run.dotted_order) : undefined);
}

function looksLikeRun(value: unknown): value is Obj {
  return isObject(value) && (typeof value.run_type === 'string' || typeof value.dotted_order === 'string' || 'trace_id' in value);
}

/** The JSON-safe part of a run that assembling needs (drops `serialized`, streamed `events`, runtime info). */
function runPayload(run: Obj, kind: 'run' | 'patch', id: string, parentId: string | undefined): Json {
  const p: Record<string, Json> = { kind, id };
  if (parentId) p.parent_run_id = parentId;
  const extra = isObject(run.extra) ? run.extra : {};
  const metadata = isObject(extra.metadata) ? extra.metadata : isObject(run.metadata) ? run.metadata : undefined;
  if (metadata) p.metadata = toJson(metadata);
  for (const k of [
    'trace_id',
    'dotted_order',
    'name',
    'run_type',
    'start_time',
    'end_time',
    'inputs',
    'outputs',
    'error',
    'tags',
    'session_name',
    'status',
    'feedback',
    'feedback_stats',
    'prompt_tokens',
    'completion_tokens',
    'total_tokens',
  ]) {
    const v = run[k];
    if (v !== undefined && v !== null) p[k] = toJson(v);
  }
  return p;
}

/** A run and its nested children as fragments, all under the root's trace key. */
function runFragments(run: Obj, kind: 'run' | 'patch', inherited: { traceKey?: string; parentId?: string }, out: Fragment[]): void {
  const id = runIdOf(run);
  if (!id) throw new RecordShapeError('LangSmith run without an id or dotted_order');
  const dotted = typeof run.dotted_order === 'string' ? run.dotted_order : undefined;
  const parentId = idText(run.parent_run_id) ?? inherited.parentId;
  const traceKey =
    idText(run.trace_id) ?? (dotted ? firstDottedId(dotted) : undefined) ?? inherited.traceKey ?? (parentId === undefined ? id : undefined);
  if (!traceKey) throw new RecordShapeError(`LangSmith run ${id} has a parent but no trace_id or dotted_order`);
  out.push({ traceKey, fragmentId: kind === 'patch' ? `${id}:patch` : id, payload: runPayload(run, kind, id, parentId) });
  if (Array.isArray(run.child_runs)) {
    for (const child of run.child_runs) if (isObject(child)) runFragments(child, kind, { traceKey, parentId: id }, out);
  }
}

function isAnthropicRecording(record: unknown): record is [string, unknown] {
  return (
    Array.isArray(record) &&
    record.length === 2 &&
    typeof record[0] === 'string' &&
    record[0].startsWith('client.beta.sessions')
  );
}

// ---------------------------------------------------------------------------------------------------
// Assembling LangSmith runs
// ---------------------------------------------------------------------------------------------------

interface Run {
  id: string;
  parentId?: string;
  name: string;
  runType: string;
  dotted?: string;
  start?: number;
  end?: number;
  inputs: unknown;
  outputs: unknown;
  error?: string;
  metadata: Obj;
  raw: Obj;
}

function errorText(value: unknown): string | undefined {
  const t = isObject(value) ? (str(value.message) ?? JSON.stringify(value)) : str(value);
  return t === undefined ? undefined : t.slice(0, MAX_ERROR_CHARS);
}

function toRun(p: Obj): Run {
  const run: Run = {
    id: String(p.id),
    name: str(p.name) ?? String(p.run_type ?? 'run'),
    runType: str(p.run_type) ?? 'chain',
    inputs: p.inputs,
    outputs: p.outputs,
    metadata: isObject(p.metadata) ? p.metadata : {},
    raw: p,
  };
  const parentId = str(p.parent_run_id);
  if (parentId) run.parentId = parentId;
  if (typeof p.dotted_order === 'string') run.dotted = p.dotted_order;
  const start = toEpochMs(p.start_time);
  if (start !== undefined) run.start = start;
  const end = toEpochMs(p.end_time);
  if (end !== undefined) run.end = end;
  const err = errorText(p.error) ?? (p.status === 'error' ? 'error' : undefined);
  if (err) run.error = err;
  return run;
}

/** Apply a patch on top of a posted run: its defined fields win, metadata is merged. */
function applyPatch(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || k === 'kind') continue;
    out[k] = k === 'metadata' && isObject(base.metadata) && isObject(v) ? { ...base.metadata, ...v } : v;
  }
  return out;
}

function tokenCounts(u: unknown): TokenCounts {
  if (!isObject(u)) return {};
  const out: TokenCounts = {};
  const input = num(u.input_tokens ?? u.prompt_tokens);
  const output = num(u.output_tokens ?? u.completion_tokens);
  const total = num(u.total_tokens);
  if (input !== undefined && input >= 0) out.input = Math.round(input);
  if (output !== undefined && output >= 0) out.output = Math.round(output);
  if (total !== undefined && total >= 0) out.total = Math.round(total);
  return out;
}

function hasTokens(t: TokenCounts): boolean {
  return t.input !== undefined || t.output !== undefined || t.total !== undefined;
}

/** Token usage of an LLM run, from wherever the SDK or LangChain put it; {} when the run has none. */
function runTokens(run: Run): TokenCounts {
  const o = isObject(run.outputs) ? run.outputs : {};
  const candidates: unknown[] = [o.usage_metadata, o.usage];
  if (isObject(o.llm_output)) candidates.push(o.llm_output.token_usage, o.llm_output.usage);
  if (Array.isArray(o.generations)) {
    const g = Array.isArray(o.generations[0]) ? o.generations[0][0] : o.generations[0];
    const msg = isObject(g) && isObject(g.message) ? g.message : undefined;
    const kwargs = msg && isObject(msg.kwargs) ? msg.kwargs : msg;
    if (kwargs) candidates.push(kwargs.usage_metadata);
  }
  candidates.push(run.raw);
  for (const c of candidates) {
    const t = tokenCounts(c);
    if (hasTokens(t)) {
      if (t.total === undefined && t.input !== undefined && t.output !== undefined) t.total = t.input + t.output;
      return t;
    }
  }
  return {};
}

const LOOSE_TEXT_KEYS = ['input', 'question', 'query', 'prompt', 'text', 'output', 'answer', 'result'];

/** Messages of a non-LLM run's inputs/outputs: native message shapes, else a lone text field. */
function looseMessages(value: unknown, side: 'input' | 'output'): MessageInput[] {
  const msgs = nativeMessages(value, side);
  if (msgs.length > 0) return msgs;
  const d = decodeDeep(value);
  if (!isObject(d)) return [];
  for (const k of LOOSE_TEXT_KEYS) {
    const t = d[k];
    if (typeof t === 'string' && t.trim() !== '') return [{ role: side === 'input' ? 'user' : 'assistant', text: t }];
    if (isObject(t) || Array.isArray(t)) {
      const inner = nativeMessages(t, side);
      if (inner.length > 0) return inner;
    }
  }
  return [];
}

/** The value a tool run returned: LangChain wraps it in a ToolMessage (serialized or as a dict). */
function toolResult(outputs: unknown): { result: unknown; callId?: string } {
  if (!isObject(outputs)) return { result: outputs };
  const out = 'output' in outputs && Object.keys(outputs).length <= 2 ? outputs.output : outputs;
  if (isObject(out)) {
    const msg = isObject(out.kwargs) && out.lc !== undefined ? out.kwargs : out;
    if ((msg.type === 'tool' || 'tool_call_id' in msg) && 'content' in msg) {
      const r: { result: unknown; callId?: string } = { result: decodeJsonText(msg.content) };
      const callId = str(msg.tool_call_id);
      if (callId) r.callId = callId;
      return r;
    }
  }
  return { result: decodeDeep(out) };
}

function toolRecordOf(run: Run): ToolRecord {
  const inputs = decodeDeep(run.inputs);
  const args = isObject(inputs) && Object.keys(inputs).length === 1 && 'input' in inputs ? decodeDeep(inputs.input) : inputs;
  const { result, callId } = toolResult(run.outputs);
  const rec: ToolRecord = { name: run.name, arguments: toJson(args ?? null), status: 'unknown', spanId: run.id };
  const id =
    callId ??
    (isObject(inputs) ? str(inputs.tool_call_id) : undefined) ??
    str(run.metadata.tool_call_id);
  if (id) rec.id = id;
  if (run.outputs !== undefined) rec.result = toJson(result);
  if (run.error) {
    rec.status = 'error';
    rec.error = run.error;
  } else if (run.outputs !== undefined) rec.status = 'ok';
  if (run.start !== undefined && run.end !== undefined && run.end >= run.start) rec.latencyMs = run.end - run.start;
  if (run.end !== undefined) rec.time = run.end;
  return rec;
}

const RUN_KINDS: Record<string, string> = { llm: 'llm', chat_model: 'llm', tool: 'tool', chain: 'chain', retriever: 'retriever', embedding: 'embedding' };

function toSpan(run: Run): Span {
  const attributes: Record<string, Json> = { 'langsmith.run_type': run.runType };
  const model = str(run.metadata.ls_model_name);
  if (model) attributes['gen_ai.request.model'] = model;
  if (run.runType === 'llm') {
    const t = runTokens(run);
    if (t.input !== undefined) attributes['gen_ai.usage.input_tokens'] = t.input;
    if (t.output !== undefined) attributes['gen_ai.usage.output_tokens'] = t.output;
  }
  const span: Span = { spanId: run.id, name: run.name, kind: RUN_KINDS[run.runType] ?? run.runType, status: run.error ? 'error' : run.end !== undefined ? 'ok' : 'unset', attributes };
  if (run.parentId) span.parentSpanId = run.parentId;
  if (run.start !== undefined) span.startTime = run.start;
  if (run.end !== undefined) span.endTime = run.end;
  if (run.error) span.statusMessage = run.error;
  return span;
}

function feedbackOf(run: Run): Feedback[] {
  const out: Feedback[] = [];
  const list = run.raw.feedback;
  if (Array.isArray(list)) {
    for (const f of list) {
      if (!isObject(f)) continue;
      const fb: Feedback = {};
      const name = str(f.key) ?? str(f.name);
      if (name) fb.name = name;
      const score = num(f.score ?? f.value);
      if (score !== undefined) fb.score = score;
      const comment = str(f.comment);
      if (comment) fb.comment = comment;
      if (fb.score !== undefined || fb.comment !== undefined) out.push(fb);
    }
  }
  const stats = run.raw.feedback_stats;
  if (isObject(stats)) {
    for (const [key, s] of Object.entries(stats)) {
      const score = isObject(s) ? num(s.avg) : num(s);
      if (score !== undefined) out.push({ name: key, score });
    }
  }
  return out;
}

const CONVERSATION_KEYS = ['thread_id', 'session_id', 'conversation_id'];

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

function runOrder(a: Run, b: Run): number {
  if (a.dotted && b.dotted) return a.dotted < b.dotted ? -1 : a.dotted > b.dotted ? 1 : 0;
  return (a.start ?? 0) - (b.start ?? 0);
}

/** Build the trace of one LangSmith trace id from its run and patch fragments. */
function assembleRuns(traceKey: string, payloads: readonly Obj[], ctx: ParseContext): TraceDraft[] {
  const merged = new Map<string, Obj>();
  for (const p of payloads) if (p.kind !== 'patch') merged.set(String(p.id), p);
  for (const p of payloads) {
    if (p.kind !== 'patch') continue;
    const id = String(p.id);
    merged.set(id, applyPatch(merged.get(id) ?? {}, p));
  }
  const runs = [...merged.values()].map(toRun).sort(runOrder);
  if (runs.length === 0) return [];
  const ids = new Set(runs.map((r) => r.id));
  const root = runs.find((r) => r.id === traceKey) ?? runs.find((r) => !r.parentId || !ids.has(r.parentId)) ?? (runs[0] as Run);

  // Transcript: successive LLM calls merged; a call without input history is appended as it is.
  let transcript: MessageInput[] = [];
  for (const run of runs) {
    if (RUN_KINDS[run.runType] !== 'llm') continue;
    const input = nativeMessages(run.inputs, 'input');
    const output = nativeMessages(run.outputs, 'output').map((m) => {
      const withSpan: MessageInput = { ...m, spanId: run.id };
      if (run.end !== undefined) withSpan.time = run.end;
      return withSpan;
    });
    const call = [...input, ...output];
    transcript = input.length > 0 ? mergeTranscripts([transcript, call]) : transcript.concat(call);
  }
  if (transcript.length === 0) transcript = [...looseMessages(root.inputs, 'input'), ...looseMessages(root.outputs, 'output')];
  let messages = linkToolResults(transcript);
  messages = joinToolRecords(messages, runs.filter((r) => r.runType === 'tool').map(toolRecordOf));

  const draft: TraceDraft = {
    source: { format: 'langsmith', file: ctx.file, sourceTraceId: traceKey },
    agent: {},
    status: 'ok',
    tokens: {},
    outcome: { feedback: runs.flatMap(feedbackOf) },
    messages: finalizeMessages(messages),
    spans: runs.map(toSpan),
    metadata: {},
  };

  const llmRuns = runs.filter((r) => RUN_KINDS[r.runType] === 'llm');
  for (const r of llmRuns) draft.tokens = addTokens(draft.tokens, runTokens(r));
  if (llmRuns.length === 0) draft.tokens = runTokens(root);

  const models = llmRuns
    .map((r) => {
      const inputs = isObject(r.inputs) ? r.inputs : {};
      const outputs = isObject(r.outputs) ? r.outputs : {};
      return str(r.metadata.ls_model_name) ?? str(inputs.model) ?? str(outputs.model);
    })
    .filter((m): m is string => m !== undefined);
  const model = mostCommon(models) ?? str(root.metadata.ls_model_name);
  if (model) draft.agent.model = model;
  const agentName = str(root.metadata.agent_name) ?? (root.runType !== 'llm' ? root.name : undefined);
  if (agentName) draft.agent.name = agentName;
  const version = str(root.metadata.revision_id) ?? str(root.metadata.version);
  if (version) draft.agent.version = version;

  for (const r of [root, ...runs]) {
    const c = CONVERSATION_KEYS.map((k) => idText(r.metadata[k])).find((v) => v !== undefined);
    if (c) {
      draft.conversationId = c;
      break;
    }
  }
  const userId = idText(root.metadata.user_id);
  if (userId) draft.userId = userId;

  const starts = runs.map((r) => r.start).filter((t): t is number => t !== undefined);
  const ends = runs.map((r) => r.end).filter((t): t is number => t !== undefined);
  if (starts.length > 0) draft.startTime = Math.min(...starts);
  if (ends.length > 0) {
    const end = Math.max(...ends);
    if (draft.startTime === undefined || end >= draft.startTime) draft.endTime = end;
  }
  if (root.start !== undefined && root.end !== undefined && root.end >= root.start) draft.latencyMs = root.end - root.start;
  else if (draft.startTime !== undefined && draft.endTime !== undefined) draft.latencyMs = draft.endTime - draft.startTime;

  const failed = root.error ? root : runs.find((r) => r.error);
  if (failed?.error) {
    draft.status = 'error';
    draft.error = failed === root ? failed.error : `${failed.name}: ${failed.error}`;
  }

  draft.metadata.runName = root.name;
  const project = str(root.raw.session_name);
  if (project) draft.metadata.project = project;
  if (Array.isArray(root.raw.tags) && root.raw.tags.length > 0) draft.metadata.tags = toJson(root.raw.tags);
  for (const [k, v] of Object.entries(root.metadata)) if (!(k in draft.metadata)) draft.metadata[k] = toJson(v);
  return [draft];
}

// ---------------------------------------------------------------------------------------------------
// Assembling Anthropic managed-agent sessions
// ---------------------------------------------------------------------------------------------------

interface PendingCall {
  call: ToolCall;
  start?: number;
  end?: number;
}

interface Session {
  id: string;
  created?: Obj;
  messages: MessageInput[];
  calls: Map<string, PendingCall>;
  spans: Span[];
  requestStarts: Map<string, number>;
  tokens: TokenCounts;
  start?: number;
  end?: number;
  error?: string;
}

function newSession(id: string): Session {
  return { id, messages: [], calls: new Map(), spans: [], requestStarts: new Map(), tokens: {} };
}

/**
 * Text, full value and documents of a managed-agent content list. A fetched document's body goes to the
 * message's documents (and the call's result), not into the message text a second time.
 */
function blocks(content: unknown): { text: string; value: string; documents: Document[] } {
  const documents: Document[] = [];
  const texts: string[] = [];
  const docTexts: string[] = [];
  const titles: string[] = [];
  if (Array.isArray(content)) {
    for (const b of content) {
      if (!isObject(b)) continue;
      if (b.type === 'document') {
        const src = isObject(b.source) ? b.source : {};
        const doc: Document = {};
        const title = str(b.title);
        if (title) {
          doc.title = title;
          titles.push(title);
        }
        const data = str(src.data) ?? str(src.text);
        if (data) {
          doc.text = data;
          docTexts.push(data);
        }
        const uri = str(src.url) ?? str(b.url);
        if (uri) doc.uri = uri;
        documents.push(doc);
      } else {
        const t = str(b.text);
        if (t) texts.push(t);
      }
    }
  } else texts.push(contentText(content));
  const text = texts.length > 0 ? texts.join('\n') : titles.map((t) => `[document] ${t}`).join('\n');
  const value = texts.length > 0 ? texts.join('\n') : docTexts.join('\n');
  return { text, value, documents };
}

/**
 * Managed-agent model usage. Anthropic counts cached prompt tokens apart from `input_tokens`; they are
 * still prompt tokens the model read, so they are added to the input count.
 */
function modelUsage(u: unknown): TokenCounts {
  if (!isObject(u)) return {};
  const input = (num(u.input_tokens) ?? 0) + (num(u.cache_read_input_tokens) ?? 0) + (num(u.cache_creation_input_tokens) ?? 0);
  const output = num(u.output_tokens) ?? 0;
  return { input, output, total: input + output };
}

function handleEvent(s: Session, ev: Obj): void {
  const type = str(ev.type) ?? '';
  const time = toEpochMs(ev.processed_at);
  if (time !== undefined) {
    if (s.start === undefined || time < s.start) s.start = time;
    if (s.end === undefined || time > s.end) s.end = time;
  }
  const eventId = str(ev.id);
  const withTime = (m: MessageInput): MessageInput => (time === undefined ? m : { ...m, time });
  switch (type) {
    case 'user.message':
      s.messages.push(withTime({ role: 'user', text: blocks(ev.content).text }));
      return;
    case 'agent.message': {
      const m: MessageInput = { role: 'assistant', text: blocks(ev.content).text };
      s.messages.push(withTime(m));
      return;
    }
    case 'agent.tool_use':
    case 'agent.mcp_tool_use':
    case 'agent.custom_tool_use': {
      const name = str(ev.name);
      if (!name) return;
      const c: ToolCall = { name, arguments: toJson(ev.input ?? null), status: 'unknown' };
      if (eventId) c.id = eventId;
      const last = s.messages[s.messages.length - 1];
      if (last && last.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), c];
      else s.messages.push(withTime({ role: 'assistant', text: '', toolCalls: [c] }));
      // The message holds this same object, so later result/denial events update the transcript too.
      const pending: PendingCall = { call: c };
      if (time !== undefined) pending.start = time;
      if (eventId) s.calls.set(eventId, pending);
      return;
    }
    case 'agent.tool_result':
    case 'agent.mcp_tool_result':
    case 'user.custom_tool_result': {
      const useId = str(ev.tool_use_id) ?? str(ev.mcp_tool_use_id) ?? str(ev.custom_tool_use_id);
      const pending = useId ? s.calls.get(useId) : undefined;
      const { text, value, documents } = blocks(ev.content);
      const m: MessageInput = { role: 'tool', text, documents };
      if (useId) m.toolCallId = useId;
      if (pending) {
        m.name = pending.call.name;
        pending.call.result = decodeJsonText(value);
        if (time !== undefined) pending.end = time;
        if (ev.is_error === true) {
          pending.call.status = 'error';
          pending.call.error ??= text;
        } else if (pending.call.status === 'unknown') pending.call.status = 'ok';
        if (pending.start !== undefined && time !== undefined && time >= pending.start) pending.call.latencyMs = time - pending.start;
      }
      s.messages.push(withTime(m));
      return;
    }
    case 'user.tool_confirmation': {
      const pending = s.calls.get(str(ev.tool_use_id) ?? '');
      if (pending && ev.result === 'deny') {
        pending.call.status = 'error';
        pending.call.error = str(ev.deny_message) ?? 'tool use denied by the user';
      }
      return;
    }
    case 'span.model_request_start':
      if (eventId && time !== undefined) s.requestStarts.set(eventId, time);
      return;
    case 'span.model_request_end': {
      s.tokens = addTokens(s.tokens, modelUsage(ev.model_usage));
      const startId = str(ev.model_request_start_id);
      const span: Span = {
        spanId: startId ?? eventId ?? `request-${s.spans.length}`,
        parentSpanId: s.id,
        name: 'model_request',
        kind: 'llm',
        status: ev.is_error === true ? 'error' : 'ok',
        attributes: {},
      };
      const start = startId ? s.requestStarts.get(startId) : undefined;
      if (start !== undefined) span.startTime = start;
      if (time !== undefined) span.endTime = time;
      s.spans.push(span);
      if (ev.is_error === true) s.error ??= 'model request failed';
      return;
    }
    case 'session.error': {
      const err = isObject(ev.error) ? str(ev.error.message) : str(ev.error);
      s.error ??= err ?? str(ev.message) ?? 'session error';
      return;
    }
    default:
      return;
  }
}

/** The events of one recorded call: a stream item, a list page, or the events a send carried. */
function eventsOf(method: string, payload: unknown): Obj[] {
  if (method.endsWith('.stream') || method.endsWith('.list')) {
    if (isObject(payload) && typeof payload.type === 'string') return [payload];
    if (isObject(payload) && Array.isArray(payload.data)) return payload.data.filter(isObject);
  }
  return [];
}

function sessionDraft(s: Session, ctx: ParseContext): TraceDraft {
  const agent = isObject(s.created?.agent) ? s.created.agent : {};
  const model = isObject(agent.model) ? str(agent.model.id) : str(agent.model);
  const messages: MessageInput[] = [];
  const system = str(agent.system);
  if (system) messages.push({ role: 'system', text: system });
  messages.push(...s.messages);
  const spans: Span[] = [];
  const root: Span = { spanId: s.id, name: str(agent.name) ?? 'session', kind: 'agent', status: s.error ? 'error' : 'unset', attributes: {} };
  const created = toEpochMs(s.created?.created_at);
  const start = created !== undefined && (s.start === undefined || created < s.start) ? created : s.start;
  if (start !== undefined) root.startTime = start;
  if (s.end !== undefined) root.endTime = s.end;
  spans.push(root, ...s.spans);
  for (const p of s.calls.values()) {
    const span: Span = {
      spanId: p.call.id ?? `${p.call.name}-${spans.length}`,
      parentSpanId: s.id,
      name: p.call.name,
      kind: 'tool',
      status: p.call.status === 'error' ? 'error' : p.call.status === 'ok' ? 'ok' : 'unset',
      attributes: {},
    };
    if (p.start !== undefined) span.startTime = p.start;
    if (p.end !== undefined) span.endTime = p.end;
    if (p.call.error) span.statusMessage = p.call.error;
    spans.push(span);
  }
  const draft: TraceDraft = {
    source: { format: 'langsmith', file: ctx.file, sourceTraceId: s.id },
    agent: {},
    conversationId: s.id,
    status: 'ok',
    tokens: s.tokens,
    outcome: { feedback: [] },
    messages: finalizeMessages(linkToolResults(messages)),
    spans,
    metadata: { source: 'anthropic-managed-agents' },
  };
  const name = str(agent.name);
  if (name) draft.agent.name = name;
  const version = idText(agent.version);
  if (version) draft.agent.version = version;
  if (model) draft.agent.model = model;
  if (start !== undefined) draft.startTime = start;
  if (s.end !== undefined && (start === undefined || s.end >= start)) {
    draft.endTime = s.end;
    if (start !== undefined) draft.latencyMs = s.end - start;
  }
  const failedCall = [...s.calls.values()].find((p) => p.call.status === 'error');
  const error = s.error ?? (failedCall ? `${failedCall.call.name}: ${failedCall.call.error ?? 'failed'}` : undefined);
  if (error) {
    draft.status = 'error';
    draft.error = error;
  }
  const title = str(s.created?.title);
  if (title) draft.metadata.title = title;
  const agentId = str(agent.id);
  if (agentId) draft.metadata.agentId = agentId;
  return draft;
}

/** Split a file's recorded calls into sessions (create/send lines name the session) and build each. */
function assembleAnthropic(traceKey: string, payloads: readonly Obj[], ctx: ParseContext): TraceDraft[] {
  const lines = [...payloads].sort((a, b) => (num(a.index) ?? 0) - (num(b.index) ?? 0));
  const sessions = new Map<string, Session>();
  let current: Session | undefined;
  const sessionFor = (id: string): Session => {
    const s = sessions.get(id) ?? newSession(id);
    sessions.set(id, s);
    return s;
  };
  for (const line of lines) {
    const method = str(line.method) ?? '';
    const payload = line.payload;
    if (/sessions\.(create|retrieve|update)$/.test(method) && isObject(payload) && str(payload.id)) {
      current = sessionFor(String(payload.id));
      current.created = payload;
      continue;
    }
    if (Array.isArray(payload) && typeof payload[0] === 'string' && payload[0].startsWith('sesn_')) {
      current = sessionFor(payload[0]);
    }
    const events = eventsOf(method, payload);
    if (events.length === 0) continue;
    // Events before any session id: the file's own key stands in for the session.
    current ??= sessionFor(ctx.hash(traceKey).slice(0, 24));
    for (const ev of events) handleEvent(current, ev);
  }
  return [...sessions.values()].filter((s) => s.messages.length > 0 || s.created).map((s) => sessionDraft(s, ctx));
}

// ---------------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------------

/** The LangSmith run format (plus the Anthropic managed-agent recordings from its SDK's test data). */
export const langsmithParser: FormatParser = {
  id: 'langsmith',
  title: 'LangSmith runs',
  detection:
    'a run with `run_type` and `id`/`dotted_order` (tree with `child_runs`, or flat with `parent_run_id`/`trace_id`), an SDK `{post, patch}` payload, or an Anthropic managed-agent `["client.beta.sessions…", payload]` line',
  framing: 'json',
  detect(record: unknown): number {
    if (isAnthropicRecording(record)) return 0.9;
    if (!isObject(record)) return 0;
    const post = record.post;
    const patch = record.patch;
    if (Array.isArray(post) || Array.isArray(patch)) {
      const first = (Array.isArray(post) && post.length > 0 ? post : Array.isArray(patch) ? patch : [])[0];
      return looksLikeRun(first) ? 0.95 : 0;
    }
    if (typeof record.run_type === 'string' && (idText(record.id) || typeof record.dotted_order === 'string')) {
      return 'inputs' in record || 'outputs' in record || 'start_time' in record ? 0.9 : 0.6;
    }
    return 0;
  },
  parse(record: unknown, location: RecordLocation, ctx: ParseContext): ParseResult {
    const fragments: Fragment[] = [];
    if (isAnthropicRecording(record)) {
      fragments.push({
        traceKey: `${ANTHROPIC_KEY_PREFIX}${ctx.file}`,
        fragmentId: String(location.index),
        payload: { kind: 'anthropic', index: location.index, method: record[0], payload: toJson(record[1]) },
      });
      return { traces: [], fragments };
    }
    if (!isObject(record)) throw new RecordShapeError('not a LangSmith run: expected an object');
    if (Array.isArray(record.post) || Array.isArray(record.patch)) {
      for (const run of Array.isArray(record.post) ? record.post : []) if (isObject(run)) runFragments(run, 'run', {}, fragments);
      for (const run of Array.isArray(record.patch) ? record.patch : []) if (isObject(run)) runFragments(run, 'patch', {}, fragments);
      return { traces: [], fragments };
    }
    if (!looksLikeRun(record)) throw new RecordShapeError('not a LangSmith run: no run_type, trace_id or dotted_order');
    runFragments(record, 'run', {}, fragments);
    return { traces: [], fragments };
  },
  assemble(traceKey: string, fragments: Json[], ctx: ParseContext): TraceDraft[] {
    const payloads: Obj[] = [];
    for (const f of fragments) if (isObject(f)) payloads.push(f);
    if (traceKey.startsWith(ANTHROPIC_KEY_PREFIX) || payloads.some((p) => p.kind === 'anthropic')) {
      return assembleAnthropic(traceKey, payloads, ctx);
    }
    return assembleRuns(traceKey, payloads, ctx);
  },
};
