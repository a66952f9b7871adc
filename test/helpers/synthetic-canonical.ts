/**
 * Synthetic support conversations (synthetic-traces.ts) as canonical traces, without going through an
 * importer: for rules tests and the grading benchmark. Tool results, statuses and latencies are kept,
 * and each assistant message carries the span id of the LLM call that produced it.
 */
import type { ConversationRef } from '../../core/model/grade.js';
import type { Json, Message, Trace } from '../../core/model/trace.js';
import { toJson } from '../../core/ingest/transcript.js';
import type { SyntheticMessage, SyntheticTurn } from './synthetic-traces.js';

function message(m: SyntheticMessage, spanOf: ReadonlyMap<SyntheticMessage, string>): Message {
  const out: Message = {
    role: m.role,
    text: m.content ?? '',
    toolCalls: (m.toolCalls ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      arguments: toJson(c.arguments),
      result: toJson(c.result) as Json,
      status: c.status,
      ...(c.status === 'error' ? { error: String((c.result as { error?: unknown }).error ?? 'error') } : {}),
      latencyMs: c.endMs - c.startMs,
    })),
    documents: [],
    citations: [],
  };
  if (m.toolCallId) out.toolCallId = m.toolCallId;
  if (m.name) out.name = m.name;
  const span = spanOf.get(m);
  if (span) out.spanId = span;
  return out;
}

/** One synthetic turn as a canonical trace. */
export function syntheticTrace(turn: SyntheticTurn): Trace {
  const spanOf = new Map<SyntheticMessage, string>();
  for (const c of turn.calls) spanOf.set(c.output, c.spanId);
  return {
    id: turn.traceId,
    contentHash: turn.traceId,
    source: { format: 'openai-chat', file: 'synthetic.jsonl', sourceTraceId: turn.traceId },
    startTime: turn.startMs,
    endTime: turn.endMs,
    latencyMs: turn.endMs - turn.startMs,
    agent: { name: 'nimbus-support', version: '2.3.1', model: turn.model },
    conversationId: turn.conversationId,
    userId: turn.userId,
    intent: turn.intent,
    status: 'ok',
    tokens: {
      input: Math.max(...turn.calls.map((c) => c.inTokens)),
      output: turn.calls.reduce((a, c) => a + c.outTokens, 0),
    },
    outcome: { feedback: [] },
    messages: turn.messages.map((m) => message(m, spanOf)),
    spans: [],
    metadata: { intent: turn.intent },
  };
}

/** A synthetic conversation as canonical traces plus the ref the sampler would give it. */
export function syntheticCanonical(turns: readonly SyntheticTurn[]): { ref: ConversationRef; traces: Trace[] } {
  const first = turns[0];
  if (!first) throw new Error('a conversation has at least one turn');
  const traces = turns.map(syntheticTrace);
  return {
    ref: { key: first.conversationId, traceIds: traces.map((t) => t.id), startTime: first.startMs, intent: first.intent, stakes: 'normal' },
    traces,
  };
}
