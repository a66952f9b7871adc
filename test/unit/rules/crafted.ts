/** Small builders for hand-written conversations in the rules tests. */
import type { Json, Message, ToolCallStatus, Trace } from '../../../core/model/trace.js';
import { conversationTranscript } from '../../../core/ingest/transcript.js';
import type { RuleConversation } from '../../../core/rules/index.js';

const base = { toolCalls: [], documents: [], citations: [] };

export const sys = (text: string): Message[] => [{ ...base, role: 'system', text }];
export const user = (text: string): Message[] => [{ ...base, role: 'user', text }];
export const answer = (text: string, extra: Partial<Message> = {}): Message[] => [{ ...base, role: 'assistant', text, ...extra }];

let nextId = 0;
/** An assistant tool call and the tool message answering it. */
export function call(name: string, args: Json, result: Json, status: ToolCallStatus = 'ok', extra: { error?: string; latencyMs?: number; id?: string } = {}): Message[] {
  const id = extra.id ?? `call_${++nextId}`;
  const text = typeof result === 'string' ? result : JSON.stringify(result);
  return [
    { ...base, role: 'assistant', text: '', spanId: `span-${id}`, toolCalls: [{ id, name, arguments: args, result, status, ...(extra.error ? { error: extra.error } : {}), ...(extra.latencyMs !== undefined ? { latencyMs: extra.latencyMs } : {}) }] },
    { ...base, role: 'tool', text, toolCallId: id, name },
  ];
}

/** One trace holding the messages. */
export function trace(id: string, messages: Message[][], over: Partial<Trace> = {}): Trace {
  return {
    id,
    contentHash: id,
    source: { format: 'generic', file: 'crafted.jsonl', sourceTraceId: id },
    agent: {},
    status: 'ok',
    tokens: {},
    outcome: { feedback: [] },
    messages: messages.flat(),
    spans: [],
    metadata: {},
    ...over,
  };
}

/** A conversation of the given traces (or one trace of the given messages), with its transcript. */
export function conversation(parts: Message[][] | Trace[], intent = 'unknown'): RuleConversation {
  const traces = parts.length > 0 && !Array.isArray(parts[0]) ? (parts as Trace[]) : [trace('trace-1', parts as Message[][])];
  return {
    ref: { key: 'conv-1', traceIds: traces.map((t) => t.id), startTime: traces[0]?.startTime ?? null, intent, stakes: 'normal' },
    traces,
    transcript: conversationTranscript(traces),
  };
}
