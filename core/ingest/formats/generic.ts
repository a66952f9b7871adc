/**
 * The generic format: a team's own log (JSON Lines, JSON or CSV) plus a field mapping that says, by
 * dotted path, where each canonical field lives in a record. One record (row) is one trace; rows of one
 * conversation share `conversationId` and are grouped by the store, not merged here.
 */
import { z } from 'zod';
import type { FormatParser, ParseContext, ParseResult, RecordLocation } from '../format.js';
import { RecordShapeError } from '../format.js';
import type { Json, MessageInput, ToolCall, TraceDraft } from '../../model/trace.js';
import {
  canonicalJson,
  decodeJsonText,
  finalizeMessages,
  fromOpenAiMessages,
  isObject,
  linkToolResults,
  num,
  toEpochMs,
  toJson,
} from '../transcript.js';
import { emptyDraft, errorText, idText, toFeedback } from './openai-chat.js';

/** A dotted path into a record: `ts`, `body.messages`, `choices.0.message.content`. */
const Path = z
  .string()
  .trim()
  .min(1, 'a path must not be empty')
  .regex(/^[^.]+(\.[^.]+)*$/, 'a path is dot-separated names like "body.messages", without empty parts');

const ToolCallsMapping = z.strictObject({
  /** Where the list of tool calls is (an array, a single object, or JSON text of either). */
  path: Path,
  id: Path.optional(),
  name: Path.optional(),
  arguments: Path.optional(),
  result: Path.optional(),
  error: Path.optional(),
  latencyMs: Path.optional(),
});

/** The user's field mapping for the generic format (written in YAML; see docs/generic-mapping.md). */
export const FieldMapping = z
  .strictObject({
    id: Path.optional(),
    conversationId: Path.optional(),
    startTime: Path.optional(),
    endTime: Path.optional(),
    /** An OpenAI-style message array (or JSON text of one, as a CSV cell holds it). */
    messages: Path.optional(),
    systemText: Path.optional(),
    userText: Path.optional(),
    assistantText: Path.optional(),
    model: Path.optional(),
    agentName: Path.optional(),
    agentVersion: Path.optional(),
    userId: Path.optional(),
    intent: Path.optional(),
    stakes: Path.optional(),
    status: Path.optional(),
    /** Values of `status` that mean the turn failed (case-insensitive); a built-in list when absent. */
    errorValues: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    error: Path.optional(),
    reward: Path.optional(),
    success: Path.optional(),
    feedback: z.strictObject({ score: Path.optional(), comment: Path.optional(), name: z.string().optional() }).optional(),
    latencyMs: Path.optional(),
    tokens: z.strictObject({ input: Path.optional(), output: Path.optional(), total: Path.optional() }).optional(),
    /** Extra fields to keep: a list of paths (kept under their path), or name → path. */
    metadata: z
      .preprocess((v) => (Array.isArray(v) ? Object.fromEntries(v.map((p) => [String(p), p])) : v), z.record(z.string(), Path))
      .optional(),
    /** Where the tool calls are: a path, or `{path, name, arguments, result, ...}` with subpaths inside each call. */
    toolCalls: z.preprocess((v) => (typeof v === 'string' ? { path: v } : v), ToolCallsMapping).optional(),
  })
  .refine((m) => m.messages !== undefined || m.userText !== undefined || m.assistantText !== undefined, {
    message: 'the mapping needs `messages`, or `userText` and/or `assistantText`, to build the conversation',
  });
export type FieldMapping = z.infer<typeof FieldMapping>;

type Obj = Record<string, unknown>;

/**
 * The value at a dotted path. A key that itself contains dots (a CSV header `user.id`, a flattened
 * attribute) wins over descending; JSON text met on the way (a CSV cell) is decoded and descended into.
 */
