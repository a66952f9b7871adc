/**
 * The response breaks a policy: a JSON schema the final answer must satisfy (when configured), phrases
 * every answer must contain, and phrases no answer may contain.
 */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import type { Json } from '../../model/trace.js';
import { compileJsonSchema, JsonSchemaSubset } from '../json-schema.js';
import { compilePhrases, PhraseList } from '../patterns.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z.object({
  /** The answer must be JSON (a ```json fence is accepted) matching this schema. */
  schema: JsonSchemaSubset.optional(),
  /** Each checked answer must contain every one of these. */
  requiredPhrases: PhraseList.default([]),
  /** No checked answer may contain any of these. */
  forbiddenPhrases: PhraseList.default([]),
  /** Check only the final answer (default) or every answer. */
  scope: z.enum(['final', 'every']).default('final'),
});

/**
 * The body of an answer written as one fenced block (```json … ```), or undefined. Written out, not as a
 * regex: the regex's blank runs around a lazy body took cubic time on an unclosed fence before a long run of
 * blanks.
 */
function fencedBody(text: string): string | undefined {
  const t = text.trim();
  if (t.length < 6 || !t.startsWith('```') || !t.endsWith('```')) return undefined;
  const inner = t.slice(3, -3);
  return (/^json/i.test(inner) ? inner.slice(4) : inner).trim();
}

export const responsePolicy = {
  description: 'Answers satisfy the configured JSON schema and required/forbidden phrases.',
  params: Params,
  compile(params) {
    const validate = params.schema ? compileJsonSchema(params.schema) : undefined;
    const required = params.requiredPhrases.map((p) => ({ p, re: compilePhrases([p]) as RegExp }));
    const forbidden = compilePhrases(params.forbiddenPhrases);
    if (!validate && required.length === 0 && !forbidden) return () => null;
    return (ctx) => {
      const answers = params.scope === 'final' ? ctx.answers.slice(-1) : ctx.answers;
      if (answers.length === 0) return null;
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      for (const a of answers) {
        const text = ctx.messages[a]?.text ?? '';
        const own: string[] = [];
        let quoteText: string | undefined;
        if (validate) {
          const body = fencedBody(text) ?? text;
          let value: Json | undefined;
          try {
            value = JSON.parse(body) as Json;
          } catch {
            own.push('is not JSON');
          }
          if (value !== undefined) own.push(...validate(value).slice(0, 5));
        }
        const missing = required.filter((r) => !r.re.test(text)).map((r) => r.p);
        if (missing.length > 0) own.push(`lacks ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
        const bad = forbidden?.exec(text);
        if (bad) {
          own.push(`contains forbidden "${bad[0]}"`);
          quoteText = text.slice(Math.max(0, bad.index - 60), bad.index + 240);
        }
        if (own.length > 0) {
          problems.push(`message ${a} ${own.join('; ')}`);
          evidence.push(ctx.at(a, quoteText));
        }
      }
      if (problems.length > 0) return fail(problems.join('; '), evidence);
      return pass(`${answers.length} answer(s) within policy`);
    };
  },
} satisfies RuleDefinition<typeof Params>;
