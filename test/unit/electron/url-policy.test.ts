import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake.js'));

const { isAppUrl, toExternalUrl, rendererUrl, devServerOrigin, openExternal } = await import('../../../electron/main/url-policy.js');
const fake = await import('./electron-fake.js');

describe('isAppUrl (checklist 6)', () => {
  it.each([
    ['app://app/index.html', true],
    ['app://app/', true],
    ['app://app/assets/index.js?x=1#y', true],
    ['APP://app/index.html', true],
    // Chromium lowercases a standard scheme's host before we see it; an unnormalized one is refused.
    ['app://APP/index.html', false],
    ['app://other/index.html', false],
    ['app://app:1234/index.html', false],
    ['app://user@app/index.html', false],
    ['app://user:pw@app/index.html', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['https://app/index.html', false],
    ['https://user@evil.example/', false],
    ['http://127.0.0.1:5173/', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('accepts the dev server only at its exact origin', () => {
    const dev = 'http://127.0.0.1:5173';
    expect(isAppUrl('http://127.0.0.1:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://user@127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppUrl('https://127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('toExternalUrl (checklist 6)', () => {
  it.each([
    ['https://example.com/docs', 'https://example.com/docs'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM/a', 'https://example.com/a'],
    ['https://user@evil.example/', undefined],
    ['https://user:pass@evil.example/', undefined],
    ['javascript:alert(1)', undefined],
    ['JavaScript:alert(1)', undefined],
    ['file:///etc/passwd', undefined],
    ['data:text/html,hi', undefined],
    ['app://app/index.html', undefined],
    ['mailto:a@b.c', undefined],
    ['smb://host/share', undefined],
    ['//example.com', undefined],
  ])('%s → %s', (url, expected) => {
    expect(toExternalUrl(url)).toBe(expected);
  });
});

describe('rendererUrl (checklist 12)', () => {
  it.each([
    [true, {}, 'app://app/index.html'],
    [true, { CASEBOOK_RENDERER_URL: 'http://127.0.0.1:5173' }, 'app://app/index.html'],
    [false, {}, 'app://app/index.html'],
    [false, { CASEBOOK_RENDERER_URL: 'http://127.0.0.1:5173' }, 'http://127.0.0.1:5173/'],
    [false, { CASEBOOK_RENDERER_URL: 'http://localhost:5173/x' }, 'http://localhost:5173/'],
    [false, { CASEBOOK_RENDERER_URL: 'http://[::1]:5173' }, 'http://[::1]:5173/'],
    [false, { CASEBOOK_RENDERER_URL: 'https://evil.example' }, 'app://app/index.html'],
    [false, { CASEBOOK_RENDERER_URL: 'http://192.168.1.5:5173' }, 'app://app/index.html'],
    [false, { CASEBOOK_RENDERER_URL: 'http://user@127.0.0.1:5173' }, 'app://app/index.html'],
    [false, { CASEBOOK_RENDERER_URL: 'file:///tmp/index.html' }, 'app://app/index.html'],
  ])('packaged=%s env=%j → %s', (isPackaged, env, expected) => {
    expect(rendererUrl({ isPackaged, env }).url).toBe(expected);
  });

  it('reports the dev origin only when the dev server is used', () => {
    expect(rendererUrl({ isPackaged: false, env: { CASEBOOK_RENDERER_URL: 'http://127.0.0.1:5173/' } }).devOrigin).toBe(
      'http://127.0.0.1:5173',
    );
    expect(rendererUrl({ isPackaged: true, env: { CASEBOOK_RENDERER_URL: 'http://127.0.0.1:5173/' } }).devOrigin).toBeUndefined();
    expect(devServerOrigin(undefined)).toBeUndefined();
  });
});

describe('openExternal (checklist 6, 14)', () => {
  beforeEach(() => fake.resetFakes());

  it('hands http(s) URLs to the OS browser and nothing else', () => {
    expect(openExternal('https://example.com/help')).toBe(true);
    expect(openExternal('file:///etc/passwd')).toBe(false);
    expect(openExternal('javascript:alert(1)')).toBe(false);
    expect(openExternal('https://user@evil.example/')).toBe(false);
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://example.com/help']]);
  });
});
