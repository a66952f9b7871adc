import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeTranscripts } from '../../../core/ingest/transcript.js';
import {
  assembleSpanTrace,
  decodeAnyValue,
  nanosToMs,
  normalizeId,
  parseStatusCode,
  spanRecordFromJson,
  spanRecordToJson,
  type Attributes,
  type SpanRecord,
} from '../../../core/ingest/formats/spans.js';
import type { Json, Message } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';

const source = { format: 'otlp' as const, file: 'test.json' };

/**
 * Real OTel spans as Langfuse stored them: each observation keeps the span's original attributes,
 * resource attributes and scope in its `metadata`. Langfuse lifts pydantic-ai's `gen_ai.input.messages` /
 * `gen_ai.output.messages` out of the attributes into the observation's input/output; `restoreGenAi`
 * puts them back where the instrumentation wrote them.
 */
function langfuseSpans(name: string, restoreGenAi = false): SpanRecord[] {
  const doc = JSON.parse(readFileSync(traceFixture(`langfuse/${name}`), 'utf8')) as {
    trace: { id: string };
    observations: Array<Record<string, unknown>>;
  };
  return doc.observations.map((o) => {
    const meta = (typeof o.metadata === 'string' ? JSON.parse(o.metadata) : o.metadata) as {
      attributes?: Attributes;
      resourceAttributes?: Attributes;
      scope?: { name?: string };
    };
    const attributes: Attributes = { ...(meta.attributes ?? {}) };
    if (restoreGenAi && o.type === 'GENERATION' && meta.scope?.name === 'pydantic-ai') {
      attributes['gen_ai.input.messages'] = JSON.stringify(o.input);
      attributes['gen_ai.output.messages'] = JSON.stringify(o.output);
    }
    const rec: SpanRecord = {
      traceId: doc.trace.id,
      spanId: String(o.id),
      name: String(o.name),
      startMs: Date.parse(String(o.startTime)),
      endMs: Date.parse(String(o.endTime)),
      status: o.level === 'ERROR' ? 'error' : 'unset',
      attributes,
      events: [],
      resource: meta.resourceAttributes ?? {},
      scope: meta.scope?.name,
    };
    if (typeof o.parentObservationId === 'string') rec.parentSpanId = o.parentObservationId;
    return rec;
  });
}

const brief = (ms: Message[]) => ms.map((m) => ({ role: m.role, text: m.text, calls: m.toolCalls.map((c) => c.name) }));

function span(spanId: string, attributes: Attributes, extra: Partial<SpanRecord> = {}): SpanRecord {
  return { traceId: 't1', spanId, name: spanId, status: 'unset', attributes, events: [], resource: {}, ...extra };
}

