/**
 * The service side of the Review screen: the queue of borderline cases in the eval folder, and one
 * decision at a time saved through core/promote/review-store (the same path `casebook review` takes).
 * The files are small, so the work is synchronous.
 */
import type { ReviewEntry } from '../promote/review-queue.js';
import { decideAndSave, readReviewQueue } from '../promote/review-store.js';
import { ApiError, type ReviewDecideRequest, type ReviewDecideResult, type ReviewItem } from './contract.js';

/** How many of a case's last messages the screen shows, as many as the terminal review prints. */
export const REVIEW_LAST_MESSAGES = 4;

/** One queue entry as the contract describes it. */
export function reviewItem(e: ReviewEntry): ReviewItem {
  const c = e.case;
  return {
    caseId: e.case_id,
    failureMode: c.failure_mode,
    intent: c.intent,
    stakes: c.stakes,
    known: e.known,
    reasons: e.reasons,
    lastMessages: c.input.messages.slice(-REVIEW_LAST_MESSAGES).map((m) => ({
      role: m.role,
      content: m.content,
      toolCalls: (m.tool_calls ?? []).map((t) => t.name),
    })),
    expectedBehavior: c.expected_behavior,
  };
}

/** Every queued case of the eval folder `evalDir`, in the file's order. */
export function reviewItems(evalDir: string): ReviewItem[] {
  return readReviewQueue(evalDir).queue.queue.map(reviewItem);
}

/** Apply and save one decision; a case that is not queued (any more) is `not_found`. */
export function reviewDecide(evalDir: string, request: ReviewDecideRequest): ReviewDecideResult {
  const { caseId, decision, expectedBehavior } = request;
  // Checked here rather than left to decide()'s plain Error, so the caller gets a typed code.
  if (!readReviewQueue(evalDir).queue.queue.some((e) => e.case_id === caseId)) {
    throw new ApiError('not_found', `${caseId} is not in the review queue`);
  }
  const outcome = decideAndSave(
    evalDir,
    caseId,
    decision === 'accept' ? { kind: 'accept', expectedBehavior } : decision === 'reject' ? { kind: 'reject' } : { kind: 'skip' },
  );
  return { caseId, decision, written: outcome.written, remaining: outcome.queue.queue.length };
}
