import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../core/cli/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { repoDir } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';

const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');

const proposal = (id: string, title: string, size: number) =>
  `  - id: ${id}\n    title: ${title}\n    suggested_id: ${title.replace(/ /g, '_')}\n    size: ${size}\n    terms: [gift, card]\n    examples: [conv-1]\n`;

function evalDir(): string {
  const dir = join(tempDir(), 'eval');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'failure_modes.yaml'),
    '# our taxonomy\nversion: 1\nmodes:\n  - id: wrong_tool\n    title: Wrong tool\n    description: used a tool not meant for the intent\n    category: tool-use\n    count: 2\n' +
      `proposals:\n${proposal('p_1a', 'gift card balance', 3)}${proposal('p_2b', 'warranty question', 2)}${proposal('p_3c', 'refund window', 4)}${proposal('p_4d', 'tool misuse', 5)}`,
  );
  return dir;
}

async function run(args: string[]) {
  const io = captureIo({});
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

interface Taxonomy {
  modes: Array<{ id: string; title: string; count: number; indicators?: { proposals?: string[] } }>;
  proposals?: Array<{ id: string; size: number }>;
  rejected?: string[];
}

describe('casebook modes', () => {
  it('lists modes and proposals, and applies accept, rename, merge and reject to eval/failure_modes.yaml', async () => {
    const dir = evalDir();
    const list = await run(['modes', '--eval-dir', dir]);
    expect(list.out).toMatch(/wrong_tool\s+2 {2}Wrong tool/);
    expect(list.out).toContain('p_1a  3 failure(s)  "gift card balance"  terms: gift, card');

    expect((await run(['modes', '--eval-dir', dir, '--accept', 'p_1a'])).out).toBe('p_1a → failure mode gift_card_balance\n');
    expect((await run(['modes', '--eval-dir', dir, '--rename', 'p_2b', '--title', 'Warranty answered wrongly'])).out).toBe('p_2b → failure mode warranty_answered_wrongly\n');
    expect((await run(['modes', '--eval-dir', dir, '--merge', 'p_4d', '--into', 'wrong_tool'])).out).toBe('p_4d → failure mode wrong_tool\n');
    expect((await run(['modes', '--eval-dir', dir, '--reject', 'p_3c'])).out).toContain('p_3c rejected');

    const text = readFileSync(join(dir, 'failure_modes.yaml'), 'utf8');
    expect(text.startsWith('# our taxonomy')).toBe(true);
    const t = parse(text) as Taxonomy;
    expect(t.modes.map((m) => [m.id, m.count])).toEqual([
      ['wrong_tool', 7],
      ['gift_card_balance', 3],
      ['warranty_answered_wrongly', 2],
    ]);
    expect(t.modes.find((m) => m.id === 'warranty_answered_wrongly')?.title).toBe('Warranty answered wrongly');
    expect(t.proposals ?? []).toEqual([]);
    expect(t.rejected).toEqual(['p_3c']);

    const missing = await run(['modes', '--eval-dir', dir, '--accept', 'p_nope']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no proposal p_nope');
    expect((await run(['modes', '--eval-dir', dir, '--merge', 'p_1a'])).code).toBe(2);
  });
});

describe('casebook modes, then promote again', () => {
  /** An eval folder whose failures match no known mode (rules without a failure mode, empty taxonomy), graded with rules only. */
  async function promotedFolder(): Promise<{ dir: string; db: string; runId: string }> {
    const dir = join(tempDir(), 'eval');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'casebook.yaml'),
      'sampling:\n  mode: all\nrules:\n  - id: lookup-came-back-empty\n    type: empty_result_denied\n    severity: high\n    params:\n      ignoreTools: [think]\n' +
        '  - id: obeyed-injection\n    type: prompt_injection\n    severity: high\n',
    );
    writeFileSync(join(dir, 'failure_modes.yaml'), '# ours\nversion: 1\nmodes: []\n');
    const db = join(tempDir(), 'modes.db');
    expect((await run(['run', SAMPLE, '--since', 'all', '--db', db, '--eval-dir', dir, '--no-judge'])).code).toBe(0);
    const promoted = await run(['promote', '--db', db, '--eval-dir', dir]);
    expect(promoted.code).toBe(0);
    const runId = /Promoted run (run_\w+):/.exec(promoted.out)?.[1] as string;
    return { dir, db, runId };
  }
  const read = (dir: string) => readFileSync(join(dir, 'failure_modes.yaml'), 'utf8');

  it('an accepted proposal is not proposed again by the next promote of the same run, or of a new run of the same failures', async () => {
    const { dir, db, runId } = await promotedFolder();
    const proposed = (parse(read(dir)) as Taxonomy).proposals ?? [];
    expect(proposed.length).toBeGreaterThan(0);
    const id = proposed[0]?.id as string;
    const accepted = await run(['modes', '--eval-dir', dir, '--accept', id]);
    expect(accepted.code).toBe(0);
    const modeId = /→ failure mode (\S+)/.exec(accepted.out)?.[1] as string;
    const after = read(dir);
    const t = parse(after) as Taxonomy;
    expect(t.modes.find((m) => m.id === modeId)?.indicators?.proposals).toEqual([id]);
    expect((t.proposals ?? []).map((p) => p.id)).not.toContain(id);
    expect(t.rejected).toBeUndefined();

    // The same run again: the decided cluster stays decided, and failure_modes.yaml keeps every byte.
    const again = await run(['promote', '--db', db, '--eval-dir', dir, '--run', runId]);
    expect(again.code).toBe(0);
    expect(again.out).not.toContain(id);
    expect(read(dir)).toBe(after);

    // A new run over the same conversations clusters the same failures into the same id: still not back.
    expect((await run(['run', SAMPLE, '--since', 'all', '--db', db, '--eval-dir', dir, '--no-judge'])).code).toBe(0);
    const next = await run(['promote', '--db', db, '--eval-dir', dir]);
    expect(next.code).toBe(0);
    expect(/Promoted run (run_\w+):/.exec(next.out)?.[1]).not.toBe(runId);
    expect(read(dir)).toBe(after);
  });

  it('a proposal merged into a mode is not proposed again either', async () => {
    const { dir, db, runId } = await promotedFolder();
    const proposed = (parse(read(dir)) as Taxonomy).proposals ?? [];
    const id = proposed[0]?.id as string;
    // A mode of the team's to merge into, written by hand.
    writeFileSync(join(dir, 'failure_modes.yaml'), read(dir).replace('modes: []\n', 'modes:\n  - id: missing_order # ours\n    title: Missing order\n    description: said an order does not exist\n    count: 1\n'));
    expect((await run(['modes', '--eval-dir', dir, '--merge', id, '--into', 'missing_order'])).out).toBe(`${id} → failure mode missing_order\n`);
    const after = read(dir);
    expect(after).toContain('  - id: missing_order # ours\n');
    const mode = (parse(after) as Taxonomy).modes.find((m) => m.id === 'missing_order');
    expect(mode?.indicators?.proposals).toEqual([id]);
    expect(mode?.count).toBe(1 + (proposed[0]?.size ?? 0));

    expect((await run(['promote', '--db', db, '--eval-dir', dir, '--run', runId])).code).toBe(0);
    expect(read(dir)).toBe(after);
  });
});
