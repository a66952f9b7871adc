/**
 * The file side of the review queue, shared by `casebook review` and the app's Review screen so a decision
 * is saved the same way from both: accepted cases merged into eval/cases_from_prod.yaml (leak-scanned,
 * comments kept, refused when the file changed on disk), then the queue rewritten without them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeEvalFile } from '../config/eval-folder.js';
import type { Case } from './case.js';
import { decide, parseReviewQueue, renderReviewQueue, REVIEW_QUEUE_FILE, type ReviewDecision, type ReviewQueue } from './review-queue.js';
import { readCases, writeCases } from './write.js';

/** The queue file as read: its path, its text (what a later save compares against) and the parsed queue. */
export interface LoadedReviewQueue {
  path: string;
  text: string;
  queue: ReviewQueue;
}

/** Read eval/review_queue.yaml of `dir` (an empty queue when the file is missing). */
export function readReviewQueue(dir: string): LoadedReviewQueue {
  const path = join(dir, REVIEW_QUEUE_FILE);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return { path, text, queue: parseReviewQueue(text, path) };
}

/**
 * Merge the accepted cases into the cases file, then write the queue if its text changed since `before`.
 * Returns the paths written.
 */
export function saveReview(dir: string, before: string, queue: ReviewQueue, accepted: readonly Case[]): string[] {
  const written: string[] = [];
  // Cases first: if the merge is refused (a leak, a file changed on disk), the entry stays queued.
  if (accepted.length > 0) {
    const read = readCases(dir);
    if (writeCases(dir, read, accepted).changed) written.push(read.path);
  }
  const text = renderReviewQueue(queue);
  if (text !== before) written.push(writeEvalFile(dir, REVIEW_QUEUE_FILE, text));
  return written;
}

/** What deciding one entry did. */
export interface ReviewOutcome {
  queue: ReviewQueue;
  accepted?: Case;
  written: string[];
}

/** Read the queue, apply one decision on `caseId` and save it (throws when the case is not queued). */
export function decideAndSave(dir: string, caseId: string, decision: ReviewDecision): ReviewOutcome {
  const loaded = readReviewQueue(dir);
  const r = decide(loaded.queue, caseId, decision);
  const written = saveReview(dir, loaded.text, r.queue, r.accepted ? [r.accepted] : []);
  return { queue: r.queue, accepted: r.accepted, written };
}
