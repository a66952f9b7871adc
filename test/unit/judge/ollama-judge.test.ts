import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkJudge, createOllamaJudge, OllamaJudge, type OllamaJudgeConfig } from '../../../core/judge/ollama-judge.js';
import { ungradedCode } from '../../../core/judge/parse.js';
import { makePin } from '../../../core/judge/pin.js';
import { judgeOutputSchema } from '../../../core/judge/prompt.js';
import { defaultRubric } from '../../../core/judge/rubric.js';
import type { JudgeResult } from '../../../core/model/grade.js';
import { FAKE_DIGESTS, startOllamaTestServer, type OllamaTestServer, type ScriptedReply } from '../../helpers/ollama-test-server.js';
import { GOOD_REPLY, orderConversation } from './support.js';

let server: OllamaTestServer;
beforeAll(async () => {
  server = await startOllamaTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.configure({ respond: undefined, latencyMs: 0, loadDelayMs: 0 });
});

const config = (extra: Partial<OllamaJudgeConfig> = {}): OllamaJudgeConfig => ({
  model: 'llama3.2',
  rubric: defaultRubric,
  host: server.url,
  backoffMs: 5,
  ...extra,
});

async function judge(extra: Partial<OllamaJudgeConfig> = {}): Promise<OllamaJudge> {
  const made = await createOllamaJudge(config(extra));
  if (!made.ok) throw new Error(made.problem);
  server.reset();
  return made.judge;
}

/** Script the replies in order; the last one repeats. */
function script(...replies: ScriptedReply[]): void {
  server.configure({ respond: ({ index }) => replies[Math.min(index, replies.length - 1)] ?? {} });
}

const codeOf = (r: JudgeResult): string => (r.status === 'ungraded' ? ungradedCode(r.reason) : 'graded');

describe('checkJudge against the test server', () => {
  it('reports the server version and the installed digest, and builds the pin from them', async () => {
    const check = await checkJudge(config());
    expect(check).toMatchObject({ ok: true, host: server.url, serverVersion: '0.12.6', digest: FAKE_DIGESTS.judge, warnings: [] });
    if (!check.ok) return;
    expect(check.pin).toMatchObject({ model: 'llama3.2', digest: FAKE_DIGESTS.judge, rubricVersion: '1', think: false, serverVersion: '0.12.6' });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/version', 'GET /api/tags', 'POST /api/show']);
    expect(server.requests[2]?.body).toEqual({ model: 'llama3.2' });
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^ollama-js\/0\.6\.4/);
  });

  it('Ollama not running: says so with `ollama serve`', async () => {
    const stopped = await startOllamaTestServer();
    await stopped.close();
    const check = await checkJudge(config({ host: stopped.url }));
    expect(check).toMatchObject({ ok: false, code: 'not_running', fix: 'ollama serve', problem: `Ollama is not running at ${stopped.url}: start it with \`ollama serve\`` });
  });

  it('model not pulled: says so with `ollama pull <model>`', async () => {
    const check = await checkJudge(config({ model: 'mistral:7b' }));
    expect(check).toMatchObject({ ok: false, code: 'model_missing', fix: 'ollama pull mistral:7b', problem: 'the judge model mistral:7b is not pulled: run `ollama pull mistral:7b`' });
  });

  it('an embedding-only model cannot be the judge', async () => {
    const check = await checkJudge(config({ model: 'all-minilm' }));
    expect(check).toMatchObject({ ok: false, code: 'not_chat_model' });
    expect(!check.ok && check.problem).toMatch(/all-minilm cannot chat \(it offers embedding\)/);
  });

  it('a run refuses when the installed digest differs from the pinned one, and makes no chat call', async () => {
    const pinned = makePin({ model: 'llama3.2', digest: FAKE_DIGESTS.thinker, serverVersion: '0.12.6', rubric: defaultRubric, options: { temperature: 0, seed: 42, top_k: 1, num_ctx: 16384, num_predict: 1024 } });
    const made = await createOllamaJudge(config({ pinned }));
    expect(made).toMatchObject({ ok: false, code: 'pin_mismatch', fix: 'casebook judge pin' });
    expect(!made.ok && made.problem).toBe(
      'the installed digest of llama3.2 (a80c4f17acd5) differs from the pinned one (2ae6f6dd7a3d): re-pin with `casebook judge pin` (and recalibrate), or install the pinned build',
    );
    expect(server.chatCount()).toBe(0);
    // Re-pinned (the pin now holds the installed digest), the same configuration is accepted.
    const repinned = await createOllamaJudge(config({ pinned: { ...pinned, digest: FAKE_DIGESTS.judge } }));
    expect(repinned.ok).toBe(true);
  });

  it('a pin made under another server version or seed is accepted with a warning naming the change', async () => {
    const pinned = makePin({ model: 'llama3.2', digest: FAKE_DIGESTS.judge, serverVersion: '0.11.0', rubric: defaultRubric, options: { temperature: 0, seed: 42, top_k: 1, num_ctx: 16384, num_predict: 1024 } });
    const check = await checkJudge(config({ pinned }));
    expect(check.ok).toBe(true);
    expect(check.warnings).toEqual(['since the judge was pinned: Ollama 0.11.0 → 0.12.6; judgments are kept apart per pin']);
  });

  it('a server that does not speak Ollama is named as such', async () => {
    const { createServer } = await import('node:http');
    const other = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 page not found');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as { port: number }).port;
    const check = await checkJudge(config({ host: `http://127.0.0.1:${port}` }));
    other.close();
    expect(check).toMatchObject({ ok: false, code: 'not_ollama', problem: `the server at http://127.0.0.1:${port} does not answer like Ollama (HTTP 404): check the judge host` });
  });

  it('a remote host is refused before any request unless allowed', async () => {
    const check = await checkJudge(config({ host: 'http://192.0.2.10:11434' }));
    expect(check).toMatchObject({ ok: false, code: 'host_refused' });
    expect(server.requests).toHaveLength(0);
  });

  it('warns when num_ctx exceeds the model context', async () => {
    const check = await checkJudge(config({ model: 'all-minilm', options: { num_ctx: 16384 } }));
    expect(check.ok).toBe(false);
    const ok = await checkJudge(config({ model: 'qwen3:8b', options: { num_ctx: 65536 } }));
    expect(ok.warnings).toEqual(["num_ctx 65536 is larger than qwen3:8b's trained context (40960); long conversations may be graded poorly"]);
  });
});