export function getPath(record: unknown, path: string): unknown {
  const segs = path.split('.');
  let cur: unknown = record;
  for (let i = 0; i < segs.length; i++) {
    if (typeof cur === 'string') cur = decodeJsonText(cur);
    const seg = segs[i] as string;
    if (Array.isArray(cur)) {
      const idx = Number(seg);
      if (!Number.isInteger(idx)) return undefined;
      cur = cur[idx];
    } else if (isObject(cur)) {
      const rest = segs.slice(i).join('.');
      if (i < segs.length - 1 && rest in cur) return cur[rest];
      cur = cur[seg];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** True when a value is there: CSV writes a missing value as an empty cell. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function text(value: unknown): string | undefined {
  if (!present(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(toJson(value));
}

function toBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const t = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (['true', 'yes', 'y', '1', 'ok', 'pass', 'passed', 'success'].includes(t)) return true;
  if (['false', 'no', 'n', '0', 'fail', 'failed', 'failure'].includes(t)) return false;
  return undefined;
}

function tokenCount(value: unknown): number | undefined {
  const n = num(value);
  return n === undefined || n < 0 ? undefined : Math.round(n);
}

const DEFAULT_ERROR_STATUS = /^(error|errored|err|fail|failed|failure|exception|timeout|timed[ _-]?out|aborted|cancell?ed|[45]\d\d)$/i;

/** Every mapping key with its path, dotted for nested keys (`tokens.input`, `toolCalls.path`). */
function mappedPaths(mapping: FieldMapping): Array<[key: string, path: string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(mapping)) {
    if (key === 'errorValues' || value === undefined) continue;
    if (typeof value === 'string') out.push([key, value]);
    else if (isObject(value)) {
      for (const [sub, p] of Object.entries(value)) {
        // Tool-call subpaths are relative to each call, and a feedback name is a label, not a path.
        if (typeof p !== 'string' || (key === 'toolCalls' && sub !== 'path') || (key === 'feedback' && sub === 'name')) continue;
        out.push([`${key}.${sub}`, p]);
      }
    }
  }
  return out;
}

function shapeError(key: string, path: string, reason: string): RecordShapeError {
  return new RecordShapeError(`mapping key "${key}": path "${path}" ${reason}`);
}

/** Read one call's field: the mapped subpath, else the first of the usual names. */
function callField(call: Obj, mapped: string | undefined, defaults: readonly string[]): unknown {
  if (mapped !== undefined) return getPath(call, mapped);
  for (const d of defaults) {
    const v = getPath(call, d);
    if (present(v)) return v;
  }
  return undefined;
}

function readToolCalls(record: Obj, m: FieldMapping['toolCalls']): { calls: ToolCall[]; results: MessageInput[] } {
  if (m === undefined) return { calls: [], results: [] };
  const raw = decodeJsonText(getPath(record, m.path));
  if (!present(raw)) return { calls: [], results: [] };
  const items: unknown[] = Array.isArray(raw) ? raw : [raw];
  const calls: ToolCall[] = [];
  const results: MessageInput[] = [];
  items.forEach((item, i) => {
    if (!isObject(item)) {
      throw shapeError('toolCalls.path', m.path, `holds a tool call #${i + 1} that is not an object`);
    }
    const name = text(callField(item, m.name, ['name', 'function.name', 'tool', 'tool_name']));
    if (!name) {
      throw shapeError('toolCalls.name', m.name ?? 'name', `not found in tool call #${i + 1} (at "${m.path}")`);
    }
    const call: ToolCall = {
      name,
      arguments: decodeJsonText(callField(item, m.arguments, ['arguments', 'function.arguments', 'args', 'input', 'parameters']) ?? null),
      status: 'unknown',
    };
    const id = idText(callField(item, m.id, ['id', 'call_id', 'tool_call_id']));
    if (id) call.id = id;
    const latency = num(callField(item, m.latencyMs, ['latency_ms', 'latencyMs', 'duration_ms']));
    if (latency !== undefined && latency >= 0) call.latencyMs = latency;
    const err = errorText(callField(item, m.error, ['error']));
    if (err) {
      call.status = 'error';
      call.error = err;
    }
    const result = callField(item, m.result, ['result', 'output', 'response']);
    // A mapped result that is null or an empty cell is no result, as with the default names.
    if (present(result)) {
      const resultText = typeof result === 'string' ? result : JSON.stringify(toJson(result));
      results.push({ role: 'tool', text: resultText, name, ...(id ? { toolCallId: id } : {}) });
    }
    calls.push(call);
  });
  return { calls, results };
}

/** The mapping key that carries the conversation: `messages`, else `userText`, else `assistantText`. */
function primaryTranscriptPath(mapping: FieldMapping): [key: string, path: string] {
  if (mapping.messages) return ['messages', mapping.messages];
  if (mapping.userText) return ['userText', mapping.userText];
  return ['assistantText', mapping.assistantText ?? ''];
}

function readMessages(record: Obj, mapping: FieldMapping): MessageInput[] {
  const [primaryKey, primaryPath] = primaryTranscriptPath(mapping);
  // The path that carries the conversation must exist; the others may be absent from a sparse record.
  if (getPath(record, primaryPath) === undefined) throw shapeError(primaryKey, primaryPath, 'is not in the record');
  const messages: MessageInput[] = [];
  const system = mapping.systemText ? text(getPath(record, mapping.systemText)) : undefined;
  if (system) messages.push({ role: 'system', text: system });
  if (mapping.messages) {
    const raw = decodeJsonText(getPath(record, mapping.messages));
    if (!present(raw)) throw shapeError('messages', mapping.messages, 'is not in the record');
    if (!Array.isArray(raw)) throw shapeError('messages', mapping.messages, 'does not hold a message array (or JSON text of one)');
    messages.push(...fromOpenAiMessages(raw));
  }
  if (mapping.userText) {
    const t = text(getPath(record, mapping.userText));
    if (t) messages.push({ role: 'user', text: t });
  }
  const { calls, results } = readToolCalls(record, mapping.toolCalls);
  if (calls.length > 0) messages.push({ role: 'assistant', text: '', toolCalls: calls }, ...results);
  if (mapping.assistantText) {
    const t = text(getPath(record, mapping.assistantText));
    if (t) messages.push({ role: 'assistant', text: t });
  }
  return linkToolResults(messages);
}

/** Same rule as the import pipeline's framing: a file named .csv is read as CSV rows. */
const CSV_FILE = /\.csv(\.gz)?$/i;

/** Turn one record into a draft according to the mapping; throws RecordShapeError naming a bad path. */
export function applyMapping(record: unknown, mapping: FieldMapping, ctx: ParseContext): TraceDraft {
  if (!isObject(record)) throw new RecordShapeError('expected an object (a JSON record or a CSV row)');
  if (CSV_FILE.test(ctx.file)) {
    // Every CSV row has every column, so a path whose column is missing is a mapping mistake, not a sparse row.
    for (const [key, path] of mappedPaths(mapping)) {
      const head = path.split('.')[0] as string;
      if (!(path in record) && !(head in record)) {
        throw shapeError(key, path, `names no column of the CSV (columns: ${Object.keys(record).join(', ')})`);
      }
    }
  }
  const get = (path: string | undefined): unknown => (path === undefined ? undefined : getPath(record, path));

  let sourceTraceId: string | undefined;
  if (mapping.id) sourceTraceId = idText(get(mapping.id));
  const draft = emptyDraft({ format: 'generic', file: ctx.file, sourceTraceId: sourceTraceId ?? ctx.hash(canonicalJson(record)) });
  draft.messages = finalizeMessages(readMessages(record, mapping));

  const conversationId = idText(get(mapping.conversationId));
  if (conversationId) draft.conversationId = conversationId;
  const userId = idText(get(mapping.userId));
  if (userId) draft.userId = userId;
  const model = text(get(mapping.model));
  if (model) draft.agent.model = model;
  const agentName = text(get(mapping.agentName));
  if (agentName) draft.agent.name = agentName;
  const agentVersion = text(get(mapping.agentVersion));
  if (agentVersion) draft.agent.version = agentVersion;
  const intent = text(get(mapping.intent));
  if (intent) draft.intent = intent;
  const stakes = text(get(mapping.stakes));
  if (stakes) draft.stakes = stakes;

  const start = toEpochMs(get(mapping.startTime));
  const end = toEpochMs(get(mapping.endTime));
  if (start !== undefined) draft.startTime = start;
  if (end !== undefined && (start === undefined || end >= start)) draft.endTime = end;
  const latency = num(get(mapping.latencyMs));
  if (latency !== undefined && latency >= 0) draft.latencyMs = latency;
  else if (start !== undefined && end !== undefined && end > start) draft.latencyMs = end - start;

  const statusValue = text(get(mapping.status));
  const errorValues = mapping.errorValues?.map((v) => v.toLowerCase());
  const statusIsError =
    statusValue !== undefined &&
    (errorValues ? errorValues.includes(statusValue.trim().toLowerCase()) : DEFAULT_ERROR_STATUS.test(statusValue.trim()));
  const err = errorText(get(mapping.error));
  if (statusIsError || err) {
    draft.status = 'error';
    draft.error = err ?? `status: ${statusValue}`;
  }
  if (statusValue !== undefined) draft.metadata.status = statusValue;

  const reward = num(get(mapping.reward));
  if (reward !== undefined) draft.outcome.reward = reward;
  const success = toBool(get(mapping.success));
  if (success !== undefined) draft.outcome.success = success;
  if (mapping.feedback) {
    const score = num(get(mapping.feedback.score));
    const comment = text(get(mapping.feedback.comment));
    draft.outcome.feedback = toFeedback({ name: mapping.feedback.name, score, comment });
  }

  if (mapping.tokens) {
    const input = tokenCount(get(mapping.tokens.input));
    const output = tokenCount(get(mapping.tokens.output));
    const total = tokenCount(get(mapping.tokens.total));
    if (input !== undefined) draft.tokens.input = input;
    if (output !== undefined) draft.tokens.output = output;
    if (total !== undefined) draft.tokens.total = total;
  }

  for (const [name, path] of Object.entries(mapping.metadata ?? {})) {
    const v = get(path);
    if (present(v)) draft.metadata[name] = typeof v === 'string' ? decodeMetadataText(v) : toJson(v);
  }
  return draft;
}

/** JSON objects/arrays in a text cell are kept structured; anything else stays the text it was. */
function decodeMetadataText(value: string): Json {
  const decoded = decodeJsonText(value);
  return typeof decoded === 'object' ? decoded : value;
}

/** The generic parser for one field mapping. Not auto-detected: the user picks it with a mapping file. */
export function genericParser(mapping: FieldMapping): FormatParser {
  const [, required] = primaryTranscriptPath(mapping);
  return {
    id: 'generic',
    title: 'Generic JSONL/CSV with a field mapping',
    detection: 'never auto-detected: chosen with --map mapping.yaml; a record fits when the mapped conversation path resolves',
    // 'csv' lets the pipeline frame .csv files as rows; every other file is still read as JSON.
    framing: 'csv',
    detect(record: unknown): number {
      try {
        return isObject(record) && getPath(record, required) !== undefined ? 0.5 : 0;
      } catch {
        return 0;
      }
    },
    parse(record: unknown, _location: RecordLocation, ctx: ParseContext): ParseResult {
      return { traces: [applyMapping(record, mapping, ctx)], fragments: [] };
    },
  };
}

/** Field keys a mapping may use, for error messages and docs. */
export const FIELD_MAPPING_KEYS: readonly string[] = Object.keys(FieldMapping.shape);
