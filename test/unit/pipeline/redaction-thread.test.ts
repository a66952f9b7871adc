import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Store } from '../../../core/store/index.js';
import { parserFor } from '../../../core/ingest/registry.js';
import { sha256Hex } from '../../../core/ingest/identity.js';
import { TraceDraft } from '../../../core/model/trace.js';
import { createIdStore, createRedactionTransform } from '../../../core/pipeline/redaction-transform.js';
import { createKeyedHash, createRedactor } from '../../../core/redact/index.js';
import { inlineRunner, type JobResult, type RedactionJob, type RedactionRunner } from '../../../core/pipeline/redaction-jobs.js';
import { threadRunner, type ThreadRunnerOptions } from '../../../core/pipeline/redaction-thread.js';
import { parseRedactionConfig } from '../../../core/redact/config.js';
import { redactionMark } from '../../../core/pipeline/redaction-mark.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { redactionWorkerUrl } from '../../helpers/import-worker-bundle.js';

const TAU = traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json');
const key = Buffer.alloc(32, 5);
const MARK = redactionMark(parseRedactionConfig({}));

/**
 * The real tau-bench trajectories as a chat export that repeats history: each conversation comes back
 * twice (its first half, then all of it, as a second trace), with every other conversation in between.
 */
function tauJobs(): RedactionJob[] {
  const parser = parserFor('tau-bench');
  const records = JSON.parse(readFileSync(TAU, 'utf8')) as unknown[];
  const drafts = records.flatMap((r, index) => parser.parse(r, { file: TAU, line: 1, byteOffset: 0, index }, { file: TAU, hash: sha256Hex }).traces);
  const inConversation = (d: TraceDraft, part: string, messages: TraceDraft['messages']): TraceDraft => ({
    ...d,
    conversationId: `conv-${d.source.sourceTraceId}`,
    source: { ...d.source, sourceTraceId: `${d.source.sourceTraceId}-${part}` },
    messages,
  });
  const halves = drafts.map((d) => inConversation(d, 'a', d.messages.slice(0, Math.ceil(d.messages.length / 2))));
  const wholes = drafts.map((d) => inConversation(d, 'b', d.messages));
  return [...halves, ...wholes].map((draft) => ({ kind: 'draft', draft }));
}

/** Submit every job as its own unit; the stored bodies in submission order, and each unit's result count. */
async function runAll(runner: RedactionRunner, jobs: RedactionJob[]): Promise<string[]> {
  const bodies: string[] = [];
  for (const job of jobs) {
    runner.submit([job], 1000, (results: JobResult[]) => {
      const r = results[0];
      if (!r?.ok || !('row' in r)) throw new Error(`unexpected result ${JSON.stringify(r)}`);
      if (r.row.redaction !== MARK) throw new Error(`row marked ${r.row.redaction}, expected ${MARK}`);
      bodies.push(r.row.body);
    });
    await runner.pace();
  }
  await runner.drain();
  return bodies;
}

/** A thread runner over `store`'s saved states (default configuration), writing changed states back to it. */
async function startThread(store: Store, options: Partial<ThreadRunnerOptions> = {}): Promise<RedactionRunner> {
  return threadRunner({
    workerUrl: await redactionWorkerUrl(),
    config: parseRedactionConfig({}),
    secretKey: key,
    mark: MARK,
    importId: 1,
    states: store.pseudonyms,
    saveState: (scope, json) => store.pseudonyms.put(scope, json),
    // As the import makes it: the same redactor configuration and key as the thread's.
    ids: createIdStore(createRedactor({}), createKeyedHash(key)),
    ...options,
  });
}

/** Every saved state, by scope. */
function states(store: Store): Array<[string, string]> {
  return store.db.prepare('SELECT scope, state FROM pseudonym_scopes ORDER BY scope').raw().all() as Array<[string, string]>;
}

