/**
 * A zod port of the part of promptfoo's own test-case schema that Casebook's export uses, to validate
 * the exported file without installing promptfoo. Ported from promptfoo/promptfoo `src/types/index.ts`
 * (commit 0011eb02da99d740eed49f71fb74611157fe6564): `BaseAssertionTypesSchema`, `AssertionTypeSchema`
 * (base types, their `not-` forms, special types), `AssertionSchema`, `VarsSchema` (a plain object whose
 * values are not null/undefined) and `AtomicTestCaseSchema` (TestCaseSchema, `.strict()`). Fields
 * Casebook never writes (provider, options, assertScoringFunction, ...) are kept as loosely typed
 * optionals so a strict parse still rejects unknown keys, as promptfoo's does.
 */
import { z } from 'zod';

const BASE_ASSERTION_TYPES = [
  'answer-relevance', 'bleu', 'classifier', 'contains', 'contains-all', 'contains-any', 'contains-html', 'contains-json',
  'contains-sql', 'contains-xml', 'context-faithfulness', 'context-recall', 'context-relevance', 'conversation-relevance',
  'cost', 'equals', 'factuality', 'finish-reason', 'g-eval', 'gleu', 'guardrails', 'icontains', 'icontains-all',
  'icontains-any', 'is-html', 'is-json', 'is-refusal', 'is-sql', 'is-valid-function-call', 'is-valid-openai-function-call',
  'is-valid-openai-tools-call', 'is-xml', 'javascript', 'latency', 'levenshtein', 'llm-rubric', 'pi', 'meteor',
  'model-graded-closedqa', 'model-graded-factuality', 'moderation', 'perplexity', 'perplexity-score', 'python', 'regex',
  'rouge-n', 'ruby', 'similar', 'similar:cosine', 'similar:dot', 'similar:euclidean', 'starts-with', 'tool-call-f1',
  'skill-used', 'trajectory:goal-success', 'trajectory:tool-args-match', 'trajectory:step-count', 'trajectory:tool-sequence',
  'trajectory:tool-used', 'trace-error-spans', 'trace-span-count', 'trace-span-duration', 'search-rubric', 'webhook', 'word-count',
] as const;

export const BaseAssertionTypesSchema = z.enum(BASE_ASSERTION_TYPES);
const NotPrefixed = z.enum(BASE_ASSERTION_TYPES.map((t) => `not-${t}`) as [string, ...string[]]);
const Special = z.enum(['select-best', 'human', 'max-score']);
// promptfoo also admits red-team assertion types through z.custom; Casebook never writes those.
export const AssertionTypeSchema = z.union([BaseAssertionTypesSchema, NotPrefixed, Special]);

export const AssertionSchema = z.object({
  type: AssertionTypeSchema,
  value: z.union([z.string(), z.array(z.string()), z.number(), z.record(z.string(), z.unknown())]).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  threshold: z.number().optional(),
  weight: z.number().optional(),
  provider: z.unknown().optional(),
  rubricPrompt: z.unknown().optional(),
  metric: z.string().optional(),
  transform: z.string().optional(),
  contextTransform: z.string().optional(),
});

const isValidVarValue = (v: unknown): boolean => v !== null && v !== undefined && ['string', 'number', 'boolean', 'object'].includes(typeof v);

export const VarsSchema = z.custom<Record<string, unknown>>((data) => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const proto: unknown = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(data as Record<string, unknown>).every(isValidVarValue);
});

export const AtomicTestCaseSchema = z
  .object({
    description: z.string().optional(),
    vars: VarsSchema.optional(),
    provider: z.unknown().optional(),
    providers: z.array(z.string()).optional(),
    prompts: z.array(z.string()).optional(),
    providerOutput: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    assert: z.array(AssertionSchema).optional(),
    assertScoringFunction: z.unknown().optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    threshold: z.number().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
