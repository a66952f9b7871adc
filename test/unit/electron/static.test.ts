/** Static checks (S) of the security checklist: what the code and its build outputs may contain. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../core/api/csp.js';
import { repoDir } from '../../helpers/fixtures.js';

/** Every .ts/.tsx/.mjs source file under the given folders of the repo, as repo-relative paths. */
function sources(...folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs)$/.test(name)) out.push(relative(repoDir, path));
    }
  };
  for (const f of folders) walk(join(repoDir, f));
  return out;
}
const read = (file: string) => readFileSync(join(repoDir, file), 'utf8');
const APP_SOURCES = sources('core', 'electron', 'renderer/src', 'scripts');

describe('the preload bundle (checklist 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-preload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one CommonJS file whose only require is "electron"', () => {
    const outfile = join(dir, 'preload.cjs');
    execFileSync(process.execPath, [join(repoDir, 'scripts', 'build-preload.mjs'), outfile], { stdio: 'pipe' });
    const bundle = readFileSync(outfile, 'utf8');
    const required = [...bundle.matchAll(/\brequire\(\s*(["'`])([^"'`]*)\1\s*\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(bundle).not.toMatch(/\bimport\(\s*["'`]|from\s*["']node:|["']node:[a-z_]+["']/);
    // The contract is inlined, so the bundle carries the channels rather than loading them.
    expect(bundle).toContain('app:traces.list');
  });
});

describe('where powerful calls may live (checklist 5, 14)', () => {
  it('calls ipcMain.handle/on only in electron/main/ipc/register.ts', () => {
    const offenders = APP_SOURCES.filter((f) => /ipcMain\s*\.\s*(handle|handleOnce|on|once|addListener)\s*\(/.test(read(f)));
    expect(offenders).toEqual(['electron/main/ipc/register.ts']);
  });

  it('calls shell.openExternal only in electron/main/url-policy.ts', () => {
    const offenders = APP_SOURCES.filter((f) => /\.openExternal\s*\(/.test(read(f)));
    expect(offenders).toEqual(['electron/main/url-policy.ts']);
  });

  it('never turns webPreferences hardening off (checklist 1)', () => {
    const weak = /\b(nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|webviewTag|allowRunningInsecureContent|experimentalFeatures)\s*:\s*true\b|\b(contextIsolation|sandbox|webSecurity)\s*:\s*false\b|enableBlinkFeatures/;
    expect(APP_SOURCES.filter((f) => weak.test(read(f)))).toEqual([]);
  });
});

describe('the renderer (checklist 8, 9, 13)', () => {
  const rendererFiles = sources('renderer/src');

  it('imports no node:*, electron or core module other than the contract and model', () => {
    const bad: string[] = [];
    for (const f of rendererFiles) {
      for (const m of read(f).matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        const coreOk = /(^|\/)core\/(api\/contract\.js|model\/[a-z-]+\.js)$/.test(spec);
        if (spec.startsWith('node:') || spec === 'electron' || spec.includes('/electron/') || (spec.includes('core/') && !coreOk)) {
          bad.push(`${f}: ${spec}`);
        }
      }
    }
    expect(rendererFiles.length).toBeGreaterThan(5);
    expect(bad).toEqual([]);
  });

  it('renders trace text as text: no innerHTML anywhere in the renderer', () => {
    expect(rendererFiles.filter((f) => /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(read(f)))).toEqual(
      [],
    );
  });

  it('carries the same CSP in index.html as the header, with no inline or eval script', () => {
    const html = read('renderer/index.html');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>[^<]|\sstyle="|\son[a-z]+="/i);
  });
});
