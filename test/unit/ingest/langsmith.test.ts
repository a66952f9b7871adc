import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { langfuseParser } from '../../../core/ingest/formats/langfuse.js';
import { langsmithParser } from '../../../core/ingest/formats/langsmith.js';
import type { TraceDraft } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { frameJsonRecords, parseFile, parseText } from '../../helpers/parse-fixture.js';

const ls = (name: string): string => traceFixture(`langsmith-sdk/${name}`);

function parseOne(name: string): TraceDraft {
  const drafts = parseFile(langsmithParser, ls(name));
  expect(drafts).toHaveLength(1);
  return drafts[0] as TraceDraft;
}

function textOf(d: TraceDraft, role: string): string | undefined {
  return d.messages.find((m) => m.role === role)?.text;
}

describe.skipIf(!haveSharedFixtures())('langsmith parser on the SDK ingest payloads', () => {
  it('joins post and patch of the default wrapOpenAI run', () => {
    const d = parseOne('langsmith_js_wrap_openai_default.json');
    expect(d.source.sourceTraceId).toBe('dc34609e-3eeb-459d-bc2a-6fedb01d2e6e');
    expect(d.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'howdy'],
      ['assistant', 'Howdy! How can I assist you today?'],
    ]);
    expect(d.agent.model).toBe('gpt-4o-mini');
    expect(d.tokens).toEqual({ input: 9, output: 9, total: 18 });
    expect(d.startTime).toBe(1728803137170);
    expect(d.endTime).toBe(1728803138285);
    expect(d.latencyMs).toBe(1115);
    expect(d.status).toBe('ok');
    // session_name is LangSmith's project, not a conversation.
    expect(d.metadata.project).toBe('default');
    expect(d.conversationId).toBeUndefined();
    expect(d.spans).toEqual([
      expect.objectContaining({ spanId: 'dc34609e-3eeb-459d-bc2a-6fedb01d2e6e', name: 'ChatOpenAI', kind: 'llm', status: 'ok' }),
    ]);
  });

  it('reads the streamed reply and its usage from the patch', () => {
    const d = parseOne('langsmith_js_wrap_openai_stream.json');
    expect(textOf(d, 'user')).toBe('howdy');
    expect(textOf(d, 'assistant')).toBe('Howdy! How can I assist you today?');
    expect(d.agent.model).toBe('gpt-4o-mini');
    expect(d.tokens).toEqual({ input: 9, output: 9, total: 18 });
  });

  it('reads the o1-mini reasoning run with its 1901 output tokens', () => {
    const d = parseOne('langsmith_js_wrap_openai_reasoning.json');
    expect(textOf(d, 'user')).toBe(
      "Write a bash script that takes a matrix represented as a string with format '[1,2],[3,4],[5,6]' and prints the transpose in the same format.",
    );
    expect(textOf(d, 'assistant')).toMatch(/^Certainly! Below is a Bash script/);
    expect(textOf(d, 'assistant')).toContain('### Script: `transpose_matrix.sh`');
    expect(d.agent.model).toBe('o1-mini');
    expect(d.tokens).toEqual({ input: 43, output: 1901, total: 1944 });
  });

  it('leaves token counts unknown (not zero) for a stream without usage', () => {
    const d = parseOne('langsmith_js_wrap_openai_stream_no_usage.json');
    expect(textOf(d, 'assistant')).toBe('Howdy! How can I assist you today?');
    expect(d.tokens).toEqual({});
    expect(d.tokens.input).toBeUndefined();
  });

  it('assembles a post and a patch that arrive in separate records, in either order', () => {
    const payload = JSON.parse(readFileSync(ls('langsmith_js_wrap_openai_default.json'), 'utf8')) as { post: unknown[]; patch: unknown[] };
    const postLine = JSON.stringify({ post: payload.post });
    const patchLine = JSON.stringify({ patch: payload.patch });
    for (const text of [`${postLine}\n${patchLine}\n`, `${patchLine}\n${postLine}\n`]) {
      const drafts = parseText(langsmithParser, text);
      expect(drafts).toHaveLength(1);
      expect(textOf(drafts[0] as TraceDraft, 'assistant')).toBe('Howdy! How can I assist you today?');
      expect(drafts[0]?.tokens.total).toBe(18);
      expect(drafts[0]?.endTime).toBe(1728803138285);
    }
  });
});

