import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { RecordShapeError } from '../../../core/ingest/format.js';
import { FieldMapping, genericParser, getPath } from '../../../core/ingest/formats/generic.js';
import { loadMapping, parseMapping } from '../../../core/ingest/mapping-file.js';
import type { TraceDraft } from '../../../core/model/trace.js';
import { repoDir } from '../../helpers/fixtures.js';
import { parseText, testContext } from '../../helpers/parse-fixture.js';

const SAMPLE_CSV = join(repoDir, 'resources/examples/generic-support-log.csv');
const SAMPLE_MAPPING = join(repoDir, 'resources/examples/generic-support-log.map.yaml');

/** Parse CSV rows the way the streaming reader hands them over: header → cell, all strings. */
function csvRows(text: string): Array<Record<string, string>> {
  return parseCsv(text, { columns: true, bom: true }) as Array<Record<string, string>>;
}

function parseRows(mapping: FieldMapping, rows: unknown[], file = SAMPLE_CSV): TraceDraft[] {
  const parser = genericParser(mapping);
  const ctx = testContext(file);
  return rows.flatMap((row, index) => parser.parse(row, { file, line: index + 2, byteOffset: 0, index }, ctx).traces);
}

describe('generic: the shipped sample CSV with the example mapping', () => {
  const mapping = loadMapping(SAMPLE_MAPPING);
  const drafts = parseRows(mapping, csvRows(readFileSync(SAMPLE_CSV, 'utf8')));
  const byId = new Map(drafts.map((d) => [d.source.sourceTraceId, d]));

  it('makes one trace per row, grouped by session', () => {
    expect(drafts).toHaveLength(10);
    expect(drafts.filter((d) => d.conversationId === 's-1002').map((d) => d.source.sourceTraceId)).toEqual([
      'req-0004',
      'req-0005',
      'req-0006',
    ]);
    expect(new Set(drafts.map((d) => d.conversationId))).toEqual(new Set(['s-1001', 's-1002', 's-1003', 's-1004']));
  });

  it('maps the first row: texts, user, times, tokens, feedback, metadata', () => {
    const t = byId.get('req-0001') as TraceDraft;
    expect(t.source.format).toBe('generic');
    expect(t.messages[0]).toMatchObject({ role: 'user', text: 'Hi, where is my order #A-77120? It was supposed to arrive Monday.' });
    expect(t.messages.at(-1)?.text).toMatch(/^Your order A-77120 is in transit with UPS and should arrive by Friday, March 14\./);
    expect(t.userId).toBe('cust_4821');
    expect(t.agent.model).toBe('gpt-4o-mini-2024-07-18');
    expect(t.intent).toBe('order_status');
    expect(t.stakes).toBe('low');
    expect(t.startTime).toBe(Date.parse('2025-03-10T14:02:11Z'));
    expect(t.latencyMs).toBe(1840);
    expect(t.tokens).toEqual({ input: 612, output: 48 });
    expect(t.outcome.feedback).toEqual([{ name: 'csat', score: 5 }]);
    expect(t.metadata.channel).toBe('web_chat');
    expect(t.status).toBe('ok');
  });

  it('decodes tool calls from the JSON text cell, with arguments and linked results', () => {
    const t = byId.get('req-0002') as TraceDraft;
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
    const [lookup, policy] = t.messages[1]?.toolCalls ?? [];
    expect(lookup).toMatchObject({ id: 'call_02', name: 'lookup_order', arguments: { order_id: 'A-75503' }, status: 'ok' });
    expect(lookup?.result).toMatchObject({ status: 'delivered', delivered_on: '2025-02-20' });
    expect(policy).toMatchObject({ name: 'get_return_policy', arguments: { category: 'lighting' }, result: { window_days: 60 } });
    const address = byId.get('req-0007')?.messages[1]?.toolCalls[0];
    expect(address?.arguments).toEqual({
      order_id: 'A-77405',
      address: { line1: '42 Elm Street', city: 'Springfield', state: 'IL', zip: '62704' },
    });
  });

  it('marks the failed refund turn as an error, with the failing tool call', () => {
    const t = byId.get('req-0005') as TraceDraft;
    expect(t.status).toBe('error');
    expect(t.error).toBe('tool issue_refund failed: payment gateway timeout after 30000 ms');
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(t.messages[1]?.toolCalls[0]).toMatchObject({
      name: 'issue_refund',
      arguments: { charge_id: 'ch_3PxA2', amount: 89.99 },
      status: 'error',
      error: 'payment gateway timeout after 30000 ms',
    });
    expect(byId.get('req-0008')?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });
});

describe('generic: JSON records', () => {
  const mapping = FieldMapping.parse({
    id: 'request_id',
    conversationId: 'session',
    startTime: 'ts',
    messages: 'body.messages',
    model: 'body.model',
    reward: 'eval.score',
    success: 'eval.passed',
    metadata: { team: 'labels.team' },
  });

  it('reads an OpenAI-style message array at a dotted path', () => {
    const record = {
      request_id: 'r-9',
      session: 'sess-1',
      ts: 1733000000123,
      body: {
        model: 'llama-3.1-70b',
        messages: [
          { role: 'user', content: 'Cancel my subscription' },
          { role: 'assistant', tool_calls: [{ id: 'c1', function: { name: 'cancel', arguments: '{"plan":"pro"}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: 'Error: plan not found' },
        ],
      },
      eval: { score: '0.5', passed: 'false' },
      labels: { team: 'billing' },
    };
    const [t] = parseRows(mapping, [record], 'log.jsonl');
    expect(t?.source.sourceTraceId).toBe('r-9');
    expect(t?.conversationId).toBe('sess-1');
    expect(t?.startTime).toBe(1733000000123);
    expect(t?.agent.model).toBe('llama-3.1-70b');
    expect(t?.outcome).toMatchObject({ reward: 0.5, success: false });
    expect(t?.metadata.team).toBe('billing');
    expect(t?.messages[1]?.toolCalls[0]).toMatchObject({ name: 'cancel', arguments: { plan: 'pro' }, status: 'error' });
  });

  it('a record without an id gets a content hash; rows sharing a session stay separate traces', () => {
    const rows = [
      { session: 'sess-2', body: { messages: [{ role: 'user', content: 'one' }] } },
      { session: 'sess-2', body: { messages: [{ role: 'user', content: 'two' }] } },
    ];
    const drafts = parseRows(mapping, rows, 'log.jsonl');
    expect(drafts).toHaveLength(2);
    expect(drafts.every((d) => /^[0-9a-f]{64}$/.test(d.source.sourceTraceId) && d.conversationId === 'sess-2')).toBe(true);
    expect(drafts[0]?.source.sourceTraceId).not.toBe(drafts[1]?.source.sourceTraceId);
  });

  it('decodes a messages array held as JSON text in a CSV cell', () => {
    const m = FieldMapping.parse({ id: 'id', messages: 'transcript' });
    const csv = 'id,transcript\nx1,"[{""role"":""user"",""content"":""Is my card blocked?""},{""role"":""assistant"",""content"":""No, it is active.""}]"\n';
    const [t] = parseRows(m, csvRows(csv), 'export.csv');
    expect(t?.messages.map((msg) => [msg.role, msg.text])).toEqual([
      ['user', 'Is my card blocked?'],
      ['assistant', 'No, it is active.'],
    ]);
  });

  it('getPath prefers keys that contain dots, indexes arrays and descends into JSON text', () => {
    expect(getPath({ 'user.id': 'u1', user: { id: 'u2' } }, 'user.id')).toBe('u1');
    expect(getPath({ choices: [{ message: { content: 'hi' } }] }, 'choices.0.message.content')).toBe('hi');
    expect(getPath({ payload: '{"a":{"b":3}}' }, 'payload.a.b')).toBe(3);
    expect(getPath({ a: 1 }, 'a.b')).toBeUndefined();
  });
});

describe('generic: bad paths name the path', () => {
  it('a missing conversation path in a JSON record', () => {
    const m = FieldMapping.parse({ messages: 'body.messages' });
    expect(() => parseRows(m, [{ body: { msgs: [] } }], 'log.jsonl')).toThrow(RecordShapeError);
    expect(() => parseRows(m, [{ body: { msgs: [] } }], 'log.jsonl')).toThrow('mapping key "messages": path "body.messages" is not in the record');
    expect(() => parseRows(m, [{ body: { messages: 'hello' } }], 'log.jsonl')).toThrow(/"body.messages" does not hold a message array/);
  });

  it('a CSV column that does not exist, even for an optional field', () => {
    const mapping = { ...loadMapping(SAMPLE_MAPPING), model: 'llm_model' };
    const rows = csvRows(readFileSync(SAMPLE_CSV, 'utf8'));
    expect(() => parseRows(mapping, rows.slice(0, 1))).toThrow(/mapping key "model": path "llm_model" names no column of the CSV \(columns: request_id, session_id/);
  });

  it('a mapped tool result that is null or an empty cell is no result (no "null" tool message)', () => {
    const mapping = FieldMapping.parse({ userText: 'q', toolCalls: { path: 'tools', result: 'out' } });
    const rows = [
      { q: 'a', tools: [{ id: 'c1', name: 'search', arguments: {}, out: null }] },
      { q: 'b', tools: [{ id: 'c2', name: 'search', arguments: {}, out: '' }] },
      { q: 'c', tools: [{ id: 'c3', name: 'search', arguments: {}, out: { hits: 0 } }] },
    ];
    const [nullOut, emptyOut, realOut] = parseRows(mapping, rows, 'log.jsonl');
    expect(nullOut?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(nullOut?.messages[1]?.toolCalls[0]?.result).toBeUndefined();
    expect(emptyOut?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(realOut?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(realOut?.messages[2]?.text).toBe('{"hits":0}');
    expect(realOut?.messages[1]?.toolCalls[0]?.result).toEqual({ hits: 0 });
  });

  it('a tool-call name subpath that is not in the call', () => {
    const mapping = FieldMapping.parse({ userText: 'q', toolCalls: { path: 'tools', name: 'tool_name' } });
    expect(() => parseRows(mapping, [{ q: 'hi', tools: [{ name: 'search', arguments: {} }] }], 'log.jsonl')).toThrow(
      'mapping key "toolCalls.name": path "tool_name" not found in tool call #1 (at "tools")',
    );
  });
});

describe('generic: mapping files', () => {
  it('names the file, the line and the misspelled key', () => {
    const text = 'id: request_id\nuserText: prompt\nassistnatText: completion\n';
    expect(() => parseMapping(text, 'team.yaml')).toThrow(/^Invalid field mapping team\.yaml, line 3: key "assistnatText": unknown key \(known keys: id, /);
  });

  it('names a nested key with the wrong type, and a mapping without a conversation', () => {
    expect(() => parseMapping('userText: prompt\ntokens:\n  input: 12\n', 'm.yaml')).toThrow(
      'Invalid field mapping m.yaml, line 3: key "tokens.input": expected a dotted path (text), got number 12',
    );
    expect(() => parseMapping('id: request_id\nmodel: llm\n', 'm.yaml')).toThrow(/m\.yaml: the mapping needs `messages`, or `userText`/);
    expect(() => parseMapping('userText: prompt\nuserText: reply\n', 'm.yaml')).toThrow(
      'Invalid field mapping m.yaml, line 2: not valid YAML: Map keys must be unique',
    );
    expect(() => loadMapping('/nonexistent/map.yaml')).toThrow(/Cannot read field mapping \/nonexistent\/map\.yaml/);
  });

  it('accepts the shorthand forms; the parser detects records the mapping fits', () => {
    const m = parseMapping('userText: prompt\ntoolCalls: calls\nmetadata: [region, tier]\n', 'm.yaml');
    expect(m.toolCalls).toEqual({ path: 'calls' });
    expect(m.metadata).toEqual({ region: 'region', tier: 'tier' });
    const parser = genericParser(m);
    expect(parser.id).toBe('generic');
    expect(parser.detect({ prompt: 'x' })).toBeGreaterThan(0);
    expect(parser.detect({ resourceSpans: [] })).toBe(0);
    const [t] = parseText(parser, '{"prompt":"Hola","region":"es","calls":[{"name":"translate","arguments":"{\\"to\\":\\"en\\"}"}]}\n{"prompt":"x"}', 'a.jsonl');
    expect(t?.messages[1]?.toolCalls[0]).toMatchObject({ name: 'translate', arguments: { to: 'en' } });
    expect(t?.metadata).toEqual({ region: 'es' });
  });
});
