/**
 * A fake `electron` module for main-process and preload tests (the binary is never needed). Each test file
 * does `vi.mock('electron', () => import('./electron-fake.js'))` and then calls the callbacks our code
 * registered, as Fiddle's tests do.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

/** A webContents: an EventEmitter that remembers its window-open handler. */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = 'app://app/index.html';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
}

/** Every BrowserWindow constructed, newest last. */
export const windows: FakeBrowserWindow[] = [];

/** A BrowserWindow that records its options and loadURL calls. */
export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    windows.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return windows.find((w) => w.webContents === contents) ?? null;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return [...windows];
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return windows[0] ?? null;
  }
}

/** Channel → handler, as registered with ipcMain.handle. */
export const ipcHandlers = new Map<string, Handler>();

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  whenReady: vi.fn(async () => undefined),
  getVersion: vi.fn(() => '0.0.0-test'),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
});

export const ipcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcHandlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
});

export const contextBridge = { exposeInMainWorld: vi.fn() };
export const webUtils = { getPathForFile: vi.fn((file: { name: string }) => `/dropped/${file.name}`) };
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
export const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })) };
export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
export const session = {
  defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
};

export const BrowserWindow = FakeBrowserWindow;

/** Forget everything registered so far. */
export function resetFakes(): void {
  windows.length = 0;
  ipcHandlers.clear();
  app.removeAllListeners();
  ipcRenderer.removeAllListeners();
  vi.clearAllMocks();
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  protocol,
  session,
  shell,
  webUtils,
};
