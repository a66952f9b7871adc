/** The right tool for the intent: required, allowed and forbidden tools per intent. */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const ToolSet = z.object({
  /** Each of these must be called at least once. */
  required: z.array(z.string().min(1)).default([]),
  /** When given, every tool called must be one of these (required tools are always allowed). */
  allowed: z.array(z.string().min(1)).optional(),
  /** None of these may be called. */
  forbidden: z.array(z.string().min(1)).default([]),
});

const Params = z.object({
  /** Policy per intent; the key `*` applies to every intent (merged with the intent's own). */
  intents: z.record(z.string(), ToolSet).default({}),
});

interface Policy {
  required: string[];
  allowed: Set<string> | undefined;
  forbidden: Set<string>;
}

export const toolPolicy = {
  description: 'The conversation used the tools its intent needs, and none it must not.',
  params: Params,
  compile(params) {
    const any = params.intents['*'];
    const policies = new Map<string, Policy>();
    const build = (own: z.output<typeof ToolSet> | undefined): Policy => {
      const required = [...new Set([...(any?.required ?? []), ...(own?.required ?? [])])];
      const allowedList = own?.allowed ?? any?.allowed;
      return {
        required,
        allowed: allowedList ? new Set([...allowedList, ...required]) : undefined,
        forbidden: new Set([...(any?.forbidden ?? []), ...(own?.forbidden ?? [])]),
      };
    };
    for (const [intent, set] of Object.entries(params.intents)) if (intent !== '*') policies.set(intent, build(set));
    const fallback = any ? build(undefined) : undefined;
    return (ctx) => {
      const policy = policies.get(ctx.ref.intent) ?? fallback;
      if (!policy) return null;
      const evidence: Evidence[] = [];
      const problems: string[] = [];
      const called = new Set<string>();
      for (const c of ctx.toolCalls) {
        called.add(c.call.name);
        if (policy.forbidden.has(c.call.name)) {
          problems.push(`called forbidden tool ${c.call.name}`);
          evidence.push(ctx.at(c.messageIndex, `${c.call.name}(${JSON.stringify(c.call.arguments)})`, c.call.id));
        } else if (policy.allowed && !policy.allowed.has(c.call.name)) {
          problems.push(`called ${c.call.name}, not allowed for intent ${ctx.ref.intent}`);
          evidence.push(ctx.at(c.messageIndex, `${c.call.name}(${JSON.stringify(c.call.arguments)})`, c.call.id));
        }
      }
      const missing = policy.required.filter((t) => !called.has(t));
      if (missing.length > 0) {
        problems.push(`never called ${missing.join(', ')} (required for intent ${ctx.ref.intent})`);
        const last = ctx.answers[ctx.answers.length - 1] ?? ctx.users[0];
        if (last !== undefined) evidence.push(ctx.at(last));
      }
      if (problems.length === 0) return pass(`tools fit intent ${ctx.ref.intent}`);
      return fail([...new Set(problems)].join('; '), evidence);
    };
  },
} satisfies RuleDefinition<typeof Params>;
