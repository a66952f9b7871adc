import { describe, expect, it } from 'vitest';
import {
  allocate,
  classifyIntent,
  classifyStakes,
  durationMs,
  projectRate,
  resolveWindow,
  sampleConversations,
  SamplingConfig,
  type ConversationInfo,
  type SamplingConfigInput,
} from '../../../core/sample/index.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const HOUR = 3_600_000;

const config = (input: SamplingConfigInput = {}): SamplingConfig => SamplingConfig.parse(input);

function info(key: string, over: Partial<ConversationInfo> = {}): ConversationInfo {
  return { key, traceIds: [`t-${key}`], startTime: NOW - HOUR, firstUserText: '', toolNames: [], ...over };
}

/** A population of `counts[intent]` conversations per intent, spread over the last 24 hours. */
function population(counts: Record<string, number>): ConversationInfo[] {
  const out: ConversationInfo[] = [];
  for (const [intent, n] of Object.entries(counts)) {
    for (let i = 0; i < n; i++) out.push(info(`${intent}-${i}`, { intent, startTime: NOW - ((i * 7919) % 24) * HOUR - 1 }));
  }
  return out;
}

describe('SamplingConfig', () => {
  it('fills defaults: trailing 7d, stratified 200 by intent and stakes, minimum 5, seed 1', () => {
    const c = config();
    expect(c.window).toEqual({ trailing: '7d' });
    expect([c.mode, c.size, c.strata, c.minPerStratum, c.seed, c.intentAttribute]).toEqual(['stratified', 200, ['intent', 'stakes'], 5, 1, 'intent']);
  });

  it('rejects a malformed duration, an invalid pattern and a rule with nothing to match', () => {
    expect(SamplingConfig.safeParse({ window: { trailing: '7 days' } }).success).toBe(false);
    const bad = SamplingConfig.safeParse({ intentRules: [{ intent: 'x', patterns: ['(unclosed'] }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/^invalid regular expression \/\(unclosed\/: Invalid regular expression/);
    expect(SamplingConfig.safeParse({ intentRules: [{ intent: 'x' }] }).success).toBe(false);
  });

  it('rejects a classifier pattern that backtracks on a long message, naming it', () => {
    const slow = SamplingConfig.safeParse({ stakesRules: [{ stakes: 'high', patterns: ['refund', '(\\w+\\s?)+$'] }] });
    expect(slow.error?.issues.map((i) => i.message)).toEqual([
      '/(\\w+\\s?)+$/ takes exponential time on a long run of characters matching /\\w/: `\\w+` can match it in exponentially many ways; repeat either the group or the part inside it, not both',
    ]);
    expect(SamplingConfig.safeParse({ intentRules: [{ intent: 'refund', patterns: ['\\brefund(?:ed|s)?\\b', 'money\\s+back'] }] }).success).toBe(true);
  });

  it('resolves trailing and explicit windows', () => {
    expect(durationMs('24h')).toBe(24 * HOUR);
    expect(resolveWindow({ trailing: '7d' }, NOW)).toEqual({ from: NOW - 7 * 24 * HOUR, to: NOW });
    expect(resolveWindow({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }, NOW)).toEqual({
      from: Date.parse('2026-11-01T00:00:00Z'),
      to: Date.parse('2026-11-02T00:00:00Z'),
    });
    expect(resolveWindow({ from: 1000 }, NOW)).toEqual({ from: 1000, to: NOW });
  });
});

describe('classifyIntent', () => {
  const c = config({
    intentRules: [
      { intent: 'refund', keywords: ['refund', 'money back'] },
      { intent: 'order_status', patterns: ['where\\s+is\\s+my\\s+(order|package)'] },
      { intent: 'change_address', tools: ['update_address'] },
      { intent: 'order_status', tools: ['get_order'] },
    ],
    stakesRules: [{ stakes: 'high', keywords: ['refund', 'chargeback', 'lawyer'] }],
  });

  it('prefers the intent the trace recorded', () => {
    expect(classifyIntent(info('a', { intent: 'billing', firstUserText: 'I want a refund' }), c)).toBe('billing');
  });

  it('applies keywords on word boundaries, then patterns, then tools, in order', () => {
    expect(classifyIntent(info('a', { firstUserText: 'Can I get my MONEY BACK for order 7?' }), c)).toBe('refund');
    // "refunded" is not the keyword "refund": word boundaries matter.
    expect(classifyIntent(info('b', { firstUserText: 'It was refunded already, where is my package?' }), c)).toBe('order_status');
    // The first matching rule wins: a refund request that also called get_order is a refund.
    expect(classifyIntent(info('c', { firstUserText: 'refund please', toolNames: ['get_order'] }), c)).toBe('refund');
    expect(classifyIntent(info('d', { firstUserText: 'hello', toolNames: ['get_customer', 'update_address'] }), c)).toBe('change_address');
  });

  it('falls back to unknown, and stakes to the default', () => {
    const x = info('e', { firstUserText: 'Tell me a joke' });
    expect(classifyIntent(x, c)).toBe('unknown');
    expect(classifyStakes(x, c)).toBe('normal');
    expect(classifyStakes(info('f', { firstUserText: 'I will call my lawyer' }), c)).toBe('high');
    expect(classifyStakes(info('g', { stakes: 'critical', firstUserText: 'refund' }), c)).toBe('critical');
  });
});

describe('allocate', () => {
  it('gives every stratum its minimum, then shares the rest in proportion (largest remainder)', () => {
    const pops = new Map([['a', 900], ['b', 90], ['c', 10]]);
    const out = allocate(pops, 100, 5);
    // 85 left after 3 x 5, shared over the 985 not yet taken: a 77.23, b 7.34, c 0.43. The floors give 84;
    // the last one goes to the largest remainder, c.
    expect(Object.fromEntries(out)).toEqual({ a: 5 + 77, b: 5 + 7, c: 5 + 1 });
    expect([...out.values()].reduce((x, y) => x + y, 0)).toBe(100);
  });

  it('takes everything when the population fits, and honours minimums even past the size', () => {
    expect(Object.fromEntries(allocate(new Map([['a', 3], ['b', 4]]), 10, 5))).toEqual({ a: 3, b: 4 });
    expect(Object.fromEntries(allocate(new Map([['a', 50], ['b', 50], ['c', 50]]), 10, 5))).toEqual({ a: 5, b: 5, c: 5 });
  });
});

describe('sampleConversations', () => {
  const pop = population({ order_status: 600, refund: 300, product_question: 90, cancel_subscription: 10 });

  it('draws the configured size, stratified by intent, with a minimum per stratum and weights = population / sample', () => {
    const r = sampleConversations(pop, config({ size: 100, minPerStratum: 5, strata: ['intent'] }), NOW);
    expect(r.sample).toHaveLength(100);
    expect(r.windowDistribution.byIntent).toEqual({ order_status: 600, refund: 300, product_question: 90, cancel_subscription: 10 });
    // 5 each, then 80 shared over the 980 left: 48.57, 24.08, 6.94, 0.41 → floors 48/24/6/0 and the two
    // largest remainders (product_question, order_status) get one more.
    expect(r.sampleDistribution.byIntent).toEqual({ order_status: 5 + 49, refund: 5 + 24, product_question: 5 + 7, cancel_subscription: 5 });
    const weightOf = (intent: string) => r.sample.find((s) => s.intent === intent)?.weight;
    expect(weightOf('cancel_subscription')).toBe(2);
    expect(weightOf('order_status')).toBeCloseTo(600 / 54, 10);
    // Weights add back up to the window population.
    expect(r.sample.reduce((a, s) => a + s.weight, 0)).toBeCloseTo(1000, 6);
    expect(r.strata.find((s) => s.stratum === 'intent=refund')).toEqual({ stratum: 'intent=refund', population: 300, sampled: 29, weight: 300 / 29 });
  });

  it('is deterministic for a seed whatever the input order, and a different seed draws a different sample', () => {
    const c = config({ size: 50, seed: 'audit-2026-11' });
    const a = sampleConversations(pop, c, NOW).sample.map((s) => s.key);
    const shuffled = [...pop].reverse();
    expect(sampleConversations(shuffled, c, NOW).sample.map((s) => s.key)).toEqual(a);
    const b = sampleConversations(pop, config({ size: 50, seed: 'audit-2026-12' }), NOW).sample.map((s) => s.key);
    expect(b).not.toEqual(a);
    expect(b).toHaveLength(a.length);
  });

  it('keeps only the window (trailing 24h here), plus undated conversations unless told otherwise', () => {
    const refs = [
      info('in', { startTime: NOW - 2 * HOUR }),
      info('old', { startTime: NOW - 30 * HOUR }),
      info('future', { startTime: NOW + HOUR }),
      info('undated', { startTime: null }),
    ];
    const r = sampleConversations(refs, config({ window: { trailing: '24h' }, mode: 'all' }), NOW);
    expect(r.sample.map((s) => s.key)).toEqual(['undated', 'in']);
    expect(r.undated).toBe(1);
    const dated = sampleConversations(refs, config({ window: { trailing: '24h' }, mode: 'all', includeUndated: false }), NOW);
    expect(dated.sample.map((s) => s.key)).toEqual(['in']);
  });

  it('mode all grades everything with weight 1, labelled by the classifier', () => {
    const refs = [info('a', { firstUserText: 'I want a refund' }), info('b', { firstUserText: 'hi', toolNames: ['get_order'] })];
    const r = sampleConversations(
      refs,
      config({ mode: 'all', intentRules: [{ intent: 'refund', keywords: ['refund'] }, { intent: 'order_status', tools: ['get_order'] }] }),
      NOW,
    );
    expect(r.sample.map((s) => [s.key, s.intent, s.stakes, s.weight])).toEqual([
      ['a', 'refund', 'normal', 1],
      ['b', 'order_status', 'normal', 1],
    ]);
    expect(r.sampleDistribution.byStratum).toEqual({ 'intent=refund|stakes=normal': 1, 'intent=order_status|stakes=normal': 1 });
  });
});

describe('projectRate', () => {
  it('weights each sampled conversation by the share of the window it stands for', () => {
    // 10 sampled of 1000 order_status (weight 100), 10 of 10 refunds (weight 1); every refund fails, one order fails.
    const items = [
      ...Array.from({ length: 10 }, (_, i) => ({ weight: 100, failed: i === 0 })),
      ...Array.from({ length: 10 }, () => ({ weight: 1, failed: true })),
    ];
    const p = projectRate(items, (x) => x.failed);
    expect(p.matched).toBe(11);
    expect(p.sampleSize).toBe(20);
    expect(p.population).toBe(1010);
    expect(p.estimatedCount).toBe(110);
    expect(p.rate).toBeCloseTo(110 / 1010, 12);
    // The unweighted sample rate (55%) would overstate the window's failure rate fivefold.
    expect(p.matched / p.sampleSize).toBe(0.55);
  });

  it('is 0 on an empty sample', () => {
    expect(projectRate([], () => true)).toEqual({ rate: 0, estimatedCount: 0, matched: 0, sampleSize: 0, population: 0 });
  });
});
