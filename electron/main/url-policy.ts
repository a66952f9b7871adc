/**
 * Which URLs the app may load, and which may be handed to the OS browser. Pure predicates with table
 * tests, plus `openExternal`: the only place in the app that calls shell.openExternal.
 */
import { shell } from 'electron';

/** The app's own origin: the renderer build served by the app:// protocol handler. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True for a URL of the app itself: exactly app://app (no port, no user info), or, in development only,
 * exactly the dev server's origin.
 */
export function isAppUrl(url: string, devOrigin?: string): boolean {
  const u = parse(url);
  if (!u || u.username !== '' || u.password !== '') return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  return devOrigin !== undefined && u.origin === devOrigin && (u.protocol === 'http:' || u.protocol === 'https:');
}

/** The URL to hand to the OS browser, or undefined: only http(s), never with user info (a phishing staple). */
export function toExternalUrl(url: string): string | undefined {
  const u = parse(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  if (u.username !== '' || u.password !== '' || u.hostname === '') return undefined;
  return u.href;
}

/** A development renderer server's origin, if `url` is an http URL on loopback; else undefined. */
export function devServerOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const u = parse(url);
  if (!u || u.protocol !== 'http:' || u.username !== '' || u.password !== '' || !LOOPBACK_HOSTS.has(u.hostname)) return undefined;
  return u.origin;
}

/** What the window loads: app://app/index.html, or the loopback dev server when unpackaged and asked for. */
export function rendererUrl(options: { isPackaged: boolean; env: Record<string, string | undefined> }): {
  url: string;
  devOrigin?: string;
} {
  if (!options.isPackaged) {
    const devOrigin = devServerOrigin(options.env.CASEBOOK_RENDERER_URL);
    if (devOrigin) return { url: `${devOrigin}/`, devOrigin };
  }
  return { url: APP_ENTRY_URL };
}

/** Open an http(s) URL in the user's browser; anything else is ignored. Returns whether it was opened. */
export function openExternal(url: string): boolean {
  const safe = toExternalUrl(url);
  if (!safe) return false;
  void shell.openExternal(safe);
  return true;
}
