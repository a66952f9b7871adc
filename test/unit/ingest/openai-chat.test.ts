import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RecordShapeError } from '../../../core/ingest/format.js';
import { openAiChatParser } from '../../../core/ingest/formats/openai-chat.js';
import { tauBenchParser } from '../../../core/ingest/formats/tau-bench.js';
import type { TraceDraft } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { frameJsonRecords, parseFile, parseText, testContext } from '../../helpers/parse-fixture.js';

const loc = { file: 'test.jsonl', line: 1, byteOffset: 0, index: 0 };

function parseOne(record: unknown): TraceDraft {
  const result = openAiChatParser.parse(record, loc, testContext('test.jsonl'));
  expect(result.traces).toHaveLength(1);
  return result.traces[0] as TraceDraft;
}

function swe(name: string): TraceDraft {
  const drafts = parseFile(openAiChatParser, traceFixture(`swe-agent/${name}`));
  expect(drafts).toHaveLength(1);
  return drafts[0] as TraceDraft;
}

const chatRecord = {
  id: 'conv-42-turn-3',
  conversation_id: 'conv-42',
  user: 'user_8812',
  model: 'gpt-4o-2024-08-06',
  created: 1718000000,
  feedback: 'thumbs_down',
  reward: 0.25,
  usage: { prompt_tokens: 320, completion_tokens: 41, total_tokens: 361 },
  metadata: { intent: 'order_status', region: 'eu-west' },
  messages: [
    { role: 'system', content: 'You are the Acme support agent.' },
    { role: 'user', content: [{ type: 'text', text: 'Where is order 5521?' }] },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_a1', type: 'function', function: { name: 'get_order', arguments: '{"order_id":"5521"}' } }],
    },
    { role: 'tool', tool_call_id: 'call_a1', content: '{"status":"shipped","carrier":"DHL"}' },
    { role: 'assistant', content: 'Order 5521 shipped with DHL.' },
  ],
};

describe('openai-chat: {messages} records', () => {
  it('maps ids, user, model, outcome and usage from the record', () => {
    const t = parseOne(chatRecord);
    expect(t.source).toEqual({ format: 'openai-chat', file: 'test.jsonl', sourceTraceId: 'conv-42-turn-3' });
    expect(t.conversationId).toBe('conv-42');
    expect(t.userId).toBe('user_8812');
    expect(t.agent.model).toBe('gpt-4o-2024-08-06');
    expect(t.intent).toBe('order_status');
    expect(t.metadata.region).toBe('eu-west');
    expect(t.startTime).toBe(1718000000 * 1000);
    expect(t.tokens).toEqual({ input: 320, output: 41, total: 361 });
    expect(t.outcome).toEqual({ reward: 0.25, feedback: [{ name: 'thumbs', score: 0 }] });
  });

  it('parses tool-call arguments and links the tool result by tool_call_id', () => {
    const t = parseOne(chatRecord);
    expect(t.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(t.messages[1]?.text).toBe('Where is order 5521?');
    const call = t.messages[2]?.toolCalls[0];
    expect(call).toMatchObject({
      id: 'call_a1',
      name: 'get_order',
      arguments: { order_id: '5521' },
      result: { status: 'shipped', carrier: 'DHL' },
      status: 'ok',
    });
    expect(t.messages[3]?.name).toBe('get_order');
  });

  it('uses a hash of the canonical record as the source id when the record has none', () => {
    const { id: _id, ...noId } = chatRecord;
    const reordered = Object.fromEntries(Object.entries(noId).reverse());
    const a = parseOne(noId).source.sourceTraceId;
    const b = parseOne(reordered).source.sourceTraceId;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(parseOne({ ...noId, reward: 1 }).source.sourceTraceId).not.toBe(a);
  });

  it('reads per-message timestamps from a parallel `timestamps` array', () => {
    const t = parseOne({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
      timestamps: ['2024-06-01T10:00:00Z', '2024-06-01T10:00:02.500Z'],
    });
    expect(t.messages.map((m) => m.time)).toEqual([Date.parse('2024-06-01T10:00:00Z'), Date.parse('2024-06-01T10:00:02.500Z')]);
    expect(t.startTime).toBe(Date.parse('2024-06-01T10:00:00Z'));
    expect(t.latencyMs).toBe(2500);
  });

  it('marks a record with an error field as failed', () => {
    const t = parseOne({ messages: [{ role: 'user', content: 'x' }], error: { message: 'rate limited', code: 429 } });
    expect(t.status).toBe('error');
    expect(t.error).toBe('rate limited');
  });
});

describe('openai-chat: {request, response} chat-completion pairs', () => {
  it('appends the first choice as the assistant reply and reads usage from the response', () => {
    const t = parseOne({
      request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Translate "chat" to English' }] },
      response: {
        id: 'chatcmpl-9xYz',
        created: 1720000000,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'cat' } }],
        usage: { prompt_tokens: 14, completion_tokens: 1, total_tokens: 15 },
      },
    });
    expect(t.source.sourceTraceId).toBe('chatcmpl-9xYz');
    expect(t.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'Translate "chat" to English'],
      ['assistant', 'cat'],
    ]);
    expect(t.agent.model).toBe('gpt-4o-mini-2024-07-18');
    expect(t.tokens).toEqual({ input: 14, output: 1, total: 15 });
    expect(t.startTime).toBe(1720000000 * 1000);
    expect(t.metadata.finish_reason).toBe('stop');
  });

  it('marks an HTTP error response as failed', () => {
    const t = parseOne({
      request: { messages: [{ role: 'user', content: 'hi' }] },
      response: { status_code: 404, body: { error: { message: 'The model `gpt-9` does not exist' } } },
    });
    expect(t.status).toBe('error');
    expect(t.error).toBe('The model `gpt-9` does not exist');
  });
});

