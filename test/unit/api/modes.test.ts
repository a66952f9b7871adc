/**
 * The Failure modes screen's service methods over an eval folder whose proposals were clustered from
 * crafted unmatched failures and written the way `casebook promote` writes them (test/helpers/modes-eval).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModesDecideResult, ModesList } from '../../../core/api/contract.js';
import { createService, type CasebookService } from '../../../core/api/service.js';
import { main } from '../../../core/cli/main.js';
import { nameProposal, proposalEntry, type Proposal } from '../../../core/failures/cluster.js';
import { readFailureModes, writeFailureModes } from '../../../core/promote/write.js';
import { captureIo } from '../../helpers/cli-io.js';
import { modesEvalFolder } from '../../helpers/modes-eval.js';
import { tempDir } from '../../helpers/temp.js';
import { okValue } from '../../helpers/envelope.js';

interface ModesYaml {
  modes: Array<{ id: string; title: string; description: string; category: string; first_seen?: string; last_seen?: string; count: number }>;
  proposals: Array<{ id: string; title: string }>;
  rejected: string[];
}


const today = (): string => new Date().toISOString().slice(0, 10);

describe('modes.list and modes.decide over clustered proposals', () => {
  let evalDir: string;
  let file: string;
  let service: CasebookService;
  let warranty: Proposal;
  let gift: Proposal;
  let points: Proposal;
  const text = (): string => readFileSync(file, 'utf8');
  const yaml = (): ModesYaml => parse(text()) as ModesYaml;
  const decide = async (request: unknown): Promise<ModesDecideResult> => await okValue<ModesDecideResult>(service.call('modes.decide', request));

  beforeEach(() => {
    const made = modesEvalFolder();
    evalDir = made.dir;
    file = join(evalDir, 'failure_modes.yaml');
    [warranty, gift, points] = made.proposals as [Proposal, Proposal, Proposal];
    service = createService({ dbPath: join(tempDir(), 'app.db'), evalDir, pickFiles: async () => [] });
  });
  afterEach(async () => {
    await service.close();
  });

  it('lists the team mode and the three proposals with size, title, the id accepting gives, terms and examples', async () => {
    const list = await okValue<ModesList>(service.call('modes.list', undefined));
    expect(list.path).toBe(file);
    expect(list.modes).toEqual([
      { id: 'wrong_tool', title: 'Wrong tool', category: 'tool-use', description: 'Used a tool not meant for the intent.', count: 2, firstSeen: '2026-10-01', lastSeen: '2026-11-02', aliases: [], terms: [] },
    ]);
    expect(list.proposals.map((p) => [p.title, p.acceptId, p.size])).toEqual([
      ['Long blender warranty', 'long_blender_warranty', 3],
      ['Balance gift card', 'balance_gift_card', 3],
      ['Loyalty points rewards', 'loyalty_points_rewards', 2],
    ]);
    expect(list.proposals[1]).toEqual({
      id: gift.id,
      title: 'Balance gift card',
      titleSource: 'terms',
      description: null,
      acceptId: 'balance_gift_card',
      size: 3,
      terms: ['card', 'gift', 'ph_gift_card', 'tool:get_gift_card', 'balance'],
      examples: ['conv-gift-1', 'conv-gift-3', 'conv-gift-2'],
    });
    expect(list.proposals[0]?.id).toBe(warranty.id);
    expect(list.proposals[0]?.id).toMatch(/^p_[0-9a-f]{10}$/);
  });

  it('accept adds the mode under the suggested id, dated today and counted, drops the proposal and keeps the comments', async () => {
    expect(await decide({ proposalId: gift.id, decision: 'accept' })).toEqual({ proposalId: gift.id, decision: 'accept', modeId: 'balance_gift_card', written: [file], dryRun: false });
    const t = yaml();
    expect(t.modes.map((m) => m.id)).toEqual(['wrong_tool', 'balance_gift_card']);
    expect(t.modes[1]).toEqual({
      id: 'balance_gift_card',
      title: 'Balance gift card',
      category: 'other',
      description: 'Proposed from 3 similar failures (terms: card, gift, ph_gift_card, tool:get_gift_card, balance). Replace this with a description of the failure.',
      // The terms are kept: later failures carrying most of them are assigned to this mode.
      indicators: { proposals: [gift.id], terms: ['card', 'gift', 'ph_gift_card', 'tool:get_gift_card', 'balance'] },
      first_seen: today(),
      last_seen: today(),
      count: 3,
    });
    expect(t.proposals.map((p) => p.title)).toEqual(['Long blender warranty', 'Loyalty points rewards']);
    expect(text().startsWith('# Support agent failure modes. Reviewed every Monday.\n')).toBe(true);
    expect(text()).toContain('  - id: wrong_tool # keep: our CI dashboards group by this id\n');
    // The refreshed list shows the new mode with its id and no longer offers the proposal.
    const list = await okValue<ModesList>(service.call('modes.list', undefined));
    expect(list.modes.at(-1)).toMatchObject({ id: 'balance_gift_card', count: 3, lastSeen: today() });
    expect(list.proposals.map((p) => p.id)).toEqual([warranty.id, points.id]);
  });

  it('rename: a dry run tells the id without writing (a taken one gets _2), then the mode is saved under the new title', async () => {
    const before = text();
    expect(await decide({ proposalId: gift.id, decision: 'rename', title: 'Wrong tool', dryRun: true })).toEqual({
      proposalId: gift.id,
      decision: 'rename',
      modeId: 'wrong_tool_2',
      written: [],
      dryRun: true,
    });
    expect(text()).toBe(before);

    const r = await decide({ proposalId: gift.id, decision: 'rename', title: '  Gift card balance misread ' });
    expect(r.modeId).toBe('gift_card_balance_misread');
    const added = yaml().modes.find((m) => m.id === 'gift_card_balance_misread');
    expect(added).toMatchObject({ title: 'Gift card balance misread', count: 3, first_seen: today() });
    expect(yaml().proposals.some((p) => p.id === gift.id)).toBe(false);
  });

  it('merge counts the proposal into the existing mode, moving last_seen but keeping first_seen', async () => {
    expect(await decide({ proposalId: warranty.id, decision: 'merge', into: 'wrong_tool' })).toMatchObject({ modeId: 'wrong_tool', written: [file] });
    const t = yaml();
    expect(t.modes).toEqual([
      { id: 'wrong_tool', title: 'Wrong tool', description: 'Used a tool not meant for the intent.', category: 'tool-use', indicators: { proposals: [warranty.id], terms: warranty.terms }, first_seen: '2026-10-01', last_seen: today(), count: 5 },
    ]);
    expect(t.proposals.map((p) => p.id)).toEqual([gift.id, points.id]);
    expect(text()).toContain('# keep: our CI dashboards group by this id');
  });

  it('reject records the proposal id in `rejected` and adds no mode', async () => {
    expect(await decide({ proposalId: points.id, decision: 'reject' })).toEqual({ proposalId: points.id, decision: 'reject', modeId: null, written: [file], dryRun: false });
    const t = yaml();
    expect(t.rejected).toEqual([points.id]);
    expect(t.modes.map((m) => m.id)).toEqual(['wrong_tool']);
    expect(t.proposals.map((p) => p.id)).toEqual([warranty.id, gift.id]);
  });

  it('accepting a proposal the judge named keeps the judge\'s title and description on the new mode', async () => {
    const named = nameProposal(warranty, 'Warranty terms invented', 'The agent stated warranty terms the knowledge base never returned.');
    const read = readFailureModes(evalDir);
    writeFailureModes(evalDir, read, { ...read.value, proposals: read.value.proposals.map((p) => (p.id === warranty.id ? proposalEntry(named) : p)) });
    const listed = (await okValue<ModesList>(service.call('modes.list', undefined))).proposals[0];
    expect(listed).toMatchObject({ id: warranty.id, title: 'Warranty terms invented', titleSource: 'judge', acceptId: 'warranty_terms_invented' });
    expect(listed?.description).toBe('The agent stated warranty terms the knowledge base never returned.');

    expect((await decide({ proposalId: warranty.id, decision: 'accept' })).modeId).toBe('warranty_terms_invented');
    const mode = yaml().modes.find((m) => m.id === 'warranty_terms_invented');
    expect(mode?.title).toBe('Warranty terms invented');
    expect(mode?.description.startsWith('The agent stated warranty terms the knowledge base never returned. (Proposed from 3 similar failures')).toBe(true);
  });

  it('rejects bad payloads, unknown proposals and unknown merge targets, writing nothing', async () => {
    const before = text();
    const bad = await service.call('modes.decide', { proposalId: '../failure_modes', decision: 'accept' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', message: 'invalid request for modes.decide', issues: [{ path: 'proposalId' }] } });
    expect(await service.call('modes.decide', { proposalId: gift.id, decision: 'rename' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', issues: [{ path: 'title', message: 'rename needs a title, and only rename takes one' }] },
    });
    expect(await service.call('modes.decide', { proposalId: gift.id, decision: 'merge', into: 'Wrong Tool' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', issues: [{ path: 'into', message: 'a failure-mode id' }] },
    });
    expect(await service.call('modes.decide', { proposalId: 'p_0000000000', decision: 'accept' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: `no proposal p_0000000000 in ${file}` },
    });
    expect(await service.call('modes.decide', { proposalId: gift.id, decision: 'merge', into: 'no_such_mode' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: `cannot merge proposal ${gift.id}: no failure mode "no_such_mode"` },
    });
    expect(text()).toBe(before);
  });

  it('a proposal decided meanwhile with `casebook modes` is not_found in the app, and the CLI sees the app decision', async () => {
    const io = captureIo({});
    expect(await main(['modes', '--eval-dir', evalDir, '--accept', points.id], io)).toBe(0);
    expect(io.out()).toBe(`${points.id} → failure mode loyalty_points_rewards\n`);
    expect(await service.call('modes.decide', { proposalId: points.id, decision: 'reject' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: `no proposal ${points.id} in ${file}` },
    });

    await decide({ proposalId: gift.id, decision: 'rename', title: 'Gift card balance misread' });
    const list = captureIo({});
    expect(await main(['modes', '--eval-dir', evalDir], list)).toBe(0);
    expect(list.out()).toMatch(/gift_card_balance_misread\s+3 {2}Gift card balance misread {2}\(last seen \d{4}-\d{2}-\d{2}\)/);
    expect(list.out()).toContain(`${warranty.id}  3 failure(s)  "Long blender warranty"`);
  });

  it('a hand edit that breaks the file is reported with its file and line, and blocks decisions too', async () => {
    writeFileSync(file, text().replace('    count: 2\n', '    count: two\n'));
    const message = `Invalid failure modes file ${file}, line 10: key "modes.0.count": expected number, got string "two"`;
    expect(await service.call('modes.list', undefined)).toEqual({ ok: false, error: { code: 'internal', message } });
    const before = text();
    expect(await service.call('modes.decide', { proposalId: gift.id, decision: 'accept' })).toEqual({ ok: false, error: { code: 'internal', message } });
    expect(text()).toBe(before);
  });
});

describe('modes.list without a taxonomy file', () => {
  it('shows the starter taxonomy and no proposals', async () => {
    const evalDir = tempDir();
    const service = createService({ dbPath: join(tempDir(), 'app.db'), evalDir, pickFiles: async () => [] });
    try {
      const list = await okValue<ModesList>(service.call('modes.list', undefined));
      expect(list.proposals).toEqual([]);
      expect(list.modes.find((m) => m.id === 'ignored_tool_error')).toMatchObject({ title: 'Tool timeout with a fallback answer', count: 0, lastSeen: null });
      expect(list.path).toBe(join(evalDir, 'failure_modes.yaml'));
    } finally {
      await service.close();
    }
  });
});
