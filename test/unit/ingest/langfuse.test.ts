import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { langfuseParser } from '../../../core/ingest/formats/langfuse.js';
import { langsmithParser } from '../../../core/ingest/formats/langsmith.js';
import { contentText, normalizeRole } from '../../../core/ingest/transcript.js';
import type { Message, TraceDraft } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { frameJsonRecords, parseFile, parseText } from '../../helpers/parse-fixture.js';

const lf = (name: string): string => traceFixture(`langfuse/${name}`);

function parseOne(name: string): TraceDraft {
  const drafts = parseFile(langfuseParser, lf(`${name}.trace.json`));
  expect(drafts).toHaveLength(1);
  return drafts[0] as TraceDraft;
}

function toolCall(d: TraceDraft, name: string, index = 0) {
  const calls = d.messages.flatMap((m) => m.toolCalls).filter((c) => c.name === name);
  const c = calls[index];
  if (!c) throw new Error(`no call ${index} of ${name}`);
  return c;
}

/** A comparable view of a message: role, text, and tool calls (name + parsed arguments). */
interface Shape {
  role: string | undefined;
  text: string;
  calls: Array<{ name: string; arguments: unknown }>;
}

function shapeOf(m: Message): Shape {
  return { role: m.role, text: m.text, calls: m.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments })) };
}

interface ChatmlMessage {
  role?: string;
  content?: unknown;
  tool_calls?: Array<{ name: string; arguments: string }>;
}

function chatmlShape(m: ChatmlMessage): Shape {
  return {
    role: normalizeRole(m.role),
    text: m.content === undefined ? '' : contentText(m.content),
    calls: (m.tool_calls ?? []).map((c) => ({ name: c.name, arguments: JSON.parse(c.arguments) as unknown })),
  };
}

/**
 * Langfuse's own normalized ChatML for the trace's last generation (input + output, the sides Langfuse
 * itself could parse): the ground truth the end of our transcript must match.
 */
function lastGenerationChatml(name: string): Shape[] {
  const trace = JSON.parse(readFileSync(lf(`${name}.trace.json`), 'utf8')) as {
    observations: Array<{ id: string; type: string; startTime: string }>;
  };
  type Side = { success: boolean; data?: ChatmlMessage[] };
  const chatml = JSON.parse(readFileSync(lf(`${name}.chatml.json`), 'utf8')) as Record<string, { input: Side; output: Side }>;
  const gens = trace.observations
    .filter((o) => o.type === 'GENERATION' && chatml[o.id] !== undefined)
    .sort((a, b) => a.startTime.localeCompare(b.startTime));
  const last = gens[gens.length - 1];
  if (!last) throw new Error(`no generation in ${name}`);
  const entry = chatml[last.id] as { input: Side; output: Side };
  const sides = [entry.input, entry.output].filter((s) => s.success);
  return sides.flatMap((s) => (s.data ?? []).map(chatmlShape));
}

