/** The built-in rule types, by the `type` name used in eval/casebook.yaml. */
import type { z } from 'zod';
import { citationNotRetrieved } from './checks/citation-not-retrieved.js';
import { contextBudget } from './checks/context-budget.js';
import { emptyResultDenied } from './checks/empty-result-denied.js';
import { languageMismatch } from './checks/language-mismatch.js';
import { latencyBudget } from './checks/latency-budget.js';
import { promptInjection } from './checks/prompt-injection.js';
import { responsePolicy } from './checks/response-policy.js';
import { toolErrorAnswered } from './checks/tool-error-answered.js';
import { toolPolicy } from './checks/tool-policy.js';
import { userComplaint } from './checks/user-complaint.js';
import type { RuleDefinition } from './types.js';

export const ruleRegistry = {
  tool_policy: toolPolicy,
  tool_error_answered: toolErrorAnswered,
  empty_result_denied: emptyResultDenied,
  citation_not_retrieved: citationNotRetrieved,
  language_mismatch: languageMismatch,
  prompt_injection: promptInjection,
  user_complaint: userComplaint,
  response_policy: responsePolicy,
  context_budget: contextBudget,
  latency_budget: latencyBudget,
} satisfies Record<string, RuleDefinition<z.ZodType>>;

export type RuleType = keyof typeof ruleRegistry;

/** The names of the built-in rule types. */
export const ruleTypes = Object.keys(ruleRegistry) as RuleType[];