describe('OllamaJudge.grade through the real ollama client', () => {
  it('sends the pinned request and returns the judged scores', async () => {
    const j = await judge();
    script({ json: GOOD_REPLY, promptEvalCount: 1900, evalCount: 150 });
    const r = await j.grade(orderConversation('conv-1', 'Ihre Bestellung NW-1234567 wurde mit UPS verschickt, Frau Müller. ¡Gracias! 🚚'));
    expect(r).toMatchObject({ status: 'graded', suggestedFailureMode: undefined, summary: 'Correct order status from the tool result.', promptTokens: 1900, completionTokens: 150, durationMs: 2254.970291 });
    expect(r.status === 'graded' && r.axes.map((a) => [a.axis, a.score, a.pass])).toEqual([
      ['helpfulness', 5, true],
      ['faithfulness', 4, true],
      ['completeness', 4, true],
      ['tone', 5, true],
    ]);
    const req = server.requests.find((q) => q.path === '/api/chat');
    expect(req?.body).toMatchObject({
      model: 'llama3.2',
      stream: false,
      think: false,
      keep_alive: '10m',
      options: { temperature: 0, seed: 42, top_k: 1, num_ctx: 16384, num_predict: 1024 },
      format: judgeOutputSchema(defaultRubric),
    });
    const messages = req?.body?.messages as Array<{ role: string; content: string }>;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[1]?.content).toContain('[1] USER: Where is my order NW-1234567? It is late.');
    expect(messages[1]?.content).toContain('[4] ASSISTANT: Ihre Bestellung NW-1234567 wurde mit UPS verschickt, Frau Müller. ¡Gracias! 🚚');
  });

  it('the default scripted reply honours the schema in `format` and grades', async () => {
    const j = await judge();
    const r = await j.grade(orderConversation());
    expect(r.status).toBe('graded');
  });

  const failures: Array<[string, ScriptedReply, string, RegExp]> = [
    ['invalid JSON content', { content: '{"reasoning": "The assistant' }, 'invalid_json', /not valid JSON/],
    ['fenced JSON', { content: '```json\n{"reasoning":"x"}\n```' }, 'invalid_json', /not valid JSON/],
    ['schema-invalid JSON', { json: { ...GOOD_REPLY, scores: { helpfulness: GOOD_REPLY.scores.helpfulness } } }, 'schema_mismatch', /scores\.faithfulness/],
    ['done_reason length', { content: '{"reasoning": "The', doneReason: 'length' }, 'length', /num_predict/],
    ['a tiny prompt_eval_count (silent truncation)', { json: GOOD_REPLY, promptEvalCount: 12 }, 'truncated', /read 12 prompt tokens/],
    ['empty content', { content: '' }, 'empty_reply', /no content/],
    ['HTTP 400', { status: 400, error: 'invalid think value: "x"' }, 'request_rejected', /HTTP 400\): invalid think value/],
    ['HTTP 404 (model removed mid-run)', { status: 404, error: "model 'llama3.2' not found" }, 'model_missing', /run `ollama pull llama3.2`/],
  ];
  it.each(failures)('%s → ungraded with a specific reason, one request', async (_name, reply, code, reason) => {
    const j = await judge();
    script(reply);
    const r = await j.grade(orderConversation());
    expect(r.status).toBe('ungraded');
    expect(codeOf(r)).toBe(code);
    expect(r.status === 'ungraded' && r.reason).toMatch(reason);
    expect(server.chatCount()).toBe(1);
  });

  const transient: Array<[string, ScriptedReply]> = [
    ['HTTP 500', { status: 500, error: 'llama runner process has terminated: signal: killed' }],
    ['HTTP 429', { status: 429, error: 'too many requests' }],
    ['HTTP 502', { status: 502, error: 'bad gateway' }],
    ['a connection reset', { reset: true }],
    ['a connection reset mid-body', { resetMidBody: true }],
    ['a mid-generation error', { midStreamError: 'an error was encountered while running the model' }],
  ];
  it.each(transient)('%s is retried with backoff, then the judgment succeeds', async (_name, reply) => {
    const j = await judge();
    script(reply, reply, { json: GOOD_REPLY });
    const r = await j.grade(orderConversation());
    expect(r.status).toBe('graded');
    expect(server.chatCount()).toBe(3);
    expect(j.stats).toEqual({ requests: 3, retries: 2 });
  });

  it('a server error that persists ends ungraded after the configured retries', async () => {
    const j = await judge({ retries: 2 });
    script({ status: 500, error: 'out of memory' });
    const r = await j.grade(orderConversation());
    expect(r).toMatchObject({ status: 'ungraded', reason: 'server_error: Ollama answered HTTP 500: out of memory (after 3 attempts)' });
    expect(server.chatCount()).toBe(3);
  });

  it('a slow first byte beyond the timeout → ungraded "timeout", without waiting for the server', async () => {
    const j = await judge({ timeoutMs: 150, retries: 0 });
    script({ json: GOOD_REPLY, delayMs: 3000 });
    const t0 = performance.now();
    const r = await j.grade(orderConversation());
    expect(r).toMatchObject({ status: 'ungraded', reason: 'timeout: the judge did not answer within 0.15 s' });
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('a slow model load within the timeout is waited for', async () => {
    const j = await judge({ timeoutMs: 2000 });
    server.configure({ loadDelayMs: 300, respond: () => ({ json: GOOD_REPLY }) });
    expect((await j.grade(orderConversation())).status).toBe('graded');
  });

  it('cancellation aborts the request in flight at once', async () => {
    const j = await judge();
    script({ json: GOOD_REPLY, delayMs: 3000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const t0 = performance.now();
    const r = await j.grade(orderConversation(), controller.signal);
    expect(codeOf(r)).toBe('cancelled');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('cancellation during a backoff stops retrying', async () => {
    const j = await judge({ backoffMs: 5000 });
    script({ status: 503, error: 'busy' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const t0 = performance.now();
    const r = await j.grade(orderConversation(), controller.signal);
    expect(codeOf(r)).toBe('cancelled');
    expect(server.chatCount()).toBe(1);
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('the server going away mid-run → ungraded "unreachable" with `ollama serve`', async () => {
    const other = await startOllamaTestServer();
    const made = await createOllamaJudge(config({ host: other.url, retries: 1 }));
    await other.close();
    if (!made.ok) throw new Error(made.problem);
    const r = await made.judge.grade(orderConversation());
    expect(r).toMatchObject({ status: 'ungraded', reason: `unreachable: Ollama is not running at ${other.url}: start it with \`ollama serve\` (after 2 attempts)` });
  });

  it('a num_ctx too small for the rubric makes no call', async () => {
    const j = await judge({ options: { num_ctx: 2048, num_predict: 1024 } });
    const r = await j.grade(orderConversation());
    expect(codeOf(r)).toBe('context_too_small');
    expect(server.chatCount()).toBe(0);
  });
});
