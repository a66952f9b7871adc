import { describe, expect, it } from 'vitest';
import { conversationTranscript } from '../../../core/ingest/transcript.js';
import { applyProposal, clusterUnmatched, nameProposal, proposalEntry, proposalExamples, slugId, tokenize, type UnmatchedFailure } from '../../../core/failures/cluster.js';
import { FailureModeTaxonomy } from '../../../core/failures/taxonomy.js';
import { failedRule } from '../promote/crafted.js';
import { starterTaxonomy } from '../../../core/failures/taxonomy.js';
import type { JudgeDisposition } from '../../../core/grade/verdict.js';
import { answer, call, hashedTrace, judged, user } from '../promote/crafted.js';

function failure(key: string, request: string, tool: string, result: string, reply: string, judge: JudgeDisposition = judged([['helpfulness', 1, 3]])): UnmatchedFailure {
  const t = hashedTrace(key, [user(request), call(tool, { q: request }, result), answer(reply)]);
  return { key, transcript: conversationTranscript([t]), rules: [], judge };
}

const giftCards = [
  failure('g1', 'What is the balance on my gift card <GIFT_CARD_1>?', 'get_gift_card', '{"balance": 25}', 'Your gift card balance is $40.'),
  failure('g2', 'How much balance is left on gift card <GIFT_CARD_2>', 'get_gift_card', '{"balance": 0}', 'The gift card has $15 left.'),
  failure('g3', 'Check my gift card balance please, card <GIFT_CARD_1>', 'get_gift_card', '{"balance": 3}', 'Gift card balance: $30.'),
];
const warranty = [
  failure('w1', 'Is my blender still under warranty? Bought it 2 years ago', 'search_kb', '[]', 'Warranty covers 5 years.'),
  failure('w2', 'Does the warranty cover a cracked blender jar?', 'search_kb', '[]', 'Yes, the warranty covers jars.'),
  failure('w3', 'How long is the blender warranty', 'search_kb', '[]', 'The warranty is 10 years.'),
];
const oneOff = failure('x1', 'Tell me a joke about penguins', 'search_kb', '[]', 'No.');

