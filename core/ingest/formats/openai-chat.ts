/**
 * OpenAI chat conversations: `{messages: [...]}` records (fine-tuning / chat logs), `{request, response}`
 * chat-completion log pairs, and SWE-agent trajectories (`{history, trajectory, info}`), whose `history`
 * is the chat sent to the model. One record is one trace.
 */
import type { FormatParser, ParseContext, ParseResult, RecordLocation } from '../format.js';
import { RecordShapeError } from '../format.js';
import type { Json, MessageInput, Outcome, TokenCounts, ToolCall, TraceDraft } from '../../model/trace.js';
import {
  canonicalJson,
  decodeJsonText,
  finalizeMessages,
  fromOpenAiMessage,
  isObject,
  linkToolResults,
  num,
  str,
  toEpochMs,
  toJson,
} from '../transcript.js';

type Obj = Record<string, unknown>;
type Feedback = Outcome['feedback'][number];

/** A string id from a string or number field (sources write ids both ways). */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return str(value)?.trim() || undefined;
}

/** A non-negative integer token count, else undefined. */
function tokenCount(value: unknown): number | undefined {
  const n = num(value);
  return n === undefined || n < 0 ? undefined : Math.round(n);
}

/** Token counts from an OpenAI (`prompt_tokens`) or Anthropic/Responses (`input_tokens`) usage object. */
export function usageTokens(usage: unknown): TokenCounts {
  if (!isObject(usage)) return {};
  const out: TokenCounts = {};
  const input = tokenCount(usage.prompt_tokens ?? usage.input_tokens);
  const output = tokenCount(usage.completion_tokens ?? usage.output_tokens);
  const total = tokenCount(usage.total_tokens);
  if (input !== undefined) out.input = input;
  if (output !== undefined) out.output = output;
  if (total !== undefined) out.total = total;
  return out;
}

const THUMBS_UP = new Set(['up', 'thumbs_up', 'thumbsup', 'positive', 'good', 'like', '+1', '👍']);
const THUMBS_DOWN = new Set(['down', 'thumbs_down', 'thumbsdown', 'negative', 'bad', 'dislike', '-1', '👎']);

/** User feedback in the shapes chat logs use: a score, a thumbs string, `{name, score, comment}`, or a list. */
export function toFeedback(value: unknown): Feedback[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(toFeedback);
  if (typeof value === 'boolean') return [{ name: 'thumbs', score: value ? 1 : 0 }];
  if (typeof value === 'number') return Number.isFinite(value) ? [{ score: value }] : [];
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === '') return [];
    if (THUMBS_UP.has(t)) return [{ name: 'thumbs', score: 1 }];
    if (THUMBS_DOWN.has(t)) return [{ name: 'thumbs', score: 0 }];
    const n = num(t);
    return n === undefined ? [{ comment: value }] : [{ score: n }];
  }
  if (!isObject(value)) return [];
  const rawScore = value.score ?? value.value ?? value.rating;
  const fromScore = typeof rawScore === 'string' || typeof rawScore === 'boolean' ? toFeedback(rawScore)[0] : undefined;
  const fb: Feedback = {};
  const name = str(value.name) ?? str(value.key) ?? str(value.type) ?? fromScore?.name;
  const score = num(rawScore) ?? fromScore?.score;
  const comment = str(value.comment) ?? str(value.text) ?? str(value.reason);
  if (name !== undefined) fb.name = name;
  if (score !== undefined) fb.score = score;
  if (comment !== undefined) fb.comment = comment;
  return fb.score === undefined && fb.comment === undefined ? [] : [fb];
}

/** The error text of an `error` field (a string, or an object with `message`), else undefined. */
export function errorText(value: unknown): string | undefined {
  if (isObject(value)) return str(value.message) ?? JSON.stringify(toJson(value));
  if (value === true) return 'error';
  return str(value);
}

/** A draft with every default filled, so parsers only set what their source has. */
export function emptyDraft(source: TraceDraft['source']): TraceDraft {
  return {
    source,
    agent: {},
    status: 'ok',
    tokens: {},
    outcome: { feedback: [] },
    messages: [],
    spans: [],
    metadata: {},
  };
}

/** Earliest and latest message time, for traces whose record carries no start/end of its own. */
export function messageTimeRange(messages: readonly MessageInput[]): { start?: number; end?: number } {
  const times = messages.map((m) => m.time).filter((t): t is number => t !== undefined);
  return times.length === 0 ? {} : { start: Math.min(...times), end: Math.max(...times) };
}

/** Copy an object's entries into metadata as JSON (the record's own `metadata` is kept flat). */
function addMetadata(target: Record<string, Json>, value: unknown): void {
  if (!isObject(value)) return;
  for (const [k, v] of Object.entries(value)) if (v !== undefined) target[k] = toJson(v);
}

