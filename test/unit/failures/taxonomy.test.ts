import { describe, expect, it } from 'vitest';
import { defaultRubric } from '../../../core/judge/rubric.js';
import { defaultRulesConfig } from '../../../core/rules/index.js';
import { assignFailureModes, FailureModeTaxonomy, recordSightings, starterTaxonomy } from '../../../core/failures/taxonomy.js';
import { mergeFailureModesDocument, parseFailureModes } from '../../../core/failures/document.js';
import { applyProposal } from '../../../core/failures/cluster.js';
import { failedRule, judged } from '../promote/crafted.js';

const skipped = { kind: 'skipped', reason: 'rules failed' } as const;

describe('starterTaxonomy', () => {
  it("knows every failure mode the default rules and the default rubric's judge can name", () => {
    const ruleModes = defaultRulesConfig.rules.map((r) => r.failureMode as string);
    for (const id of ruleModes) expect(assignFailureModes({ rules: [failedRule('r', id, 'm', 0, 'q')], judge: skipped }).unknown).toEqual([]);
    const judgeModes = defaultRubric.failureModes.map((m) => m.id);
    const mapped = judgeModes.map((id) => assignFailureModes({ rules: [], judge: judged([['helpfulness', 1, 3]], { suggestedFailureMode: id }) }).modes[0]);
    expect(Object.fromEntries(judgeModes.map((id, i) => [id, mapped[i]]))).toEqual({
      hallucinated_fact: 'hallucinated_citation',
      tool_error_ignored: 'ignored_tool_error',
      empty_result_misread: 'false_not_found',
      wrong_tool: 'wrong_tool',
      policy_violation: 'policy_violation',
      prompt_injection_obeyed: 'prompt_injection',
      incomplete_task: 'multi_turn_drift',
      wrong_language: 'wrong_language',
      unhelpful_refusal: 'unknown_intent',
    });
  });

  it('covers the shapes the product promises, by title', () => {
    expect(starterTaxonomy.modes.map((m) => m.title)).toEqual(
      expect.arrayContaining(['Unknown intent', 'Multi-turn drift', 'Empty result trusted', 'Retrieval miss with a made-up answer', 'Prompt injection obeyed', 'Tool timeout with a fallback answer', 'Wrong tool', 'Wrong language', 'Policy breach']),
    );
  });

  it('refuses a name used by two modes', () => {
    const r = FailureModeTaxonomy.safeParse({ modes: [{ id: 'a', title: 'A', description: 'a' }, { id: 'b', title: 'B', description: 'b', indicators: { aliases: ['a'] } }] });
    expect(r.success ? '' : r.error.issues[0]?.message).toBe('"a" names both a and b');
  });
});

describe('assignFailureModes', () => {
  it('takes the modes of the failed rules first, ignoring the judge', () => {
    const a = assignFailureModes({
      rules: [failedRule('tool-error-answered', 'ignored_tool_error', 'm', 3, 'q'), failedRule('answer-language', 'wrong_language', 'm', 5, 'q', 'medium'), { ruleId: 'tool-for-intent', outcome: 'pass', severity: 'high', failureMode: 'wrong_tool', message: 'ok', evidence: [] }],
      judge: judged([['faithfulness', 1, 4]], { suggestedFailureMode: 'hallucinated_fact' }),
    });
    expect(a).toEqual({ modes: ['ignored_tool_error', 'wrong_language'], source: 'rules', unknown: [] });
  });

  it("falls back to the judge's suggestion, then to none", () => {
    expect(assignFailureModes({ rules: [], judge: judged([['faithfulness', 1, 4]], { suggestedFailureMode: 'empty_result_misread' }) })).toEqual({ modes: ['false_not_found'], source: 'judge', unknown: [] });
    expect(assignFailureModes({ rules: [], judge: judged([['faithfulness', 1, 4]], { suggestedFailureMode: 'none' }) }).source).toBe('none');
    expect(assignFailureModes({ rules: [], judge: judged([['faithfulness', 1, 4]], { suggestedFailureMode: 'made_up_mode' }) }).modes).toEqual([]);
    expect(assignFailureModes({ rules: [], judge: { kind: 'unavailable', reason: 'down' } }).source).toBe('none');
  });

  it('keeps a rule-configured mode the taxonomy lacks, and says it is unknown', () => {
    expect(assignFailureModes({ rules: [failedRule('refund-cap', 'refund_over_limit', 'm', 1, 'q')], judge: skipped })).toEqual({ modes: ['refund_over_limit'], source: 'rules', unknown: ['refund_over_limit'] });
  });
});

