import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RecordShapeError } from '../../../core/ingest/format.js';
import { openInferenceParser } from '../../../core/ingest/formats/openinference.js';
import { IN_TRANSCRIPT } from '../../../core/ingest/formats/spans.js';
import type { Message, TraceDraft } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { parseFile, parseText, testContext } from '../../helpers/parse-fixture.js';

const oi = (name: string) => traceFixture(`openinference/${name}`);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const only = (drafts: TraceDraft[]): TraceDraft => {
  expect(drafts).toHaveLength(1);
  return drafts[0] as TraceDraft;
};
/** What a reader compares between two imports of the same call: no span ids, no times. */
const conversation = (ms: Message[]) =>
  ms.map((m) => ({
    role: m.role,
    text: m.text,
    toolCallId: m.toolCallId,
    toolCalls: m.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments, result: c.result, status: c.status })),
  }));
const loc = { file: 'x.json', line: 1, byteOffset: 0, index: 0 };

describe.skipIf(!haveSharedFixtures())('openinference parser: real fixtures', () => {
  it('reads the OTel GenAI client span: the get_weather call, its result and the answer', () => {
    const t = only(parseFile(openInferenceParser, oi('genai-attrs__otel_genai_client_span_tool_calls.json')));
    const call = t.messages.flatMap((m) => m.toolCalls).find((c) => c.name === 'get_weather');
    expect(call).toMatchObject({ id: '1234', arguments: { location: 'Paris' }, result: 'rainy, 57°F', status: 'ok' });
    expect(t.messages[0]).toMatchObject({ role: 'user', text: 'Weather in Paris?' });
    expect(t.messages.at(-1)).toMatchObject({ role: 'assistant', text: 'The weather in Paris is currently rainy with a temperature of 57°F.' });
    expect(t.tokens).toEqual({ input: 97, output: 52, total: 149 });
    expect(t.agent.model).toBe('gpt-4-0613');
    expect(t.spans[0]).toMatchObject({ name: 'chat gpt-4', kind: 'llm' });
    expect(t.source.format).toBe('openinference');
    // The span keeps its attributes, but the history it carried lives once, in messages.
    expect(t.spans[0]?.attributes['gen_ai.input.messages']).toBe(IN_TRANSCRIPT);
    expect(t.spans[0]?.attributes['gen_ai.output.messages']).toBe(IN_TRANSCRIPT);
    expect(t.spans[0]?.attributes['gen_ai.request.model']).toBe('gpt-4');
  });

  it('the OpenInference twin (its documented translation) yields the same conversation and tool calls', () => {
    const genai = only(parseFile(openInferenceParser, oi('genai-attrs__otel_genai_client_span_tool_calls.json')));
    const twin = only(parseFile(openInferenceParser, oi('genai-attrs__openinference_client_span_tool_calls.json')));
    expect(conversation(twin.messages)).toEqual(conversation(genai.messages));
    expect(conversation(twin.messages)).toHaveLength(4);
    expect(twin.tokens).toEqual(genai.tokens);
    expect(twin.agent.model).toBe(genai.agent.model);
    expect(twin.spans[0]?.kind).toBe('llm');
  });

  it('reads the execute_tool span alone as a tool call with arguments and result', () => {
    const t = only(parseFile(openInferenceParser, oi('genai-attrs__otel_genai_tool_execution_span.json')));
    expect(t.spans[0]).toMatchObject({ kind: 'tool', name: 'execute_tool get_weather' });
    expect(t.messages[0]?.toolCalls[0]).toMatchObject({
      id: '1234',
      name: 'get_weather',
      arguments: { city: 'New York' },
      result: { status: 'success', report: 'The weather in New York is sunny with a temperature of 25 degrees Celsius (77 degrees Fahrenheit).' },
      status: 'ok',
    });
  });

  it('a bare attribute map is named by the hash of its text, so re-importing it gives the same trace id', () => {
    const text = readFileSync(oi('genai-attrs__otel_genai_client_span_tool_calls.json'), 'utf8');
    const a = only(parseText(openInferenceParser, text));
    const b = only(parseText(openInferenceParser, text));
    expect(a.source.sourceTraceId).toMatch(/^[0-9a-f]{64}$/);
    expect(b.source.sourceTraceId).toBe(a.source.sourceTraceId);
  });

  it('Vercel doGenerate spans: prompt, response text, tokens, model, function id, telemetry metadata', () => {
    const drafts = parseFile(openInferenceParser, oi('vercel-ai-sdk-v6-spans__ai-generateText-doGenerate.json'));
    expect(drafts).toHaveLength(2);
    const haiku = drafts.find((d) => d.source.sourceTraceId === 'b3e700af9eab81e19f72f964d62a35af') as TraceDraft;
    expect(conversation(haiku.messages).map((m) => [m.role, m.text])).toEqual([
      ['user', 'Write a haiku about programming.'],
      ['assistant', 'Lines of code align,  \nLogic dances through the night—  \nDreams in data flow.'],
    ]);
    expect(haiku.tokens).toEqual({ input: 14, output: 20, total: 34 });
    expect(haiku.agent).toEqual({ name: 'test-generate-text', model: 'gpt-4o-mini-2024-07-18' });
    expect(haiku.metadata['ai.telemetry.metadata.customField']).toBe('custom-value');
    expect(haiku.startTime).toBe(1770131992242);
    expect(haiku.latencyMs).toBeCloseTo(1779.415667, 3);
    expect(haiku.messages[1]?.spanId).toBe('39d6e9b3ddec9996');

    const math = drafts.find((d) => d.source.sourceTraceId === 'edff2fc5854be6170e8cccccec0c82cf') as TraceDraft;
    expect(conversation(math.messages).map((m) => [m.role, m.text])).toEqual([
      ['system', 'You are a helpful assistant.'],
      ['user', 'What is 2 + 2?'],
      ['assistant', '2 + 2 equals 4.'],
      ['user', 'And what is 3 + 3?'],
      ['assistant', '3 + 3 equals 6.'],
    ]);
    expect(math.tokens).toEqual({ input: 50, output: 9, total: 59 });
  });

  it("Vercel outer generateText span (ai.prompt) gives the same conversation as its doGenerate span", () => {
    const outer = parseFile(openInferenceParser, oi('vercel-ai-sdk-v6-spans__ai-generateText.json'));
    const inner = parseFile(openInferenceParser, oi('vercel-ai-sdk-v6-spans__ai-generateText-doGenerate.json'));
    const byFunction = (ds: TraceDraft[], id: string) => ds.find((d) => d.agent.name === id) as TraceDraft;
    for (const fn of ['test-generate-text', 'test-generate-text-messages']) {
      expect(conversation(byFunction(outer, fn).messages)).toEqual(conversation(byFunction(inner, fn).messages));
      expect(byFunction(outer, fn).tokens).toEqual(byFunction(inner, fn).tokens);
    }
  });

  it('outer and do* spans of one trace do not duplicate messages or tokens', () => {
    const [outer] = readJson(oi('vercel-ai-sdk-v6-spans__ai-generateText.json')) as Array<Record<string, unknown>>;
    const [inner] = readJson(oi('vercel-ai-sdk-v6-spans__ai-generateText-doGenerate.json')) as Array<Record<string, unknown>>;
    // The capture put the two spans of this call in separate traces; join them as the SDK nests them.
    const outerCtx = outer?.spanContext as { traceId: string; spanId: string };
    const joined = { ...inner, spanContext: { ...(inner?.spanContext as object), traceId: outerCtx.traceId }, parentSpanId: outerCtx.spanId };
    const t = only(parseText(openInferenceParser, JSON.stringify([outer, joined])));
    expect(t.spans.map((s) => [s.name, s.kind, s.parentSpanId])).toEqual([
      ['ai.generateText', 'llm', undefined],
      ['ai.generateText.doGenerate', 'llm', '648be1dfd8e521b6'],
    ]);
    expect(conversation(t.messages).map((m) => m.text)).toEqual([
      'Write a haiku about programming.',
      'Lines of code align,  \nLogic dances through the night—  \nDreams in data flow.',
    ]);
    expect(t.tokens).toEqual({ input: 14, output: 20, total: 34 });
    expect(t.agent.model).toBe('gpt-4o-mini-2024-07-18');
    expect(t.latencyMs).toBeCloseTo(1781.541, 3);

    const [sOuter] = readJson(oi('vercel-ai-sdk-v6-spans__ai-streamText.json')) as Array<Record<string, unknown>>;
    const [sInner] = readJson(oi('vercel-ai-sdk-v6-spans__ai-streamText-doStream.json')) as Array<Record<string, unknown>>;
    const sCtx = sOuter?.spanContext as { traceId: string; spanId: string };
    const sJoined = { ...sInner, spanContext: { ...(sInner?.spanContext as object), traceId: sCtx.traceId }, parentSpanId: sCtx.spanId };
    const s = only(parseText(openInferenceParser, JSON.stringify([sJoined, sOuter])));
    expect(s.messages).toHaveLength(2);
    expect(s.messages[0]?.text).toBe('Write a short poem about TypeScript.');
    expect(s.messages[1]?.text).toMatch(/^In code’s embrace, where types align,/);
    expect(s.messages[1]?.spanId).toBe('5a81ef3ffb5d8603');
    expect(s.tokens).toEqual({ input: 15, output: 112, total: 127 });
  });

  it('detects span-shaped records and attribute maps, and not other formats', () => {
    const [vercel] = readJson(oi('vercel-ai-sdk-v6-spans__ai-streamText.json')) as unknown[];
    expect(openInferenceParser.detect(vercel)).toBeGreaterThanOrEqual(0.9);
    expect(openInferenceParser.detect(readJson(oi('genai-attrs__openinference_client_span_tool_calls.json')))).toBeGreaterThanOrEqual(0.8);
    expect(openInferenceParser.detect(readJson(oi('genai-attrs__otel_genai_tool_execution_span.json')))).toBeGreaterThanOrEqual(0.8);
    expect(openInferenceParser.detect(readJson(traceFixture('langfuse/openai-agents-2025-09-30.trace.json')))).toBe(0);
    const [tau] = readJson(traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json')) as unknown[];
    expect(openInferenceParser.detect(tau)).toBe(0);
    expect(openInferenceParser.detect({ messages: [{ role: 'user', content: 'hi' }] })).toBe(0);
    expect(openInferenceParser.detect({ resourceSpans: [] })).toBe(0);
    expect(openInferenceParser.detect('text')).toBe(0);
  });
});

describe('openinference parser: other span encodings', () => {
  const phoenix = [
    {
      name: 'ChatCompletion',
      context: { trace_id: '7f6d7b2f2c2b4b0f9a1d5c3e8b7a6f50', span_id: 'a1b2c3d4e5f60718' },
      span_kind: 'LLM',
      parent_id: '0102030405060708',
      start_time: '2024-05-20T18:51:22.523465+00:00',
      end_time: '2024-05-20T18:51:23.023465+00:00',
      status_code: 'ERROR',
      status_message: 'openai.BadRequestError: context length exceeded',
      attributes: {
        llm: {
          model_name: 'gpt-4o',
          input_messages: [{ message: { role: 'user', content: 'Summarize the contract.' } }],
          token_count: { prompt: 128001 },
        },
        session: { id: 'sess-9' },
        user: { id: 'alice' },
        metadata: { intent: 'summarize', stakes: 'legal' },
      },
      events: [{ name: 'exception', timestamp: '2024-05-20T18:51:23.000000+00:00', attributes: { 'exception.message': 'context length exceeded' } }],
    },
    {
      name: 'RAG pipeline',
      context: { trace_id: '7f6d7b2f2c2b4b0f9a1d5c3e8b7a6f50', span_id: '0102030405060708' },
      span_kind: 'CHAIN',
      parent_id: null,
      start_time: '2024-05-20T18:51:22.000000+00:00',
      end_time: '2024-05-20T18:51:23.100000+00:00',
      status_code: 'UNSET',
      attributes: { 'input.value': 'Summarize the contract.' },
      events: [],
    },
  ];

  it('reads Phoenix span exports (nested attributes, ISO times, status_code)', () => {
    const t = only(parseText(openInferenceParser, JSON.stringify(phoenix)));
    expect(t.source.sourceTraceId).toBe('7f6d7b2f2c2b4b0f9a1d5c3e8b7a6f50');
    expect(t.spans.map((s) => [s.name, s.kind, s.status])).toEqual([
      ['RAG pipeline', 'chain', 'unset'],
      ['ChatCompletion', 'llm', 'error'],
    ]);
    expect(t.spans[1]?.attributes['llm.model_name']).toBe('gpt-4o');
    expect(t.spans[1]?.startTime).toBe(Date.parse('2024-05-20T18:51:22.523Z'));
    expect(t).toMatchObject({
      status: 'error',
      error: 'openai.BadRequestError: context length exceeded',
      conversationId: 'sess-9',
      userId: 'alice',
      intent: 'summarize',
      stakes: 'legal',
      tokens: { input: 128001 },
      latencyMs: 1100,
    });
    expect(t.messages.map((m) => [m.role, m.text])).toEqual([['user', 'Summarize the contract.']]);
    expect(openInferenceParser.detect(phoenix[0])).toBeGreaterThanOrEqual(0.9);
  });

  it('reads OTel Python console-exporter spans (0x ids, status object)', () => {
    const rec = {
      name: 'chat gpt-4o-mini',
      context: { trace_id: '0x5b8efff798038103d269b633813fc60c', span_id: '0xeee19b7ec3c1b174', trace_state: '[]' },
      kind: 'SpanKind.CLIENT',
      parent_id: null,
      start_time: '2025-01-10T09:00:00.000000Z',
      end_time: '2025-01-10T09:00:01.250000Z',
      status: { status_code: 'OK' },
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 7,
      },
      events: [
        { name: 'gen_ai.user.message', timestamp: '2025-01-10T09:00:00.000000Z', attributes: { 'gen_ai.system': 'openai', content: 'Say hi' } },
        { name: 'gen_ai.choice', timestamp: '2025-01-10T09:00:01.250000Z', attributes: { index: 0, finish_reason: 'stop', 'message.content': 'Hi!' } },
      ],
      resource: { attributes: { 'service.name': 'greeter' }, schema_url: '' },
    };
    const t = only(parseText(openInferenceParser, JSON.stringify(rec)));
    expect(t.source.sourceTraceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(t.messages.map((m) => [m.role, m.text, m.time])).toEqual([
      ['user', 'Say hi', Date.parse('2025-01-10T09:00:00Z')],
      ['assistant', 'Hi!', Date.parse('2025-01-10T09:00:01.250Z')],
    ]);
    expect(t.agent.name).toBe('greeter');
    expect(t.spans[0]?.status).toBe('ok');
    expect(t.latencyMs).toBe(1250);
  });

  it('rejects records that are no span', () => {
    const ctx = testContext();
    expect(() => openInferenceParser.parse({ foo: 1 }, loc, ctx)).toThrow(RecordShapeError);
    expect(() => openInferenceParser.parse([1, 2], loc, ctx)).toThrow(RecordShapeError);
    expect(() => openInferenceParser.parse({ context: { trace_id: '' }, name: 'x' }, loc, ctx)).toThrow(RecordShapeError);
  });
});
