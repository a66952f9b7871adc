/**
 * The whole first window in headless Chromium: the built renderer served by the web bridge over a temp
 * database, driven as a user would (import through the UI, search, open a trace), plus the CSP and
 * no-Node checks of the security checklist (items 8 and 9).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer, chromiumAvailable, closeUi, openUi } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../core/api/csp.js';
import { createService, type CasebookService } from '../../core/api/service.js';
import type { WebBridge } from '../../core/api/web-bridge.js';
import { haveSharedFixtures, repoDir, traceFixture } from '../helpers/fixtures.js';
import { importWorkerUrl } from '../helpers/import-worker-bundle.js';

const haveChromium = chromiumAvailable('UI tests');

const FIXTURE = traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json');

describe.skipIf(!haveChromium || !haveSharedFixtures())('the first window in headless Chromium', () => {
  let dir: string;
  let service: CasebookService;
  let bridge: WebBridge;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const violations: string[] = [];
  const consoleErrors: string[] = [];
  const blocked: string[] = [];
  // A server on another origin (another port): any request reaching it has left the app origin.
  let canary: Server;
  let canaryOrigin: string;
  const canaryHits: string[] = [];
  let picks = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-ui-'));
    const rendererDir = await buildRenderer(dir);
    service = createService({
      dbPath: join(dir, 'casebook.db'),
      pickFiles: async () => {
        picks++;
        return [FIXTURE];
      },
      workerUrl: await importWorkerUrl(),
    });
    // A same-origin script (allowed by script-src 'self') that tries eval, as app code would.
    writeFileSync(
      join(rendererDir, 'csp-probe.js'),
      "try { eval('window.__evalRan = true'); document.body.dataset.evalOutcome = 'ran'; }\n" +
        'catch (e) { document.body.dataset.evalOutcome = e.name; }\n',
    );
    ({ bridge, browser, page } = await openUi(service, rendererDir, { consoleErrors, violations }));
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => blocked.push(`${r.failure()?.errorText ?? ''} ${r.url()}`));
    canary = createServer((req, res) => {
      canaryHits.push(req.url ?? '');
      res.end('leaked');
    });
    await new Promise<void>((ok) => canary.listen(0, '127.0.0.1', ok));
    canaryOrigin = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
    // Runs before the app's own script; CDP-injected, so the CSP does not apply to it.
    await page.addInitScript(() => {
      const w = window as unknown as { __seen: string[] };
      w.__seen = [];
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="import-progress"]') && !w.__seen.includes('import-progress')) {
          w.__seen.push('import-progress');
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${bridge.origin}/`);
  });

  afterAll(async () => {
    canary?.close();
    await closeUi({ browser, bridge, service, dir });
  });

  it('imports a real tau-bench export through the Import view and shows its report', async () => {
    // An empty database opens on the import view.
    await page.getByTestId('import-pick').click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(picks).toBe(1);
    expect(await page.getByTestId('report-added').textContent()).toBe('50');
    expect(await page.getByTestId('report-errors').textContent()).toBe('0');
    // What was masked, by type, most first: counts only.
    expect(await page.getByTestId('report-redaction').textContent()).toMatch(/^\d+ value\(s\): (PERSON|EMAIL|USER_ID|ADDRESS|DATE_OF_BIRTH|USER) \d+, /);
    // And where in the traces, as the CLI says it: the customers' turns, the tools' results and arguments.
    const fields = (await page.getByTestId('report-redaction-fields').textContent()) ?? '';
    expect(fields).toMatch(/^message\.text \d+, toolCall\.result \d+, toolCall\.arguments \d+, metadata \d+, trace\.userId 50$/);
    expect(await report.textContent()).toContain('gpt-4o-airline.tasks-00-24.trials-0-1.json — tau-bench, 50 records, 0 errors');
    expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toContain('import-progress');
    expect(await page.getByTestId('trace-count').textContent()).toBe('50');
  });

  it('lists the imported traces and narrows them with text search', async () => {
    await page.getByTestId('show-traces').click();
    await expect.poll(() => page.getByTestId('trace-total').textContent()).toBe('50 traces');
    // Only the first rows are in the DOM: the list is virtualized.
    expect(await page.getByTestId('trace-row').count()).toBeLessThan(50);

    await page.getByTestId('trace-search').fill('G72NSF');
    await expect.poll(() => page.getByTestId('trace-total').textContent()).toBe('2 traces');
    const titles = await page.getByTestId('trace-row').locator('.row-title').allTextContents();
    expect(titles.sort()).toEqual([
      // Redacted on import: names are placeholders, consistent within the conversation.
      'Hi! I need to book a flight for my friend <PERSON_1> using the same details as my current reservation. Can you help with that?',
      "Hi, I'd like to book the same flights as my current reservation for my friend <PERSON_1>.",
    ]);

    await page.getByTestId('status-filter').selectOption('error');
    await expect.poll(() => page.getByTestId('trace-total').textContent()).toBe('0 traces');
    await page.getByTestId('status-filter').selectOption('all');
    await expect.poll(() => page.getByTestId('trace-total').textContent()).toBe('2 traces');
  });

  it('opens a trace and shows its messages and a tool call with its arguments and result', async () => {
    await page.getByTestId('trace-row').filter({ hasText: 'Hi! I need to book a flight for my friend <PERSON_1>' }).click();
    const detail = page.getByTestId('trace-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('detail-reward').textContent()).toBe('0');

    const texts = await detail.getByTestId('message-text').allTextContents();
    expect(texts).toContain(
      "The trip is a round trip, and the origin and destination are the same as my current reservation. As for the passenger details, his first name is <PERSON_1> and his last name is <PERSON_2>. I can't remember his date of birth, but it's in my profile.",
    );
    expect(await detail.textContent()).not.toContain('Ivan');
    const roles = await detail.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles.slice(0, 3)).toEqual(['system', 'user', 'assistant']);

    const call = detail.locator('[data-testid="tool-call"][data-tool-name="get_reservation_details"]').first();
    expect(JSON.parse((await call.getByTestId('tool-call-arguments').textContent()) ?? '')).toEqual({ reservation_id: 'G72NSF' });
    const result = JSON.parse((await call.getByTestId('tool-call-result').textContent()) ?? '') as Record<string, unknown>;
    expect(result).toMatchObject({ reservation_id: 'G72NSF', user_id: '<USER_1>', origin: 'DTW', destination: 'SEA' });
    expect(result.passengers).toEqual(expect.arrayContaining([{ first_name: '<PERSON_1>', last_name: '<PERSON_3>', dob: '<DATE_OF_BIRTH_1>' }]));
  });

  it('ran the whole session without a CSP violation, a console error, or a request off the app origin', () => {
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((u) => !u.startsWith(`${bridge.origin}/`))).toEqual([]);
  });

  it('serves the CSP header, and the built page carries the same policy in its meta tag', async () => {
    const response = await page.request.get(`${bridge.origin}/`);
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });

  it('blocks injected inline script, eval, and requests to other origins (checklist 8)', async () => {
    const before = violations.length;
    const outcome = await page.evaluate(async (target) => {
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.appendChild(script);
      // eval from the page's own (allowed) script: code run by the test driver itself is exempt from the CSP.
      const probe = document.createElement('script');
      probe.src = './csp-probe.js';
      const probed = new Promise((r) => probe.addEventListener('load', r));
      document.body.appendChild(probe);
      await probed;
      let fetchOutcome = 'fetched';
      try {
        await fetch(`${target}/exfiltrate`);
      } catch (e) {
        fetchOutcome = (e as Error).name;
      }
      const img = document.createElement('img');
      img.src = `${target}/pixel.png`;
      document.body.appendChild(img);
      await new Promise((r) => setTimeout(r, 200));
      return {
        inline: w.__inlineRan ?? false,
        evalRan: w.__evalRan ?? false,
        evalOutcome: document.body.dataset.evalOutcome,
        fetchOutcome,
      };
    }, canaryOrigin);
    expect(outcome).toEqual({ inline: false, evalRan: false, evalOutcome: 'EvalError', fetchOutcome: 'TypeError' });
    // The header and the meta tag are two policies, and each reports: compare the distinct directives.
    const directives = () => [...new Set(violations.slice(before).map((v) => v.split(' ')[0]))].sort();
    await expect.poll(directives).toEqual(['connect-src', 'img-src', 'script-src', 'script-src-elem']);
    expect(canaryHits).toEqual([]);
    // Chromium reports the attempts, and each one was stopped by the CSP before it hit the network.
    const offOrigin = requests.filter((u) => !u.startsWith(`${bridge.origin}/`));
    expect(offOrigin.length).toBeGreaterThan(0);
    await expect.poll(() => offOrigin.filter((url) => !blocked.includes(`csp ${url}`))).toEqual([]);
  });

  it('gives the page no Node globals (checklist 9)', async () => {
    expect(await page.evaluate(() => [typeof require, typeof process, typeof module, typeof Buffer])).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    // Nor does the bundle try to load Node or Electron modules.
    const html = await (await page.request.get(`${bridge.origin}/`)).text();
    const src = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const bundle = await (await page.request.get(`${bridge.origin}/${src}`)).text();
    expect(bundle).not.toMatch(/require\(["']electron["']\)|from ?["']node:|require\(["']node:/);
    expect(readFileSync(join(repoDir, 'renderer', 'index.html'), 'utf8')).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });
});
