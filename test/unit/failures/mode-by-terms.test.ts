import { describe, expect, it } from 'vitest';
import { conversationTranscript } from '../../../core/ingest/transcript.js';
import { applyProposal, clusterUnmatched, modeByTerms, type UnmatchedFailure } from '../../../core/failures/cluster.js';
import { parseFailureModes } from '../../../core/failures/document.js';
import { buildCases } from '../../../core/promote/build.js';
import { TEAM_TAXONOMY, UNMATCHED } from '../../helpers/modes-eval.js';
import { answer, call, hashedTrace, item, judged, user } from '../promote/crafted.js';

function failure(key: string, request: string, tool: string, reply: string): UnmatchedFailure {
  const t = hashedTrace(key, [user(request), call(tool, { q: request }, '{}'), answer(reply)]);
  return { key, transcript: conversationTranscript([t]), rules: [], judge: judged([['helpfulness', 1, 3]]) };
}

/** The team's taxonomy after a person accepted the gift-card proposal clustered from UNMATCHED. */
function withGiftCardMode(): ReturnType<typeof parseFailureModes> {
  const team = parseFailureModes(TEAM_TAXONOMY);
  const gift = clusterUnmatched(UNMATCHED, {}, team).find((p) => p.members.includes('conv-gift-1'));
  if (!gift) throw new Error('the gift-card failures no longer cluster');
  return applyProposal(team, gift, { action: 'accept' }, '2026-11-26').taxonomy;
}

describe('modeByTerms: later failures join the mode a person accepted', () => {
  const taxonomy = withGiftCardMode();
  const mode = taxonomy.modes.find((m) => m.indicators.proposals.length > 0);

  it('keeps the accepted proposal terms on the new mode', () => {
    expect(mode?.id).toBe('balance_gift_card');
    expect(mode?.indicators.terms).toEqual(['card', 'gift', 'ph_gift_card', 'tool:get_gift_card', 'balance']);
  });

  it('assigns a new failure that carries most of those terms, and no other', () => {
    expect(modeByTerms(failure('conv-gift-9', 'My gift card <GIFT_CARD_4> shows the wrong balance', 'get_gift_card', 'It holds $12.'), taxonomy)).toBe('balance_gift_card');
    // Two of five terms (gift, card) with another tool: too little to say it is the same failure.
    expect(modeByTerms(failure('conv-buy-1', 'Can I buy a gift card for my mother?', 'search_kb', 'Yes.'), taxonomy)).toBeUndefined();
    // The warranty proposal was not decided: its failures stay unmatched.
    expect(modeByTerms(UNMATCHED.find((f) => f.key === 'conv-warranty-1') as UnmatchedFailure, taxonomy)).toBeUndefined();
  });

  it('prefers the mode whose terms are covered best, then the lower id', () => {
    const twin = { ...(mode as NonNullable<typeof mode>), id: 'another_gift_mode', indicators: { ...(mode as NonNullable<typeof mode>).indicators, terms: ['gift', 'card', 'balance', 'refund', 'expired'] } };
    const both = { ...taxonomy, modes: [...taxonomy.modes, twin] };
    const f = failure('conv-gift-10', 'What balance is on gift card <GIFT_CARD_5>?', 'get_gift_card', '$3');
    // All five terms of balance_gift_card against three of five.
    expect(modeByTerms(f, both)).toBe('balance_gift_card');
    const same = { ...taxonomy, modes: [...taxonomy.modes, { ...twin, indicators: { ...twin.indicators, terms: [...(mode?.indicators.terms ?? [])] } }] };
    expect(modeByTerms(f, same)).toBe('another_gift_mode');
  });

  it('promotes such a failure under the accepted mode instead of proposing it again, and leaves an old case where it is', () => {
    const gift = item('conv-gift-new', 'gift_card', [user('Is the balance on gift card <GIFT_CARD_2> right?'), call('get_gift_card', { q: 'x' }, { balance: 1 }), answer('Your balance is $50.')], [], 'fail', judged([['helpfulness', 1, 3]]));
    const run = { runId: 'run_2', date: '2026-12-01' };
    const built = buildCases([gift], run, { taxonomy });
    expect(built.cases.map((c) => c.failure_mode)).toEqual(['balance_gift_card']);
    expect(built.unmatched).toEqual([]);
    expect(built.modeCounts.get('balance_gift_card')).toBe(1);

    // The same conversation promoted before the proposal was accepted keeps its unclassified case.
    const before = buildCases([gift], { runId: 'run_1', date: '2026-11-20' }, { taxonomy: parseFailureModes(TEAM_TAXONOMY) });
    expect(before.cases.map((c) => c.failure_mode)).toEqual(['unclassified']);
    const again = buildCases([gift], run, { taxonomy, existing: before.cases });
    // No second case under the new mode: the conversation is the old case's own source, so nothing changes.
    expect(again.cases).toEqual([]);
    expect(again.newCaseIds).toEqual([]);
    expect(again.modeCounts.size).toBe(0);
  });
});
