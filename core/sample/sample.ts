/**
 * Stratified, seeded sampling of the conversations in a time window, with the weights that project
 * sample rates back onto the window.
 */
import type { SampledConversation } from '../model/grade.js';
import { classifyIntent, classifyStakes } from './classify.js';
import { resolveWindow, type ConversationInfo, type SamplingConfig, type StratumKey } from './config.js';

/** Counts of conversations by intent, stakes and stratum. */
export interface Distribution {
  total: number;
  byIntent: Record<string, number>;
  byStakes: Record<string, number>;
  byStratum: Record<string, number>;
}

/** One stratum: its population in the window and how many of it were sampled. */
export interface StratumAllocation {
  stratum: string;
  population: number;
  sampled: number;
  /** population / sampled: how many window conversations each sampled one stands for. */
  weight: number;
}

export interface SampleResult {
  /** Sampled conversations, ordered by start time then key. */
  sample: SampledConversation[];
  window: { from: number; to: number };
  windowDistribution: Distribution;
  sampleDistribution: Distribution;
  strata: StratumAllocation[];
  /** Conversations with no start time that were kept (config.includeUndated). */
  undated: number;
}

/**
 * A 53-bit string hash (cyrb53): the selection order inside a stratum is the hash of (seed, key), so the
 * sample depends only on the seed and the population, never on the order the store returned rows in,
 * and a conversation added to the window does not reshuffle the others.
 */
export function seededRank(seed: number | string, key: string): number {
  const s = `${seed}\u0000${key}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * How many to draw from each stratum: every stratum first gets min(minimum, population); the rest of
 * `size` is shared in proportion to what each stratum has left (largest remainder, ties by name).
 * When the minimums alone exceed `size`, the minimums win and the total exceeds `size`.
 */
export function allocate(populations: ReadonlyMap<string, number>, size: number, minimum: number): Map<string, number> {
  const names = [...populations.keys()].sort();
  const total = names.reduce((a, n) => a + (populations.get(n) ?? 0), 0);
  const out = new Map<string, number>();
  if (size >= total) {
    for (const n of names) out.set(n, populations.get(n) ?? 0);
    return out;
  }
  let used = 0;
  for (const n of names) {
    const m = Math.min(minimum, populations.get(n) ?? 0);
    out.set(n, m);
    used += m;
  }
  const remaining = size - used;
  const rest = total - used;
  if (remaining <= 0 || rest <= 0) return out;
  const shares = names.map((n) => {
    const left = (populations.get(n) ?? 0) - (out.get(n) ?? 0);
    const exact = (remaining * left) / rest;
    return { n, left, floor: Math.floor(exact), frac: exact - Math.floor(exact) };
  });
  let given = 0;
  for (const s of shares) {
    out.set(s.n, (out.get(s.n) ?? 0) + s.floor);
    given += s.floor;
  }
  const byRemainder = shares.filter((s) => s.floor < s.left).sort((a, b) => b.frac - a.frac || (a.n < b.n ? -1 : 1));
  for (let i = 0; given < remaining && i < byRemainder.length; i++, given++) {
    const s = byRemainder[i] as (typeof byRemainder)[number];
    out.set(s.n, (out.get(s.n) ?? 0) + 1);
  }
  return out;
}

function stratumName(keys: readonly StratumKey[], intent: string, stakes: string): string {
  if (keys.length === 0) return 'all';
  return keys.map((k) => `${k}=${k === 'intent' ? intent : stakes}`).join('|');
}

function emptyDistribution(): Distribution {
  return { total: 0, byIntent: {}, byStakes: {}, byStratum: {} };
}

function count(d: Distribution, intent: string, stakes: string, stratum: string): void {
  d.total++;
  d.byIntent[intent] = (d.byIntent[intent] ?? 0) + 1;
  d.byStakes[stakes] = (d.byStakes[stakes] ?? 0) + 1;
  d.byStratum[stratum] = (d.byStratum[stratum] ?? 0) + 1;
}

/**
 * Select the conversations to grade: keep those in the window, label intent and stakes, then take all
 * (mode `all`, or a population no larger than `size`) or a seeded stratified sample with weights.
 * `now` anchors a trailing window; pass the run's start time so a rerun can reproduce it.
 */
export function sampleConversations(refs: readonly ConversationInfo[], config: SamplingConfig, now: number = Date.now()): SampleResult {
  const window = resolveWindow(config.window, now);
  const strata = new Map<string, Array<{ info: ConversationInfo; intent: string; stakes: string; rank: number }>>();
  const windowDistribution = emptyDistribution();
  let undated = 0;
  for (const info of refs) {
    if (info.startTime === null) {
      if (!config.includeUndated) continue;
      undated++;
    } else if (info.startTime < window.from || info.startTime >= window.to) continue;
    const intent = classifyIntent(info, config);
    const stakes = classifyStakes(info, config);
    const name = stratumName(config.strata, intent, stakes);
    count(windowDistribution, intent, stakes, name);
    const list = strata.get(name) ?? [];
    list.push({ info, intent, stakes, rank: seededRank(config.seed, info.key) });
    strata.set(name, list);
  }
  const populations = new Map([...strata].map(([n, l]) => [n, l.length]));
  const quotas =
    config.mode === 'all' ? new Map(populations) : allocate(populations, config.size, config.minPerStratum);
  const sample: SampledConversation[] = [];
  const sampleDistribution = emptyDistribution();
  const allocations: StratumAllocation[] = [];
  for (const name of [...strata.keys()].sort()) {
    const list = strata.get(name) ?? [];
    const quota = quotas.get(name) ?? 0;
    const weight = quota > 0 ? list.length / quota : 0;
    allocations.push({ stratum: name, population: list.length, sampled: quota, weight });
    if (quota === 0) continue;
    const chosen = quota >= list.length ? list : [...list].sort((a, b) => a.rank - b.rank || (a.info.key < b.info.key ? -1 : 1)).slice(0, quota);
    for (const c of chosen) {
      sample.push({
        key: c.info.key,
        traceIds: c.info.traceIds,
        startTime: c.info.startTime,
        intent: c.intent,
        stakes: c.stakes,
        weight,
      });
      count(sampleDistribution, c.intent, c.stakes, name);
    }
  }
  sample.sort((a, b) => (a.startTime ?? -Infinity) - (b.startTime ?? -Infinity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { sample, window, windowDistribution, sampleDistribution, strata: allocations, undated };
}

/** A rate measured on the sample and projected onto the window through the sampling weights. */
export interface ProjectedRate {
  /** Weighted share of the window for which the predicate holds (0 when the sample is empty). */
  rate: number;
  /** Estimated number of window conversations for which it holds. */
  estimatedCount: number;
  /** Sampled conversations for which it holds (unweighted). */
  matched: number;
  sampleSize: number;
  /** The window population the weights add up to. */
  population: number;
}

/** Project a predicate's rate from weighted sample items onto the whole window. */
export function projectRate<T extends { weight: number }>(items: readonly T[], predicate: (item: T) => boolean): ProjectedRate {
  let population = 0;
  let hit = 0;
  let matched = 0;
  for (const item of items) {
    population += item.weight;
    if (predicate(item)) {
      hit += item.weight;
      matched++;
    }
  }
  return { rate: population > 0 ? hit / population : 0, estimatedCount: hit, matched, sampleSize: items.length, population };
}
