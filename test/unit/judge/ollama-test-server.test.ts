// The test double must behave like Ollama (ollama-api.md), or the judge tests prove nothing.
import { Ollama } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_DIGESTS, startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.js';

let server: OllamaTestServer;
let client: Ollama;
beforeAll(async () => {
  server = await startOllamaTestServer();
  client = new Ollama({ host: server.url });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.configure({ respond: undefined, latencyMs: 0 });
});

const post = (path: string, body: string): Promise<Response> =>
  fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });

describe('Ollama test server', () => {
  it('GET / and HEAD / answer 200 "Ollama is running"', async () => {
    const get = await fetch(`${server.url}/`);
    expect([get.status, await get.text()]).toEqual([200, 'Ollama is running']);
    expect((await fetch(`${server.url}/`, { method: 'HEAD' })).status).toBe(200);
  });

  it('version, tags with digests, show with capabilities through the client', async () => {
    expect(await client.version()).toEqual({ version: '0.12.6' });
    const tags = await client.list();
    expect(tags.models.map((m) => [m.name, m.digest])).toEqual([
      ['llama3.2:latest', FAKE_DIGESTS.judge],
      ['qwen3:8b', FAKE_DIGESTS.thinker],
      ['all-minilm:latest', FAKE_DIGESTS.embedder],
    ]);
    const show = await client.show({ model: 'qwen3:8b' });
    expect(show.capabilities).toEqual(['completion', 'tools', 'thinking']);
    expect((show.model_info as unknown as Record<string, unknown>)['qwen3.context_length']).toBe(40960);
  });

  it('streams NDJSON when `stream` is absent: deltas without metrics, a final line with done_reason and integer ns durations', async () => {
    const res = await post('/api/chat', JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], think: false }));
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const last = lines[lines.length - 1] as Record<string, unknown>;
    expect(lines.slice(0, -1).every((l) => l.done === false && !('eval_count' in l) && !('done_reason' in l))).toBe(true);
    expect(lines.slice(0, -1).map((l) => (l.message as { content: string }).content).join('')).toBe('OK.');
    expect(last).toMatchObject({ done: true, done_reason: 'stop', message: { role: 'assistant', content: '' } });
    expect(Number.isInteger(last.total_duration) && Number.isInteger(last.prompt_eval_count)).toBe(true);
    expect(String(last.created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });

  it('answers one JSON object with `stream: false`', async () => {
    const res = await post('/api/chat', JSON.stringify({ model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'hi' }] }));
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toMatchObject({ model: 'llama3.2', message: { role: 'assistant', content: 'OK.' }, done: true, done_reason: 'stop' });
  });

  it('the client reads a stream; a mid-stream error line and a stream without done both throw', async () => {
    let text = '';
    for await (const part of await client.chat({ model: 'llama3.2', stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += part.message.content;
    expect(text).toBe('OK.');
    server.configure({ respond: () => ({ content: 'Partial answer here', midStreamError: 'an error was encountered while running the model' }) });
    const drain = async (): Promise<void> => {
      for await (const _ of await client.chat({ model: 'llama3.2', stream: true, messages: [{ role: 'user', content: 'hi' }] })) void _;
    };
    await expect(drain()).rejects.toThrow('an error was encountered while running the model');
    server.configure({ respond: () => ({ content: 'cut', endWithoutDone: true }) });
    await expect(drain()).rejects.toThrow('Did not receive done or success response in stream.');
  });

  it('errors: 404 unknown model, 400 missing body, 400 bad JSON, 400 think on a non-thinking model, 400 chat on an embedding model', async () => {
    await expect(client.chat({ model: 'nope', messages: [] })).rejects.toMatchObject({ name: 'ResponseError', status_code: 404, error: "model 'nope' not found" });
    await expect(client.show({ model: 'nope' })).rejects.toMatchObject({ status_code: 404, error: "model 'nope' not found" });
    const empty = await post('/api/chat', '');
    expect([empty.status, await empty.json()]).toEqual([400, { error: 'missing request body' }]);
    const bad = await post('/api/chat', 'x{');
    expect([bad.status, await bad.json()]).toEqual([400, { error: "invalid character 'x' looking for beginning of value" }]);
    await expect(client.chat({ model: 'llama3.2', think: true, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status_code: 400,
      error: '"llama3.2" does not support thinking',
    });
    await expect(client.chat({ model: 'all-minilm', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status_code: 400, error: '"all-minilm" does not support chat' });
  });

  it('a thinking model thinks unless told `think: false`', async () => {
    const on = await client.chat({ model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }] });
    expect(on.message.thinking).toBe('Let me look at the conversation.');
    const off = await client.chat({ model: 'qwen3:8b', think: false, messages: [{ role: 'user', content: 'hi' }] });
    expect(off.message.thinking).toBeUndefined();
  });

  it('empty messages load the model; /api/ps then lists it with the requested context', async () => {
    const load = await client.chat({ model: 'llama3.2', messages: [], options: { num_ctx: 8192 } });
    expect(load).toMatchObject({ done: true, done_reason: 'load', message: { content: '' } });
    const ps = await client.ps();
    expect(ps.models.map((m) => [m.name, (m as unknown as { context_length: number }).context_length])).toEqual([['llama3.2:latest', 8192]]);
  });

  it('counts chat requests in flight', async () => {
    server.configure({ latencyMs: 60 });
    await Promise.all([1, 2, 3].map(() => client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'x' }] })));
    expect(server.maxInFlight()).toBe(3);
    expect(server.chatCount()).toBe(3);
  });
});
