import { beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames, methods, events } from '../../../core/api/contract.js';
import { dispatch, type CasebookService, type Handlers } from '../../../core/api/service.js';

vi.mock('electron', () => import('./electron-fake.js'));

const fake = await import('./electron-fake.js');
const { registerIpc } = await import('../../../electron/main/ipc/register.js');
const { isAppUrl } = await import('../../../electron/main/url-policy.js');

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** A service whose handlers are spies, with the real validation (dispatch) in front of them. */
function spyService() {
  const handlers = {
    'traces.list': vi.fn(async () => ({ total: 0, items: [] })),
    'traces.get': vi.fn(async () => {
      throw new Error('unused');
    }),
    'import.pickFiles': vi.fn(async () => ['/data/export.jsonl']),
    'import.start': vi.fn(async () => ({ jobId: 'job-1' })),
    'import.cancel': vi.fn(async () => ({ cancelled: true })),
    'app.info': vi.fn(async () => ({ version: '1.2.3', dbPath: '/db', traceCount: 7, storedRedaction: null })),
    'runs.list': vi.fn(async () => []),
    'runs.get': vi.fn(async () => {
      throw new Error('unused');
    }),
    'runs.start': vi.fn(async () => ({ jobId: 'run-job-1' })),
    'runs.cancel': vi.fn(async () => ({ cancelled: true })),
    'review.list': vi.fn(async () => []),
    'review.decide': vi.fn(async () => ({ caseId: 'c_000000000000', decision: 'skip' as const, written: [], remaining: 0 })),
    'modes.list': vi.fn(async () => ({ path: '/eval/failure_modes.yaml', modes: [], proposals: [] })),
    'modes.decide': vi.fn(async () => ({ proposalId: 'p_0123456789', decision: 'reject' as const, modeId: null, written: [], dryRun: false })),
  } satisfies Handlers;
  const listeners = new Map<string, (e: unknown) => void>();
  const subscribe = (name: string, l: unknown) => {
    listeners.set(name, l as (e: unknown) => void);
    return () => listeners.delete(name);
  };
  const service: CasebookService = {
    dbPath: '/db',
    call: (method, payload) => dispatch(handlers, method, payload),
    onImportEvent: (l) => subscribe('import.onProgress', l),
    onRunEvent: (l) => subscribe('runs.onProgress', l),
    onEvent: (name, l) => subscribe(name, l),
    close: async () => undefined,
  };
  return {
    service,
    handlers,
    emit: (e: unknown) => listeners.get('import.onProgress')?.(e),
    emitRun: (e: unknown) => listeners.get('runs.onProgress')?.(e),
  };
}

let ours: InstanceType<typeof fake.FakeBrowserWindow>;
let spies: ReturnType<typeof spyService>;

beforeEach(() => {
  fake.resetFakes();
  ours = new fake.FakeBrowserWindow({});
  spies = spyService();
  registerIpc(spies.service as never, { isOurWindow: (w) => w === (ours as unknown), isAppUrl: (u) => isAppUrl(u) });
});

/** The event main sees for a call from `frame` in `contents`. */
function eventFrom(contents: unknown, frame: { url: string; parent: unknown } | null) {
  return { sender: contents, senderFrame: frame };
}
const topFrame = { url: 'app://app/index.html', parent: null };
const handler = (channel: string) => fake.ipcHandlers.get(channel) as Invoke;

describe('registration (checklist 5)', () => {
  it('registers exactly one handler per contract channel, named app:<area>.<verb>', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(methodNames.map((m) => methods[m].channel).sort());
    for (const m of methodNames) expect(methods[m].channel).toBe(`app:${m}`);
    expect(events['import.onProgress'].channel).toBe('app:import.onProgress');
  });

  it('answers a trusted call with the handler value in an envelope', async () => {
    expect(await handler('app:app.info')(eventFrom(ours.webContents, topFrame))).toEqual({
      ok: true,
      value: { version: '1.2.3', dbPath: '/db', traceCount: 7, storedRedaction: null },
    });
    expect(await handler('app:import.start')(eventFrom(ours.webContents, topFrame), { paths: ['/a.jsonl'] })).toEqual({
      ok: true,
      value: { jobId: 'job-1' },
    });
    expect(spies.handlers['import.start']).toHaveBeenCalledWith({ paths: ['/a.jsonl'] });
  });
});

