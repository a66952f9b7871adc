import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventNames, localMembers, methodNames, methods, type CasebookApi } from '../../../core/api/contract.js';

vi.mock('electron', () => import('./electron-fake.js'));

const fake = await import('./electron-fake.js');
let api: CasebookApi;

/** Every function of the exposed object, as 'area.verb'. */
function members(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'function' ? [`${prefix}${k}`] : typeof v === 'object' && v !== null ? members(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

beforeAll(async () => {
  fake.resetFakes();
  await import('../../../electron/preload/preload.js');
  expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, exposed] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, CasebookApi];
  expect(name).toBe('api');
  api = exposed;
});

describe('the preload (checklist 3)', () => {
  it('exposes exactly one function per contract method and event, and nothing else', () => {
    expect(members(api).sort()).toEqual([...methodNames, ...eventNames, ...localMembers].sort());
    const text = JSON.stringify(Object.keys(api));
    expect(text).not.toMatch(/ipcRenderer|invoke|send/);
  });

  it('invokes each method on its own contract channel and unwraps the envelope', async () => {
    fake.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 'v' });
    await api.traces.list({ text: 'refund' });
    await api.traces.get({ id: 'tr_1' });
    await api.import.pickFiles();
    await api.import.start({ paths: ['/a.jsonl'] });
    await api.import.cancel({ jobId: 'j' });
    await api.app.info();
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [methods['traces.list'].channel, { text: 'refund' }],
      [methods['traces.get'].channel, { id: 'tr_1' }],
      [methods['import.pickFiles'].channel],
      [methods['import.start'].channel, { paths: ['/a.jsonl'] }],
      [methods['import.cancel'].channel, { jobId: 'j' }],
      [methods['app.info'].channel],
    ]);
  });

  it('turns an error envelope into a rejected promise carrying its message', async () => {
    fake.ipcRenderer.invoke.mockResolvedValue({ ok: false, error: { code: 'not_found', message: 'no trace with id x' } });
    await expect(api.traces.get({ id: 'x' })).rejects.toThrow('no trace with id x');
  });

  it('hands listeners the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = api.import.onProgress((...args: unknown[]) => received.push(args));
    const payload = { jobId: 'j', kind: 'error', error: 'boom' };
    fake.ipcRenderer.emit('app:import.onProgress', { sender: fake.ipcRenderer, senderId: 0 }, payload);
    expect(received).toEqual([[payload]]);
    off();
    fake.ipcRenderer.emit('app:import.onProgress', { sender: fake.ipcRenderer }, payload);
    expect(received).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount('app:import.onProgress')).toBe(0);
  });

  it('gets a dropped file path from webUtils', () => {
    expect(api.import.pathForFile({ name: 'export.jsonl', size: 3 })).toBe('/dropped/export.jsonl');
  });
});
