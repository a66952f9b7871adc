/**
 * The contract between the rules runner and each built-in check: a check is compiled once from its
 * parameters (regexes built there, never per conversation) and then run on each conversation.
 */
import type { z } from 'zod';
import type { Evidence } from '../model/grade.js';
import type { RuleContext } from './context.js';

/** What a check found: nothing (pass), or a message and its evidence (fail). */
export interface Finding {
  message: string;
  evidence: Evidence[];
}

/** A check's result: `null` when the check does not apply to this conversation (no verdict is emitted). */
export type CheckResult = { outcome: 'pass'; message: string; evidence?: Evidence[] } | ({ outcome: 'fail' } & Finding) | null;

/** A compiled check, ready to run on conversations. */
export type CompiledCheck = (ctx: RuleContext) => CheckResult;

/** A built-in rule type: its parameter schema and how to compile it. */
export interface RuleDefinition<P extends z.ZodType> {
  /** What the rule checks, one sentence (shown in docs and the run summary). */
  description: string;
  params: P;
  compile(params: z.output<P>): CompiledCheck;
}

/** Pass result helper. */
export function pass(message: string): CheckResult {
  return { outcome: 'pass', message };
}

/** Fail result helper. */
export function fail(message: string, evidence: Evidence[]): CheckResult {
  return { outcome: 'fail', message, evidence };
}
