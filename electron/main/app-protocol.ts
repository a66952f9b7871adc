/**
 * The app:// protocol: serves the renderer build, GET only, from one host, never outside the build folder,
 * with the CSP header. The window never loads file:// URLs.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { resolveAsset, type AssetResolution } from '../../core/api/static-assets.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { APP_HOST, APP_SCHEME } from './url-policy.js';

/** Declare app:// a standard, secure scheme. Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Map an app:// URL to a file of the renderer build in `root`; 404 for another scheme or host. */
export function resolveAppAsset(url: string, root: string): AssetResolution {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { status: 404 };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '') return { status: 404 };
  return resolveAsset(u.pathname, root);
}

const HEADERS = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };

/** Answer one app:// request. */
export async function handleAppRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET') return new Response(null, { status: 405, headers: { ...HEADERS, Allow: 'GET' } });
  const found = resolveAppAsset(request.url, root);
  if (found.status !== 200) return new Response(null, { status: found.status, headers: HEADERS });
  const body = await readFile(found.file);
  return new Response(new Uint8Array(body), { status: 200, headers: { ...HEADERS, 'Content-Type': found.contentType } });
}

/** Serve `root` (renderer/dist) on app://app/. Call once the app is ready. */
export function installAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, root));
}