describe('openai-chat: record shapes it refuses', () => {
  it('throws a RecordShapeError naming the expected shape', () => {
    expect(() => parseOne({ prompt: 'x', completion: 'y' })).toThrow(RecordShapeError);
    expect(() => parseOne({ prompt: 'x', completion: 'y' })).toThrow(/messages.*got keys: prompt, completion/);
    expect(() => parseOne(['client.beta.sessions.create', {}])).toThrow(RecordShapeError);
  });

  it('detects 0 for other formats and for tau-bench, and tau-bench detects 0 for plain chat', () => {
    expect(openAiChatParser.detect({ resourceSpans: [{ scopeSpans: [] }] })).toBe(0);
    expect(openAiChatParser.detect({ trace: { id: 't1' }, observations: [] })).toBe(0);
    expect(openAiChatParser.detect({ id: 'r1', run_type: 'llm', inputs: { messages: [{ role: 'user', content: 'x' }] } })).toBe(0);
    expect(openAiChatParser.detect({ task_id: 3, trial: 0, reward: 1, info: {}, traj: [{ role: 'user', content: 'x' }] })).toBe(0);
    expect(openAiChatParser.detect('user: hi')).toBe(0);
    expect(openAiChatParser.detect(chatRecord)).toBeGreaterThan(0.5);
    expect(tauBenchParser.detect(chatRecord)).toBe(0);
  });
});

