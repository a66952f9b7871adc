import { describe, expect, it } from 'vitest';
import { defaultRubric } from '../../../core/judge/rubric.js';
import { defaultRulesConfig } from '../../../core/rules/index.js';
import { assignFailureModes, FailureModeTaxonomy, recordSightings, starterTaxonomy } from '../../../core/failures/taxonomy.js';
import { mergeFailureModesDocument, parseFailureModes } from '../../../core/failures/document.js';
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
});