describe.skipIf(!haveSharedFixtures())('redaction on a second thread', () => {
  it('stores what the inline runner stores, even when scopes close and reopen while batches are in flight', async () => {
    const jobs = tauJobs();
    expect(jobs.length).toBe(100);
    // A conversation's second trace right after its first, with one other conversation in between: its scope
    // is due to close while the batch that changed it is still in flight (it must stay open, or be reread stale).
    const interleaved = Array.from({ length: 25 }, (_, i) => [jobs[2 * i], jobs[2 * i + 1], jobs[50 + 2 * i], jobs[51 + 2 * i]]).flat() as RedactionJob[];
    const inlineStore = Store.open(':memory:');
    const expected = await runAll(inlineRunner(createRedactionTransform(inlineStore, { secretKey: key }), MARK, 1), interleaved);
    const store = Store.open(':memory:');
    const runner = await startThread(store, { maxOpenScopes: 1, batchUnits: 1 });
    expect(await runAll(runner, interleaved)).toEqual(expected);
    await runner.finish();
    inlineStore.close();
    store.close();
  });

  it('stores what the inline runner stores when conversations are closed and reopened from the store', async () => {
    const jobs = tauJobs();

    const inlineStore = Store.open(':memory:');
    const transform = createRedactionTransform(inlineStore, { secretKey: key });
    const inline = inlineRunner(transform, MARK, 1);
    const expected = await runAll(inline, jobs);
    inline.beforeCommit();
    const inlineReport = await inline.finish();

    // Two open scopes and one unit per batch: every conversation is closed long before its second trace
    // comes, which must then continue from the state reread from the store.
    const store = Store.open(':memory:');
    const saved: string[] = [];
    const runner = await startThread(store, {
      saveState: (scope, json) => {
        saved.push(scope);
        store.pseudonyms.put(scope, json);
      },
      maxOpenScopes: 2,
      batchUnits: 1,
    });
    const got = await runAll(runner, jobs);
    const report = await runner.finish();

    expect(got).toEqual(expected);
    expect(states(store)).toEqual(states(inlineStore));
    expect(report).toEqual(inlineReport);
    expect(report?.total).toBeGreaterThan(500);
    // The second trace of a conversation continues its numbering: its first user turn reads as in the first.
    const first = JSON.parse(got[0] as string) as { messages: Array<{ role: string; text: string }> };
    const again = JSON.parse(got[50] as string) as { messages: Array<{ role: string; text: string }> };
    expect(again.messages.slice(0, first.messages.length)).toEqual(first.messages);
    expect(JSON.stringify(first.messages)).toMatch(/<(PERSON|EMAIL|USER_ID|ID)[A-Z_]*_\d+>/);
    // A conversation whose second trace brings new values was reopened from its saved state and written back again.
    const placeholders = (body: string): number => new Set(body.match(/<[A-Z_]+_\d+>/g) ?? []).size;
    const grown = jobs.slice(0, 50).flatMap((job, i) => (placeholders(got[50 + i] as string) > placeholders(got[i] as string) ? [job] : []));
    // (Seven of the fifty: a full name whose words already have placeholders brings no new one.)
    expect(grown.length).toBeGreaterThan(5);
    for (const job of grown) expect(saved.filter((s) => s === `conv:${(job as { draft: TraceDraft }).draft.conversationId}`).length).toBe(2);
    inlineStore.close();
    store.close();
  });

  it('fails a unit whose saved state is damaged, naming the scope, and redacts the others', async () => {
    const store = Store.open(':memory:');
    const jobs = tauJobs().slice(0, 3);
    const damaged = `conv:${(jobs[1] as { draft: TraceDraft }).draft.conversationId}`;
    store.pseudonyms.put(damaged, JSON.stringify({ version: 1, counters: {}, entries: { k: 'jane@example.com' } }));
    const runner = await startThread(store);
    const outcomes: string[] = [];
    for (const job of jobs) runner.submit([job], 0, (results) => outcomes.push(results[0]?.ok ? 'ok' : (results[0] as { reason: string }).reason));
    await runner.drain();
    await runner.finish();
    expect(outcomes[0]).toBe('ok');
    expect(outcomes[1]).toMatch(new RegExp(`^the saved placeholder state of ${damaged} is invalid at entries\\.k: .*the database is damaged$`));
    expect(outcomes[1]).not.toContain('jane@example.com');
    expect(outcomes[2]).toBe('ok');
    store.close();
  });

  it('reports a worker that cannot start as an error, not a hang', async () => {
    const store = Store.open(':memory:');
    const runner = await startThread(store, { workerUrl: new URL('file:///nonexistent/redaction-worker.js') });
    runner.submit(tauJobs().slice(0, 1), 0, () => {});
    await expect(runner.drain()).rejects.toThrow(/the redaction thread failed: .*nonexistent/);
    await runner.abort();
    store.close();
  });
});

