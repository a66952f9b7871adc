/** The conversation is longer than the agent's context budget, in tokens (recorded or estimated) or characters. */
import { z } from 'zod';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z
  .object({
    /** Largest prompt the model may see, in tokens: checked against each trace's recorded input tokens,
     * else an estimate of the transcript (characters / charsPerToken). */
    maxTokens: z.number().int().positive().optional(),
    /** Largest transcript, in characters. */
    maxChars: z.number().int().positive().optional(),
    charsPerToken: z.number().positive().default(4),
  })
  .refine((p) => p.maxTokens !== undefined || p.maxChars !== undefined, 'set maxTokens or maxChars');

export const contextBudget = {
  description: "The conversation exceeds the agent's context budget (tokens or characters).",
  params: Params,
  compile(params) {
    return (ctx) => {
      let chars = 0;
      let over: number | undefined;
      for (let i = 0; i < ctx.messages.length; i++) {
        const m = ctx.messages[i];
        if (!m) continue;
        chars += m.text.length;
        for (const c of m.toolCalls) chars += c.name.length + (typeof c.arguments === 'string' ? c.arguments.length : 16);
        if (over === undefined && params.maxChars !== undefined && chars > params.maxChars) over = i;
      }
      let recorded = 0;
      let recordedTrace: string | undefined;
      for (const t of ctx.traces) {
        const input = t.tokens.input ?? t.tokens.total;
        if (input !== undefined && input > recorded) [recorded, recordedTrace] = [input, t.id];
      }
      const tokens = recorded > 0 ? recorded : Math.ceil(chars / params.charsPerToken);
      const problems: string[] = [];
      if (params.maxTokens !== undefined && tokens > params.maxTokens) {
        problems.push(`${recorded > 0 ? '' : '~'}${tokens} tokens > budget ${params.maxTokens}${recorded > 0 ? ` (trace ${recordedTrace})` : ''}`);
        if (over === undefined) {
          // The estimate crosses the budget somewhere: point at that message.
          let acc = 0;
          for (let i = 0; i < ctx.messages.length && over === undefined; i++) {
            acc += (ctx.messages[i]?.text.length ?? 0) / params.charsPerToken;
            if (acc > params.maxTokens) over = i;
          }
        }
      }
      if (params.maxChars !== undefined && chars > params.maxChars) problems.push(`${chars} characters > budget ${params.maxChars}`);
      if (problems.length === 0) return pass(`${tokens} tokens, ${chars} characters: within budget`);
      const at = over ?? ctx.messages.length - 1;
      return fail(`context over budget: ${problems.join('; ')}`, at >= 0 ? [ctx.at(at)] : []);
    };
  },
} satisfies RuleDefinition<typeof Params>;