describe.skipIf(!haveSharedFixtures())('assembleSpanTrace on real instrumentation attributes (carried in Langfuse exports)', () => {
  it('google-adk: OpenInference LLM spans + execute_tool span become one transcript with the tool result joined', () => {
    const t = assembleSpanTrace('adk', langfuseSpans('google-adk-2025-08-28.trace.json'), source);
    expect(brief(t.messages)).toEqual([
      { role: 'system', text: 'Always greet using the say_hello tool.\n\nYou are an agent. Your internal name is "hello_agent".', calls: [] },
      { role: 'user', text: 'hi', calls: [] },
      { role: 'assistant', text: '', calls: ['say_hello'] },
      { role: 'tool', text: '{"greeting": "Hello Langfuse 👋"}', calls: [] },
      { role: 'assistant', text: 'Hello Langfuse 👋!\n', calls: [] },
    ]);
    const call = t.messages[2]?.toolCalls[0];
    expect(call).toMatchObject({
      name: 'say_hello',
      // The LLM message gave no call id; the execute_tool span's gen_ai.tool.call.id fills it.
      id: 'adk-8bd8dc65-717d-4102-858b-3a1dd6b75a00',
      result: { greeting: 'Hello Langfuse 👋' },
      status: 'ok',
      latencyMs: 1,
    });
    expect(t.conversationId).toBe('demo-session');
    expect(t.userId).toBe('demo-user');
    expect(t.agent.model).toBe('gemini-2.0-flash');
    // Two LLM calls: 39 + 28 prompt, 6 + 3 completion; the agent/chain spans carry no usage.
    expect(t.tokens).toEqual({ input: 67, output: 9, total: 76 });
    expect(t.spans.map((s) => [s.name, s.kind])).toEqual([
      ['invocation [hello_app]', 'chain'],
      ['agent_run [hello_agent]', 'agent'],
      ['call_llm', 'llm'],
      ['execute_tool say_hello', 'tool'],
      ['call_llm', 'llm'],
    ]);
    expect(t.latencyMs).toBe(Date.parse('2025-08-28T07:32:32.151Z') - Date.parse('2025-08-28T07:32:30.303Z'));
  });

  it('openai-agents: the id-less TOOL span joins the get_weather call by name; no message is repeated', () => {
    const t = assembleSpanTrace('oa', langfuseSpans('openai-agents-2025-09-30.trace.json'), source);
    expect(brief(t.messages)).toEqual([
      { role: 'system', text: 'You are a helpful agent.', calls: [] },
      { role: 'user', text: "What's the weather in Tokyo?", calls: [] },
      { role: 'assistant', text: '', calls: ['get_weather'] },
      { role: 'tool', text: 'The weather in Tokyo is sunny.', calls: [] },
      {
        role: 'assistant',
        text: 'The weather in Tokyo is currently sunny. If you need more details like temperature or forecast for the upcoming days, just let me know!',
        calls: [],
      },
    ]);
    expect(t.messages[2]?.toolCalls[0]).toMatchObject({
      id: 'call_Kud0j0DxWSmLzv9W5m6qVqXn',
      arguments: { city: 'Tokyo' },
      result: 'The weather in Tokyo is sunny.',
      status: 'ok',
      latencyMs: 0,
    });
    expect(t.tokens).toEqual({ input: 140, output: 44, total: 184 });
    expect(t.agent.model).toBe('gpt-4.1-2025-04-14');
    // "unknown_service" is the SDK placeholder, not an agent name.
    expect(t.agent.name).toBeUndefined();
  });

  it('agno: an LLM input that drops the assistant tool-call turn still does not repeat the history', () => {
    const t = assembleSpanTrace('agno', langfuseSpans('agno-2025-06-11.trace.json'), source);
    const users = t.messages.filter((m) => m.role === 'user').map((m) => m.text);
    expect(users).toEqual(['What is currently trending on Twitter?']);
    expect(t.messages.filter((m) => m.role === 'system')).toHaveLength(1);
    const call = t.messages.flatMap((m) => m.toolCalls).find((c) => c.name === 'duckduckgo_search');
    expect(call?.arguments).toEqual({ query: 'currently trending on Twitter' });
    expect(t.messages.at(-1)?.text).toMatch(/^To find out what's currently trending on Twitter/);
    expect(t.conversationId).toBe('35cc6c90-b657-4819-b66c-c931c03ad569');
  });

  it('pydantic-ai: GenAI parts messages over two agents; tool spans give latency, agent usage is not double counted', () => {
    const t = assembleSpanTrace('pyd', langfuseSpans('pydantic-ai-tools-2025-12-04.trace.json', true), source);
    const calls = t.messages.flatMap((m) => m.toolCalls);
    const pun = calls.find((c) => c.name === 'get_pun_suggestion');
    expect(pun).toMatchObject({
      id: 'call_X0OSgjUukT5inyEQvuZQnHrk',
      arguments: { topic: 'programming' },
      result: "Pun idea: Play on words related to 'programming' - think about homophones or double meanings",
      status: 'ok',
      latencyMs: Date.parse('2025-12-04T14:51:24.422Z') - Date.parse('2025-12-04T14:51:24.416Z'),
    });
    expect(calls.map((c) => c.name)).toEqual([
      'get_pun_suggestion',
      'get_dad_joke_suggestion',
      'get_one_liner_suggestion',
      'final_result',
    ]);
    // The evaluator's structured-output call has no tool span and no result: status stays unknown.
    expect(calls[3]?.status).toBe('unknown');
    const users = t.messages.filter((m) => m.role === 'user').map((m) => m.text);
    expect(users).toEqual([
      "Select and call THREE of the available tools to get joke suggestions about 'programming'.",
      "Now write a funny joke about 'programming' based on the suggestions you received. Just output the joke, nothing else.",
      'Rate this joke:\n\nWhy do programmers hate nature?  \nIt has too many bugs!',
    ]);
    expect(t.agent.name).toBe('joke_agent');
    // LLM spans: 265 + 417 + 502 + 131 in, 73 + 53 + 14 + 69 out (the agent spans repeat these sums).
    expect(t.tokens).toEqual({ input: 1315, output: 209, total: 1524 });
  });
});

describe('assembleSpanTrace: conventions on crafted spans', () => {
  it('older indexed gen_ai.prompt.N / gen_ai.completion.N attributes over two calls', () => {
    const first = span(
      'a1',
      {
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.prompt.0.role': 'system',
        'gen_ai.prompt.0.content': 'You are a travel agent.',
        'gen_ai.prompt.1.role': 'user',
        'gen_ai.prompt.1.content': 'Book me a flight to Lisbon on May 3.',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.finish_reason': 'tool_calls',
        'gen_ai.completion.0.tool_calls.0.id': 'call_1',
        'gen_ai.completion.0.tool_calls.0.name': 'search_flights',
        'gen_ai.completion.0.tool_calls.0.arguments': '{"to":"LIS","date":"2025-05-03"}',
        'gen_ai.usage.prompt_tokens': 40,
        'gen_ai.usage.completion_tokens': 12,
      },
      { startMs: 1000, endMs: 1500 },
    );
    const second = span(
      'a2',
      {
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.prompt.0.role': 'system',
        'gen_ai.prompt.0.content': 'You are a travel agent.',
        'gen_ai.prompt.1.role': 'user',
        'gen_ai.prompt.1.content': 'Book me a flight to Lisbon on May 3.',
        'gen_ai.prompt.2.role': 'assistant',
        'gen_ai.prompt.2.tool_calls.0.id': 'call_1',
        'gen_ai.prompt.2.tool_calls.0.name': 'search_flights',
        'gen_ai.prompt.2.tool_calls.0.arguments': '{"to":"LIS","date":"2025-05-03"}',
        'gen_ai.prompt.3.role': 'tool',
        'gen_ai.prompt.3.tool_call_id': 'call_1',
        'gen_ai.prompt.3.content': '{"error":"no flights on that date"}',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': 'There are no flights to Lisbon on May 3.',
        'gen_ai.usage.prompt_tokens': 70,
        'gen_ai.usage.completion_tokens': 15,
      },
      { startMs: 2000, endMs: 2600 },
    );
    const t = assembleSpanTrace('t1', [second, first], source);
    expect(brief(t.messages)).toEqual([
      { role: 'system', text: 'You are a travel agent.', calls: [] },
      { role: 'user', text: 'Book me a flight to Lisbon on May 3.', calls: [] },
      { role: 'assistant', text: '', calls: ['search_flights'] },
      { role: 'tool', text: '{"error":"no flights on that date"}', calls: [] },
      { role: 'assistant', text: 'There are no flights to Lisbon on May 3.', calls: [] },
    ]);
    expect(t.messages[2]?.toolCalls[0]).toMatchObject({
      id: 'call_1',
      arguments: { to: 'LIS', date: '2025-05-03' },
      result: { error: 'no flights on that date' },
      status: 'error',
    });
    expect(t.tokens).toEqual({ input: 110, output: 27, total: 137 });
    expect(t.spans.map((s) => s.kind)).toEqual(['llm', 'llm']);
  });

  it('gen_ai.*.message and gen_ai.choice events, with attributes or a body', () => {
    const llm = span(
      'e1',
      { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' },
      {
        startMs: 5000,
        endMs: 5800,
        events: [
          { name: 'gen_ai.system.message', timeMs: 5001, attributes: { 'gen_ai.system': 'openai', content: 'You are a bank assistant.' } },
          { name: 'gen_ai.user.message', timeMs: 5002, attributes: { 'gen_ai.event.content': '{"content":"What is my balance?"}' } },
          {
            name: 'gen_ai.assistant.message',
            timeMs: 5003,
            attributes: {},
            body: { tool_calls: [{ id: 'c9', type: 'function', function: { name: 'get_balance', arguments: { account: 'checking' } } }] },
          },
          { name: 'gen_ai.tool.message', timeMs: 5004, attributes: { id: 'c9', content: '{"balance": 1200.5}' } },
          {
            name: 'gen_ai.choice',
            timeMs: 5800,
            attributes: { index: 0, finish_reason: 'stop', 'message.role': 'assistant', 'message.content': 'Your checking balance is $1,200.50.' },
          },
        ],
      },
    );
    const t = assembleSpanTrace('t1', [llm], source);
    expect(brief(t.messages)).toEqual([
      { role: 'system', text: 'You are a bank assistant.', calls: [] },
      { role: 'user', text: 'What is my balance?', calls: [] },
      { role: 'assistant', text: '', calls: ['get_balance'] },
      { role: 'tool', text: '{"balance": 1200.5}', calls: [] },
      { role: 'assistant', text: 'Your checking balance is $1,200.50.', calls: [] },
    ]);
    expect(t.messages[1]?.time).toBe(5002);
    expect(t.messages[2]?.toolCalls[0]).toMatchObject({ id: 'c9', arguments: { account: 'checking' }, result: { balance: 1200.5 }, status: 'ok' });
    expect(t.messages[4]?.spanId).toBe('e1');
  });

  it('a tool call in flattened gen_ai.choice event attributes', () => {
    const llm = span('e2', { 'gen_ai.operation.name': 'chat' }, {
      events: [
        { name: 'gen_ai.user.message', attributes: { content: 'Cancel order 42' } },
        {
          name: 'gen_ai.choice',
          attributes: {
            index: 0,
            finish_reason: 'tool_calls',
            'message.tool_calls.0.id': 'x1',
            'message.tool_calls.0.type': 'function',
            'message.tool_calls.0.function.name': 'cancel_order',
            'message.tool_calls.0.function.arguments': '{"order_id":42}',
          },
        },
      ],
    });
    const t = assembleSpanTrace('t1', [llm], source);
    expect(t.messages[1]?.toolCalls[0]).toMatchObject({ id: 'x1', name: 'cancel_order', arguments: { order_id: 42 } });
  });

  it('GenAI system_instructions, execute_tool error, retriever documents, ids and intent from attributes', () => {
    const root = span(
      'r',
      {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'support-bot',
        'gen_ai.agent.version': '2.1.0',
        'gen_ai.conversation.id': 'conv-77',
        'enduser.id': 'u-123',
        'casebook.intent': 'refund',
        'metadata': '{"stakes":"high"}',
      },
      { startMs: 0, endMs: 900, status: 'error', statusMessage: 'agent gave up' },
    );
    const retr = span(
      'd',
      {
        'openinference.span.kind': 'RETRIEVER',
        'retrieval.documents.0.document.id': 'kb-1',
        'retrieval.documents.0.document.content': 'Refunds are issued within 14 days.',
        'retrieval.documents.0.document.score': 0.91,
        'retrieval.documents.0.document.metadata': '{"url":"https://kb.example/refunds","title":"Refund policy"}',
      },
      { parentSpanId: 'r', startMs: 10, endMs: 20 },
    );
    const llm = span(
      'l',
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.response.model': 'claude-sonnet-4',
        'gen_ai.system_instructions': '[{"type":"text","content":"Be brief."}]',
        'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"Refund order 9"}]}]',
        'gen_ai.output.messages':
          '[{"role":"assistant","parts":[{"type":"text","content":"Checking."},{"type":"tool_call","id":"k1","name":"refund","arguments":{"order":9}}]}]',
      },
      { parentSpanId: 'r', startMs: 30, endMs: 300 },
    );
    const tool = span(
      'x',
      { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'refund', 'gen_ai.tool.call.id': 'k1', 'gen_ai.tool.call.arguments': '{"order":9}' },
      { parentSpanId: 'r', startMs: 310, endMs: 810, status: 'error', events: [{ name: 'exception', attributes: { 'exception.type': 'TimeoutError', 'exception.message': 'payments API timed out' } }] },
    );
    const t = assembleSpanTrace('t1', [tool, llm, retr, root], source);
    expect(brief(t.messages)).toEqual([
      { role: 'system', text: 'Be brief.', calls: [] },
      { role: 'user', text: 'Refund order 9', calls: [] },
      { role: 'assistant', text: 'Checking.', calls: ['refund'] },
    ]);
    expect(t.messages[2]?.toolCalls[0]).toMatchObject({ id: 'k1', status: 'error', error: 'TimeoutError: payments API timed out', latencyMs: 500 });
    expect(t.messages[2]?.documents).toEqual([
      { id: 'kb-1', text: 'Refunds are issued within 14 days.', score: 0.91, uri: 'https://kb.example/refunds', title: 'Refund policy' },
    ]);
    expect(t.agent).toEqual({ name: 'support-bot', version: '2.1.0', model: 'claude-sonnet-4' });
    expect(t).toMatchObject({ conversationId: 'conv-77', userId: 'u-123', intent: 'refund', stakes: 'high', status: 'error', error: 'agent gave up' });
    expect(t.latencyMs).toBe(900);
    expect(t.spans.map((s) => s.spanId)).toEqual(['r', 'd', 'l', 'x']);
    expect(t.spans.find((s) => s.spanId === 'x')?.statusMessage).toBe('TimeoutError: payments API timed out');
  });

  it('an agent root with only input.value/output.value and a tool span gives user, tool call, answer', () => {
    const root = span('r', { 'openinference.span.kind': 'AGENT', 'input.value': 'Convert 10 USD to EUR', 'output.value': '10 USD is 9.20 EUR.' }, { startMs: 0, endMs: 50 });
    const tool = span('t', { 'openinference.span.kind': 'TOOL', 'tool.name': 'fx_rate', 'input.value': '{"from":"USD","to":"EUR"}', 'output.value': '0.92' }, { parentSpanId: 'r', startMs: 10, endMs: 20 });
    const t = assembleSpanTrace('t1', [root, tool], source);
    expect(brief(t.messages)).toEqual([
      { role: 'user', text: 'Convert 10 USD to EUR', calls: [] },
      { role: 'assistant', text: '', calls: ['fx_rate'] },
      { role: 'tool', text: '0.92', calls: [] },
      { role: 'assistant', text: '10 USD is 9.20 EUR.', calls: [] },
    ]);
    expect(t.messages[1]?.toolCalls[0]).toMatchObject({ arguments: { from: 'USD', to: 'EUR' }, result: '0.92', status: 'ok', latencyMs: 10 });
  });

  it('marks the trace failed when the last LLM call errored even if the root status is unset', () => {
    const root = span('r', { 'openinference.span.kind': 'CHAIN' }, { startMs: 0, endMs: 100 });
    const llm = span('l', { 'openinference.span.kind': 'LLM', 'llm.input_messages.0.message.role': 'user', 'llm.input_messages.0.message.content': 'hi' }, {
      parentSpanId: 'r',
      startMs: 1,
      endMs: 90,
      status: 'error',
      statusMessage: 'RateLimitError: 429',
    });
    const t = assembleSpanTrace('t1', [root, llm], source);
    expect(t).toMatchObject({ status: 'error', error: 'RateLimitError: 429' });
    expect(brief(t.messages)).toEqual([{ role: 'user', text: 'hi', calls: [] }]);
  });
});

describe('span helpers', () => {
  it('normalizes hex, 0x and base64 ids to lowercase hex; all-zero ids are none', () => {
    expect(normalizeId('5B8EFFF798038103D269B633813FC60C', 16)).toBe('5b8efff798038103d269b633813fc60c');
    expect(normalizeId('0xeee19b7ec3c1b174', 8)).toBe('eee19b7ec3c1b174');
    expect(normalizeId('W47/95gDgQPSabYzgT/GDA==', 16)).toBe('5b8efff798038103d269b633813fc60c');
    expect(normalizeId('7uGbfsPBsXQ=', 8)).toBe('eee19b7ec3c1b174');
    expect(normalizeId('0000000000000000', 8)).toBeUndefined();
    expect(normalizeId('', 8)).toBeUndefined();
  });

  it('decodes OTLP AnyValues', () => {
    expect(decodeAnyValue({ intValue: '97' })).toBe(97);
    expect(decodeAnyValue({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(decodeAnyValue({ doubleValue: 0.5 })).toBe(0.5);
    expect(decodeAnyValue({ boolValue: true })).toBe(true);
    expect(decodeAnyValue({ arrayValue: { values: [{ stringValue: 'stop' }] } })).toEqual(['stop']);
    expect(decodeAnyValue({ kvlistValue: { values: [{ key: 'a', value: { intValue: 1 } }] } })).toEqual({ a: 1 });
    expect(decodeAnyValue({})).toBeNull();
  });

  it('reads status codes and nanosecond timestamps', () => {
    expect([1, 2, 0, 'STATUS_CODE_ERROR', 'STATUS_CODE_OK', 'OK', 'ERROR', 'UNSET'].map(parseStatusCode)).toEqual([
      'ok',
      'error',
      'unset',
      'error',
      'ok',
      'ok',
      'error',
      'unset',
    ]);
    expect(nanosToMs('1770131992242000000')).toBe(1770131992242);
    expect(nanosToMs('1770131992242500000')).toBe(1770131992242.5);
  });

  it('round-trips a SpanRecord through its fragment payload', () => {
    const rec = span('s1', { 'llm.model_name': 'gpt-4' }, { parentSpanId: 'p', startMs: 1, endMs: 2, events: [{ name: 'exception', timeMs: 1.5, attributes: { 'exception.message': 'x' } }] });
    const payload: Json = JSON.parse(JSON.stringify(spanRecordToJson(rec))) as Json;
    expect(spanRecordFromJson(payload)).toEqual({ ...rec, statusMessage: undefined, scope: undefined });
    expect(spanRecordFromJson({ spanId: 'only' })).toBeUndefined();
  });

  it('mergeTranscripts skips a repeated history even with a message missing from it', () => {
    const sys = { role: 'system' as const, text: 'S' };
    const user = { role: 'user' as const, text: 'Q' };
    const call = { role: 'assistant' as const, text: '', toolCalls: [{ name: 'f', arguments: {}, status: 'unknown' as const }] };
    const tool = { role: 'tool' as const, text: 'R' };
    const answer = { role: 'assistant' as const, text: 'A' };
    const merged = mergeTranscripts([
      [sys, user, call],
      [sys, user, tool, answer],
    ]);
    expect(merged.map((m) => m.text)).toEqual(['S', 'Q', '', 'R', 'A']);
  });
});

