/**
 * The judge part of `npm run bench:grade`, against the Ollama test server (run in a child process so
 * its work is not counted as ours), through the real `ollama` client:
 *  1. zero latency: the app's own overhead per judged conversation (CPU time of this process), < 2 ms;
 *  2. 100 ms simulated latency, concurrency 4: throughput, >= 90% of the 40/s ideal;
 *  3. a rerun with the same pin: zero judge calls.
 * Build with `npx tsc -p tsconfig.build.json`, run `node dist/test/bench/grade-judge.bench.js`.
 * BENCH_JUDGE_N (default 1000) and BENCH_JUDGE_LATENCY_N (default 200) set the sizes.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { identify } from '../../core/ingest/identity.js';
import { MemoryJudgmentCache, runJudge, type JudgeJob } from '../../core/judge/judge-runner.js';
import { createOllamaJudge } from '../../core/judge/ollama-judge.js';
import { conversationContentHash } from '../../core/judge/pin.js';
import { defaultRubric } from '../../core/judge/rubric.js';
import { TraceDraft, type Conversation, type Json, type MessageInput, type TraceDraftInput } from '../../core/model/trace.js';
import { startOllamaTestServer } from '../helpers/ollama-test-server.js';
import { rng, syntheticConversation, type SyntheticMessage, type SyntheticTurn } from '../helpers/synthetic-traces.js';

type Command = { type: 'latency'; ms: number } | { type: 'stats' };
type Reply = { type: 'ready'; url: string } | { type: 'ok' } | { type: 'stats'; chats: number; maxInFlight: number };

if (process.argv[2] === '--server') {
  const send = (r: Reply): void => void process.send?.(r);
  const server = await startOllamaTestServer({ record: false });
  process.on('message', (cmd: Command) => {
    if (cmd.type === 'latency') {
      server.configure({ latencyMs: cmd.ms });
      server.reset();
      send({ type: 'ok' });
    } else {
      send({ type: 'stats', chats: server.chatCount(), maxInFlight: server.maxInFlight() });
    }
  });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  send({ type: 'ready', url: server.url });
} else {
  await main();
}

/** The canonical message of a synthetic one (the small adapter the brief asks for). */
function toMessage(m: SyntheticMessage): MessageInput {
  return {
    role: m.role,
    text: m.content ?? '',
    name: m.name,
    toolCallId: m.toolCallId,
    toolCalls: (m.toolCalls ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      arguments: c.arguments as Json,
      result: c.result as Json,
      status: c.status,
      latencyMs: c.endMs - c.startMs,
    })),
  };
}

function toConversation(turns: SyntheticTurn[]): Conversation {
  const traces = turns.map((t) => {
    const draft: TraceDraftInput = {
      source: { format: 'openai-chat', file: 'bench.jsonl', sourceTraceId: t.traceId },
      startTime: t.startMs,
      endTime: t.endMs,
      conversationId: t.conversationId,
      userId: t.userId,
      intent: t.intent,
      agent: { model: t.model },
      messages: t.messages.map(toMessage),
    };
    return identify(TraceDraft.parse(draft)).trace;
  });
  return { id: turns[0]?.conversationId ?? 'empty', traces };
}

