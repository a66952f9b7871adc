/**
 * Rules-layer throughput (`node dist/test/bench/grade-rules.bench.js`): the default rules over generated
 * multi-turn support conversations (1-3 turns, tool calls, ~30% flawed turns), on one core. Prints
 * conversations/s for the rules alone and with the transcript merge, and peak RSS. Target: ≥ 5,000/s,
 * judged on the process's CPU time (median of 3 cold passes) so other load on a shared machine does not
 * decide the verdict; wall clock is printed beside it.
 * BENCH_CONVERSATIONS overrides the count (default 20,000).
 */
import { peakRssMb } from '../helpers/peak-rss.js';
import { conversationTranscript } from '../../core/ingest/transcript.js';
import { defaultRulesConfig, compileRules, runRules } from '../../core/rules/index.js';
import { clearLanguageCache } from '../../core/rules/langid.js';
import { syntheticCanonical } from '../helpers/synthetic-canonical.js';
import { rng, syntheticConversation } from '../helpers/synthetic-traces.js';

const TARGET = 5_000;
const n = Number(process.env.BENCH_CONVERSATIONS ?? 20_000);

function generate(seed: number, count: number) {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const { ref, traces } = syntheticCanonical(syntheticConversation(r, i, 1_780_000_000_000 + i * 60_000));
    return { ref, traces, transcript: conversationTranscript(traces) };
  });
}

const conversations = generate(20261126, n);
const messages = conversations.reduce((a, c) => a + c.transcript.length, 0);
const rules = compileRules(defaultRulesConfig);
const dataRssMb = Math.round(process.memoryUsage().rss / 1048576);

// Warm up the JIT on other conversations, then measure on texts the language cache has never seen.
for (const c of generate(7, 2_000)) runRules(c, rules);
clearLanguageCache();

const failsByRule = new Map<string, number>();
for (const c of conversations) {
  for (const v of runRules(c, rules)) if (v.outcome === 'fail') failsByRule.set(v.ruleId, (failsByRule.get(v.ruleId) ?? 0) + 1);
}

/** Wall and CPU milliseconds of one pass over every conversation, with a cold language cache. */
function pass(withMerge: boolean): { wall: number; cpu: number } {
  clearLanguageCache();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const c of conversations) runRules(withMerge ? { ref: c.ref, traces: c.traces, transcript: conversationTranscript(c.traces) } : c, rules);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const REPS = 3;
const only = Array.from({ length: REPS }, () => pass(false));
const merged = Array.from({ length: REPS }, () => pass(true));
const rulesMs = median(only.map((p) => p.cpu));
const rulesWallMs = median(only.map((p) => p.wall));
const withMergeMs = median(merged.map((p) => p.cpu));

const rate = (ms: number): number => Math.round((n / ms) * 1000);
const peakMb = Math.round(peakRssMb());
const line = (k: string, v: string): void => void process.stdout.write(`${k.padEnd(34)} ${v}\n`);
line('conversations', `${n} (${(messages / n).toFixed(1)} messages each)`);
line('rules only (CPU time)', `${rate(rulesMs)} conversations/s (${((rulesMs * 1000) / n).toFixed(1)} µs each, median of ${REPS})`);
line('rules only (wall clock)', `${rate(rulesWallMs)} conversations/s`);
line('rules + transcript merge (CPU)', `${rate(withMergeMs)} conversations/s`);
line('peak RSS', `${peakMb} MB (${dataRssMb} MB with the generated data set loaded, before grading)`);
line('failures by rule', [...failsByRule].sort().map(([k, v]) => `${k}=${v}`).join(' '));
const ok = rate(rulesMs) >= TARGET;
line('target', `${TARGET} conversations/s: ${ok ? 'PASS' : 'FAIL'}`);
if (!ok) process.exitCode = 1;
