/**
 * The Review screen's service methods over an eval folder the CLI filled: `casebook run --promote` on the
 * bundled sample leaves one borderline case (a user pushing back) in eval/review_queue.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewDecideResult, ReviewItem } from '../../../core/api/contract.js';
import { createService, type CasebookService } from '../../../core/api/service.js';
import { promotedEvalFolder } from '../../helpers/review-eval.js';
import { tempDir } from '../../helpers/temp.js';
import { okValue } from '../../helpers/envelope.js';

interface CasesYaml {
  cases: Array<{ case_id: string; failure_mode: string; expected_behavior: string; history: Array<{ verdict: string }> }>;
}
interface QueueYaml {
  queue: Array<{ case_id: string }>;
  rejected?: string[];
}

const REASON = 'rule user-pushback (medium): message 5 pushes back on message 4 ("That\'s not right")';
const EDITED = 'Look the order up once, tell the user its real status (shipped, with the carrier), and do not repeat the same canned answer.';


describe('review.list and review.decide over a promoted eval folder', () => {
  let evalDir: string;
  let service: CasebookService;
  let item: ReviewItem;
  const read = <T>(file: string): T => parse(readFileSync(join(evalDir, file), 'utf8')) as T;

  beforeEach(async () => {
    evalDir = await promotedEvalFolder();
    service = createService({ dbPath: join(tempDir(), 'app.db'), evalDir, pickFiles: async () => [] });
    const items = await okValue<ReviewItem[]>(service.call('review.list', undefined));
    expect(items).toHaveLength(1);
    item = items[0]!;
  }, 60_000);
  afterEach(async () => {
    await service.close();
  });

  it('lists the queued case with its reasons, its last turns and its expected behaviour', () => {
    expect(item.caseId).toMatch(/^c_[0-9a-f]{12}$/);
    expect(item).toMatchObject({ failureMode: 'user_dissatisfied', intent: 'unknown', stakes: 'normal', known: false, reasons: [REASON] });
    expect(item.lastMessages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(item.lastMessages[0]?.content).toBe(
      "That's not right, I already told you the order number is NW-7388548. This is the third time I'm asking. My name is <PERSON_1>.",
    );
    expect(item.lastMessages[1]).toEqual({ role: 'assistant', content: '', toolCalls: ['get_order'] });
    expect(item.lastMessages[3]?.content).toBe(
      'Thanks for your patience, <PERSON_2>. I checked order NW-7388548: it is being handled and you will get an email at <EMAIL_1> with the update.',
    );
    expect(item.expectedBehavior).toMatch(/^Resolve the user's request so that no correction or escalation is needed\.\nRule user-pushback must pass/);
  });

  it('accepts with an edited expected behaviour: the case joins cases_from_prod.yaml with that text and leaves the queue', async () => {
    const before = read<CasesYaml>('cases_from_prod.yaml').cases;
    expect(before.some((c) => c.case_id === item.caseId)).toBe(false);

    const result = await okValue<ReviewDecideResult>(service.call('review.decide', { caseId: item.caseId, decision: 'accept', expectedBehavior: EDITED }));
    expect(result).toEqual({
      caseId: item.caseId,
      decision: 'accept',
      written: [join(evalDir, 'cases_from_prod.yaml'), join(evalDir, 'review_queue.yaml')],
      remaining: 0,
    });

    const after = read<CasesYaml>('cases_from_prod.yaml').cases;
    expect(after).toHaveLength(before.length + 1);
    const accepted = after.find((c) => c.case_id === item.caseId);
    expect(accepted?.failure_mode).toBe('user_dissatisfied');
    expect(accepted?.expected_behavior).toBe(EDITED);
    expect(accepted?.history[0]?.verdict).toBe('borderline');
    // The cases promoted by the run are still there, untouched.
    expect(after.filter((c) => c.case_id !== item.caseId)).toEqual(before);
    expect(read<QueueYaml>('review_queue.yaml')).toEqual({ queue: [] });
    expect(await service.call('review.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('rejects: the case is recorded in `rejected`, never reaches the cases file, and leaves the queue', async () => {
    const casesBefore = readFileSync(join(evalDir, 'cases_from_prod.yaml'), 'utf8');
    const result = await okValue<ReviewDecideResult>(service.call('review.decide', { caseId: item.caseId, decision: 'reject' }));
    expect(result.remaining).toBe(0);
    expect(result.written).toEqual([join(evalDir, 'review_queue.yaml')]);
    expect(read<QueueYaml>('review_queue.yaml')).toEqual({ queue: [], rejected: [item.caseId] });
    expect(readFileSync(join(evalDir, 'cases_from_prod.yaml'), 'utf8')).toBe(casesBefore);
  });

  it('skips without writing anything: the case stays queued', async () => {
    const queueBefore = readFileSync(join(evalDir, 'review_queue.yaml'), 'utf8');
    const result = await okValue<ReviewDecideResult>(service.call('review.decide', { caseId: item.caseId, decision: 'skip' }));
    expect(result).toEqual({ caseId: item.caseId, decision: 'skip', written: [], remaining: 1 });
    expect(readFileSync(join(evalDir, 'review_queue.yaml'), 'utf8')).toBe(queueBefore);
  });

  it('answers a bad payload with the validation envelope and an unqueued case with not_found, writing nothing', async () => {
    const queueBefore = readFileSync(join(evalDir, 'review_queue.yaml'), 'utf8');
    const bad = await service.call('review.decide', { caseId: item.caseId, decision: 'promote' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_request');
    expect(bad.error.message).toBe('invalid request for review.decide');
    expect(bad.error.issues?.map((i) => i.path)).toEqual(['decision']);

    const stray = await service.call('review.decide', { caseId: item.caseId, decision: 'reject', expectedBehavior: 'x' });
    expect(stray).toMatchObject({ ok: false, error: { code: 'invalid_request', issues: [{ path: 'expectedBehavior', message: 'expectedBehavior goes with accept only' }] } });

    expect(await service.call('review.decide', { caseId: 'c_000000000000', decision: 'accept' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'c_000000000000 is not in the review queue' },
    });
    expect(readFileSync(join(evalDir, 'review_queue.yaml'), 'utf8')).toBe(queueBefore);
  });
});

describe('review.list without a queue', () => {
  it('is empty when the eval folder has no review_queue.yaml', async () => {
    const service = createService({ dbPath: join(tempDir(), 'app.db'), evalDir: tempDir(), pickFiles: async () => [] });
    try {
      expect(await service.call('review.list', undefined)).toEqual({ ok: true, value: [] });
    } finally {
      await service.close();
    }
  });
});