describe.skipIf(!haveSharedFixtures())('langfuse parser on the real framework traces', () => {
  it.each(['openai-agents-2025-09-30', 'langgraph-python-2025-08-22', 'pydantic-ai-tools-2025-12-04', 'vercel-aisdk-2025-11-17', 'claude-agent-2025-12-22', 'crewai-2025-07-11'])(
    'holds Langfuse’s own ChatML of the last generation, in order, in its transcript: %s',
    (name) => {
      const expected = lastGenerationChatml(name);
      expect(expected.length).toBeGreaterThan(0);
      const got = parseOne(name).messages.map(shapeOf);
      // The transcript may go on past the last generation (a tool result the model never saw).
      const first = expected[0] as Shape;
      const at = got.findIndex((m) => m.role === first.role && m.text === first.text);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(got.slice(at, at + expected.length)).toEqual(expected);
    },
  );

  it('reads the OpenAI Responses API (openai-agents): tool call, TOOL observation result and latency', () => {
    const d = parseOne('openai-agents-2025-09-30');
    expect(d.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(d.messages[0]?.text).toBe("What's the weather in Tokyo?");
    const c = toolCall(d, 'get_weather');
    expect(c).toMatchObject({
      id: 'call_Kud0j0DxWSmLzv9W5m6qVqXn',
      arguments: { city: 'Tokyo' },
      result: 'The weather in Tokyo is sunny.',
      status: 'ok',
      latencyMs: 0,
    });
    expect(d.agent).toEqual({ name: 'Hello world', model: 'gpt-4.1-2025-04-14' });
    expect(d.tokens).toEqual({ input: 140, output: 44, total: 184 });
  });

  it('joins the claude-agent TOOL observations to the two same-named calls in order', () => {
    const d = parseOne('claude-agent-2025-12-22');
    const berlin = toolCall(d, 'mcp__weather__get_weather', 0);
    const newYork = toolCall(d, 'mcp__weather__get_weather', 1);
    expect(berlin).toMatchObject({ id: 'toolu_01TKoqQLvY2UWuC49qnD48y7', arguments: { city: 'Berlin' }, result: 'Weather in Berlin: Cloudy, 59°F', status: 'ok', latencyMs: 41 });
    expect(newYork).toMatchObject({ id: 'toolu_01NtVat4vJLFfVd5TqdLHcA7', arguments: { city: 'New York' }, result: 'Weather in New York: Sunny, 75°F' });
    // Each result follows its own call in the transcript.
    const roles = d.messages.map((m) => (m.role === 'tool' ? `tool:${m.toolCallId}` : m.role));
    expect(roles).toEqual(['user', 'assistant', 'assistant', 'tool:toolu_01TKoqQLvY2UWuC49qnD48y7', 'assistant', 'tool:toolu_01NtVat4vJLFfVd5TqdLHcA7', 'assistant']);
    expect(d.outcome.feedback).toContainEqual(expect.objectContaining({ name: 'correctness', score: 0 }));
  });

  it('reads Vercel AI SDK tool calls and the getWeather TOOL result object', () => {
    const d = parseOne('vercel-aisdk-2025-11-17');
    expect(toolCall(d, 'getWeather')).toMatchObject({
      id: 'call_DgKARp7a7IhJPDczfifMp6Ra',
      arguments: { location: 'San Francisco' },
      result: { location: 'San Francisco', temperature: 64 },
      status: 'ok',
    });
    // Tokens come from the provider call (doGenerate), not also from its ai.generateText wrapper.
    expect(d.tokens).toEqual({ input: 62, output: 85, total: 147 });
  });

  it('reads Gemini contents (google-adk): system instruction, function call and function response', () => {
    const d = parseOne('google-adk-2025-08-28');
    expect(d.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(d.messages[0]?.text).toContain('Always greet using the say_hello tool.');
    expect(d.messages[1]?.text).toBe('hi');
    expect(toolCall(d, 'say_hello')).toMatchObject({ id: 'adk-8bd8dc65-717d-4102-858b-3a1dd6b75a00', result: { greeting: 'Hello Langfuse 👋' }, status: 'ok' });
    expect(d.messages[4]?.text).toBe('Hello Langfuse 👋!\n');
    expect(d.conversationId).toBe('demo-session');
    expect(d.userId).toBe('demo-user');
    expect(d.agent.name).toBe('hello_agent');
    const kinds = Object.fromEntries(d.spans.map((s) => [s.name, s.kind]));
    expect(kinds).toMatchObject({ 'invocation [hello_app]': 'chain', 'agent_run [hello_agent]': 'agent', call_llm: 'llm', 'execute_tool say_hello': 'tool' });
    const tool = d.spans.find((s) => s.name === 'execute_tool say_hello');
    expect(tool?.parentSpanId).toBe('f6e4c65297e40c96');
  });

  it('keeps session and user ids, tags and tokens of the autogen and llamaindex traces', () => {
    const autogen = parseOne('autogen-2025-06-06');
    expect(autogen).toMatchObject({ conversationId: 'session_abc', userId: 'user_123', tokens: { input: 41, output: 3, total: 44 } });
    expect(autogen.metadata.tags).toEqual(['autogen', 'dev']);
    // A "role: text" transcript input.
    expect(autogen.messages.map((m) => [m.role, m.text])).toEqual([
      ['system', 'You are a helpful AI assistant. Solve tasks using your tools. Reply with TERMINATE when the task has been completed.'],
      ['user', "Say 'Hello World!'"],
      ['assistant', 'Hello World!'],
    ]);
    const llama = parseOne('llamaindex-2025-06-05');
    expect(llama.messages[0]).toMatchObject({ role: 'user', text: 'What is Langfuse?' });
    expect(llama.tokens).toEqual({ input: 13, output: 81, total: 94 });
    expect(llama.latencyMs).toBe(2779);
  });

  it('takes the LangGraph thread_id as the conversation when the trace has no sessionId', () => {
    const d = parseOne('langgraph-python-2025-08-22');
    expect(d.conversationId).toBe('demo-thread-1');
    expect(toolCall(d, 'Web-Search')).toMatchObject({ arguments: { query: 'example' }, result: [{ url: 'https://example.com', title: 'Example Result', q: 'example' }], status: 'ok' });
    // Tool definitions logged as role "tool" messages are not part of the conversation.
    expect(d.messages.filter((m) => m.role === 'tool')).toHaveLength(1);
  });

  it('reads agno’s Python-repr messages and counts tokens on the provider calls only', () => {
    const d = parseOne('agno-2025-06-11');
    expect(d.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(d.messages[1]?.text).toBe('What is currently trending on Twitter?');
    const c = toolCall(d, 'duckduckgo_search');
    expect(c.arguments).toEqual({ query: 'currently trending on Twitter' });
    expect(c.latencyMs).toBe(717);
    expect(d.tokens).toEqual({ input: 163 + 663, output: 20 + 225, total: 183 + 888 });
    expect(d.conversationId).toBe('35cc6c90-b657-4819-b66c-c931c03ad569');
  });

  it('reads OTel GenAI parts (pydantic-ai): three parallel calls with their results and agent name', () => {
    const d = parseOne('pydantic-ai-tools-2025-12-04');
    expect(toolCall(d, 'get_dad_joke_suggestion')).toMatchObject({
      id: 'call_WxZcCvSDhGT4RJHlcU01k10x',
      arguments: { topic: 'programming' },
      result: "Dad joke idea: Use a classic setup-punchline format about 'programming' with a groan-worthy twist",
      status: 'ok',
      latencyMs: 5,
    });
    expect(d.tokens).toEqual({ input: 1315, output: 209, total: 1524 });
    expect(d.agent.name).toBe('joke_agent');
    expect(d.metadata.topic).toBe('programming');
  });

  it('sets the trace times and the source id from the trace row', () => {
    const d = parseOne('crewai-2025-07-11');
    expect(d.source).toEqual({ format: 'langfuse', file: lf('crewai-2025-07-11.trace.json'), sourceTraceId: 'a287bb31e317433610d8827617471140' });
    expect(d.startTime).toBe(Date.parse('2025-07-11T07:45:13.601Z'));
    expect(d.latencyMs).toBe(3750);
    expect(d.status).toBe('ok');
  });
});

describe.skipIf(!haveSharedFixtures())('langfuse detection', () => {
  const names = ['agno-2025-06-11', 'autogen-2025-06-06', 'claude-agent-2025-12-22', 'crewai-2025-07-11', 'google-adk-2025-08-28', 'langgraph-python-2025-08-22', 'llamaindex-2025-06-05', 'openai-agents-2025-09-30', 'pydantic-ai-tools-2025-12-04', 'vercel-aisdk-2025-11-17'];

  it.each(names)('claims %s and leaves its chatml file alone', (name) => {
    const trace = JSON.parse(readFileSync(lf(`${name}.trace.json`), 'utf8')) as unknown;
    const chatml = JSON.parse(readFileSync(lf(`${name}.chatml.json`), 'utf8')) as unknown;
    expect(langfuseParser.detect(trace)).toBeGreaterThanOrEqual(0.9);
    expect(langfuseParser.detect(chatml)).toBe(0);
    expect(langsmithParser.detect(trace)).toBe(0);
  });

  it('returns 0 for LangSmith, OTLP and OpenAI-chat records', () => {
    for (const file of ['langsmith_js_wrap_openai_default.json', 'anthropic_managed_custom_tools.jsonl']) {
      for (const { value } of frameJsonRecords(readFileSync(traceFixture(`langsmith-sdk/${file}`), 'utf8'))) {
        expect(langfuseParser.detect(value)).toBe(0);
      }
    }
    expect(langfuseParser.detect({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'a', spanId: 'b', name: 'chat' }] }] }] })).toBe(0);
    expect(langfuseParser.detect({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] })).toBe(0);
    expect(langfuseParser.detect([1, 2])).toBe(0);
    expect(langfuseParser.detect(null)).toBe(0);
  });
});

