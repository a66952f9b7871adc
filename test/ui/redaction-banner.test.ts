/**
 * The redaction banner in headless Chromium: over a database holding raw traces and traces redacted under
 * another configuration, the app says so above every view; once they are imported again under the eval
 * folder's configuration, it says nothing. And an id stored hashed because it held PII says so in its tooltip.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, chromiumAvailable, closeUi, openUi } from '../helpers/browser.js';
import { createService, type CasebookService } from '../../core/api/service.js';
import type { WebBridge } from '../../core/api/web-bridge.js';
import { importPaths } from '../../core/pipeline/import.js';
import { Store } from '../../core/store/index.js';
import { repoDir } from '../helpers/fixtures.js';

const haveChromium = chromiumAvailable('UI redaction banner tests');
const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');
const key = Buffer.alloc(32, 6);

describe.skipIf(!haveChromium)('the redaction banner in headless Chromium', () => {
  let dir: string;
  let dbPath: string;
  let chat: string;
  let whatsapp: string;
  let service: CasebookService;
  let bridge: WebBridge;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-ui-banner-'));
    const rendererDir = await buildRenderer(dir);
    const evalDir = join(dir, 'eval');
    dbPath = join(dir, 'casebook.db');
    chat = join(dir, 'raw.jsonl');
    writeFileSync(chat, `${JSON.stringify({ id: 'raw-1', messages: [{ role: 'user', content: 'I am Ann Lee' }, { role: 'assistant', content: 'Hi' }] })}\n`);
    // A WhatsApp conversation keyed by the customer's number, imported by a later test.
    whatsapp = join(dir, 'whatsapp.jsonl');
    const turn = (id: string, text: string): string =>
      JSON.stringify({ id, conversation_id: 'whatsapp:+14155550199', messages: [{ role: 'user', content: text }, { role: 'assistant', content: 'ok' }] });
    writeFileSync(whatsapp, `${turn('wa-1', 'first question')}\n${turn('wa-2', 'second question')}\n`);
    // The sample redacted under the defaults, then the team deny-lists a product name; one trace stored raw.
    const store = Store.open(dbPath);
    await importPaths(store, [SAMPLE], { redaction: { secretKey: key } });
    await importPaths(store, [chat], { redaction: 'off' });
    store.close();
    mkdirSync(evalDir);
    writeFileSync(join(evalDir, 'casebook.yaml'), 'redaction:\n  denyList:\n    - { value: Outfitters Plus, type: PRODUCT }\n');
    service = createService({ dbPath, evalDir, pickFiles: async () => [] });
    ({ bridge, browser, page } = await openUi(service, rendererDir, { consoleErrors, violations }));
    await page.goto(`${bridge.origin}/`);
  }, 120_000);

  afterAll(async () => {
    await closeUi({ browser, bridge, service, dir });
  });

  it('names the traces redacted otherwise and the raw ones, above every view', async () => {
    const banner = page.getByTestId('redaction-banner');
    await banner.waitFor();
    const text = await banner.textContent();
    expect(text).toContain('62 stored trace(s) were redacted under another redaction configuration or an older redactor.');
    expect(text).toContain('1 stored trace(s) are raw (imported with redaction off): their PII is in the database.');
    expect(text).toContain('Import their exports again to redact them as configured now.');
    await page.getByTestId('tab-runs').click();
    expect(await banner.isVisible()).toBe(true);
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('says what a hashed conversation id stands for, in its tooltip, and nothing for a plain one', async () => {
    const store = Store.open(dbPath);
    await importPaths(store, [whatsapp], { redaction: { secretKey: key } });
    store.close();
    await page.reload();
    await page.getByTestId('tab-traces').click();
    await page.getByTestId('trace-search').fill('second question');
    await page.getByTestId('trace-row').filter({ hasText: 'second question' }).click();
    const id = page.getByTestId('trace-detail').getByTestId('conversation-id');
    expect(await id.textContent()).toMatch(/^PHONE-[0-9a-f]{20}$/);
    expect(await id.getAttribute('title')).toBe('This id held PII (PHONE), so it is stored as its type and a keyed hash: the same on every import, never the value.');
    expect(await page.getByTestId('trace-detail').getByTestId('source-id').getAttribute('title')).toBeNull();
    expect(await page.getByTestId('trace-detail').textContent()).not.toContain('4155550199');
  });

  it('says nothing once every trace is redacted as configured now', async () => {
    const store = Store.open(dbPath);
    await importPaths(store, [SAMPLE], { redaction: { secretKey: key, config: { denyList: [{ value: 'Outfitters Plus', type: 'PRODUCT' }] } } });
    await importPaths(store, [chat], { redaction: { secretKey: key, config: { denyList: [{ value: 'Outfitters Plus', type: 'PRODUCT' }] } } });
    await importPaths(store, [whatsapp], { redaction: { secretKey: key, config: { denyList: [{ value: 'Outfitters Plus', type: 'PRODUCT' }] } } });
    store.close();
    await page.reload();
    await page.getByTestId('tab-traces').waitFor();
    await expect.poll(() => page.getByTestId('trace-count').textContent()).toBe('65');
    expect(await page.getByTestId('redaction-banner').count()).toBe(0);
  });
});
