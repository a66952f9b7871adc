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

/**
 * The traces of one conversation of an OTLP export, as a new conversation a day later: new trace and span
 * ids, the conversation id replaced, every timestamp moved by 24 hours.
 */
function cloneConversation(exportText: string, convId: string, newConvId: string): string {
  type Attr = { key: string; value: { stringValue?: string } };
  type SpanJson = { traceId: string; spanId: string; parentSpanId?: string; attributes?: Attr[] } & Record<string, unknown>;
  type ExportJson = { resourceSpans: Array<{ scopeSpans: Array<{ spans: SpanJson[] }> }> };
  const newId = (id: string): string => `beef${id.slice(4)}`;
  const shift = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shift);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k.endsWith('UnixNano') && typeof x === 'string' ? String(BigInt(x) + 86_400_000_000_000n) : shift(x)]));
  };
  const lines: string[] = [];
  for (const line of exportText.split('\n')) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as ExportJson;
    const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const traces = new Set(spans.filter((sp) => sp.attributes?.some((a) => a.key === 'gen_ai.conversation.id' && a.value.stringValue === convId)).map((sp) => sp.traceId));
    if (traces.size === 0) continue;
    for (const r of doc.resourceSpans)
      for (const sc of r.scopeSpans)
        sc.spans = sc.spans
          .filter((sp) => traces.has(sp.traceId))
          .map((sp) => ({
            ...sp,
            traceId: newId(sp.traceId),
            spanId: newId(sp.spanId),
            ...(sp.parentSpanId ? { parentSpanId: newId(sp.parentSpanId) } : {}),
            attributes: sp.attributes?.map((a) => (a.key === 'gen_ai.conversation.id' ? { key: a.key, value: { stringValue: newConvId } } : a)),
          }));
    lines.push(JSON.stringify(shift(doc)));
  }
  if (lines.length === 0) throw new Error(`no trace of ${convId} in the export`);
  return `${lines.join('\n')}\n`;
}

async function run(args: string[]) {
  const io = captureIo({});
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

interface Taxonomy {
  modes: Array<{ id: string; title: string; count: number; indicators?: { proposals?: string[] } }>;
  proposals?: Array<{ id: string; size: number; examples: string[] }>;
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
    // The list says which terms route later failures to the accepted and merged modes.
    const listed = (await run(['modes', '--eval-dir', dir])).out;
    expect(listed).toMatch(/ gift_card_balance +3 {2}gift card balance.*\n +joins by terms: gift, card\n/);
    expect(listed).toMatch(/ wrong_tool +7 {2}Wrong tool.*\n +joins by terms: gift, card\n/);

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

  it('a new conversation like the accepted ones joins the new mode on the next run instead of being proposed', async () => {
    const { dir, db } = await promotedFolder();
    const picked = ((parse(read(dir)) as Taxonomy).proposals ?? [])[0] as { id: string; examples: string[] };
    const modeId = /→ failure mode (\S+)/.exec((await run(['modes', '--eval-dir', dir, '--accept', picked.id])).out)?.[1] as string;
    const countBefore = (parse(read(dir)) as Taxonomy).modes.find((m) => m.id === modeId)?.count as number;

    // The next day the same kind of request comes in again, in a new conversation.
    const newConv = 'conv-9000001-next';
    const file = join(tempDir(), 'next-day.otlp.jsonl');
    writeFileSync(file, cloneConversation(readFileSync(SAMPLE, 'utf8'), picked.examples[0] as string, newConv));
    expect((await run(['run', file, '--since', 'all', '--db', db, '--eval-dir', dir, '--no-judge'])).code).toBe(0);
    const next = await run(['promote', '--db', db, '--eval-dir', dir]);
    expect(next.code).toBe(0);
    expect(next.out).toMatch(/1 new case\(s\)/);

    const cases = parse(readFileSync(join(dir, 'cases_from_prod.yaml'), 'utf8')) as { cases: Array<{ failure_mode: string; input: { messages: unknown[] } }> };
    expect(cases.cases.filter((c) => c.failure_mode === modeId)).toHaveLength(1);
    const t = parse(read(dir)) as Taxonomy;
    expect(t.modes.find((m) => m.id === modeId)?.count).toBe(countBefore + 1);
    // Not clustered into a new proposal, and the accepted one is not back.
    expect((t.proposals ?? []).flatMap((p) => p.examples)).not.toContain(newConv);
    expect((t.proposals ?? []).map((p) => p.id)).not.toContain(picked.id);
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
