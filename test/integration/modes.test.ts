import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../core/cli/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { tempDir } from '../helpers/temp.js';

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
  modes: Array<{ id: string; title: string; count: number }>;
  proposals?: Array<{ id: string }>;
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