function messageTime(raw: unknown): number | undefined {
  if (!isObject(raw)) return undefined;
  return toEpochMs(raw.timestamp ?? raw.created_at ?? raw.created ?? raw.time);
}

/** Convert raw chat messages, keeping per-message timestamps (a field, or the record's parallel array). */
function chatMessages(raw: unknown[], timestamps?: unknown): MessageInput[] {
  const times = Array.isArray(timestamps) ? timestamps : [];
  const out: MessageInput[] = [];
  raw.forEach((m, i) => {
    const msg = fromOpenAiMessage(m);
    if (!msg) return;
    const time = messageTime(m) ?? toEpochMs(times[i]);
    out.push(time === undefined ? msg : { ...msg, time });
  });
  return out;
}

const FOREIGN_KEYS = ['resourceSpans', 'observations', 'run_type', 'spanContext', 'child_runs', 'dotted_order'];

function looksForeign(record: Obj): boolean {
  return FOREIGN_KEYS.some((k) => k in record) || (isObject(record.trace) && 'observations' in record);
}

function isChatMessageList(value: unknown): value is unknown[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.slice(0, 5).every((m) => isObject(m) && typeof (m.role ?? m.type) === 'string');
}

function isSweAgentTrajectory(record: Obj): boolean {
  return isChatMessageList(record.history) && !('messages' in record);
}

function isSwePrediction(record: Obj): boolean {
  return 'model_patch' in record && 'instance_id' in record && !('history' in record);
}

function isRequestResponsePair(record: Obj): boolean {
  return isObject(record.request) && isChatMessageList(record.request.messages) && isObject(record.response);
}

/** Set start/end/latency from record fields, falling back to the message times. */
function applyTimes(draft: TraceDraft, record: Obj, messages: readonly MessageInput[]): void {
  const ts = isObject(record.timestamps) ? record.timestamps : {};
  const range = messageTimeRange(messages);
  const start =
    toEpochMs(record.start_time ?? record.started_at ?? ts.start ?? ts.started_at ?? record.created ?? record.created_at ?? record.timestamp) ??
    range.start;
  const end = toEpochMs(record.end_time ?? record.ended_at ?? ts.end ?? ts.ended_at) ?? range.end;
  if (start !== undefined) draft.startTime = start;
  if (end !== undefined && (start === undefined || end >= start)) draft.endTime = end;
  const latency = num(record.latency_ms ?? record.duration_ms);
  if (latency !== undefined && latency >= 0) draft.latencyMs = latency;
  else if (draft.startTime !== undefined && draft.endTime !== undefined && draft.endTime > draft.startTime) {
    draft.latencyMs = draft.endTime - draft.startTime;
  }
}

/** Fields common to a chat log record: ids, user, model, outcome, error, metadata. */
function applyRecordFields(draft: TraceDraft, record: Obj): void {
  const meta = isObject(record.metadata) ? record.metadata : {};
  const conversationId = idText(record.conversation_id ?? record.session_id ?? record.thread_id ?? meta.conversation_id ?? meta.session_id);
  if (conversationId) draft.conversationId = conversationId;
  const userId = idText(record.user_id ?? record.user ?? meta.user_id ?? meta.user);
  if (userId) draft.userId = userId;
  const model = str(record.model) ?? str(meta.model);
  if (model) draft.agent.model = model;
  const agent = record.agent ?? meta.agent;
  if (isObject(agent)) {
    if (str(agent.name)) draft.agent.name = str(agent.name);
    if (str(agent.version)) draft.agent.version = str(agent.version);
  } else if (str(agent)) draft.agent.name = str(agent);
  const intent = str(record.intent) ?? str(meta.intent);
  if (intent) draft.intent = intent;
  const stakes = str(record.stakes) ?? str(meta.stakes);
  if (stakes) draft.stakes = stakes;
  const reward = num(record.reward);
  if (reward !== undefined) draft.outcome.reward = reward;
  if (typeof record.success === 'boolean') draft.outcome.success = record.success;
  draft.outcome.feedback = toFeedback(record.feedback ?? record.rating);
  const err = errorText(record.error);
  if (err) {
    draft.status = 'error';
    draft.error = err;
  }
  draft.tokens = usageTokens(record.usage);
  addMetadata(draft.metadata, meta);
  if (Array.isArray(record.tags)) draft.metadata.tags = toJson(record.tags);
  if (Array.isArray(record.tools)) {
    const names = record.tools
      .map((t) => (isObject(t) ? (str(isObject(t.function) ? t.function.name : undefined) ?? str(t.name)) : undefined))
      .filter((n): n is string => n !== undefined);
    if (names.length > 0) draft.metadata.tools = names;
  }
}

