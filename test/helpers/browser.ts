/**
 * Debian's Chromium for the UI tests: finding it, launching it, watching a page for errors; and the
 * set-up and tear-down every UI test shares (the renderer built fresh, everything closed afterwards).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import type { CasebookService } from '../../core/api/service.js';
import { startWebBridge, type WebBridge } from '../../core/api/web-bridge.js';
import { repoDir } from './fixtures.js';

/** Where Debian installs Chromium (a browser download is refused on these machines). */
export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed; when not, fail under CI and say loudly that UI tests are skipped otherwise. */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\``;
  if (process.env.CI) throw new Error(`UI tests cannot run: ${message}`);
  process.stderr.write(`\n!!! SKIPPING ${what}: ${message} !!!\n\n`);
  return false;
}

/** Launch headless Chromium with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * Record on `page` what a UI test must find empty: console errors, uncaught page errors, HTTP errors,
 * and CSP violations (reported from a listener injected before the app's own script).
 */
export async function watchPage(page: Page, sinks: { consoleErrors: string[]; violations: string[] }): Promise<void> {
  page.on('console', (m) => {
    // Chromium's note that frame-ancestors only works as a header: the meta copy is kept identical on purpose.
    if (m.type() === 'error' && !m.text().includes("'frame-ancestors' is ignored")) sinks.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => sinks.consoleErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) sinks.consoleErrors.push(`${r.status()} ${r.url()}`);
  });
  await page.exposeFunction('__reportViolation', (v: string) => sinks.violations.push(v));
  await page.addInitScript(() => {
    const w = window as unknown as { __reportViolation(v: string): void };
    document.addEventListener('securitypolicyviolation', (e) => w.__reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Build the current renderer sources into `dir`/renderer, so a test never runs a stale renderer/dist; returns that folder. */
export async function buildRenderer(dir: string): Promise<string> {
  const rendererDir = join(dir, 'renderer');
  await build({
    configFile: join(repoDir, 'renderer', 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: rendererDir, emptyOutDir: true },
  });
  return rendererDir;
}

/**
 * Serve `service` with the renderer built in `rendererDir` and open a page on it, watched for errors
 * (`sinks`), not yet navigated: a test adds its init scripts, then goes to `bridge.origin`.
 */
export async function openUi(
  service: CasebookService,
  rendererDir: string,
  sinks: { consoleErrors: string[]; violations: string[] },
): Promise<{ bridge: WebBridge; browser: Browser; page: Page }> {
  const bridge = await startWebBridge({ service, rendererDir });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await watchPage(page, sinks);
    return { bridge, browser, page };
  } catch (err) {
    // The caller never gets these to close: close them here.
    await browser?.close();
    await bridge.close();
    throw err;
  }
}

/** Close what a UI test opened (any part may be missing when its set-up failed) and remove its folder. */
export async function closeUi(parts: { browser?: Browser; bridge?: WebBridge; service?: CasebookService; dir?: string }): Promise<void> {
  await parts.browser?.close();
  await parts.bridge?.close();
  await parts.service?.close();
  if (parts.dir) rmSync(parts.dir, { recursive: true, force: true });
}