function makeJobs(n: number, seed: number): JudgeJob[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const conversation = toConversation(syntheticConversation(r, i, 1_760_000_000_000 + i * 60_000));
    return { key: conversation.id, contentHash: conversationContentHash(conversation), conversation };
  });
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies: Array<(r: Reply) => void> = [];
  child.on('message', (r: Reply) => replies.shift()?.(r));
  const next = (): Promise<Reply> => new Promise((resolve) => replies.push(resolve));
  const send = (cmd: Command): Promise<Reply> => {
    const p = next();
    child.send(cmd);
    return p;
  };
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('server worker did not start');

  const made = await createOllamaJudge({ model: 'llama3.2', rubric: defaultRubric, host: ready.url });
  if (!made.ok) throw new Error(made.problem);
  const judge = made.judge;
  const n = Number(process.env.BENCH_JUDGE_N ?? 1000);
  const nLatency = Number(process.env.BENCH_JUDGE_LATENCY_N ?? 200);
  let failed = false;
  const check = (ok: boolean, label: string): string => {
    if (!ok) failed = true;
    return ok ? `PASS ${label}` : `FAIL ${label}`;
  };

  // Warm up connections and JIT so the measurement is the steady state.
  await send({ type: 'latency', ms: 0 });
  await runJudge(judge, makeJobs(100, 7), { cache: new MemoryJudgmentCache(), concurrency: 1 });

  // 1. Zero latency: the app's own work per judged conversation.
  const jobs = makeJobs(n, 20261126);
  const avgChars = jobs.reduce((s, j) => s + j.conversation.traces.reduce((t, tr) => t + JSON.stringify(tr.messages).length, 0), 0) / n;
  await send({ type: 'latency', ms: 0 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const zero = await runJudge(judge, jobs, { cache: new MemoryJudgmentCache(), concurrency: 1 });
  const wall0 = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const busyPerConv = (cpu.user + cpu.system) / 1000 / n;
  const userPerConv = cpu.user / 1000 / n;
  const wallPerConv = wall0 / n;
  process.stdout.write(
    `judge bench: ${n} synthetic conversations (avg ${(avgChars / 1024).toFixed(1)} KiB of messages), Node ${process.version}\n` +
      `1. zero latency, concurrency 1: ${zero.counters.graded} graded, ${zero.counters.ungraded} ungraded\n` +
      `   app overhead (CPU time of this process) ${busyPerConv.toFixed(3)} ms/conversation (user ${userPerConv.toFixed(3)}, kernel ${(busyPerConv - userPerConv).toFixed(3)}); wall incl. loopback HTTP and server ${wallPerConv.toFixed(3)} ms\n` +
      `   ${check(busyPerConv < 2 && zero.counters.graded === n, 'overhead < 2 ms per judged conversation')}\n`,
  );

  // 2. 100 ms per call, 4 at a time: the ideal is 4 / 0.1 s = 40 conversations/s.
  await send({ type: 'latency', ms: 100 });
  const latencyJobs = makeJobs(nLatency, 424242);
  const cache = new MemoryJudgmentCache();
  const t1 = performance.now();
  const slow = await runJudge(judge, latencyJobs, { cache, concurrency: 4 });
  const wall1 = (performance.now() - t1) / 1000;
  const rate = nLatency / wall1;
  const stats1 = await send({ type: 'stats' });
  const inFlight = stats1.type === 'stats' ? stats1.maxInFlight : -1;
  process.stdout.write(
    `2. 100 ms latency, concurrency 4: ${nLatency} conversations in ${wall1.toFixed(2)} s = ${rate.toFixed(1)}/s ` +
      `(${((rate / 40) * 100).toFixed(1)}% of the 40/s ideal), max in flight at the server ${inFlight}\n` +
      `   ${check(rate >= 36 && slow.counters.graded === nLatency && inFlight === 4, 'throughput >= 90% of ideal')}\n`,
  );

  // 3. Same pin again: everything from the cache.
  const before = stats1.type === 'stats' ? stats1.chats : -1;
  const t2 = performance.now();
  const again = await runJudge(judge, latencyJobs, { cache, concurrency: 4 });
  const wall2 = performance.now() - t2;
  const stats2 = await send({ type: 'stats' });
  const after = stats2.type === 'stats' ? stats2.chats : -1;
  process.stdout.write(
    `3. rerun with the same pin: ${again.counters.calls} judge calls, ${again.counters.cacheHits} cache hits, ` +
      `${after - before} requests at the server, ${wall2.toFixed(1)} ms\n` +
      `   ${check(again.counters.calls === 0 && after === before && again.counters.cacheHits === nLatency, 'zero judge calls')}\n`,
  );

  child.disconnect();
  if (failed) process.exitCode = 1;
}
