/**
 * Resolving a request path to a file of the renderer build, for the app:// protocol and the web bridge.
 * The resolved file must stay inside the build folder, after decoding and after following symlinks.
 */
import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The outcome of resolving a request path. */
export type AssetResolution = { status: 200; file: string; contentType: string } | { status: 403 | 404 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Map a URL pathname ('/', '/assets/x.js') to a file under `root`, refusing anything that escapes it. */
export function resolveAsset(pathname: string, root: string): AssetResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 403 };
  }
  // Backslashes and NULs have no business in a web path; on Windows a backslash would be a separator.
  if (decoded.includes('\\') || decoded.includes('\0')) return { status: 403 };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
  const rootReal = realpathSync(resolve(root));
  const relativePath = segments.length === 0 ? 'index.html' : segments.join(sep);
  const candidate = resolve(rootReal, relativePath);
  if (!inside(rootReal, candidate)) return { status: 403 };
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { status: 404 };
  }
  // A symlink inside the build pointing outside it would otherwise serve any file on disk.
  if (!inside(rootReal, real)) return { status: 403 };
  if (!statSync(real).isFile()) return { status: 404 };
  return { status: 200, file: real, contentType: CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream' };
}
