/**
 * `casebook review`: walk the review queue in the terminal (accept, reject, edit the expected behaviour,
 * skip), or decide one entry from a script with --accept/--reject. Accepted cases are merged into
 * eval/cases_from_prod.yaml like promoted ones (leak-scanned, comments kept).
 */
import { decide, renderEntry, type ReviewDecision } from '../../promote/review-queue.js';
import { readReviewQueue, saveReview } from '../../promote/review-store.js';
import type { Case } from '../../promote/case.js';
import { ExitCode, type CliIo } from '../io.js';
import { UsageError } from './traces.js';

/** Options of the review command. */
export interface ReviewOptions {
  evalDir: string;
  accept?: string;
  reject?: string;
  expected?: string;
}

/** Run the review command. */
export async function runReview(o: ReviewOptions, io: CliIo): Promise<number> {
  const loaded = readReviewQueue(o.evalDir);
  const { path, text: before } = loaded;
  let queue = loaded.queue;
  const accepted: Case[] = [];
  if (o.accept || o.reject) {
    const id = (o.accept ?? o.reject) as string;
    if (!queue.queue.some((e) => e.case_id === id)) throw new UsageError(`${id} is not in ${path}`);
    const d: ReviewDecision = o.accept ? { kind: 'accept', expectedBehavior: o.expected } : { kind: 'reject' };
    const r = decide(queue, id, d);
    queue = r.queue;
    if (r.accepted) accepted.push(r.accepted);
    const written = saveReview(o.evalDir, before, queue, accepted);
    io.stdout(`${o.accept ? 'accepted' : 'rejected'} ${id}; ${queue.queue.length} left in the queue. Wrote ${written.join(', ')}\n`);
    return ExitCode.ok;
  }
  if (queue.queue.length === 0) {
    io.stdout('The review queue is empty.\n');
    return ExitCode.ok;
  }
  if (!io.ask) throw new UsageError('review needs a terminal; in a script use --accept CASE_ID or --reject CASE_ID');
  const ids = queue.queue.map((e) => e.case_id);
  for (const [i, id] of ids.entries()) {
    const entry = queue.queue.find((e) => e.case_id === id);
    if (!entry) continue;
    io.stdout(renderEntry(entry, i, ids.length));
    let d: ReviewDecision | undefined;
    while (!d) {
      const answer = (await io.ask('  [a]ccept, [r]eject, [e]dit expected behaviour, [s]kip, [q]uit? '))?.trim().toLowerCase();
      if (answer === undefined || answer === 'q') break;
      if (answer === 'a') d = { kind: 'accept' };
      else if (answer === 'r') d = { kind: 'reject' };
      else if (answer === 's') d = { kind: 'skip' };
      else if (answer === 'e') {
        const text = (await io.ask('  expected behaviour: '))?.trim();
        if (text) d = { kind: 'accept', expectedBehavior: text };
      }
    }
    if (!d) break;
    const r = decide(queue, id, d);
    queue = r.queue;
    if (r.accepted) accepted.push(r.accepted);
  }
  const written = saveReview(o.evalDir, before, queue, accepted);
  io.stdout(`${accepted.length} accepted; ${queue.queue.length} left in the queue.${written.length ? ` Wrote ${written.join(', ')}` : ''}\n`);
  return ExitCode.ok;
}
