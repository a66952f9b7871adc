/**
 * Window hardening, in one place: the webPreferences every window gets, the navigation and window-open
 * locks, the app-wide backstop for web contents we did not create on purpose, and the permission deny.
 */
import { app, session, type WebContents, type WebPreferences } from 'electron';
import { openExternal } from './url-policy.js';

/** The webPreferences of every window: sandboxed, isolated, no Node, no webview. */
export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

const hardened = new WeakSet<WebContents>();

/**
 * Lock a web contents to the app: navigation and redirects only to app URLs, every window.open denied
 * (http(s) links go to the OS browser instead), and no <webview>.
 */
export function hardenWebContents(contents: WebContents, isAllowedUrl: (url: string) => boolean): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * The app-wide backstop: every web contents ever created gets the same locks, and the default session
 * grants no permission (camera, geolocation, notifications, clipboard…): the app needs none.
 * Call once the app is ready, before the first window.
 */
export function installSecurityBackstop(isAllowedUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAllowedUrl));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