describe('clusterUnmatched', () => {
  it('groups the crafted gift-card failures and the warranty failures apart, and drops a one-off', () => {
    const proposals = clusterUnmatched([...warranty, oneOff, ...giftCards].reverse());
    expect(proposals.map((p) => p.members)).toEqual([['g1', 'g2', 'g3'], ['w1', 'w2', 'w3']]);
    expect(proposals.map((p) => p.size)).toEqual([3, 3]);
    const [gift, warr] = proposals;
    expect(gift?.terms.slice(0, 3)).toEqual(expect.arrayContaining(['gift', 'card', 'balance']));
    expect(gift?.title).toBe('Balance gift card');
    expect(gift?.suggestedId).toBe('balance_gift_card');
    expect(warr?.title).toBe('Long blender warranty');
    expect(warr?.terms).toContain('warranty');
    expect(warr?.terms).toContain('blender');
    expect(gift?.examples).toHaveLength(3);
  });

  it('is deterministic: the same failures in any order give the same proposals and ids', () => {
    const a = clusterUnmatched([...giftCards, ...warranty, oneOff]);
    const b = clusterUnmatched([oneOff, ...warranty.reverse(), ...giftCards.reverse()]);
    expect(b).toEqual(a);
    expect(a[0]?.id).toMatch(/^p_[0-9a-f]{10}$/);
  });

  it("titles a cluster after the judge's suggestion when most members got one the taxonomy lacks", () => {
    const j = judged([['faithfulness', 1, 4]], { suggestedFailureMode: 'stale_balance' });
    const withJudge = giftCards.map((f) => ({ ...f, judge: j }));
    const [p] = clusterUnmatched(withJudge, {}, starterTaxonomy);
    expect(p?.title).toBe('Stale balance');
    expect(p?.suggestedId).toBe('stale_balance');
    expect(p?.titleSource).toBe('suggestion');
  });

  it('records where a title came from: terms, or the judge naming the cluster (its id stays, its suggested id follows)', () => {
    const [gift] = clusterUnmatched(giftCards);
    if (!gift) throw new Error('no proposal');
    expect(gift.titleSource).toBe('terms');
    expect(proposalEntry(gift)).toMatchObject({ title: 'Balance gift card', title_source: 'terms', suggested_id: 'balance_gift_card' });
    expect(proposalEntry(gift)).not.toHaveProperty('description');
    const named = nameProposal(gift, 'Stale gift card balance', 'The assistant quoted a balance the lookup did not return.');
    expect(named).toMatchObject({ id: gift.id, title: 'Stale gift card balance', titleSource: 'judge', suggestedId: 'stale_gift_card_balance', members: gift.members });
    const entry = proposalEntry(named);
    expect(entry).toMatchObject({ title_source: 'judge', description: 'The assistant quoted a balance the lookup did not return.' });
    // The entry is valid in eval/failure_modes.yaml.
    expect(FailureModeTaxonomy.parse({ proposals: [entry] }).proposals[0]).toEqual(entry);
  });

  it("proposalExamples gives the judge each example's request, tool sequence and failed rules", () => {
    const withRule = giftCards.map((f) => (f.key === 'g2' ? { ...f, rules: [failedRule('balance-mismatch', undefined, 'balance differs', 2, '$15 left')] } : f));
    const [gift] = clusterUnmatched(withRule);
    if (!gift) throw new Error('no proposal');
    const examples = proposalExamples(gift, withRule);
    expect(examples).toHaveLength(3);
    expect(examples).toContainEqual({ request: 'How much balance is left on gift card <GIFT_CARD_2>', tools: ['get_gift_card'], failedRules: ['balance-mismatch'] });
    expect(examples).toContainEqual({ request: 'What is the balance on my gift card <GIFT_CARD_1>?', tools: ['get_gift_card'], failedRules: [] });
  });

  it('a higher threshold keeps dissimilar failures apart', () => {
    expect(clusterUnmatched([...giftCards, ...warranty], { threshold: 0.99 })).toEqual([]);
  });

  it('tokenize keeps placeholder types and drops stop words and numbers', () => {
    expect(tokenize('What is the balance on <GIFT_CARD_12> for 2 cards?')).toEqual(['balance', 'ph_gift_card', 'cards']);
    expect(tokenize("the customers' re- orders")).toEqual(['customers', 'orders']);
    // A word with a long inner run of hyphens: trimming its end by regex was quadratic (4.7 s).
    const t = performance.now();
    expect(tokenize(`a${'-'.repeat(50_000)}b`)).toEqual([`a${'-'.repeat(50_000)}b`]);
    expect(performance.now() - t).toBeLessThan(500);
  });
});