describe('redaction on a second thread, ids with PII', () => {
  it('names scopes from the ids as stored, as the inline runner does, so no unit fails', async () => {
    // A WhatsApp conversation keyed by the customer's number, traces keyed by an email, and a span-based
    // trace whose key is a phone number: the import side must hand the thread the states of the scopes its
    // jobs will open, whose names come from the hashed ids.
    const chat = (sourceTraceId: string, text: string): TraceDraft =>
      TraceDraft.parse({ source: { format: 'openai-chat', file: 'f', sourceTraceId }, conversationId: 'whatsapp:+14155550199', messages: [{ role: 'user', text }] });
    const solo = (sourceTraceId: string, text: string): TraceDraft => TraceDraft.parse({ source: { format: 'generic', file: 'f', sourceTraceId }, messages: [{ role: 'user', text }] });
    const traceKey = 'tel:+14155550123';
    const jobs: RedactionJob[][] = [
      [{ kind: 'draft', draft: chat('t1', 'I am Maria Gonzalez, maria.g@example.com') }],
      [{ kind: 'draft', draft: chat('t2', 'Again, maria.g@example.com, and cc tom@example.net') }],
      [{ kind: 'draft', draft: solo('jane.roe@example.org-1', 'write to tom@example.net') }],
      [{ kind: 'fragment', format: 'otlp', fragment: { traceKey, fragmentId: 's1', payload: { attributes: { note: 'call tom@example.net' } } } }],
      [{ kind: 'assembled', format: 'otlp', traceKey, draft: TraceDraft.parse({ source: { format: 'otlp', file: 'f', sourceTraceId: traceKey }, messages: [{ role: 'user', text: 'hi <EMAIL_1>' }] }) }],
    ];
    const run = async (runner: RedactionRunner): Promise<string[]> => {
      const out: string[] = [];
      for (const unit of jobs) {
        runner.submit(unit, 1000, (results) => {
          for (const r of results) out.push(!r.ok ? `failed: ${r.reason}` : 'row' in r ? r.row.body : r.staged.text);
        });
        await runner.pace();
      }
      await runner.drain();
      return out;
    };
    const inlineStore = Store.open(':memory:');
    const inline = inlineRunner(createRedactionTransform(inlineStore, { secretKey: key }), MARK, 1);
    const expected = await run(inline);
    inline.beforeCommit();
    await inline.finish();
    const store = Store.open(':memory:');
    const runner = await startThread(store, { batchUnits: 1 });
    const got = await run(runner);
    await runner.finish();

    expect(got.filter((g) => g.startsWith('failed'))).toEqual([]);
    expect(got).toEqual(expected);
    expect(states(store)).toEqual(states(inlineStore));
    const all = JSON.stringify([got, states(store)]);
    for (const raw of ['14155550199', 'jane.roe', '14155550123', 'Maria', 'maria.g', 'tom@']) expect(all).not.toContain(raw);
    // The conversation's second trace continues the first one's numbering.
    expect(got[1]).toContain('Again, <EMAIL_1>, and cc <EMAIL_2>');
    expect(states(store).map(([scope]) => scope.replace(/[0-9a-f]{20}$/, '#'))).toEqual(['conv:PHONE-#', 'frag:otlp:PHONE-#', 'trace:generic:EMAIL-#']);
    inlineStore.close();
    store.close();
  });
});

