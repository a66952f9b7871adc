/**
 * The verdict of a conversation from its rule verdicts and its judgment (pure). A judge error is never
 * a pass (design.md invariant 6): without a graded judgment and without a rule failure, the verdict is
 * 'ungraded'.
 */
import type { JudgeResult, RuleVerdict, Verdict } from '../model/grade.js';

/** Whether the judge was asked about this conversation, and if not, why. */
export type JudgeDisposition =
  | { kind: 'judged'; result: JudgeResult }
  | { kind: 'skipped'; reason: string }
  | { kind: 'unavailable'; reason: string };

/** A verdict and the human-readable reasons behind it. */
export interface Decision {
  verdict: Verdict;
  reasons: string[];
}

/** Severities that make a rule failure clear-cut on its own. */
const CLEAR_CUT = new Set(['high', 'critical']);

/**
 * Decide. Rules: a high/critical failure is a clear-cut fail; only low/medium failures are borderline
 * (a weak rule). Judge: an axis two or more points under its threshold fails; exactly one point under
 * is borderline (near the threshold); every axis at or over its threshold passes.
 */
export function decideVerdict(rules: readonly RuleVerdict[], judge: JudgeDisposition): Decision {
  const reasons: string[] = [];
  const failed = rules.filter((r) => r.outcome === 'fail');
  let clearCut = false;
  let weak = false;
  for (const r of failed) {
    reasons.push(`rule ${r.ruleId} (${r.severity}): ${r.message}`);
    if (CLEAR_CUT.has(r.severity)) clearCut = true;
    else weak = true;
  }
  let judgeFail = false;
  let judgeNear = false;
  let graded = false;
  if (judge.kind === 'judged' && judge.result.status === 'graded') {
    graded = true;
    for (const a of judge.result.axes) {
      if (a.score <= a.threshold - 2) {
        judgeFail = true;
        reasons.push(`judge: ${a.axis} ${a.score} (threshold ${a.threshold}): ${a.rationale}`);
      } else if (a.score < a.threshold) {
        judgeNear = true;
        reasons.push(`judge: ${a.axis} ${a.score}, just under threshold ${a.threshold}: ${a.rationale}`);
      }
    }
  } else if (judge.kind === 'judged' && judge.result.status === 'ungraded') {
    reasons.push(`judge ungraded: ${judge.result.reason}`);
  } else if (judge.kind !== 'judged' && failed.length === 0) {
    reasons.push(`not judged: ${judge.reason}`);
  }
  if (clearCut || judgeFail) return { verdict: 'fail', reasons };
  if (weak || judgeNear) return { verdict: 'borderline', reasons };
  if (graded) return { verdict: 'pass', reasons };
  return { verdict: 'ungraded', reasons };
}
