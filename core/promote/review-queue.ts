/**
 * The review queue (eval/review_queue.yaml): borderline failures waiting for a human. Pure parsing,
 * deciding and rendering; the file is read and written through eval-folder's leak-scanned writer.
 */
import { parse } from 'yaml';
import { toYaml } from '../config/yaml-config.js';
import { z } from 'zod';
import { Case } from './case.js';

/** One queued case with why it is not clear-cut. */
export const ReviewEntry = z.object({ case_id: z.string(), known: z.boolean().default(false), reasons: z.array(z.string()).default([]), case: Case });
export type ReviewEntry = z.infer<typeof ReviewEntry>;

/** The whole queue; `rejected` case ids are never queued again. */
export const ReviewQueue = z.object({ queue: z.array(ReviewEntry).default([]), rejected: z.array(z.string()).default([]) });
export type ReviewQueue = z.infer<typeof ReviewQueue>;

/** The file name in the eval folder. */
export const REVIEW_QUEUE_FILE = 'review_queue.yaml';

const HEADER = '# Borderline failures awaiting a human decision: `casebook review` walks them (accept, reject, edit, skip).\n';

/** Parse the queue file text (empty text: an empty queue). */
export function parseReviewQueue(text: string, file: string): ReviewQueue {
  if (text.trim() === '') return ReviewQueue.parse({});
  const parsed = ReviewQueue.safeParse(parse(text));
  if (!parsed.success) throw new Error(`${file}: not a review queue: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** Deterministic text of a queue: entries by case id, rejected ids sorted. */
export function renderReviewQueue(q: ReviewQueue): string {
  const queue = [...q.queue].sort((a, b) => (a.case_id < b.case_id ? -1 : a.case_id > b.case_id ? 1 : 0));
  const rejected = [...new Set(q.rejected)].sort();
  return HEADER + toYaml({ queue, ...(rejected.length > 0 ? { rejected } : {}) });
}

/** Add newly borderline cases; what is queued or was rejected before stays as it is. */
export function enqueue(q: ReviewQueue, entries: readonly ReviewEntry[]): ReviewQueue {
  const known = new Set([...q.queue.map((e) => e.case_id), ...q.rejected]);
  return { queue: [...q.queue, ...entries.filter((e) => !known.has(e.case_id))], rejected: q.rejected };
}

/** A human's decision on one entry. */
export type ReviewDecision = { kind: 'accept'; expectedBehavior?: string } | { kind: 'reject' } | { kind: 'skip' };

/** Apply a decision: the accepted case (to merge into the cases file) and the queue without it. */
export function decide(q: ReviewQueue, caseId: string, d: ReviewDecision): { queue: ReviewQueue; accepted?: Case } {
  const entry = q.queue.find((e) => e.case_id === caseId);
  if (!entry) throw new Error(`${caseId} is not in the review queue`);
  if (d.kind === 'skip') return { queue: q };
  const rest = q.queue.filter((e) => e.case_id !== caseId);
  if (d.kind === 'reject') return { queue: { queue: rest, rejected: [...q.rejected, caseId] } };
  const accepted = d.expectedBehavior ? { ...entry.case, expected_behavior: d.expectedBehavior } : entry.case;
  return { queue: { queue: rest, rejected: q.rejected }, accepted };
}

/** How an entry reads in a terminal: what failed, why it is borderline, and how the conversation ended. */
export function renderEntry(e: ReviewEntry, index: number, total: number): string {
  const c = e.case;
  const lines = [
    `[${index + 1}/${total}] ${c.case_id}  ${c.failure_mode}  (intent ${c.intent}, stakes ${c.stakes})${e.known ? '  known case' : ''}`,
    ...e.reasons.map((r) => `  why borderline: ${r}`),
    '  conversation (last turns):',
    ...c.input.messages.slice(-4).map((m) => `    ${m.role.toUpperCase()}: ${(m.content || (m.tool_calls ?? []).map((t) => `→ ${t.name}`).join(' ')).slice(0, 300)}`),
    `  expected behaviour: ${c.expected_behavior}`,
  ];
  return `${lines.join('\n')}\n`;
}
