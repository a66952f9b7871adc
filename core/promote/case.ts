/**
 * The promoted eval case (one entry of eval/cases_from_prod.yaml) and the file around it. Keys are
 * snake_case because the file is read by people and by other harnesses, not only by Casebook. Pure.
 */
import { z } from 'zod';
import { Json } from '../model/trace.js';
import { FailureModeId, IsoDate } from '../failures/taxonomy.js';

/** A tool call as a case records it: what was called with what, and what came back. */
export const CaseToolCall = z
  .object({
    id: z.string().optional(),
    name: z.string().min(1),
    arguments: Json,
    status: z.enum(['ok', 'error', 'timeout', 'unknown']).default('unknown'),
    /** Present when no tool message of the input carries the result. */
    result: Json.optional(),
    error: z.string().optional(),
  })
  .strict();
export type CaseToolCall = z.infer<typeof CaseToolCall>;

/** One message of a case's input (redacted text only). */
export const CaseMessage = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.string(),
    name: z.string().optional(),
    tool_call_id: z.string().optional(),
    tool_calls: z.array(CaseToolCall).optional(),
  })
  .strict();
export type CaseMessage = z.infer<typeof CaseMessage>;

/** A check the agent must pass on this input: a rule that failed, restated as an assertion. */
export const CaseCheck = z
  .object({
    rule: z.string().min(1),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    /** What must hold, in words (the harness's model-graded fallback). */
    assertion: z.string().min(1),
    /** What the rule reported when the case was promoted. */
    observed: z.string().optional(),
    /** Phrases the answer must not contain (case-insensitive). */
    forbid_phrases: z.array(z.string().min(1)).optional(),
    /** Regular expressions (JavaScript syntax, case-insensitive) the answer must not match. */
    forbid_patterns: z.array(z.string().min(1)).optional(),
    /** Tools that must not be called. */
    forbid_tools: z.array(z.string().min(1)).optional(),
    /** Tools that must be called. */
    require_tools: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type CaseCheck = z.infer<typeof CaseCheck>;

/** One sighting of the case in a run. */
export const CaseHistoryEntry = z
  .object({
    run: z.string().min(1),
    date: IsoDate,
    verdict: z.enum(['pass', 'fail', 'borderline', 'ungraded']),
    /** Hash of the judge pin that graded it (absent when graded by rules only). */
    judge_pin: z.string().optional(),
  })
  .strict();
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

/** One promoted case. */
export const Case = z
  .object({
    case_id: z.string().regex(/^c_[0-9a-f]{12}$/, 'c_ followed by 12 hex digits'),
    intent: z.string().min(1),
    stakes: z.string().min(1),
    failure_mode: FailureModeId,
    category: z.string().min(1),
    /** The redacted conversation up to and including the failing turn. */
    input: z.object({ messages: z.array(CaseMessage).min(1) }).strict(),
    expected_behavior: z.string().min(1),
    checks: z.array(CaseCheck).default([]),
    /** Content hashes of the source traces: enough to find them again, never their content. */
    source: z
      .object({
        traces: z.array(z.string().regex(/^[0-9a-f]{16,64}$/, 'a hex content hash')).min(1),
        /** Content hash of the whole conversation (the judgment cache key). */
        conversation: z.string().regex(/^[0-9a-f]{16,64}$/, 'a hex content hash').optional(),
      })
      .strict(),
    history: z.array(CaseHistoryEntry).min(1),
    /** Free text for the team (Casebook never writes it). */
    notes: z.string().optional(),
    /** Labels for the team's harness filters (Casebook never writes them). */
    tags: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type Case = z.infer<typeof Case>;
export type CaseInput = z.input<typeof Case>;

/** The whole eval/cases_from_prod.yaml. */
export const CasesFile = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).default(1),
    cases: z.array(Case).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.cases.forEach((c, i) => {
      if (seen.has(c.case_id)) ctx.addIssue({ code: 'custom', message: `duplicate case_id ${c.case_id}`, path: ['cases', i, 'case_id'] });
      seen.add(c.case_id);
    });
  });
export type CasesFile = z.infer<typeof CasesFile>;
