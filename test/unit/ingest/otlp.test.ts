import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RecordShapeError } from '../../../core/ingest/format.js';
import { otlpParser } from '../../../core/ingest/formats/otlp.js';
import type { TraceDraft } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { parseText, testContext } from '../../helpers/parse-fixture.js';

type AnyValue = Record<string, unknown>;

/** An OTLP/JSON AnyValue for a plain JSON value, the way the collector writes it (int64 as a string). */
function anyValue(v: unknown): AnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(anyValue) } };
  if (v && typeof v === 'object') return { kvlistValue: { values: keyValues(v as Record<string, unknown>) } };
  return {};
}

function keyValues(attrs: Record<string, unknown>): Array<{ key: string; value: AnyValue }> {
  return Object.entries(attrs).map(([key, value]) => ({ key, value: anyValue(value) }));
}

const nanos = (iso: string): string => `${BigInt(Date.parse(iso)) * 1_000_000n}`;

function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  start: string;
  end: string;
  attributes: Record<string, unknown>;
  status?: { code?: number | string; message?: string };
  events?: unknown[];
}

function otlpSpan(s: SpanSpec, base64Ids = false): Record<string, unknown> {
  const id = (h: string) => (base64Ids ? hexToBase64(h) : h);
  return {
    traceId: id(s.traceId),
    spanId: id(s.spanId),
    parentSpanId: s.parentSpanId ? id(s.parentSpanId) : '',
    name: s.name,
    kind: 1,
    startTimeUnixNano: nanos(s.start),
    endTimeUnixNano: nanos(s.end),
    attributes: keyValues(s.attributes),
    events: s.events ?? [],
    status: s.status ?? {},
  };
}

