import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../core/api/csp.js';

vi.mock('electron', () => import('./electron-fake.js'));

const fake = await import('./electron-fake.js');
const { resolveAppAsset, handleAppRequest, installAppProtocol, registerAppScheme } = await import(
  '../../../electron/main/app-protocol.js'
);

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'casebook-protocol-'));
  root = join(base, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Casebook</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'not for the renderer');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
beforeEach(() => fake.resetFakes());

describe('resolveAppAsset (checklist 11)', () => {
  it('serves files of the build', () => {
    expect(resolveAppAsset('app://app/', root)).toMatchObject({ status: 200, file: join(root, 'index.html') });
    expect(resolveAppAsset('app://app/assets/index.js', root)).toMatchObject({
      status: 200,
      file: join(root, 'assets', 'index.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it.each([
    ['app://app/../secret.txt'],
    ['app://app/assets/..%2f..%2fsecret.txt'],
    ['app://app/%2e%2e/secret.txt'],
    ['app://app/assets/%2E%2E/%2E%2E/secret.txt'],
    ['app://app/..%5csecret.txt'],
    ['app://app/assets\\..\\..\\secret.txt'],
    ['app://app/%2Fetc%2Fpasswd'],
    ['app://app//etc/passwd'],
    ['app://app/assets/link.txt'],
    ['app://app/%00index.html'],
    ['app://app/%zz'],
  ])('refuses %s', (url) => {
    const result = resolveAppAsset(url, root);
    expect([403, 404]).toContain(result.status);
    expect(result).not.toHaveProperty('file');
  });

  it('refuses another host, a port, user info, or another scheme', () => {
    for (const url of ['app://other/index.html', 'app://app:8080/index.html', 'app://u@app/index.html', 'file:///index.html']) {
      expect(resolveAppAsset(url, root).status, url).toBe(404);
    }
  });
});

describe('the app:// handler', () => {
  it('registers app:// as a standard, secure scheme', () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('answers GET with the file and the CSP header, and anything else with 405', async () => {
    installAppProtocol(root);
    const [scheme, handler] = fake.protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');

    const ok = await handler(new Request('app://app/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await ok.text()).toContain('<title>Casebook</title>');

    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await handler(new Request('app://app/index.html', { method, body: method === 'DELETE' ? null : 'x' }));
      expect(res.status, method).toBe(405);
    }
    expect((await handleAppRequest(new Request('app://app/../secret.txt'), root)).status).not.toBe(200);
    expect((await handleAppRequest(new Request('app://app/missing.js'), root)).status).toBe(404);
  });
});