function sourceId(record: Obj, ctx: ParseContext, ...candidates: unknown[]): string {
  for (const c of [record.id, ...candidates]) {
    const id = idText(c);
    if (id) return id;
  }
  return ctx.hash(canonicalJson(record));
}

function parseMessagesRecord(record: Obj, ctx: ParseContext): TraceDraft {
  const draft = emptyDraft({ format: 'openai-chat', file: ctx.file, sourceTraceId: sourceId(record, ctx) });
  const raw = record.messages as unknown[];
  const messages = linkToolResults(chatMessages(raw, record.timestamps));
  applyRecordFields(draft, record);
  applyTimes(draft, record, messages);
  draft.messages = finalizeMessages(messages);
  return draft;
}

function parseRequestResponse(record: Obj, ctx: ParseContext): TraceDraft {
  const request = record.request as Obj;
  const outer = record.response as Obj;
  // Proxies log the HTTP response; the completion is its body.
  const response = isObject(outer.body) ? outer.body : outer;
  const choices = Array.isArray(response.choices) ? response.choices : [];
  const first = choices[0];
  const reply = isObject(first) ? fromOpenAiMessage(first.message) : undefined;
  const draft = emptyDraft({ format: 'openai-chat', file: ctx.file, sourceTraceId: sourceId(record, ctx, response.id) });
  const messages = chatMessages(request.messages as unknown[]);
  if (reply) messages.push(reply);
  applyRecordFields(draft, { ...record, user: record.user ?? request.user, model: response.model ?? request.model ?? record.model });
  draft.tokens = usageTokens(response.usage ?? record.usage);
  applyTimes(draft, { created: response.created, ...record }, messages);
  const httpStatus = num(outer.status_code ?? outer.status);
  const err = errorText(response.error) ?? (httpStatus !== undefined && httpStatus >= 400 ? `HTTP ${httpStatus}` : undefined);
  if (err) {
    draft.status = 'error';
    draft.error = err;
  }
  if (isObject(first) && str(first.finish_reason)) draft.metadata.finish_reason = String(first.finish_reason);
  if (choices.length > 1) draft.metadata.choices = choices.length;
  draft.messages = finalizeMessages(linkToolResults(messages));
  return draft;
}

/** SWE-agent's own commands keep their name as a tool; anything else it runs is a shell command. */
const SWE_AGENT_COMMANDS = new Set([
  'open', 'goto', 'scroll_up', 'scroll_down', 'create', 'edit', 'insert', 'append', 'submit', 'find_file',
  'search_dir', 'search_file', 'str_replace_editor', 'filemap', 'exit_forfeit', 'view_image',
]);

/** A tool call for a non-function-calling SWE-agent action (a command line), so its steps read as tool use. */
function actionCall(action: string): ToolCall {
  const command = action.trim();
  const head = command.split(/\s+/)[0] ?? '';
  return { name: SWE_AGENT_COMMANDS.has(head) ? head : 'bash', arguments: { command }, status: 'unknown' };
}