function envelope(resource: Record<string, unknown>, scope: string, spans: Record<string, unknown>[], legacy = false) {
  const scopeSpans = legacy ? { instrumentationLibrary: { name: scope }, spans } : { scope: { name: scope }, spans };
  return {
    resourceSpans: [{ resource: { attributes: keyValues(resource) }, [legacy ? 'instrumentationLibrarySpans' : 'scopeSpans']: [scopeSpans] }],
  };
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const only = (drafts: TraceDraft[]): TraceDraft => {
  expect(drafts).toHaveLength(1);
  return drafts[0] as TraceDraft;
};

/** The spans of a real openai-agents run, as Langfuse kept their original OTel attributes. */
function openAiAgentsSpans(): { resource: Record<string, unknown>; scope: string; spans: SpanSpec[] } {
  const doc = readJson(traceFixture('langfuse/openai-agents-2025-09-30.trace.json')) as {
    trace: { id: string };
    observations: Array<Record<string, unknown>>;
  };
  let resource: Record<string, unknown> = {};
  let scope = '';
  const spans = doc.observations.map((o) => {
    const meta = JSON.parse(String(o.metadata)) as { attributes: Record<string, unknown>; resourceAttributes: Record<string, unknown>; scope: { name: string } };
    resource = meta.resourceAttributes;
    scope = meta.scope.name;
    // Langfuse stored every attribute as text; numbers go back to intValue as the SDK sent them.
    const attributes = Object.fromEntries(Object.entries(meta.attributes).map(([k, v]) => [k, k.startsWith('llm.token_count.') ? Number(v) : v]));
    const spec: SpanSpec = { traceId: doc.trace.id, spanId: String(o.id), name: String(o.name), start: String(o.startTime), end: String(o.endTime), attributes };
    if (typeof o.parentObservationId === 'string') spec.parentSpanId = o.parentObservationId;
    return spec;
  });
  return { resource, scope, spans };
}

describe.skipIf(!haveSharedFixtures())('otlp parser: envelopes built from real span attributes', () => {
  it('assembles one trace from spans spread over two records (one with base64 ids and the legacy scope key)', () => {
    const { resource, scope, spans } = openAiAgentsSpans();
    const tool = spans.find((s) => s.name === 'get_weather') as SpanSpec;
    const rest = spans.filter((s) => s !== tool);
    const lines = [
      JSON.stringify(envelope(resource, scope, rest.map((s) => otlpSpan(s)))),
      JSON.stringify(envelope(resource, scope, [otlpSpan(tool, true)], true)),
    ].join('\n');
    const t = only(parseText(otlpParser, lines, 'export.jsonl'));
    expect(t.source).toEqual({ format: 'otlp', file: 'export.jsonl', sourceTraceId: 'fee618f96dc31e0ca38b2f7b26eb8b29' });
    expect(t.spans).toHaveLength(5);
    expect(t.spans.map((s) => [s.name, s.kind])).toEqual([
      ['Agent workflow', 'agent'],
      ['Hello world', 'agent'],
      ['response', 'llm'],
      ['get_weather', 'tool'],
      ['response', 'llm'],
    ]);
    expect(t.messages.map((m) => [m.role, m.text])).toEqual([
      ['system', 'You are a helpful agent.'],
      ['user', "What's the weather in Tokyo?"],
      ['assistant', ''],
      ['tool', 'The weather in Tokyo is sunny.'],
      [
        'assistant',
        'The weather in Tokyo is currently sunny. If you need more details like temperature or forecast for the upcoming days, just let me know!',
      ],
    ]);
    expect(t.messages[2]?.toolCalls[0]).toMatchObject({
      id: 'call_Kud0j0DxWSmLzv9W5m6qVqXn',
      name: 'get_weather',
      arguments: { city: 'Tokyo' },
      result: 'The weather in Tokyo is sunny.',
      status: 'ok',
    });
    expect(t.tokens).toEqual({ input: 140, output: 44, total: 184 });
    expect(t.startTime).toBe(Date.parse('2025-09-30T09:03:59.962Z'));
    expect(t.endTime).toBe(Date.parse('2025-09-30T09:04:02.152Z'));
    expect(t.metadata['otel.scope.name']).toBe('openinference.instrumentation.openai_agents');
  });

  it('joins the GenAI chat span and a failing execute_tool span by gen_ai.tool.call.id', () => {
    const chat = readJson(traceFixture('openinference/genai-attrs__otel_genai_client_span_tool_calls.json')) as Record<string, unknown>;
    const exec = readJson(traceFixture('openinference/genai-attrs__otel_genai_tool_execution_span.json')) as Record<string, unknown>;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const root: SpanSpec = {
      traceId,
      spanId: '00f067aa0ba902b7',
      name: 'invoke_agent weather',
      start: '2025-06-01T10:00:00.000Z',
      end: '2025-06-01T10:00:03.000Z',
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather', 'gen_ai.conversation.id': 'c-1', 'user.id': 'u-5' },
    };
    const chatSpan: SpanSpec = {
      traceId,
      spanId: '53995c3f42cd8ad8',
      parentSpanId: root.spanId,
      name: 'chat gpt-4',
      start: '2025-06-01T10:00:01.500Z',
      end: '2025-06-01T10:00:02.900Z',
      attributes: chat,
    };
    const toolSpan: SpanSpec = {
      traceId,
      spanId: 'b7ad6b7169203331',
      parentSpanId: root.spanId,
      name: 'execute_tool get_weather',
      start: '2025-06-01T10:00:00.500Z',
      end: '2025-06-01T10:00:01.250Z',
      attributes: exec,
      status: { code: 'STATUS_CODE_ERROR', message: 'weather service unavailable' },
    };
    const text = [envelope({ 'service.name': 'weather-svc' }, 'app', [otlpSpan(root), otlpSpan(chatSpan)]), envelope({}, 'app', [otlpSpan(toolSpan)])]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const t = only(parseText(otlpParser, text));
    const call = t.messages.flatMap((m) => m.toolCalls).find((c) => c.id === '1234');
    expect(call).toMatchObject({ name: 'get_weather', status: 'error', error: 'weather service unavailable', latencyMs: 750 });
    // The transcript's own tool message answered the call; the span's differing output does not overwrite it.
    expect(call?.result).toBe('rainy, 57°F');
    expect(t.agent).toEqual({ name: 'weather', version: undefined, model: 'gpt-4-0613' });
    expect(t).toMatchObject({ conversationId: 'c-1', userId: 'u-5', status: 'ok', latencyMs: 3000, tokens: { input: 97, output: 52, total: 149 } });
    const chatOut = t.spans.find((s) => s.name === 'chat gpt-4');
    expect(chatOut?.attributes['gen_ai.usage.input_tokens']).toBe(97);
    expect(chatOut?.attributes['gen_ai.request.temperature']).toBe(0.5);
    expect(chatOut?.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(t.spans.find((s) => s.kind === 'tool')).toMatchObject({ status: 'error', statusMessage: 'weather service unavailable' });
  });

  it('detects OTLP envelopes only', () => {
    const { resource, scope, spans } = openAiAgentsSpans();
    expect(otlpParser.detect(envelope(resource, scope, spans.map((s) => otlpSpan(s))))).toBeGreaterThanOrEqual(0.9);
    const [vercel] = readJson(traceFixture('openinference/vercel-ai-sdk-v6-spans__ai-generateText.json')) as unknown[];
    expect(otlpParser.detect(vercel)).toBe(0);
    expect(otlpParser.detect(readJson(traceFixture('langfuse/agno-2025-06-11.trace.json')))).toBe(0);
    expect(otlpParser.detect(readJson(traceFixture('openinference/genai-attrs__otel_genai_client_span_tool_calls.json')))).toBe(0);
    expect(otlpParser.detect({ messages: [{ role: 'user', content: 'hi' }] })).toBe(0);
    expect(otlpParser.detect(null)).toBe(0);
  });
});

describe('otlp parser: record handling', () => {
  const loc = { file: 'x.json', line: 1, byteOffset: 0, index: 0 };

  it('emits one fragment per span keyed by trace id, with status, events and times decoded', () => {
    const rec = envelope({ 'service.name': 'svc' }, 's', [
      {
        traceId: '5B8EFFF798038103D269B633813FC60C',
        spanId: 'EEE19B7EC3C1B174',
        parentSpanId: '',
        name: 'chat',
        startTimeUnixNano: '1544712660000000000',
        endTimeUnixNano: '1544712661000000000',
        attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'chat' } }],
        events: [{ timeUnixNano: '1544712660500000000', name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }] }],
        status: { code: 2 },
      },
    ]);
    const { fragments, traces } = otlpParser.parse(rec, loc, testContext());
    expect(traces).toEqual([]);
    expect(fragments).toHaveLength(1);
    expect(fragments[0]).toMatchObject({
      traceKey: '5b8efff798038103d269b633813fc60c',
      fragmentId: 'eee19b7ec3c1b174',
      payload: {
        status: 'error',
        statusMessage: 'boom',
        startMs: 1544712660000,
        endMs: 1544712661000,
        resource: { 'service.name': 'svc' },
        events: [{ name: 'exception', timeMs: 1544712660500 }],
      },
    });
  });

  it('rejects records that are not OTLP, or whose spans all lack ids', () => {
    expect(() => otlpParser.parse({ trace: {}, observations: [] }, loc, testContext())).toThrow(RecordShapeError);
    expect(() => otlpParser.parse({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'x' }] }] }] }, loc, testContext())).toThrow(
      /none of the 1 spans/,
    );
    expect(otlpParser.parse({ resourceSpans: [] }, loc, testContext())).toEqual({ traces: [], fragments: [] });
  });

  it('parses a 5,000-span record quickly', () => {
    const attrs = keyValues({
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'x'.repeat(2000) }] }]),
      'gen_ai.usage.input_tokens': 10,
    });
    const spans = Array.from({ length: 5000 }, (_, i) => ({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: 'chat',
      startTimeUnixNano: '1544712660000000000',
      endTimeUnixNano: '1544712661000000000',
      attributes: attrs,
    }));
    const rec = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }] };
    const t0 = performance.now();
    const { fragments } = otlpParser.parse(rec, loc, testContext());
    expect(fragments).toHaveLength(5000);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