describe('sender validation (checklist 4)', () => {
  const strangers: Array<[string, () => unknown]> = [
    ['a foreign origin', () => eventFrom(ours.webContents, { url: 'https://evil.example/', parent: null })],
    ['a file: URL', () => eventFrom(ours.webContents, { url: 'file:///tmp/x.html', parent: null })],
    ['another app host', () => eventFrom(ours.webContents, { url: 'app://other/index.html', parent: null })],
    ['a subframe', () => eventFrom(ours.webContents, { url: 'app://app/index.html', parent: topFrame })],
    ['a destroyed frame', () => eventFrom(ours.webContents, null)],
    ['an unknown webContents', () => eventFrom(new fake.FakeWebContents(), topFrame)],
    ['a window that is not ours', () => eventFrom(new fake.FakeBrowserWindow({}).webContents, topFrame)],
  ];

  it.each(strangers)('rejects %s on every channel without calling the handler', async (_name, makeEvent) => {
    for (const m of methodNames) {
      const payload = m === 'import.start' ? { paths: ['/a'] } : m === 'runs.start' ? { judge: 'off' } : undefined;
      const result = await handler(methods[m].channel)(makeEvent(), payload);
      expect(result, m).toEqual({ ok: false, error: { code: 'forbidden', message: 'caller is not the app window' } });
    }
    for (const spy of Object.values(spies.handlers)) expect(spy).not.toHaveBeenCalled();
  });
});

describe('payload validation (checklist 5)', () => {
  const malformed: Record<string, unknown[]> = {
    'traces.list': [{ limit: -1 }, { text: 42 }, { sql: 'DROP TABLE traces' }, 'x'],
    'traces.get': [undefined, {}, { id: 5 }, { id: '' }, { id: 'a', extra: 1 }],
    'import.pickFiles': [{}, 'x', 1],
    'import.start': [undefined, {}, { paths: [] }, { paths: 'a' }, { paths: ['a'], format: 'pdf' }, { paths: [''] }],
    'import.cancel': [undefined, {}, { jobId: 1 }],
    'app.info': [{}, null],
    'runs.list': [{ limit: 0 }, { limit: 'all' }, { status: 'done' }, 'x'],
    'runs.get': [undefined, {}, { id: 7 }, { id: '' }],
    'runs.start': [
      undefined,
      { since: 'fortnight' },
      { since: '7d; rm -rf /' },
      { sampleSize: 0 },
      { sampleSize: 10, all: true },
      { judge: 'maybe' },
      { evalDir: '/etc' },
    ],
    'runs.cancel': [undefined, {}, { jobId: 2 }],
    'review.list': [{}, 'x'],
    'review.decide': [
      undefined,
      { caseId: 'c_0123456789ab' },
      { caseId: '../cases', decision: 'accept' },
      { caseId: 'c_0123456789ab', decision: 'promote' },
      { caseId: 'c_0123456789ab', decision: 'reject', expectedBehavior: 'x' },
      { caseId: 'c_0123456789ab', decision: 'accept', expectedBehavior: '   ' },
      { caseId: 'c_0123456789ab', decision: 'skip', evalDir: '/etc' },
    ],
    'modes.list': [{}, 'x'],
    'modes.decide': [
      undefined,
      { proposalId: 'p_0123456789' },
      { proposalId: '../failure_modes', decision: 'accept' },
      { proposalId: 'p_0123456789', decision: 'promote' },
      { proposalId: 'p_0123456789', decision: 'rename' },
      { proposalId: 'p_0123456789', decision: 'rename', title: '   ' },
      { proposalId: 'p_0123456789', decision: 'accept', title: 'x' },
      { proposalId: 'p_0123456789', decision: 'merge' },
      { proposalId: 'p_0123456789', decision: 'merge', into: 'Wrong Tool!' },
      { proposalId: 'p_0123456789', decision: 'reject', evalDir: '/etc' },
    ],
  };

  it('covers every method', () => {
    expect(Object.keys(malformed).sort()).toEqual([...methodNames].sort());
  });

  it.each(Object.entries(malformed))('%s: malformed payloads get invalid_request and never reach the handler', async (m, payloads) => {
    for (const payload of payloads) {
      const result = (await handler(`app:${m}`)(eventFrom(ours.webContents, topFrame), payload)) as {
        ok: boolean;
        error: { code: string; issues?: unknown[] };
      };
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      expect(result.error.code).toBe('invalid_request');
      expect(result.error.issues?.length).toBeGreaterThan(0);
      expect(JSON.stringify(result)).not.toMatch(/\n\s+at /);
    }
    expect(spies.handlers[m as keyof typeof spies.handlers]).not.toHaveBeenCalled();
  });

  it('rejects extra arguments', async () => {
    const result = await handler('app:app.info')(eventFrom(ours.webContents, topFrame), undefined, 'extra');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(spies.handlers['app.info']).not.toHaveBeenCalled();
  });
});

describe('import events', () => {
  it('go to our window only, on the contract channel', () => {
    const stranger = new fake.FakeBrowserWindow({});
    const event = { jobId: 'j', kind: 'error', error: 'x' };
    spies.emit(event);
    expect(ours.webContents.send.mock.calls).toEqual([['app:import.onProgress', event]]);
    expect(stranger.webContents.send).not.toHaveBeenCalled();
  });

  it('run events go to our window only, on their own contract channel', () => {
    const stranger = new fake.FakeBrowserWindow({});
    const event = { jobId: 'r', kind: 'progress', progress: { phase: 'rules', done: 3, total: 35 } };
    spies.emitRun(event);
    expect(ours.webContents.send.mock.calls).toEqual([['app:runs.onProgress', event]]);
    expect(stranger.webContents.send).not.toHaveBeenCalled();
  });
});
