import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { limitConcurrency, MemoryJudgmentCache, runJudge, type JudgeJob, type JudgeProgress } from '../../../core/judge/judge-runner.js';
import { createOllamaJudge, type OllamaJudge, type OllamaJudgeConfig } from '../../../core/judge/ollama-judge.js';
import { conversationContentHash } from '../../../core/judge/pin.js';
import { defaultRubric, RubricConfig } from '../../../core/judge/rubric.js';
import { startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.js';
import { GOOD_REPLY, orderConversation } from './support.js';

let server: OllamaTestServer;
beforeAll(async () => {
  server = await startOllamaTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.configure({ respond: () => ({ json: GOOD_REPLY }), latencyMs: 0 });
});

async function judge(extra: Partial<OllamaJudgeConfig> = {}): Promise<OllamaJudge> {
  const made = await createOllamaJudge({ model: 'llama3.2', rubric: defaultRubric, host: server.url, backoffMs: 5, ...extra });
  if (!made.ok) throw new Error(made.problem);
  server.reset();
  return made.judge;
}

function jobs(n: number): JudgeJob[] {
  return Array.from({ length: n }, (_, i) => {
    const conversation = orderConversation(`conv-${i}`, `Order ${i} shipped.`);
    return { key: conversation.id, contentHash: conversationContentHash(conversation), conversation };
  });
}

describe('runJudge', () => {
  it('a second run with the same pin makes zero judge calls and returns the cached judgments', async () => {
    const j = await judge();
    const cache = new MemoryJudgmentCache();
    const first = await runJudge(j, jobs(6), { cache, concurrency: 2 });
    expect(first.counters).toMatchObject({ conversations: 6, calls: 6, cacheHits: 0, graded: 6, ungraded: 0 });
    expect(server.chatCount()).toBe(6);
    expect(cache.size).toBe(6);
    const second = await runJudge(j, jobs(6), { cache, concurrency: 2 });
    expect(server.chatCount()).toBe(6);
    expect(second.counters).toMatchObject({ calls: 0, cacheHits: 6, graded: 6 });
    const r = second.results.get('conv-3');
    expect(r).toMatchObject({ status: 'graded', cached: true, summary: 'Correct order status from the tool result.' });
  });

  it('a changed rubric is a new pin: nothing is reused', async () => {
    const cache = new MemoryJudgmentCache();
    await runJudge(await judge(), jobs(3), { cache });
    const bumped = RubricConfig.parse({ ...defaultRubric, version: '2' });
    const again = await runJudge(await judge({ rubric: bumped }), jobs(3), { cache });
    expect(again.counters).toMatchObject({ calls: 3, cacheHits: 0 });
  });

  it('never has more calls in flight than the concurrency limit', async () => {
    server.configure({ latencyMs: 40 });
    const r = await runJudge(await judge(), jobs(12), { cache: new MemoryJudgmentCache(), concurrency: 3 });
    expect(r.counters.graded).toBe(12);
    expect(server.maxInFlight()).toBe(3);
  });

  it('counts ungraded judgments by reason, does not cache them, and retries them on the next run', async () => {
    server.configure({ respond: ({ text }) => (text.includes('Order 1 shipped.') ? { content: 'not json' } : text.includes('Order 2 shipped.') ? { json: GOOD_REPLY, doneReason: 'length' } : { json: GOOD_REPLY }) });
    const cache = new MemoryJudgmentCache();
    const j = await judge();
    const first = await runJudge(j, jobs(4), { cache });
    expect(first.counters).toMatchObject({ calls: 4, graded: 2, ungraded: 2, ungradedByReason: { invalid_json: 1, length: 1 } });
    expect(first.results.get('conv-1')?.status).toBe('ungraded');
    const second = await runJudge(j, jobs(4), { cache });
    expect(second.counters).toMatchObject({ calls: 2, cacheHits: 2 });
  });

  it('sums tokens and reports progress after every conversation', async () => {
    server.configure({ respond: () => ({ json: GOOD_REPLY, promptEvalCount: 1500, evalCount: 200 }) });
    const seen: number[] = [];
    const r = await runJudge(await judge(), jobs(3), { cache: new MemoryJudgmentCache(), onProgress: (p: JudgeProgress) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3]);
    expect(r.counters).toMatchObject({ promptTokens: 4500, completionTokens: 600 });
    expect(r.counters.judgeMs).toBeCloseTo(3 * 2254.970291, 3);
  });

  it('cancellation stops the run; the next run judges only what is left', async () => {
    server.configure({ latencyMs: 30 });
    const cache = new MemoryJudgmentCache();
    const j = await judge();
    const controller = new AbortController();
    const r = await runJudge(j, jobs(10), {
      cache,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 4) controller.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    const judged = r.results.size;
    expect(judged).toBeGreaterThanOrEqual(4);
    expect(judged).toBeLessThan(10);
    expect(r.counters.cancelled).toBe(10 - judged);
    expect([...r.results.values()].every((x) => x.status === 'graded')).toBe(true);
    const rest = await runJudge(j, jobs(10), { cache, concurrency: 2 });
    expect(rest.counters).toMatchObject({ calls: 10 - judged, cacheHits: judged, graded: 10 });
  });
});

describe('limitConcurrency', () => {
  it('runs at most n tasks at once, all of them, in order of submission', async () => {
    const limit = limitConcurrency(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        limit(async () => {
          started.push(i);
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 10));
          active--;
          return i * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(() => limitConcurrency(0)).toThrow(/positive integer/);
  });
});
