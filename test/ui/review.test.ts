/**
 * The Review tab in headless Chromium through the web bridge, over an eval folder the CLI filled
 * (`casebook run --promote` on the bundled sample queues one borderline case): the case with its reason
 * and last turns, the expected behaviour edited and accepted into cases_from_prod.yaml, the queue then
 * empty, and no CSP violation or console error on the way.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer, chromiumAvailable, closeUi, openUi } from '../helpers/browser.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type CasebookService } from '../../core/api/service.js';
import type { WebBridge } from '../../core/api/web-bridge.js';
import { promotedEvalFolder } from '../helpers/review-eval.js';

const haveChromium = chromiumAvailable('UI review tests');

const EDITED = 'Check the order once, tell the user it shipped with USPS and give the tracking number, without repeating a canned reply.';

describe.skipIf(!haveChromium)('the Review tab in headless Chromium', () => {
  let dir: string;
  let evalDir: string;
  let service: CasebookService;
  let bridge: WebBridge;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-ui-review-'));
    const rendererDir = await buildRenderer(dir);
    evalDir = await promotedEvalFolder();
    service = createService({ dbPath: join(dir, 'casebook.db'), evalDir, pickFiles: async () => [] });
    ({ bridge, browser, page } = await openUi(service, rendererDir, { consoleErrors, violations }));
    await page.goto(`${bridge.origin}/`);
  }, 120_000);

  afterAll(async () => {
    await closeUi({ browser, bridge, service, dir });
  });

  it('lists the queued case and shows its reason, its last turns as text and its expected behaviour', async () => {
    await page.getByTestId('tab-review').click();
    const items = page.getByTestId('review-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    expect(await items.first().getByTestId('review-item-mode').textContent()).toBe('user_dissatisfied');

    const shown = page.getByTestId('review-case');
    await shown.waitFor();
    expect(await shown.getAttribute('data-case-id')).toBe(await items.first().getAttribute('data-case-id'));
    expect(await shown.getByTestId('review-reason').allTextContents()).toEqual([
      'rule user-pushback (medium): message 5 pushes back on message 4 ("That\'s not right")',
    ]);
    expect(await shown.getByTestId('review-message').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')))).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    const texts = await shown.getByTestId('review-message-text').allTextContents();
    // Redaction placeholders such as <PERSON_1> come through as literal text, not as markup.
    expect(texts[0]).toBe("That's not right, I already told you the order number is NW-7388548. This is the third time I'm asking. My name is <PERSON_1>.");
    expect(texts.at(-1)).toContain('you will get an email at <EMAIL_1> with the update.');
    expect(await shown.locator('person_1, email_1').count()).toBe(0);
    expect(await shown.getByTestId('review-tool-calls').textContent()).toBe('calls get_order');
    expect(await page.getByTestId('review-expected').inputValue()).toMatch(/^Resolve the user's request so that no correction or escalation is needed\./);
  });

  it('accepts the case with an edited expected behaviour, and the queue is then empty', async () => {
    const caseId = await page.getByTestId('review-case').getAttribute('data-case-id');
    await page.getByTestId('review-expected').fill(EDITED);
    await page.getByTestId('review-accept').click();
    await page.getByTestId('review-empty').waitFor();
    expect(await page.getByTestId('review-item').count()).toBe(0);
    expect(await page.getByTestId('review-notice').textContent()).toBe(`Accepted ${caseId}.`);

    const cases = (parse(readFileSync(join(evalDir, 'cases_from_prod.yaml'), 'utf8')) as { cases: Array<{ case_id: string; expected_behavior: string }> }).cases;
    expect(cases.find((c) => c.case_id === caseId)?.expected_behavior).toBe(EDITED);
    expect(parse(readFileSync(join(evalDir, 'review_queue.yaml'), 'utf8'))).toEqual({ queue: [] });
  });

  it('ran the whole flow without a CSP violation or a console error', () => {
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