describe.skipIf(!haveSharedFixtures())('langsmith parser on the Anthropic managed-agent recordings', () => {
  it('turns the MCP rejection session into one trace with the denied call failed', () => {
    const d = parseOne('anthropic_managed_mcp_tools_reject.jsonl');
    expect(d.source.sourceTraceId).toBe('sesn_01KW5vhbxfVqMHgLH2dWKbJG');
    expect(d.conversationId).toBe('sesn_01KW5vhbxfVqMHgLH2dWKbJG');
    expect(textOf(d, 'user')).toBe('How many stars does langchain-ai/langsmith-sdk have? Use MCP and Exa');
    const calls = d.messages.flatMap((m) => m.toolCalls);
    expect(calls.map((c) => c.name)).toEqual(['web_search_exa', 'web_fetch']);
    expect(calls[0]).toMatchObject({
      id: 'sevt_01XVQ9cZq6NMEGhXhXUW677S',
      arguments: { numResults: 5, query: 'langchain-ai langsmith-sdk GitHub repository stars' },
      status: 'error',
      error: 'This tool is not allowed in this demo.',
    });
    expect(calls[1]).toMatchObject({ arguments: { url: 'https://github.com/langchain-ai/langsmith-sdk' }, status: 'ok' });
    const fetched = d.messages.find((m) => m.role === 'tool' && m.toolCallId === 'sevt_019amAkdmetsn2j5brbznqFm');
    expect(fetched?.documents[0]?.title).toBe('GitHub - langchain-ai/langsmith-sdk: LangSmith Client SDK Implementations');
    expect(d.messages[d.messages.length - 1]?.text).toMatch(/has \*\*894 stars\*\*/);
    expect(d.agent).toEqual({ name: 'Exa assistant', version: '1', model: 'claude-opus-4-8' });
    expect(d.status).toBe('error');
    expect(d.error).toBe('web_search_exa: This tool is not allowed in this demo.');
    expect(d.spans.find((s) => s.name === 'web_search_exa')).toMatchObject({ kind: 'tool', status: 'error' });
  });

  it('joins the custom tool result sent by the user to the agent’s call', () => {
    const d = parseOne('anthropic_managed_custom_tools.jsonl');
    expect(d.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    const c = d.messages[2]?.toolCalls[0];
    expect(c).toMatchObject({ name: 'get_weather', arguments: { location: 'Prague' }, result: "It's 23°C and sunny in Prague.", status: 'ok', latencyMs: 661 });
    expect(d.status).toBe('ok');
    // Two model requests: 2 + 7201 and 2 + 7271 prompt tokens (cache reads included), 50 + 30 output.
    expect(d.tokens).toEqual({ input: 14476, output: 80, total: 14556 });
  });

  it('splits a file holding two sessions into two traces', () => {
    const text =
      readFileSync(ls('anthropic_managed_custom_tools.jsonl'), 'utf8') + readFileSync(ls('anthropic_managed_mcp_tools_reject.jsonl'), 'utf8');
    const drafts = parseText(langsmithParser, text, 'both.jsonl');
    expect(drafts.map((d) => d.source.sourceTraceId).sort()).toEqual(['sesn_014fc5Q6rWwrXD3vWBfPRUes', 'sesn_01KW5vhbxfVqMHgLH2dWKbJG']);
    const prague = drafts.find((d) => d.source.sourceTraceId === 'sesn_014fc5Q6rWwrXD3vWBfPRUes');
    expect(prague?.messages.filter((m) => m.role === 'user').map((m) => m.text)).toEqual(["What's the weather in Prague?"]);
  });
});

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const iso = (ms: number): string => new Date(T0 + ms).toISOString().replace('Z', '');

/** A LangChain agent trace exported as flat runs: root chain, chat model call with a tool call, the tool, a second call. */
function flatRuns(): Array<Record<string, unknown>> {
  const root = '11111111-0000-0000-0000-000000000000';
  return [
    {
      id: root,
      trace_id: root,
      parent_run_id: null,
      name: 'AgentExecutor',
      run_type: 'chain',
      start_time: iso(0),
      end_time: iso(3000),
      inputs: { input: 'What is the weather in Paris?' },
      outputs: { output: 'It is sunny in Paris.' },
      extra: { metadata: { thread_id: 'thread-7', user_id: 'u-42', revision_id: 'v3' } },
      feedback_stats: { correctness: { n: 1, avg: 1 } },
      session_name: 'prod-agent',
      tags: ['prod'],
    },
    {
      id: '22222222-0000-0000-0000-000000000000',
      trace_id: root,
      parent_run_id: root,
      name: 'ChatOpenAI',
      run_type: 'llm',
      start_time: iso(10),
      end_time: iso(900),
      extra: { metadata: { ls_model_name: 'gpt-4o' } },
      inputs: {
        messages: [
          [
            { lc: 1, type: 'constructor', id: ['langchain', 'schema', 'messages', 'SystemMessage'], kwargs: { content: 'You are a weather bot.' } },
            { lc: 1, type: 'constructor', id: ['langchain', 'schema', 'messages', 'HumanMessage'], kwargs: { content: 'What is the weather in Paris?' } },
          ],
        ],
      },
      outputs: {
        generations: [
          [
            {
              text: '',
              message: {
                lc: 1,
                type: 'constructor',
                id: ['langchain', 'schema', 'messages', 'AIMessage'],
                kwargs: {
                  content: '',
                  tool_calls: [{ name: 'get_weather', args: { city: 'Paris' }, id: 'call_p1', type: 'tool_call' }],
                  usage_metadata: { input_tokens: 30, output_tokens: 12, total_tokens: 42 },
                },
              },
            },
          ],
        ],
      },
    },
    {
      id: '33333333-0000-0000-0000-000000000000',
      trace_id: root,
      parent_run_id: root,
      name: 'get_weather',
      run_type: 'tool',
      start_time: iso(1000),
      end_time: iso(1250),
      inputs: { input: "{'city': 'Paris'}" },
      outputs: { output: 'sunny, 21°C' },
    },
    {
      id: '44444444-0000-0000-0000-000000000000',
      trace_id: root,
      parent_run_id: root,
      name: 'ChatOpenAI',
      run_type: 'llm',
      start_time: iso(1300),
      end_time: iso(2900),
      extra: { metadata: { ls_model_name: 'gpt-4o' } },
      inputs: {
        messages: [
          { role: 'system', content: 'You are a weather bot.' },
          { role: 'user', content: 'What is the weather in Paris?' },
          { role: 'assistant', content: '', tool_calls: [{ id: 'call_p1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'call_p1', content: 'sunny, 21°C' },
        ],
      },
      outputs: { choices: [{ message: { role: 'assistant', content: 'It is sunny in Paris.' } }], usage: { prompt_tokens: 50, completion_tokens: 8, total_tokens: 58 } },
    },
  ];
}

describe('langsmith parser on flat and nested runs', () => {
  it('assembles a child run that arrives before its parent into one trace', () => {
    const [root, llm] = flatRuns();
    const child = { ...llm, outputs: { generations: [[{ text: 'Let me check.', message: { type: 'ai', content: 'Let me check.' } }]] } };
    const drafts = parseText(langsmithParser, `${JSON.stringify(child)}\n${JSON.stringify(root)}\n`);
    expect(drafts).toHaveLength(1);
    const d = drafts[0] as TraceDraft;
    expect(d.source.sourceTraceId).toBe('11111111-0000-0000-0000-000000000000');
    expect(d.spans.map((s) => [s.name, s.parentSpanId])).toEqual([
      ['AgentExecutor', undefined],
      ['ChatOpenAI', '11111111-0000-0000-0000-000000000000'],
    ]);
    expect(d.messages.map((m) => [m.role, m.text])).toEqual([
      ['system', 'You are a weather bot.'],
      ['user', 'What is the weather in Paris?'],
      ['assistant', 'Let me check.'],
    ]);
    expect(d.conversationId).toBe('thread-7');
    expect(d.agent.name).toBe('AgentExecutor');
  });

  it('builds the transcript, tool call, tokens and feedback of a flat LangChain agent trace', () => {
    const text = flatRuns()
      .reverse()
      .map((r) => JSON.stringify(r))
      .join('\n');
    const [d] = parseText(langsmithParser, text);
    expect(d?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(d?.messages[2]?.toolCalls[0]).toMatchObject({ id: 'call_p1', name: 'get_weather', arguments: { city: 'Paris' }, result: 'sunny, 21°C', status: 'ok', latencyMs: 250 });
    expect(d?.messages[4]?.text).toBe('It is sunny in Paris.');
    expect(d?.tokens).toEqual({ input: 80, output: 20, total: 100 });
    expect(d?.agent).toEqual({ name: 'AgentExecutor', model: 'gpt-4o', version: 'v3' });
    expect(d?.userId).toBe('u-42');
    expect(d?.outcome.feedback).toEqual([{ name: 'correctness', score: 1 }]);
    expect(d?.latencyMs).toBe(3000);
    expect(d?.metadata.project).toBe('prod-agent');
  });

  it('reads a nested run tree and marks a failed tool run', () => {
    const [root, llm, tool] = flatRuns() as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    const failedTool = { ...tool, outputs: null, error: "ToolException('weather service unavailable')" };
    const tree = { ...root, child_runs: [{ ...llm, parent_run_id: undefined, trace_id: undefined }, { ...failedTool, parent_run_id: undefined, trace_id: undefined }] };
    const [d] = parseText(langsmithParser, JSON.stringify(tree));
    expect(d?.spans).toHaveLength(3);
    expect(d?.spans.every((s) => s.name === 'AgentExecutor' || s.parentSpanId === root.id)).toBe(true);
    const c = d?.messages.flatMap((m) => m.toolCalls).find((x) => x.name === 'get_weather');
    expect(c).toMatchObject({ status: 'error', error: "ToolException('weather service unavailable')" });
    expect(d?.status).toBe('error');
    expect(d?.error).toBe("get_weather: ToolException('weather service unavailable')");
  });

  it('rejects a record that is not a run', () => {
    expect(() => parseText(langsmithParser, JSON.stringify({ hello: 'world' }))).toThrow(/not a LangSmith run/);
  });
});

describe.skipIf(!haveSharedFixtures())('langsmith detection', () => {
  it.each([
    'langsmith_js_wrap_openai_default.json',
    'langsmith_js_wrap_openai_reasoning.json',
    'langsmith_js_wrap_openai_stream.json',
    'langsmith_js_wrap_openai_stream_no_usage.json',
    'anthropic_managed_custom_tools.jsonl',
    'anthropic_managed_mcp_tools_reject.jsonl',
  ])('claims every record of %s, which Langfuse does not', (file) => {
    for (const { value } of frameJsonRecords(readFileSync(ls(file), 'utf8'))) {
      expect(langsmithParser.detect(value)).toBeGreaterThanOrEqual(0.9);
      expect(langfuseParser.detect(value)).toBe(0);
    }
  });

  it('claims flat runs and returns 0 for Langfuse, OTLP and OpenAI-chat records', () => {
    for (const run of flatRuns()) expect(langsmithParser.detect(run)).toBeGreaterThanOrEqual(0.9);
    const langfuse = JSON.parse(readFileSync(traceFixture('langfuse/openai-agents-2025-09-30.trace.json'), 'utf8')) as unknown;
    expect(langsmithParser.detect(langfuse)).toBe(0);
    expect(langsmithParser.detect({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'a', spanId: 'b', name: 'chat' }] }] }] })).toBe(0);
    expect(langsmithParser.detect({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] })).toBe(0);
    expect(langsmithParser.detect(['not', 'a recording'])).toBe(0);
  });
});