describe('applyProposal', () => {
  const [proposal] = clusterUnmatched(giftCards);
  if (!proposal) throw new Error('no proposal');
  const withProposal = { ...starterTaxonomy, proposals: [{ id: proposal.id, title: proposal.title, suggested_id: proposal.suggestedId, size: proposal.size, terms: proposal.terms, examples: proposal.examples }] };

  it('accept adds a mode with a stable id from the title, counted and dated, and clears the proposal', () => {
    const { taxonomy, modeId } = applyProposal(withProposal, proposal, { action: 'accept' }, '2026-11-26');
    expect(modeId).toBe(proposal.suggestedId);
    expect(taxonomy.proposals).toEqual([]);
    expect(taxonomy.modes.at(-1)).toMatchObject({ id: proposal.suggestedId, title: proposal.title, count: 3, first_seen: '2026-11-26', last_seen: '2026-11-26' });
  });

  it("accept keeps the judge's description of a named proposal, marked for a human to check", () => {
    const named = nameProposal(proposal, 'Stale gift card balance', 'The assistant quoted a balance the lookup did not return.');
    const { taxonomy } = applyProposal(withProposal, named, { action: 'accept' });
    expect(taxonomy.modes.at(-1)).toMatchObject({
      id: 'stale_gift_card_balance',
      description: 'The assistant quoted a balance the lookup did not return. (Proposed from 3 similar failures; description written by the judge: check it.)',
    });
  });

  it('rename uses the new title for the id, and a taken id gets a suffix', () => {
    expect(applyProposal(withProposal, proposal, { action: 'rename', title: 'Gift card balance misread' }).modeId).toBe('gift_card_balance_misread');
    expect(applyProposal(withProposal, proposal, { action: 'rename', title: 'Wrong tool' }).modeId).toBe('wrong_tool_2');
  });

  it('merge counts the failures into an existing mode (by id or alias); an unknown target is an error', () => {
    const { taxonomy, modeId } = applyProposal(withProposal, proposal, { action: 'merge', into: 'hallucinated_fact' });
    expect(modeId).toBe('hallucinated_citation');
    expect(taxonomy.modes.find((m) => m.id === 'hallucinated_citation')?.count).toBe(3);
    expect(() => applyProposal(withProposal, proposal, { action: 'merge', into: 'nope' })).toThrow('no failure mode "nope"');
  });

  it('reject remembers the proposal so the same cluster is not proposed again', () => {
    const { taxonomy, modeId } = applyProposal(withProposal, proposal, { action: 'reject' });
    expect(modeId).toBeUndefined();
    expect(taxonomy.rejected).toEqual([proposal.id]);
    expect(clusterUnmatched(giftCards, {}, taxonomy)).toEqual([]);
  });

  it('accept and rename record the proposal on the new mode, so clustering the same failures again proposes it no more', () => {
    const accepted = applyProposal(withProposal, proposal, { action: 'accept' }).taxonomy;
    expect(accepted.modes.at(-1)?.indicators.proposals).toEqual([proposal.id]);
    expect(accepted.rejected).toEqual([]);
    // The warranty cluster is still new: only the decided cluster is left out.
    const again = clusterUnmatched([...giftCards, ...warranty], {}, accepted);
    expect(again.map((p) => p.members)).toEqual([['w1', 'w2', 'w3']]);
    expect(again.map((p) => p.id)).not.toContain(proposal.id);

    const renamed = applyProposal(withProposal, proposal, { action: 'rename', title: 'Gift card balance misread' }).taxonomy;
    expect(renamed.modes.find((m) => m.id === 'gift_card_balance_misread')?.indicators.proposals).toEqual([proposal.id]);
    expect(clusterUnmatched(giftCards, {}, renamed)).toEqual([]);
  });

  it('merge appends the proposal id to the target mode (sorted, once), so clustering again proposes it no more', () => {
    const warr = clusterUnmatched([...giftCards, ...warranty]).find((p) => p.members.includes('w1'));
    if (!warr) throw new Error('no proposal');
    expect(warr.size).toBe(3);
    const first = applyProposal(withProposal, proposal, { action: 'merge', into: 'hallucinated_fact' }).taxonomy;
    expect(first.modes.find((m) => m.id === 'hallucinated_citation')?.indicators).toMatchObject({ aliases: ['hallucinated_fact'], proposals: [proposal.id] });
    expect(clusterUnmatched(giftCards, {}, first)).toEqual([]);
    const second = applyProposal(first, warr, { action: 'merge', into: 'hallucinated_citation' }).taxonomy;
    const again = applyProposal(second, warr, { action: 'merge', into: 'hallucinated_citation' }).taxonomy;
    const target = again.modes.find((m) => m.id === 'hallucinated_citation');
    expect(target?.indicators.proposals).toEqual([proposal.id, warr.id].sort());
    expect(target?.count).toBe(9);
    expect(clusterUnmatched([...giftCards, ...warranty], {}, again)).toEqual([]);
    // Other modes are untouched.
    expect(again.modes.find((m) => m.id === 'wrong_tool')?.indicators.proposals).toEqual([]);
  });

  it('slugId makes ids the taxonomy accepts', () => {
    expect(slugId('Gift-card balance: misread!')).toBe('gift_card_balance_misread');
    expect(slugId('  ')).toBe('mode_new');
  });
});
