/** Debian's Chromium for the UI tests: finding it, launching it, and watching a page for errors. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
