import { describe, expect, it } from 'vitest';
import { parseJudgeReply, TRUNCATION_RATIO, ungradedCode } from '../../../core/judge/parse.js';
import { defaultRubric } from '../../../core/judge/rubric.js';
import { GOOD_REPLY } from './support.js';

const ctx = { rubric: defaultRubric, estimatedPromptTokens: 2000 };
const reply = (content: string, extra: Partial<Parameters<typeof parseJudgeReply>[0]> = {}) =>
  parseJudgeReply({ content, doneReason: 'stop', promptEvalCount: 2100, evalCount: 180, totalDurationNs: 2_254_970_291, ...extra }, ctx);
const codeOf = (r: ReturnType<typeof parseJudgeReply>): string => (r.status === 'ungraded' ? ungradedCode(r.reason) : 'graded');

describe('parseJudgeReply', () => {
  it('a valid reply becomes per-axis scores with their rationale, pass by the rubric threshold, tokens and time', () => {
    const r = reply(JSON.stringify({ ...GOOD_REPLY, scores: { ...GOOD_REPLY.scores, faithfulness: { rationale: 'Says Friday; no tool gave a date.', score: 3 } }, failure_mode: 'hallucinated_fact' }));
    expect(r.status).toBe('graded');
    if (r.status !== 'graded') return;
    expect(r.axes).toEqual([
      { axis: 'helpfulness', score: 5, threshold: 3, pass: true, rationale: 'Looked the order up and answered.' },
      { axis: 'faithfulness', score: 3, threshold: 4, pass: false, rationale: 'Says Friday; no tool gave a date.' },
      { axis: 'completeness', score: 4, threshold: 3, pass: true, rationale: 'Answered the question.' },
      { axis: 'tone', score: 5, threshold: 3, pass: true, rationale: 'Polite and short.' },
    ]);
    expect(r.suggestedFailureMode).toBe('hallucinated_fact');
    expect(r.summary).toBe('Correct order status from the tool result.');
    expect(r).toMatchObject({ promptTokens: 2100, completionTokens: 180, durationMs: 2254.970291, cached: false });
  });

  it('failure mode "none" means no suggestion', () => {
    const r = reply(JSON.stringify(GOOD_REPLY));
    expect(r.status === 'graded' && r.suggestedFailureMode).toBeUndefined();
  });

  const cases: Array<[string, ReturnType<typeof parseJudgeReply>, string, RegExp]> = [
    ['invalid JSON', reply('{"reasoning": "cut'), 'invalid_json', /not valid JSON/],
    ['JSON in a code fence', reply('```json\n' + JSON.stringify(GOOD_REPLY) + '\n```'), 'invalid_json', /not valid JSON/],
    ['a score of 6', reply(JSON.stringify({ ...GOOD_REPLY, scores: { ...GOOD_REPLY.scores, tone: { rationale: 'x', score: 6 } } })), 'schema_mismatch', /scores\.tone\.score: too_big/],
    ['a score of 4.5', reply(JSON.stringify({ ...GOOD_REPLY, scores: { ...GOOD_REPLY.scores, tone: { rationale: 'x', score: 4.5 } } })), 'schema_mismatch', /scores\.tone\.score/],
    ['a missing axis', reply(JSON.stringify({ ...GOOD_REPLY, scores: { ...GOOD_REPLY.scores, tone: undefined } })), 'schema_mismatch', /scores\.tone/],
    ['an unknown failure mode', reply(JSON.stringify({ ...GOOD_REPLY, failure_mode: 'made_up' })), 'schema_mismatch', /failure_mode: invalid_value/],
    ['an empty rationale', reply(JSON.stringify({ ...GOOD_REPLY, scores: { ...GOOD_REPLY.scores, tone: { rationale: ' ', score: 5 } } })), 'schema_mismatch', /scores\.tone\.rationale/],
    ['a JSON array', reply('[]'), 'schema_mismatch', /\(root\)/],
    ['done_reason length', reply(JSON.stringify(GOOD_REPLY).slice(0, 80), { doneReason: 'length' }), 'length', /output limit.*raise num_predict/],
    ['done_reason length even with valid JSON', reply(JSON.stringify(GOOD_REPLY), { doneReason: 'length' }), 'length', /num_predict/],
    ['empty content', reply('', { doneReason: 'stop' }), 'empty_reply', /no content/],
    ['whitespace content', reply('  \n', { doneReason: 'load' }), 'empty_reply', /done_reason "load"/],
    ['a prompt read far below its size', reply(JSON.stringify(GOOD_REPLY), { promptEvalCount: 999 }), 'truncated', /read 999 prompt tokens of about 2000.*raise num_ctx/],
  ];
  it.each(cases)('%s → ungraded, never a pass', (_name, result, code, reason) => {
    expect(result.status).toBe('ungraded');
    expect(codeOf(result)).toBe(code);
    if (result.status === 'ungraded') expect(result.reason).toMatch(reason);
  });

  it('the truncation threshold is the explicit ratio: at it the judgment stands, just below it does not', () => {
    expect(reply(JSON.stringify(GOOD_REPLY), { promptEvalCount: 2000 * TRUNCATION_RATIO }).status).toBe('graded');
    expect(codeOf(reply(JSON.stringify(GOOD_REPLY), { promptEvalCount: 2000 * TRUNCATION_RATIO - 1 }))).toBe('truncated');
    // A server that does not report the count cannot be checked; the judgment stands.
    expect(reply(JSON.stringify(GOOD_REPLY), { promptEvalCount: undefined }).status).toBe('graded');
  });

  it('never quotes the reply (it may echo conversation text) in the reason', () => {
    const secret = 'Maria Garcia, 4111 1111 1111 1111';
    for (const content of [`{"reasoning": "${secret}`, JSON.stringify({ ...GOOD_REPLY, failure_mode: secret })]) {
      const r = reply(content);
      expect(r.status === 'ungraded' && r.reason).not.toContain('Maria');
      expect(r.status === 'ungraded' && r.reason).not.toContain('4111');
    }
  });
});
