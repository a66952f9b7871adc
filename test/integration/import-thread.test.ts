import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../core/store/index.js';
import { importPaths, type ImportOptions, type ImportProgress, type ImportReport } from '../../core/pipeline/import.js';
import { haveSharedFixtures, repoDir, traceFixture } from '../helpers/fixtures.js';
import { redactionWorkerUrl } from '../helpers/import-worker-bundle.js';
import { tempDir } from '../helpers/temp.js';

const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');
const key = Buffer.alloc(32, 11);

/** Everything an import leaves in the store that redaction decides: trace bodies, staged fragments, placeholder states. */
function contents(store: Store): Record<string, unknown[]> {
  const all = (sql: string): unknown[] => store.db.prepare(sql).raw().all();
  return {
    traces: all('SELECT id, content_hash, body, title, user_id, conversation_id FROM traces ORDER BY id'),
    fragments: all('SELECT format, trace_key, fragment_id, payload FROM fragments ORDER BY format, trace_key, fragment_id'),
    states: all('SELECT scope, state FROM pseudonym_scopes ORDER BY scope'),
  };
}

/** A report without what differs from run to run. */
function stable(r: ImportReport): Omit<ImportReport, 'importId' | 'durationMs'> {
  const { importId: _id, durationMs: _ms, ...rest } = r;
  return rest;
}

async function importBoth(paths: string[], options: ImportOptions = {}): Promise<{ inline: Store; thread: Store; a: ImportReport; b: ImportReport }> {
  const inline = Store.open(':memory:');
  const thread = Store.open(':memory:');
  const a = await importPaths(inline, paths, { redaction: { secretKey: key }, redactionThread: 'never', ...options });
  const b = await importPaths(thread, paths, { redaction: { secretKey: key }, redactionThread: 'always', redactionWorkerUrl: await redactionWorkerUrl(), ...options });
  return { inline, thread, a, b };
}

describe.skipIf(!haveSharedFixtures())('import with redaction on a second thread', () => {
  it('stores byte for byte what the single-thread import stores, for every real export format', async () => {
    const paths = [
      SAMPLE,
      traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json'),
      ...['langfuse', 'openinference', 'langsmith-sdk'].flatMap((d) => readdirSync(traceFixture(d)).map((f) => traceFixture(`${d}/${f}`))),
    ];
    const { inline, thread, a, b } = await importBoth(paths);
    expect(b.traces.added).toBeGreaterThan(100);
    expect(b.redaction?.total).toBeGreaterThan(1000);
    expect(stable(b)).toEqual(stable(a));
    expect(contents(thread)).toEqual(contents(inline));
    // Importing again on the thread finds nothing new: placeholders were saved and reread.
    const again = await importPaths(thread, paths, { redaction: { secretKey: key }, redactionThread: 'always', redactionWorkerUrl: await redactionWorkerUrl() });
    expect(again.traces.added + again.traces.updated).toBe(0);
    inline.close();
    thread.close();
  });

  it('keeps placeholders consistent when conversations are closed and reopened mid-import', async () => {
    // The OTLP sample's conversations span many records; with two open scopes each is closed and reopened.
    const { inline, thread } = await importBoth([SAMPLE], { redaction: { secretKey: key, maxOpenScopes: 2 } });
    const wide = Store.open(':memory:');
    await importPaths(wide, [SAMPLE], { redaction: { secretKey: key }, redactionThread: 'never' });
    expect(contents(thread).traces).toEqual(contents(wide).traces);
    expect(contents(thread)).toEqual(contents(inline));
    for (const s of [inline, thread, wide]) s.close();
  });

  it('names bad records in file order and stores the good ones around them', async () => {
    const dir = tempDir();
    const chat = (i: number): string =>
      JSON.stringify({ id: `t${i}`, messages: [{ role: 'user', content: `I am Maria Gonzalez, write to maria${i}@example.com` }, { role: 'assistant', content: 'Done.' }] });
    const lines = Array.from({ length: 300 }, (_, i) => (i % 50 === 7 ? '{"id": "broken", "messages": [' : i % 50 === 9 ? '{"id": "empty", "messages": "nope"}' : chat(i)));
    writeFileSync(join(dir, 'mixed.jsonl'), lines.join('\n'));
    const { inline, thread, a, b } = await importBoth([dir]);
    expect(b.errors.map((e) => e.line)).toEqual([8, 10, 58, 60, 108, 110, 158, 160, 208, 210, 258, 260]);
    expect(b.errors[0]?.reason).toMatch(/not valid JSON/);
    expect(b.traces.added).toBe(288);
    expect(stable(b)).toEqual(stable(a));
    expect(contents(thread)).toEqual(contents(inline));
    expect(JSON.stringify(contents(thread))).not.toMatch(/Maria|Gonzalez|example\.com/);
    inline.close();
    thread.close();
  });

  it('stops when cancelled, keeping every record it read, and resumes', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ id: `t${i}`, messages: [{ role: 'user', content: `question ${i} from ann${i}@example.org ${'x'.repeat(200)}` }, { role: 'assistant', content: `answer ${i}` }] }),
    );
    writeFileSync(join(dir, 'big.jsonl'), lines.join('\n'));
    const store = Store.open(':memory:');
    const controller = new AbortController();
    const events: ImportProgress[] = [];
    const options: ImportOptions = { redaction: { secretKey: key }, redactionThread: 'always', redactionWorkerUrl: await redactionWorkerUrl(), batchSize: 100 };
    const report = await importPaths(store, [dir], {
      ...options,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        events.push(p);
        if (p.records >= 500) controller.abort();
      },
    });
    expect(report.status).toBe('cancelled');
    // Every record read before the cancel is stored: none is dropped between the threads.
    expect(store.traces.count()).toBe(report.records);
    expect(report.records).toBeGreaterThanOrEqual(500);
    expect(report.records).toBeLessThan(3000);
    const resumed = await importPaths(store, [dir], options);
    expect(resumed.status).toBe('done');
    expect(store.traces.count()).toBe(3000);
    expect(resumed.traces.unchanged).toBe(report.records);
    store.close();
  });

  it('fails the import with a clear error when the thread cannot start', async () => {
    const store = Store.open(':memory:');
    await expect(
      importPaths(store, [SAMPLE], { redaction: { secretKey: key }, redactionThread: 'always', redactionWorkerUrl: new URL('file:///nonexistent/redaction-worker.js') }),
    ).rejects.toThrow(/the redaction thread failed/);
    const row = store.db.prepare('SELECT status FROM imports ORDER BY id DESC LIMIT 1').pluck().get();
    expect(row).toBe('failed');
    expect(store.traces.count()).toBe(0);
    store.close();
  });
});