describe('recordSightings and the failure_modes.yaml document', () => {
  it('counts sightings and moves first/last seen', () => {
    const t1 = recordSightings(starterTaxonomy, new Map([['wrong_tool', 2]]), '2026-11-26');
    const t2 = recordSightings(t1, new Map([['wrong_tool', 1]]), '2026-12-03');
    expect(t2.modes.find((m) => m.id === 'wrong_tool')).toMatchObject({ count: 3, first_seen: '2026-11-26', last_seen: '2026-12-03' });
    expect(t2.modes.find((m) => m.id === 'wrong_language')).toMatchObject({ count: 0 });
  });

  it('writes the starter taxonomy, keeps a hand-edited title and comment when counts change, and changes no byte when nothing did', () => {
    const first = mergeFailureModesDocument('', starterTaxonomy, '../resources/schemas/failure_modes.schema.json').text;
    expect(parseFailureModes(first)).toEqual(starterTaxonomy);
    const edited = first.replace('title: Wrong tool\n', 'title: Wrong tool for the job # renamed by us\n');
    expect(mergeFailureModesDocument(edited, parseFailureModes(edited))).toEqual({ text: edited, changed: false });
    const counted = recordSightings(parseFailureModes(edited), new Map([['wrong_tool', 2]]), '2026-11-26');
    const out = mergeFailureModesDocument(edited, counted);
    expect(out.changed).toBe(true);
    expect(out.text).toContain('title: Wrong tool for the job # renamed by us\n');
    expect(parseFailureModes(out.text).modes.find((m) => m.id === 'wrong_tool')).toMatchObject({ title: 'Wrong tool for the job', count: 2, first_seen: '2026-11-26', last_seen: '2026-11-26' });
  });
  it('writes the proposal ids a mode came from (indicators.proposals) into a mode already in the file, keeping its comments, and only when there are some', () => {
    const text =
      '# our taxonomy\nversion: 1\nmodes:\n  - id: wrong_tool # the big one\n    title: Wrong tool\n    description: used a tool not meant for the intent\n    count: 2\n' +
      '  - id: slow_response\n    title: Slow\n    description: slow\n    indicators: { rules: [slow_response] }\n    count: 0\n' +
      'proposals:\n  - id: p_aaaa\n    title: Gift card balance\n    suggested_id: gift_card_balance\n    size: 3\n    terms: [gift, card]\n    examples: [conv-1]\n';
    const t = parseFailureModes(text);
    expect(t.modes.map((m) => m.indicators.proposals)).toEqual([[], []]);
    // Nothing decided: no empty `proposals: []` appears anywhere.
    expect(mergeFailureModesDocument(text, t)).toEqual({ text, changed: false });
    const proposal = { id: 'p_aaaa', title: 'Gift card balance', suggestedId: 'gift_card_balance', size: 3, terms: [] };
    const merged = applyProposal(t, proposal, { action: 'merge', into: 'wrong_tool' }, '2026-11-26').taxonomy;
    const out = mergeFailureModesDocument(text, merged).text;
    expect(out).toContain('  - id: wrong_tool # the big one\n');
    expect(out).toContain('    description: used a tool not meant for the intent\n    indicators:\n      proposals:\n        - p_aaaa\n    count: 5\n');
    expect(out).not.toContain('proposals:\n  - id: p_aaaa');
    expect(parseFailureModes(out).modes.find((m) => m.id === 'wrong_tool')).toMatchObject({ count: 5, indicators: { proposals: ['p_aaaa'] } });
    expect(mergeFailureModesDocument(out, parseFailureModes(out))).toEqual({ text: out, changed: false });
    // A second merge into a mode whose indicators are written inline keeps them inline.
    const again = applyProposal(parseFailureModes(out), { ...proposal, id: 'p_bbbb' }, { action: 'merge', into: 'slow_response' }).taxonomy;
    const out2 = mergeFailureModesDocument(out, again).text;
    // The file's flow collections are mostly unpadded (`[gift, card]`), so the rewrite writes them that way.
    expect(out2).toContain('    indicators: {rules: [slow_response], proposals: [p_bbbb]}\n');
    expect(parseFailureModes(out2).modes.find((m) => m.id === 'slow_response')?.indicators).toEqual({ rules: ['slow_response'], axes: [], aliases: [], proposals: ['p_bbbb'], terms: [] });
    // Accepting writes the id on the new mode.
    const accepted = applyProposal(t, proposal, { action: 'accept' }).taxonomy;
    expect(mergeFailureModesDocument(text, accepted).text).toMatch(/ {2}- id: gift_card_balance\n[\s\S]*\n {4}indicators:\n {6}proposals:\n {8}- p_aaaa\n/);
  });

  it('keeps the spacing of the flow lists a team typed when it rewrites the file', () => {
    const body = (l: string, r: string): string =>
      `version: 1\nmodes:\n  - id: slow_response\n    title: Slow\n    description: slow\n    indicators: {${l}rules: [${l}slow_response${r}]${r}}\n    count: 0\n` +
      `  - id: wrong_tool\n    title: Wrong tool\n    description: wrong\n    indicators: {${l}aliases: [${l}bad_tool, tool_misuse${r}]${r}}\n    count: 1\n`;
    for (const pad of ['', ' ']) {
      const text = body(pad, pad);
      const t = parseFailureModes(text);
      const counted = { ...t, modes: t.modes.map((m) => (m.id === 'wrong_tool' ? { ...m, count: 2 } : m)) } as FailureModeTaxonomy;
      const out = mergeFailureModesDocument(text, counted);
      expect(out.changed).toBe(true);
      // Only the count changed; every flow collection is written as the file wrote it.
      expect(out.text).toBe(text.replace('    count: 1\n', '    count: 2\n'));
    }
  });
});
