/** Hand-written graded conversations for the promote and failures tests. */
import { createHash } from 'node:crypto';
import type { Message, Trace } from '../../../core/model/trace.js';
import type { JudgeResult, RuleVerdict, Verdict } from '../../../core/model/grade.js';
import type { JudgeDisposition } from '../../../core/grade/verdict.js';
import type { PromotableItem } from '../../../core/promote/build.js';
import { answer, call, trace, user } from '../rules/crafted.js';

export { answer, call, user };

const hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A trace whose content hash is a real hex hash (the case schema requires one). */
export function hashedTrace(id: string, messages: Message[][]): Trace {
  return trace(id, messages, { contentHash: hex(id) });
}

/** A failed rule with evidence at the given transcript index. */
export function failedRule(ruleId: string, failureMode: string | undefined, message: string, messageIndex: number, quote: string, severity: RuleVerdict['severity'] = 'high'): RuleVerdict {
  return { ruleId, outcome: 'fail', severity, ...(failureMode ? { failureMode } : {}), message, evidence: [{ messageIndex, quote }] };
}

/** A graded judge disposition. */
export function judged(axes: Array<[string, number, number]>, extra: { suggestedFailureMode?: string; summary?: string } = {}): JudgeDisposition {
  const result: JudgeResult = {
    status: 'graded',
    cached: false,
    axes: axes.map(([axis, score, threshold]) => ({ axis, score, threshold, pass: score >= threshold, rationale: `${axis} rationale` })),
    ...extra,
  };
  return { kind: 'judged', result };
}

/** A graded item of one conversation. */
export function item(key: string, intent: string, messages: Message[][], rules: RuleVerdict[], verdict: Verdict, judge: JudgeDisposition = { kind: 'skipped', reason: 'rules failed' }): PromotableItem {
  const t = hashedTrace(`${key}-t1`, messages);
  return {
    ref: { key, traceIds: [t.id], startTime: null, intent, stakes: 'high', weight: 1 },
    rules,
    judge,
    verdict,
    reasons: rules.map((r) => `rule ${r.ruleId} (${r.severity}): ${r.message}`),
    traces: [t],
    contentHash: hex(`${key}-conv`),
  };
}

/**
 * The refund conversation of the support sample: get_order times out and the agent says the refund went
 * through. `orderNo` and `emailN` vary between otherwise identical conversations.
 */
export function refundTimeout(key: string, orderNo: string, emailN: number, tools: string[] = ['get_order', 'create_refund']): PromotableItem {
  const msgs: Message[][] = [user(`Hi, I want a refund for order #${orderNo}, my email is <EMAIL_${emailN}>.`)];
  for (const t of tools) msgs.push(call(t, { order_id: orderNo }, t === 'create_refund' ? 'Error: timeout after 10000 ms' : { id: orderNo, status: 'delivered' }, t === 'create_refund' ? 'timeout' : 'ok'));
  msgs.push(answer('Your refund has been processed and will arrive in 3-5 days.'));
  msgs.push(user('Thanks!'));
  msgs.push(answer('You are welcome.'));
  const answerIndex = 1 + tools.length * 2;
  return item(key, 'refund', msgs, [failedRule('tool-error-answered', 'ignored_tool_error', `create_refund failed ("Error: timeout after 10000 ms") and message ${answerIndex} answered anyway`, answerIndex, 'Your refund has been processed')], 'fail');
}
