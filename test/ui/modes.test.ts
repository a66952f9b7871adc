/**
 * The Failure modes tab in headless Chromium through the web bridge, over an eval folder whose proposals
 * were clustered from crafted unmatched failures (test/helpers/modes-eval): the proposals with their size,
 * terms and examples, one renamed (its id shown before saving), one merged into the team's mode, the YAML
 * on disk and the refreshed list checked, and a proposal decided meanwhile in the terminal shown as an error.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type CasebookService } from '../../core/api/service.js';
import type { WebBridge } from '../../core/api/web-bridge.js';
import { main } from '../../core/cli/main.js';
import type { Proposal } from '../../core/failures/cluster.js';
import { buildRenderer, chromiumAvailable, closeUi, openUi } from '../helpers/browser.js';
import { captureIo } from '../helpers/cli-io.js';
import { modesEvalFolder } from '../helpers/modes-eval.js';

const haveChromium = chromiumAvailable('UI failure-modes tests');

interface ModesYaml {
  modes: Array<{ id: string; title: string; first_seen?: string; last_seen?: string; count: number }>;
  proposals: Array<{ id: string }>;
  rejected: string[];
}

const today = (): string => new Date().toISOString().slice(0, 10);

describe.skipIf(!haveChromium)('the Failure modes tab in headless Chromium', () => {
  let dir: string;
  let evalDir: string;
  let warranty: Proposal;
  let gift: Proposal;
  let points: Proposal;
  let service: CasebookService;
  let bridge: WebBridge;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const consoleErrors: string[] = [];
  const onDisk = (): ModesYaml => parse(readFileSync(join(evalDir, 'failure_modes.yaml'), 'utf8')) as ModesYaml;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-ui-modes-'));
    const rendererDir = await buildRenderer(dir);
    const made = modesEvalFolder();
    evalDir = made.dir;
    [warranty, gift, points] = made.proposals as [Proposal, Proposal, Proposal];
    service = createService({ dbPath: join(dir, 'casebook.db'), evalDir, pickFiles: async () => [] });
    ({ bridge, browser, page } = await openUi(service, rendererDir, { consoleErrors, violations }));
    await page.goto(`${bridge.origin}/`);
  }, 120_000);

  afterAll(async () => {
    await closeUi({ browser, bridge, service, dir });
  });

  const card = (p: Proposal) => page.locator(`[data-testid="proposal"][data-proposal-id="${p.id}"]`);
  const modeRow = (id: string) => page.locator(`[data-testid="mode-row"][data-mode-id="${id}"]`);

  it('lists the proposals with size, title, terms and examples, and the known modes', async () => {
    await page.getByTestId('tab-modes').click();
    await page.getByTestId('proposal').first().waitFor();
    expect(await page.getByTestId('proposal').evaluateAll((els) => els.map((e) => e.getAttribute('data-proposal-id')))).toEqual([warranty.id, gift.id, points.id]);
    expect(await page.getByTestId('proposal-title').allTextContents()).toEqual(['Long blender warranty', 'Balance gift card', 'Loyalty points rewards']);
    expect(await page.getByTestId('proposal-size').allTextContents()).toEqual(['3 failures', '3 failures', '2 failures']);

    const g = card(gift);
    expect(await g.getByTestId('proposal-term').allTextContents()).toEqual(['card', 'gift', 'ph_gift_card', 'tool:get_gift_card', 'balance']);
    expect(await g.getByTestId('proposal-example').allTextContents()).toEqual(['conv-gift-1', 'conv-gift-3', 'conv-gift-2']);
    expect(await g.getByTestId('proposal-accept-id').textContent()).toBe('balance_gift_card');
    expect(await g.getByTestId('proposal-title-source').textContent()).toBe("Title from the cluster's most distinctive words.");

    expect(await page.getByTestId('mode-row').count()).toBe(1);
    const known = modeRow('wrong_tool');
    expect(await known.getByTestId('mode-title').textContent()).toBe('Wrong tool');
    expect(await known.getByTestId('mode-count').textContent()).toBe('2');
    expect(await known.getByTestId('mode-last-seen').textContent()).toBe('2026-11-02');
  });

  it('renames the gift-card proposal: the id it will get shows before saving, then the mode is in the YAML and the table', async () => {
    const g = card(gift);
    // A taken id gets a suffix, and the screen says so before anything is written.
    await g.getByTestId('proposal-rename-title').fill('Wrong tool');
    await expect.poll(() => g.getByTestId('proposal-rename-id').textContent()).toBe('wrong_tool_2');
    await g.getByTestId('proposal-rename-title').fill('Gift card balance misread');
    await expect.poll(() => g.getByTestId('proposal-rename-id').textContent()).toBe('gift_card_balance_misread');
    expect(onDisk().modes.map((m) => m.id)).toEqual(['wrong_tool']);

    await g.getByTestId('proposal-rename').click();
    await modeRow('gift_card_balance_misread').waitFor();
    expect(await page.getByTestId('modes-notice').textContent()).toBe(`${gift.id} → failure mode gift_card_balance_misread.`);
    expect(await card(gift).count()).toBe(0);
    const row = modeRow('gift_card_balance_misread');
    expect(await row.getByTestId('mode-title').textContent()).toBe('Gift card balance misread');
    expect(await row.getByTestId('mode-count').textContent()).toBe('3');
    expect(await row.getByTestId('mode-last-seen').textContent()).toBe(today());
    // The terms later failures join the new mode by are shown with it; the team's own mode has none.
    expect(await row.getByTestId('mode-term').allTextContents()).toEqual(['card', 'gift', 'ph_gift_card', 'tool:get_gift_card', 'balance']);
    expect(await modeRow('wrong_tool').getByTestId('mode-terms').count()).toBe(0);

    const t = onDisk();
    expect(t.modes.find((m) => m.id === 'gift_card_balance_misread')).toMatchObject({ title: 'Gift card balance misread', count: 3, first_seen: today(), last_seen: today() });
    expect(t.proposals.map((p) => p.id)).toEqual([warranty.id, points.id]);
  });

  it('merges the warranty proposal into wrong_tool: its count grows by 3 on disk and in the table', async () => {
    const w = card(warranty);
    expect(await w.getByTestId('proposal-merge-into').locator('option').allTextContents()).toEqual([
      'Merge into…',
      'wrong_tool · Wrong tool',
      'gift_card_balance_misread · Gift card balance misread',
    ]);
    await w.getByTestId('proposal-merge-into').selectOption('wrong_tool');
    await w.getByTestId('proposal-merge').click();
    await card(warranty).waitFor({ state: 'detached' });
    expect(await page.getByTestId('modes-notice').textContent()).toBe(`${warranty.id} → failure mode wrong_tool.`);
    await expect.poll(() => modeRow('wrong_tool').getByTestId('mode-count').textContent()).toBe('5');

    const t = onDisk();
    expect(t.modes.map((m) => [m.id, m.count])).toEqual([
      ['wrong_tool', 5],
      ['gift_card_balance_misread', 3],
    ]);
    expect(t.modes[0]).toMatchObject({ first_seen: '2026-10-01', last_seen: today() });
    expect(t.proposals.map((p) => p.id)).toEqual([points.id]);
    expect(readFileSync(join(evalDir, 'failure_modes.yaml'), 'utf8')).toContain('  - id: wrong_tool # keep: our CI dashboards group by this id\n');
  });

  it('shows plainly that a proposal was decided meanwhile in the terminal, and writes nothing', async () => {
    const io = captureIo({});
    expect(await main(['modes', '--eval-dir', evalDir, '--reject', points.id], io)).toBe(0);
    const before = readFileSync(join(evalDir, 'failure_modes.yaml'), 'utf8');

    await card(points).getByTestId('proposal-accept').click();
    const error = card(points).getByTestId('proposal-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(`no proposal ${points.id} in ${join(evalDir, 'failure_modes.yaml')}`);
    expect(readFileSync(join(evalDir, 'failure_modes.yaml'), 'utf8')).toBe(before);
    expect(onDisk().rejected).toEqual([points.id]);
  });

  it('ran the whole flow without a CSP violation, and the only errors are the 404 of that stale decision', () => {
    expect(violations).toEqual([]);
    expect(consoleErrors.filter((e) => !/404/.test(e))).toEqual([]);
    expect(consoleErrors.filter((e) => e.startsWith('404 '))).toEqual([`404 ${bridge.origin}/api/modes.decide`]);
  });
});
