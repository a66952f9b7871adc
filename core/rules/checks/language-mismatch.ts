/** The answer is in a different language from the user's message it answers (on-device identification). */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import { languagesDiffer, letterCount } from '../langid.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z.object({
  /** Texts shorter than this (in letters) are too short to identify; a shorter user turn ("Yes, thanks")
   * is replaced by the longest earlier user message. */
  minLetters: z.number().int().positive().default(15),
  /** Check every answer, or only the last one of the conversation. */
  scope: z.enum(['every', 'last']).default('every'),
});


export const languageMismatch = {
  description: "An answer is written in a different language from the user's message it answers.",
  params: Params,
  compile(params) {
    return (ctx) => {
      const answers = params.scope === 'last' ? ctx.answers.slice(-1) : ctx.answers;
      const letters = new Map<number, number>();
      const lettersOf = (i: number): number => {
        let n = letters.get(i);
        if (n === undefined) {
          n = letterCount(ctx.messages[i]?.text ?? '');
          letters.set(i, n);
        }
        return n;
      };
      let checked = 0;
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      for (const a of answers) {
        if (lettersOf(a) < params.minLetters) continue;
        let u = ctx.previousUser(a);
        if (u === undefined) continue;
        if (lettersOf(u) < params.minLetters) {
          let best: number | undefined;
          for (const x of ctx.users) if (x < a && lettersOf(x) >= params.minLetters && (best === undefined || lettersOf(x) > lettersOf(best))) best = x;
          if (best === undefined) continue;
          u = best;
        }
        checked++;
        const diff = languagesDiffer(ctx.messages[u]?.text ?? '', ctx.messages[a]?.text ?? '');
        if (!diff) continue;
        problems.push(`message ${a} is in ${diff.answer}, the user wrote in ${diff.user} (message ${u})`);
        evidence.push(ctx.at(u), ctx.at(a));
      }
      if (problems.length > 0) return fail(problems.join('; '), evidence);
      return checked === 0 ? null : pass(`${checked} answer(s) in the user's language`);
    };
  },
} satisfies RuleDefinition<typeof Params>;
