/**
 * Electron's main process: app lifecycle and the main window. A thin shell: the service (core/api) does
 * the work, ipc/register.ts wires it to the window, window-security.ts and app-protocol.ts harden it.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { createService, type CasebookService } from '../../core/api/service.js';
import { defaultDatabasePath } from '../../core/store/location.js';
import { installAppProtocol, registerAppScheme } from './app-protocol.js';
import { registerIpc } from './ipc/register.js';
import { hardenWebContents, installSecurityBackstop, webPreferences } from './window-security.js';
import { isAppUrl, rendererUrl } from './url-policy.js';

const here = dirname(fileURLToPath(import.meta.url));
/** dist/electron/main → the bundled preload and the renderer build. */
const PRELOAD_PATH = join(here, '..', 'preload', 'preload.cjs');
const RENDERER_DIR = resolve(here, '..', '..', '..', 'renderer', 'dist');

/** What a main window needs to know. */
export interface MainWindowOptions {
  preloadPath: string;
  /** From rendererUrl(): app://app/index.html, or the dev server. */
  url: string;
  devOrigin?: string;
}

/** Create the main window, hardened, and load the app into it. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Casebook',
    backgroundColor: '#f6f7f9',
    webPreferences: webPreferences(options.preloadPath),
  });
  hardenWebContents(win.webContents, (url) => isAppUrl(url, options.devOrigin));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}

/** Start the desktop app. */
export function startApp(): void {
  // Two instances would be two writers on one database; focus the first instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  const target = rendererUrl({ isPackaged: app.isPackaged, env: process.env });
  const allowed = (url: string): boolean => isAppUrl(url, target.devOrigin);
  const windows = new Set<BrowserWindow>();
  let service: CasebookService | undefined;

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({ preloadPath: PRELOAD_PATH, ...target });
    windows.add(win);
    win.on('closed', () => windows.delete(win));
    return win;
  };

  void app.whenReady().then(() => {
    installSecurityBackstop(allowed);
    installAppProtocol(RENDERER_DIR);
    service = createService({
      dbPath: defaultDatabasePath(),
      version: app.getVersion(),
      pickFiles: async () => {
        const parent = BrowserWindow.getFocusedWindow() ?? [...windows][0];
        const options = {
          title: 'Import trace exports',
          properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
          filters: [
            { name: 'Trace exports', extensions: ['json', 'jsonl', 'ndjson', 'csv', 'gz'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
    });
    registerIpc(service, { isOurWindow: (w) => windows.has(w), isAppUrl: allowed });
    openWindow();
    app.on('activate', () => {
      if (windows.size === 0) openWindow();
    });
  });

  app.on('second-instance', () => {
    const win = [...windows][0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void service?.close();
  });
}

// Start only inside Electron's main process, so tests can import createMainWindow with electron mocked.
if (process.type === 'browser') startApp();
