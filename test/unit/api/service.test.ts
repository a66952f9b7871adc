/** The app service over a temp database: validation envelopes, reads, and import jobs in a worker thread. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportEvent, ImportReport, TraceDetail } from '../../../core/api/contract.js';
import { createService, type CasebookService } from '../../../core/api/service.js';
import { Store } from '../../../core/store/index.js';
import type { TracePage } from '../../../core/model/query.js';
import { haveSharedFixtures, repoDir, traceFixture } from '../../helpers/fixtures.js';
import { importWorkerUrl } from '../../helpers/import-worker-bundle.js';
import { okValue } from '../../helpers/envelope.js';

const FIXTURE = traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json');
const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-service-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function newService(name: string, pickFiles: () => Promise<string[]> = async () => []): Promise<CasebookService> {
  return createService({ dbPath: join(dir, `${name}.db`), pickFiles, version: '9.9.9', workerUrl: await importWorkerUrl() });
}

/** Collect a job's events until its `done` or `error`. */
function collect(service: CasebookService, jobId: () => string | undefined) {
  const seen: ImportEvent[] = [];
  const finished = new Promise<ImportEvent>((resolve) => {
    const off = service.onImportEvent((e) => {
      seen.push(e);
      if (e.kind !== 'progress' && e.jobId === jobId()) {
        off();
        resolve(e);
      }
    });
  });
  return { seen, finished };
}


describe('validation', () => {
  it('answers malformed payloads and unknown methods with typed envelopes, without stack traces', async () => {
    const service = await newService('validation');
    try {
      const bad = await service.call('traces.list', { limit: 'ten' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', message: 'invalid request for traces.list' } });
      expect(bad.ok === false && bad.error.issues?.[0]?.path).toBe('limit');
      expect(await service.call('traces.drop', {})).toEqual({
        ok: false,
        error: { code: 'unknown_method', message: 'unknown method "traces.drop"' },
      });
      expect(await service.call('toString', undefined)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(await service.call('traces.get', { id: 'tr_missing' })).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'no trace with id tr_missing' },
      });
      expect(await service.call('import.start', { paths: ['/no/such/file.jsonl'] })).toMatchObject({ ok: true });
    } finally {
      await service.close();
    }
  });

  it('reports app info from its own connection', async () => {
    const service = await newService('info');
    try {
      expect(await okValue(service.call('app.info', undefined))).toEqual({
        version: '9.9.9',
        dbPath: join(dir, 'info.db'),
        traceCount: 0,
        storedRedaction: { current: 0, stale: 0, unknown: 0, raw: 0 },
      });
      expect(await okValue(service.call('import.pickFiles', undefined))).toEqual([]);
    } finally {
      await service.close();
    }
  });
});

describe.skipIf(!haveSharedFixtures())('importing the tau-bench fixture through a job', () => {
  let service: CasebookService;
  let report: ImportReport;
  let events: ImportEvent[];

  beforeAll(async () => {
    service = await newService('tau', async () => [FIXTURE]);
    const job: { id?: string } = {};
    const { seen, finished } = collect(service, () => job.id);
    const paths = await okValue<string[]>(service.call('import.pickFiles', undefined));
    job.id = (await okValue<{ jobId: string }>(service.call('import.start', { paths }))).jobId;
    const last = await finished;
    if (last.kind !== 'done') throw new Error(`import failed: ${JSON.stringify(last)}`);
    report = last.report;
    events = seen;
  });
  afterAll(() => service.close());

  it('posts progress with byte counts, then the final report', () => {
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const final = progress.at(-1);
    expect(final?.kind === 'progress' && final.progress).toMatchObject({ phase: 'done', bytesRead: 956314, bytesTotal: 956314, records: 50 });
    expect(report).toMatchObject({ status: 'done', records: 50, errorCount: 0, traces: { added: 50, updated: 0, unchanged: 0 } });
    expect(report.files).toEqual([{ file: FIXTURE, format: 'tau-bench', bytes: 956314, records: 50, errors: 0 }]);
  });

  it('lists and searches the stored traces', async () => {
    const all = await okValue<TracePage>(service.call('traces.list', undefined));
    expect(all.total).toBe(50);
    const hits = await okValue<TracePage>(service.call('traces.list', { text: 'G72NSF' }));
    expect(hits.items.map((t) => t.sourceTraceId).sort()).toEqual(['task-11-trial-0', 'task-11-trial-1']);
    expect(hits.items.find((t) => t.sourceTraceId === 'task-11-trial-1')?.title).toBe(
      'Hi! I need to book a flight for my friend <PERSON_1> using the same details as my current reservation. Can you help with that?',
    );
  });

  it('gets one trace with its messages and tool calls', async () => {
    const hits = await okValue<TracePage>(service.call('traces.list', { text: 'G72NSF', limit: 10 }));
    const id = hits.items.find((t) => t.sourceTraceId === 'task-11-trial-1')!.id;
    const { trace, conversation } = await okValue<TraceDetail>(service.call('traces.get', { id }));
    expect(conversation).toEqual([]);
    expect(trace.outcome.reward).toBe(0);
    // The user id is masked under its key in tool calls and, with the same placeholder, in free text.
    expect(trace.messages.map((m) => m.text)).toContain('Sure, my user ID is <USER_1>.');
    const call = trace.messages.flatMap((m) => m.toolCalls).find((c) => c.name === 'get_reservation_details');
    expect(call?.arguments).toEqual({ reservation_id: 'G72NSF' });
  });

  it('re-importing the same file adds nothing', async () => {
    const job: { id?: string } = {};
    const { finished } = collect(service, () => job.id);
    job.id = (await okValue<{ jobId: string }>(service.call('import.start', { paths: [FIXTURE], format: 'tau-bench' }))).jobId;
    const last = await finished;
    expect(last.kind === 'done' && last.report.traces).toEqual({ added: 0, updated: 0, unchanged: 50 });
  });
});