function observation(over: Record<string, unknown>): Record<string, unknown> {
  return { traceId: 't1', parentObservationId: null, level: 'DEFAULT', statusMessage: null, metadata: '{}', ...over };
}

describe('langfuse parser on synthetic records', () => {
  const errored = {
    trace: { id: 't1', name: 'refund', timestamp: '2025-01-01T10:00:00.000Z', sessionId: 's-9', userId: 'u-1', tags: ['prod'] },
    observations: [
      observation({ id: 'root', type: 'AGENT', name: 'refund-agent', startTime: '2025-01-01T10:00:00.000Z', endTime: '2025-01-01T10:00:03.000Z' }),
      observation({
        id: 'g1',
        parentObservationId: 'root',
        type: 'GENERATION',
        name: 'chat',
        model: 'gpt-4o',
        startTime: '2025-01-01T10:00:00.100Z',
        endTime: '2025-01-01T10:00:01.000Z',
        input: JSON.stringify([{ role: 'user', content: 'Refund order 42' }]),
        output: JSON.stringify({ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'refund', arguments: '{"order":42}' } }] }),
        usageDetails: { input: 10, output: 5, total: 15 },
      }),
      observation({
        id: 'tool1',
        parentObservationId: 'root',
        type: 'TOOL',
        name: 'refund',
        level: 'ERROR',
        statusMessage: 'payment gateway timeout',
        startTime: '2025-01-01T10:00:01.100Z',
        endTime: '2025-01-01T10:00:02.600Z',
        input: '{"order":42}',
        output: null,
      }),
    ],
  };

  it('marks the trace and the tool call failed when an observation has level ERROR', () => {
    const [d] = parseText(langfuseParser, JSON.stringify(errored));
    expect(d?.status).toBe('error');
    expect(d?.error).toBe('payment gateway timeout');
    expect(d?.conversationId).toBe('s-9');
    expect(d?.userId).toBe('u-1');
    const c = d?.messages[1]?.toolCalls[0];
    expect(c).toMatchObject({ id: 'c1', name: 'refund', arguments: { order: 42 }, status: 'error', error: 'payment gateway timeout', latencyMs: 1500 });
    expect(d?.spans.find((s) => s.spanId === 'tool1')).toMatchObject({ kind: 'tool', status: 'error', parentSpanId: 'root', statusMessage: 'payment gateway timeout' });
    expect(d?.agent).toEqual({ name: 'refund-agent', model: 'gpt-4o' });
  });

  it('names the agent from the bracketed end of its observation name, and reads a hostile name in linear time', () => {
    const named = (name: string): string | undefined => {
      const record = { ...errored, observations: [observation({ ...errored.observations[0], name }), ...errored.observations.slice(1)] };
      return parseText(langfuseParser, JSON.stringify(record))[0]?.agent?.name;
    };
    expect(named('AgentExecutor [refund-bot] ')).toBe('refund-bot');
    expect(named('a [b [c]')).toBe('b [c');
    expect(named('plain []')).toBe('plain []');
    // The regex this replaced retried from every "[": 3.8 s for this name.
    const t = performance.now();
    expect(named(`x${'['.repeat(50_000)}`)?.length).toBe(50_001);
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('takes an array of records element by element, one trace each', () => {
    const second = { ...errored, trace: { ...errored.trace, id: 't2' } };
    const drafts = parseText(langfuseParser, JSON.stringify([errored, second]));
    expect(drafts.map((d) => d.source.sourceTraceId)).toEqual(['t1', 't2']);
  });

  it('rejects a record without observations', () => {
    expect(() => parseText(langfuseParser, JSON.stringify({ trace: { id: 'x' } }))).toThrow(/not a Langfuse trace/);
  });

  it('parses a long agent loop in linear-ish time', () => {
    // 300 generations, each repeating the whole history so far (~600 messages at the end).
    const history: Array<Record<string, unknown>> = [{ role: 'user', content: 'start' }];
    const observations: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 300; i++) {
      const reply = { role: 'assistant', content: `step ${i} ${'x'.repeat(200)}` };
      observations.push(
        observation({ id: `g${i}`, type: 'GENERATION', name: 'chat', startTime: new Date(1e12 + i * 1000).toISOString(), input: JSON.stringify(history), output: JSON.stringify(reply), usageDetails: { input: 1, output: 1, total: 2 } }),
      );
      history.push(reply, { role: 'user', content: `go on ${i}` });
    }
    const text = JSON.stringify({ trace: { id: 'long' }, observations });
    const t0 = performance.now();
    const [d] = parseText(langfuseParser, text);
    const ms = performance.now() - t0;
    expect(d?.messages).toHaveLength(1 + 300 * 2 - 1);
    expect(d?.tokens).toEqual({ input: 300, output: 300, total: 600 });
    expect(ms).toBeLessThan(3000);
  });
});
