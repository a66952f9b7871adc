/** Conversations for the judge tests: a small crafted one and real tau-bench trajectories. */
import { identify } from '../../../core/ingest/identity.js';
import { tauBenchParser } from '../../../core/ingest/formats/tau-bench.js';
import { TraceDraft, type Conversation, type TraceDraftInput } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { parseFile } from '../../helpers/parse-fixture.js';

/** A conversation of one trace made from a draft. */
export function conversationOf(id: string, draft: TraceDraftInput): Conversation {
  return { id, traces: [identify(TraceDraft.parse(draft)).trace] };
}

/** An order-status conversation: user asks, the agent calls get_order, the tool answers, the agent replies. */
export function orderConversation(id = 'conv-1', answer = 'Your order NW-1234567 shipped with UPS and arrives Friday.'): Conversation {
  return conversationOf(id, {
    source: { format: 'openai-chat', file: 'test.jsonl', sourceTraceId: id },
    startTime: 1_760_000_000_000,
    messages: [
      { role: 'system', text: 'You are Nimbus, the support assistant of Northwind Outfitters.' },
      { role: 'user', text: 'Where is my order NW-1234567? It is late.' },
      {
        role: 'assistant',
        text: '',
        toolCalls: [{ id: 'call_1', name: 'get_order', arguments: { order_id: 'NW-1234567' }, result: { status: 'shipped', carrier: 'UPS' }, status: 'ok' }],
      },
      { role: 'tool', name: 'get_order', toolCallId: 'call_1', text: '{"status":"shipped","carrier":"UPS"}' },
      { role: 'assistant', text: answer },
    ],
  });
}

/** The real tau-bench airline trajectories as conversations (empty when the shared fixtures are absent). */
export function tauConversations(): Conversation[] {
  if (!haveSharedFixtures()) return [];
  const drafts = parseFile(tauBenchParser, traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json'));
  return drafts.map((d) => ({ id: d.source.sourceTraceId, traces: [identify(d).trace] }));
}

/** A judge reply that passes every axis of the default rubric. */
export const GOOD_REPLY = {
  reasoning: '[1] asks for order status; [2] calls get_order; [4] reports the tool result faithfully.',
  scores: {
    helpfulness: { rationale: 'Looked the order up and answered.', score: 5 },
    faithfulness: { rationale: 'Carrier and status match the tool result.', score: 4 },
    completeness: { rationale: 'Answered the question.', score: 4 },
    tone: { rationale: 'Polite and short.', score: 5 },
  },
  failure_mode: 'none',
  summary: 'Correct order status from the tool result.',
};