describe("the eval folder's redaction: section", () => {
  /** A service over `db` whose eval folder holds `yaml` as casebook.yaml, and the final event of importing the sample through it. */
  async function importSampleUnder(db: string, yaml: string): Promise<{ service: CasebookService; last: ImportEvent }> {
    const evalDir = mkdtempSync(join(dir, 'eval-'));
    writeFileSync(join(evalDir, 'casebook.yaml'), yaml);
    const service = createService({ dbPath: join(dir, db), pickFiles: async () => [], version: '9.9.9', workerUrl: await importWorkerUrl(), evalDir });
    const job: { id?: string } = {};
    const { finished } = collect(service, () => job.id);
    job.id = (await okValue<{ jobId: string }>(service.call('import.start', { paths: [SAMPLE] }))).jobId;
    return { service, last: await finished };
  }

  it('applies to imports started from the app (a deny-listed name never reaches the database)', async () => {
    const { service, last } = await importSampleUnder('deny.db', 'redaction:\n  denyList:\n    - { value: Outfitters Plus, type: PRODUCT }\n');
    try {
      expect(last.kind === 'done' && last.report.traces.added).toBe(62);
      const store = Store.open(join(dir, 'deny.db'));
      const count = (like: string): number => store.db.prepare('SELECT COUNT(*) FROM traces WHERE body LIKE ?').pluck().get(like) as number;
      expect(count('%Outfitters Plus%')).toBe(0);
      expect(count('%<PRODUCT_1>%')).toBeGreaterThan(10);
      store.close();
    } finally {
      await service.close();
    }
  });

  it('fails the job with the file and line of a broken casebook.yaml, importing nothing', async () => {
    const { service, last } = await importSampleUnder('broken.db', 'redaction:\n  denyList: 7\n');
    try {
      expect(last.kind).toBe('error');
      expect(last.kind === 'error' && last.error).toMatch(/casebook\.yaml.*line 2/);
      expect((await okValue<TracePage>(service.call('traces.list', { limit: 1, offset: 0 }))).total).toBe(0);
    } finally {
      await service.close();
    }
  });
});

describe('cancelling a job', () => {
  it('stops a large import part-way, keeps what was committed, and refuses a second job meanwhile', async () => {
    // ~40 MB of OpenAI-chat JSONL: long enough to cancel while it runs.
    const file = join(dir, 'big.jsonl');
    const filler = 'lorem ipsum dolor sit amet '.repeat(60);
    const lines: string[] = [];
    for (let i = 0; i < 25_000; i++) {
      lines.push(
        JSON.stringify({
          id: `conv-${i}`,
          messages: [
            { role: 'user', content: `question ${i}: ${filler}` },
            { role: 'assistant', content: `answer ${i}: ${filler}` },
          ],
        }),
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);

    const service = await newService('cancel');
    try {
      const job: { id?: string } = {};
      const { seen, finished } = collect(service, () => job.id);
      const firstProgress = new Promise<void>((resolve) => {
        const off = service.onImportEvent((e) => {
          if (e.kind === 'progress' && e.progress.records > 0) {
            off();
            resolve();
          }
        });
      });
      job.id = (await okValue<{ jobId: string }>(service.call('import.start', { paths: [file] }))).jobId;
      expect(await service.call('import.start', { paths: [file] })).toMatchObject({ ok: false, error: { code: 'busy' } });
      await firstProgress;
      expect(await okValue(service.call('import.cancel', { jobId: job.id }))).toEqual({ cancelled: true });
      const last = await finished;
      expect(last.kind).toBe('done');
      if (last.kind !== 'done') return;
      expect(last.report.status).toBe('cancelled');
      expect(last.report.records).toBeGreaterThan(0);
      expect(last.report.records).toBeLessThan(25_000);
      expect(seen.some((e) => e.kind === 'progress')).toBe(true);
      const info = await okValue<{ traceCount: number }>(service.call('app.info', undefined));
      expect(info.traceCount).toBeGreaterThan(0);
      expect(info.traceCount).toBeLessThan(25_000);
      // The job is over: cancelling again does nothing, and a new job may start.
      expect(await okValue(service.call('import.cancel', { jobId: job.id }))).toEqual({ cancelled: false });
    } finally {
      await service.close();
    }
  });
});
