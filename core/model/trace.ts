/**
 * The canonical trace model: every importer produces it, every later stage consumes it.
 * Pure: zod schemas and the types inferred from them, nothing else.
 */
import { z } from 'zod';

/** Identifiers of the import formats Casebook understands. */
export const FormatId = z.enum([
  'otlp',
  'openinference',
  'langfuse',
  'langsmith',
  'openai-chat',
  'tau-bench',
  'generic',
]);
export type FormatId = z.infer<typeof FormatId>;

/** JSON-compatible value: what attributes, tool arguments and results may hold. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export const Json: z.ZodType<Json, Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(Json), z.record(z.string(), Json)]),
);

/** Where a trace came from; `sourceTraceId` is the id the source gave it (or a content hash). */
export const TraceSource = z.object({
  format: FormatId,
  file: z.string(),
  sourceTraceId: z.string(),
});
export type TraceSource = z.infer<typeof TraceSource>;

export const ToolCallStatus = z.enum(['ok', 'error', 'timeout', 'unknown']);
export type ToolCallStatus = z.infer<typeof ToolCallStatus>;

/** A tool call made by the assistant, joined with its result when the trace holds one. */
export const ToolCall = z.object({
  id: z.string().optional(),
  name: z.string(),
  /** Parsed JSON when the source gave JSON text, else the raw value. */
  arguments: Json,
  result: Json.optional(),
  status: ToolCallStatus,
  error: z.string().optional(),
  latencyMs: z.number().nonnegative().optional(),
});
export type ToolCall = z.infer<typeof ToolCall>;

/** A document retrieved during the conversation (RAG), or cited by the assistant. */
export const Document = z.object({
  id: z.string().optional(),
  uri: z.string().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  score: z.number().optional(),
});
export type Document = z.infer<typeof Document>;

export const Role = z.enum(['system', 'user', 'assistant', 'tool']);
export type Role = z.infer<typeof Role>;

/** One message of the conversation, in order. */
export const Message = z.object({
  role: Role,
  /** Plain text of the message ('' when it only carries tool calls). */
  text: z.string(),
  /** Speaker name where the source gives one (agent name, tool name for role tool). */
  name: z.string().optional(),
  toolCalls: z.array(ToolCall).default([]),
  /** For role `tool`: the id of the call this message answers. */
  toolCallId: z.string().optional(),
  /** Documents retrieved and handed to the model at this point. */
  documents: z.array(Document).default([]),
  /** Sources the assistant cited in this message. */
  citations: z.array(Document).default([]),
  /** Epoch milliseconds, when known. */
  time: z.number().optional(),
  /** The span that produced this message, for linking to the span tree. */
  spanId: z.string().optional(),
});
export type Message = z.infer<typeof Message>;
export type MessageInput = z.input<typeof Message>;

export const SpanStatus = z.enum(['ok', 'error', 'unset']);
export type SpanStatus = z.infer<typeof SpanStatus>;

/** A span of the source's tree, kept for the detail view. Attributes are flattened key → value. */
export const Span = z.object({
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string(),
  /** llm | tool | agent | chain | retriever | embedding | other, or the source's own kind. */
  kind: z.string(),
  startTime: z.number().optional(),
  endTime: z.number().optional(),
  status: SpanStatus,
  statusMessage: z.string().optional(),
  attributes: z.record(z.string(), Json).default({}),
});
export type Span = z.infer<typeof Span>;
export type SpanInput = z.input<typeof Span>;

/** Outcome signals recorded by the source (reward, user feedback). */
export const Outcome = z.object({
  reward: z.number().optional(),
  success: z.boolean().optional(),
  feedback: z
    .array(z.object({ name: z.string().optional(), score: z.number().optional(), comment: z.string().optional() }))
    .default([]),
});
export type Outcome = z.infer<typeof Outcome>;

export const TokenCounts = z.object({
  input: z.number().int().nonnegative().optional(),
  output: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
});
export type TokenCounts = z.infer<typeof TokenCounts>;

/**
 * A trace as a parser produces it: everything but the derived identity.
 * Parsers fill what the source has and leave the rest undefined; never invent values.
 */
export const TraceDraft = z.object({
  source: TraceSource,
  /** Epoch milliseconds. */
  startTime: z.number().optional(),
  endTime: z.number().optional(),
  agent: z
    .object({ name: z.string().optional(), version: z.string().optional(), model: z.string().optional() })
    .default({}),
  conversationId: z.string().optional(),
  userId: z.string().optional(),
  intent: z.string().optional(),
  stakes: z.string().optional(),
  status: z.enum(['ok', 'error']).default('ok'),
  error: z.string().optional(),
  tokens: TokenCounts.default({}),
  latencyMs: z.number().nonnegative().optional(),
  outcome: Outcome.default({ feedback: [] }),
  messages: z.array(Message).default([]),
  spans: z.array(Span).default([]),
  /** Source metadata worth keeping (tags, environment, task info), flattened where sensible. */
  metadata: z.record(z.string(), Json).default({}),
});
export type TraceDraft = z.infer<typeof TraceDraft>;
export type TraceDraftInput = z.input<typeof TraceDraft>;

/** A stored trace: the draft plus its stable id and content hash (see core/model/identity.ts). */
export const Trace = TraceDraft.extend({
  id: z.string(),
  contentHash: z.string(),
});
export type Trace = z.infer<typeof Trace>;

/** Traces that share a conversation/session id, in time order: multi-turn failures show only across turns. */
export const Conversation = z.object({
  id: z.string(),
  traces: z.array(Trace),
});
export type Conversation = z.infer<typeof Conversation>;