function parseSweAgent(record: Obj, ctx: ParseContext): TraceDraft {
  const draft = emptyDraft({ format: 'openai-chat', file: ctx.file, sourceTraceId: sourceId(record, ctx) });
  const history = (record.history as unknown[]).filter((m) => !(isObject(m) && m.is_demo === true));
  const steps = Array.isArray(record.trajectory) ? record.trajectory.filter(isObject) : [];
  let nextStep = 0;
  let awaitingObservation = false;
  const messages: MessageInput[] = [];
  for (const raw of history) {
    if (!isObject(raw)) continue;
    const msg = fromOpenAiMessage(raw);
    if (!msg) continue;
    // Function-calling histories answer a call with `tool_call_ids: [id]` instead of `tool_call_id`.
    if (msg.role === 'tool' && !msg.toolCallId && Array.isArray(raw.tool_call_ids)) {
      const id = str(raw.tool_call_ids[0]);
      if (id) msg.toolCallId = id;
    }
    if (msg.role === 'assistant') {
      const action = str(raw.action);
      if (action && (msg.toolCalls ?? []).length === 0) msg.toolCalls = [actionCall(action)];
      const step = action ? steps.findIndex((s, i) => i >= nextStep && str(s.action)?.trim() === action.trim()) : -1;
      const seconds = step >= 0 ? num(steps[step]?.execution_time) : undefined;
      if (step >= 0) nextStep = step + 1;
      const firstCall = msg.toolCalls?.[0];
      if (firstCall && seconds !== undefined && seconds > 0) firstCall.latencyMs = seconds * 1000;
      awaitingObservation = (msg.toolCalls ?? []).length > 0;
    } else if (msg.role === 'user' && awaitingObservation) {
      // Without function calling, the environment's output of a command comes back as a user turn.
      msg.role = 'tool';
      awaitingObservation = false;
    } else {
      awaitingObservation = false;
    }
    messages.push(msg);
  }
  draft.messages = finalizeMessages(linkToolResults(messages));

  const info = isObject(record.info) ? record.info : {};
  const stats = isObject(info.model_stats) ? info.model_stats : {};
  const exitStatus = str(info.exit_status);
  draft.metadata.agent_framework = 'swe-agent';
  if (exitStatus) {
    draft.metadata.exit_status = exitStatus;
    // `exit_error`, `submitted (exit_format)`...: the agent loop broke. Cost/context limits are ordinary
    // (if unsuccessful) endings and stay `ok`; exit_status is kept for rules to judge them.
    if (/error|exit_format/i.test(exitStatus)) {
      draft.status = 'error';
      draft.error = `SWE-agent exit status: ${exitStatus}`;
    }
  }
  if (typeof info.submission === 'string') draft.metadata.submission = info.submission;
  if (str(record.environment)) draft.metadata.environment = String(record.environment);
  const cost = num(stats.instance_cost);
  if (cost !== undefined && cost > 0) draft.metadata.cost_usd = cost;
  const apiCalls = num(stats.api_calls);
  if (apiCalls !== undefined && apiCalls > 0) draft.metadata.api_calls = apiCalls;
  // Demonstration and replay files record 0 tokens for "not measured"; only real counts are kept.
  const sent = tokenCount(stats.tokens_sent);
  const received = tokenCount(stats.tokens_received);
  if (sent) draft.tokens.input = sent;
  if (received) draft.tokens.output = received;

  const replay = isObject(record.replay_config) ? record.replay_config : isObject(decodeJsonText(record.replay_config)) ? (decodeJsonText(record.replay_config) as Obj) : {};
  const agentCfg = isObject(replay.agent) ? replay.agent : {};
  const modelName = isObject(agentCfg.model) ? str(agentCfg.model.name) : undefined;
  if (modelName) draft.agent.model = modelName;
  const problem = isObject(replay.problem_statement) ? replay.problem_statement : {};
  const instanceId = str(problem.id);
  if (instanceId) draft.metadata.instance_id = instanceId;
  const firstAgent = history.find(isObject);
  if (firstAgent && str(firstAgent.agent)) draft.agent.name = String(firstAgent.agent);

  const totalSeconds = steps.reduce((sum, s) => sum + (num(s.execution_time) ?? 0), 0);
  if (totalSeconds > 0) draft.metadata.execution_seconds = Math.round(totalSeconds * 1000) / 1000;
  return draft;
}

/** Parse one OpenAI-chat-shaped record into one draft; throws RecordShapeError on any other shape. */
export function parseChatRecord(record: unknown, ctx: ParseContext): TraceDraft {
  if (!isObject(record)) throw new RecordShapeError('expected a JSON object with a `messages` array');
  if (isSwePrediction(record)) {
    throw new RecordShapeError(
      'this is a SWE-agent prediction line (instance_id, model_patch), not a trajectory: import the .traj files instead',
    );
  }
  if (Array.isArray(record.messages)) return parseMessagesRecord(record, ctx);
  if (isRequestResponsePair(record)) return parseRequestResponse(record, ctx);
  if (isSweAgentTrajectory(record)) return parseSweAgent(record, ctx);
  const keys = Object.keys(record).slice(0, 8).join(', ');
  throw new RecordShapeError(
    `expected an OpenAI chat record: an object with a \`messages\` array, a {request, response} pair, or a SWE-agent trajectory with \`history\`; got keys: ${keys || '(none)'}`,
  );
}

/** Detector confidence for OpenAI chat records (0 for other formats' shapes and SWE-agent predictions). */
export function detectChatRecord(record: unknown): number {
  if (!isObject(record) || looksForeign(record) || isSwePrediction(record)) return 0;
  if ('task_id' in record && 'traj' in record) return 0; // tau-bench
  if (isChatMessageList(record.messages)) return 0.85;
  if (isRequestResponsePair(record)) return 0.8;
  if (isSweAgentTrajectory(record)) return 'info' in record || 'trajectory' in record ? 0.9 : 0.7;
  if (Array.isArray(record.messages) && record.messages.length === 0) return 0.3;
  return 0;
}

export const openAiChatParser: FormatParser = {
  id: 'openai-chat',
  title: 'OpenAI chat messages (and SWE-agent trajectories)',
  detection:
    'an object with a `messages` array of {role, content} (or a {request:{messages}, response:{choices}} pair, or a SWE-agent `history`)',
  framing: 'json',
  detect(record: unknown): number {
    try {
      return detectChatRecord(record);
    } catch {
      return 0;
    }
  },
  parse(record: unknown, _location: RecordLocation, ctx: ParseContext): ParseResult {
    return { traces: [parseChatRecord(record, ctx)], fragments: [] };
  },
};
