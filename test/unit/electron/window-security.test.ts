import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake.js'));

const fake = await import('./electron-fake.js');
const { webPreferences, hardenWebContents, installSecurityBackstop } = await import('../../../electron/main/window-security.js');
const { createMainWindow } = await import('../../../electron/main/main.js');
const { isAppUrl } = await import('../../../electron/main/url-policy.js');

/** An Electron-like event whose preventDefault we can observe. */
function navEvent() {
  return { preventDefault: vi.fn() };
}

beforeEach(() => fake.resetFakes());

describe('webPreferences (checklist 1)', () => {
  it('is exactly the hardened set, with the preload path', () => {
    expect(webPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    });
    expect(webPreferences('/x')).not.toHaveProperty('enableBlinkFeatures');
  });

  it('is what createMainWindow gives the BrowserWindow, which loads the app URL (checklist 12)', () => {
    createMainWindow({ preloadPath: '/app/preload.cjs', url: 'app://app/index.html' });
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options.webPreferences).toEqual(webPreferences('/app/preload.cjs'));
    expect(win.loadURL.mock.calls).toEqual([['app://app/index.html']]);
  });
});

describe('navigation lock and window-open deny (checklist 6)', () => {
  it('lets the main window navigate only within the app', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://app/index.html' });
    const contents = fake.windows[0]!.webContents;
    for (const [url, blocked] of [
      ['app://app/index.html', false],
      ['https://evil.example/', true],
      ['file:///etc/passwd', true],
      ['app://other/', true],
      ['javascript:alert(1)', true],
    ] as const) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const e = navEvent();
        contents.emit(name, e, url);
        expect(e.preventDefault, `${name} ${url}`).toHaveBeenCalledTimes(blocked ? 1 : 0);
      }
    }
  });

  it('denies every window.open, and opens only http(s) links in the OS browser', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://app/index.html' });
    const open = fake.windows[0]!.webContents.windowOpenHandler!;
    expect(open({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://app/index.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://example.com/docs']]);
  });

  it('allows the dev server origin only when the window was opened on it', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'http://127.0.0.1:5173/', devOrigin: 'http://127.0.0.1:5173' });
    const contents = fake.windows[0]!.webContents;
    const ok = navEvent();
    contents.emit('will-navigate', ok, 'http://127.0.0.1:5173/other');
    const bad = navEvent();
    contents.emit('will-navigate', bad, 'http://127.0.0.1:5174/');
    expect(ok.preventDefault).not.toHaveBeenCalled();
    expect(bad.preventDefault).toHaveBeenCalled();
  });
});

describe('app-wide backstop (checklist 7) and permissions (checklist 10)', () => {
  it('hardens every web contents created later, and blocks <webview>', () => {
    installSecurityBackstop((url) => isAppUrl(url));
    const stray = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, stray);

    const attach = navEvent();
    stray.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    const nav = navEvent();
    stray.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(stray.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('hardens a web contents once even when both the window and the backstop apply it', () => {
    const contents = new fake.FakeWebContents();
    hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], () => true);
    hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], () => true);
    expect((contents as EventEmitter).listenerCount('will-navigate')).toBe(1);
  });

  it('denies every permission request and check', () => {
    installSecurityBackstop(() => true);
    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const check = fake.session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, permission: string) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check({}, permission), permission).toBe(false);
    }
  });
});
