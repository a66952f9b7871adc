/**
 * A tool call succeeded with an empty result (empty list or object, "no results") and the agent then
 * told the user, with confidence, that the thing does not exist. An empty search is weak evidence of
 * absence: a wrong query, a typo, or the wrong tool all look the same.
 */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import type { Json } from '../../model/trace.js';
import { isObject } from '../../ingest/transcript.js';
import { resultText } from '../context.js';
import { compilePhrases, PhraseList } from '../patterns.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z.object({
  /** A text result matching one of these counts as empty. */
  emptyTexts: PhraseList.default(['no results', 'no result found', 'no records', 'no matches', 'nothing found', 'not found', '/^\\s*(?:(?:\\[\\s*\\]|\\{\\s*\\}|null|none)\\s*)?$/']),
  /** Answer phrases that deny existence. */
  denials: PhraseList.default([
    'does not exist', "doesn't exist", 'do not exist', "don't exist", 'no record', 'no such', 'not in our system',
    '/\\bno\\s+(?:such\\s+)?(?:account|order|reservation|booking|customer|user|record|subscription)s?\\s+(?:found|exists?|with|under|for|matching)\\b/',
    'could not find any', "couldn't find any", 'cannot find any', "can't find any", 'did not find any', 'not exist',
  ]),
  /** Answer phrases that hedge (ask to double-check, offer another search): those answers are fine. */
  hedges: PhraseList.default([]),
  /** Only these tools' results are checked (empty: every tool). */
  tools: z.array(z.string()).default([]),
  /** Tools whose empty result means nothing (e.g. a scratchpad `think` tool). */
  ignoreTools: z.array(z.string()).default([]),
});

/** True when a JSON result holds no data: empty list/object/string, or an object of only empty values. */
export function isEmptyResult(value: Json | undefined, emptyText: RegExp | undefined, depth = 0): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return emptyText ? emptyText.test(value) : value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) {
    const vals = Object.values(value);
    if (vals.length === 0) return true;
    // {orders: [], total: 0} is empty; {status: "ok", items: []} too; {name: "x"} is not.
    if (depth > 1) return false;
    let sawCollection = false;
    for (const v of vals) {
      if (Array.isArray(v) || isObject(v)) {
        sawCollection = true;
        if (!isEmptyResult(v, undefined, depth + 1)) return false;
      } else if (typeof v === 'string' && v.length > 40) return false;
    }
    return sawCollection;
  }
  return false;
}

export const emptyResultDenied = {
  description: 'An empty tool result was followed by a confident "does not exist" answer.',
  params: Params,
  compile(params) {
    const empty = compilePhrases(params.emptyTexts);
    const denial = compilePhrases(params.denials);
    const hedge = compilePhrases(params.hedges);
    const only = new Set(params.tools);
    const ignore = new Set(params.ignoreTools);
    return (ctx) => {
      let empties = 0;
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      const seen = new Set<number>();
      for (const c of ctx.toolCalls) {
        if (c.call.status !== 'ok' || (only.size > 0 && !only.has(c.call.name)) || ignore.has(c.call.name)) continue;
        if (!isEmptyResult(c.call.result, empty)) continue;
        empties++;
        const answer = ctx.nextAnswer(c.resultIndex ?? c.messageIndex);
        if (answer === undefined || seen.has(answer)) continue;
        const text = ctx.messages[answer]?.text ?? '';
        const m = denial?.exec(text);
        if (!m || hedge?.test(text)) continue;
        seen.add(answer);
        problems.push(`${c.call.name} returned nothing and message ${answer} says "${m[0]}"`);
        evidence.push(ctx.atCall(c, resultText(c.call.result) || '(empty)'), ctx.at(answer));
      }
      if (problems.length > 0) return fail(problems.join('; '), evidence);
      return pass(empties === 0 ? 'no empty tool result' : `${empties} empty tool result(s), none denied existence`);
    };
  },
} satisfies RuleDefinition<typeof Params>;