describe.skipIf(!haveSharedFixtures())('openai-chat: SWE-agent trajectories (real fixtures)', () => {
  it('function-calling variant: first tool call, its linked observation, exit status, tokens and cost', () => {
    const t = swe('testdata__gpt4__sweagenttestrepo-1c2844.traj.json');
    const calls = t.messages.flatMap((m) => m.toolCalls);
    expect(calls[0]).toMatchObject({
      id: 'call_fJuazlMUN5fQDQ73G6XSpYpx',
      name: 'find_file',
      arguments: { file_name: 'missing_colon.py' },
      status: 'ok',
    });
    expect(String(calls[0]?.result)).toMatch(/^Found 1 matches for "missing_colon.py" in \/SWE-agent__test-repo:/);
    expect(calls.map((c) => c.name)).toEqual(['find_file', 'open', 'edit', 'bash']);
    expect(calls[2]?.arguments).toEqual({
      search: 'def division(a: float, b: float) -> float',
      replace: 'def division(a: float, b: float) -> float:',
      'replace-all': false,
    });
    expect(t.metadata.exit_status).toBe('submitted');
    expect(t.metadata.instance_id).toBe('SWE-agent__test-repo-i1');
    expect(t.metadata.cost_usd).toBeCloseTo(0.01952, 5);
    expect(t.tokens).toEqual({ input: 7141, output: 243 });
    expect(t.agent.model).toBe('gpt-4o');
    expect(t.status).toBe('ok');
    expect(t.intent).toBeUndefined();
    const firstUser = t.messages.find((m) => m.role === 'user');
    expect(firstUser?.text).toContain("Here's the issue text:\nISSUE:\nSyntaxError: invalid syntax");
  });

  it('tool results answer calls through `tool_call_ids`', () => {
    const t = swe('demo__function_calling_replace__marshmallow-1867.traj.json');
    const firstTool = t.messages.find((m) => m.role === 'tool');
    expect(firstTool?.toolCallId).toBe('call_cyI71DYnRdoLHWwtZgIaW2wr');
    const first = t.messages.flatMap((m) => m.toolCalls)[0];
    expect(first).toMatchObject({ name: 'create', arguments: { filename: 'reproduce.py' } });
    expect(String(first?.result)).toMatch(/^\[File: reproduce.py \(1 lines total\)\]/);
    expect(first?.latencyMs).toBeCloseTo(238.73, 1);
  });

  it('non-function-calling variant: skips the demonstration and turns actions into tool calls', () => {
    const t = swe('testdata__gpt4__pydicom__pydicom-1458.traj.json');
    expect(t.messages.some((m) => m.text.startsWith('Here is a demonstration'))).toBe(false);
    expect(t.messages.filter((m) => m.role === 'user')).toHaveLength(1);
    expect(t.messages[1]?.text).toContain('ISSUE:\nPixel Representation attribute should be optional');
    const first = t.messages[2]?.toolCalls[0];
    expect(first).toMatchObject({ name: 'create', arguments: { command: 'create reproduce_bug.py' }, status: 'ok' });
    expect(t.messages[3]).toMatchObject({ role: 'tool', name: 'create' });
    expect(t.messages[3]?.text).toMatch(/^\[File: \/pydicom__pydicom\/reproduce_bug.py \(1 lines total\)\]/);
    expect(t.tokens).toEqual({ input: 122612, output: 1369 });
    expect(t.metadata.cost_usd).toBeCloseTo(1.26719, 5);
    expect(t.metadata.exit_status).toBe('submitted');
  });

  it('shell commands become `bash` calls; a history-only file still parses', () => {
    const t = swe('demo__default_install_from_source__marshmallow-1867.traj.json');
    expect(t.messages[2]?.toolCalls[0]).toMatchObject({ name: 'bash', arguments: { command: 'ls -F' } });
    // Demonstration files record 0 tokens for "not measured": no token counts are invented from them.
    expect(t.tokens).toEqual({});
    const simple = swe('demo__function_calling_simple.traj.json');
    expect(simple.metadata.exit_status).toBeUndefined();
    expect(simple.messages.flatMap((m) => m.toolCalls)[0]).toMatchObject({ name: 'find_file', arguments: { file_name: 'missing_colon.py' } });
  });

  it('the source id is a hash of the record, stable across re-serialization', () => {
    const path = traceFixture('swe-agent/testdata__gpt4__sweagenttestrepo-1c2844.traj.json');
    const text = readFileSync(path, 'utf8');
    const a = parseText(openAiChatParser, text, path)[0]?.source.sourceTraceId;
    const b = parseText(openAiChatParser, JSON.stringify(JSON.parse(text), null, 4), path)[0]?.source.sourceTraceId;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(a).not.toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('the all_preds.jsonl prediction line is not a trace', () => {
    const path = traceFixture('swe-agent/testdata__gpt4__swe-bench-dev-easy_first_only__all_preds.jsonl');
    const record: unknown = JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '');
    expect(openAiChatParser.detect(record)).toBe(0);
    expect(tauBenchParser.detect(record)).toBe(0);
    expect(() => openAiChatParser.parse(record, loc, testContext(path))).toThrow(RecordShapeError);
    expect(() => openAiChatParser.parse(record, loc, testContext(path))).toThrow(/prediction line.*\.traj files/);
  });

  it('detects 0 for every record of the Langfuse, LangSmith and OpenInference fixtures', () => {
    for (const dir of ['langfuse', 'langsmith-sdk', 'openinference']) {
      for (const name of readdirSync(traceFixture(dir))) {
        for (const { value } of frameJsonRecords(readFileSync(traceFixture(`${dir}/${name}`), 'utf8'))) {
          expect(openAiChatParser.detect(value), `${dir}/${name}`).toBe(0);
        }
      }
    }
  });
});
