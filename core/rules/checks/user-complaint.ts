/** The user's next turn contradicts or complains about the agent's previous answer. */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import { compilePhrases, PhraseList } from '../patterns.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z.object({
  /** Phrases in a user turn that push back on the answer before it. */
  complaints: PhraseList.default([
    "that's not right", 'that is not right', "that's wrong", 'that is wrong', "that's not what i", 'not what i asked',
    'not what i said', 'i already told you', 'i already said', 'i already gave you', 'as i said', 'like i said',
    "you didn't", 'you did not', "you're wrong", 'you are wrong', 'you are not listening', "you're not listening",
    'this is the second time', 'this is the third time', 'for the third time', 'still not working', "still doesn't",
    "that didn't help", 'that did not help', 'not helpful', 'useless', 'makes no sense', 'incorrect',
    "that's incorrect", 'wrong answer', 'are you sure', "that's not true", 'that is not true', 'no, i said',
    'i never said', 'i never asked', "that's not what i wanted", 'you misunderstood', 'you got it wrong',
  ]),
  /** Phrases that, in the same turn, show the user is satisfied (suppress a match). */
  satisfied: PhraseList.default([]),
});

export const userComplaint = {
  description: "The user's next turn contradicts or complains about the agent's previous answer.",
  params: Params,
  compile(params) {
    const complaint = compilePhrases(params.complaints);
    const satisfied = compilePhrases(params.satisfied);
    return (ctx) => {
      if (!complaint) return null;
      let replies = 0;
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      const answers = ctx.answers;
      let ai = 0;
      let lastAnswer: number | undefined;
      for (const u of ctx.users) {
        while (ai < answers.length && (answers[ai] as number) < u) lastAnswer = answers[ai++];
        // Only a turn that follows an answer can complain about it.
        if (lastAnswer === undefined) continue;
        replies++;
        const text = ctx.messages[u]?.text ?? '';
        const hit = complaint.exec(text);
        if (!hit || satisfied?.test(text)) {
          lastAnswer = undefined;
          continue;
        }
        problems.push(`message ${u} pushes back on message ${lastAnswer} ("${hit[0]}")`);
        evidence.push(ctx.at(lastAnswer), ctx.at(u));
        lastAnswer = undefined;
      }
      if (problems.length > 0) return fail(problems.join('; '), evidence);
      return replies === 0 ? null : pass(`${replies} user repl${replies === 1 ? 'y' : 'ies'}, none pushed back`);
    };
  },
} satisfies RuleDefinition<typeof Params>;
