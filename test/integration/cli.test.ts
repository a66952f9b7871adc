import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../core/cli/main.js';
import { Store } from '../../core/store/index.js';
import { VERSION } from '../../core/version.js';
import { captureIo } from '../helpers/cli-io.js';
import { haveSharedFixtures, piiCorpusPath, repoDir, traceFixture } from '../helpers/fixtures.js';
import { readFileSync } from 'node:fs';
import { tempDir } from '../helpers/temp.js';

const TAU = traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json');
const SAMPLE = join(repoDir, 'resources', 'samples');

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo(env);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('casebook CLI', () => {
  it('imports the bundled sample and prints what was imported', async () => {
    const db = join(tempDir(), 'c.db');
    const r = await run(['import', join(SAMPLE, 'support-agent.otlp.jsonl'), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Imported 1 file\(s\), .* \d+ records, 62 new traces, 0 updated, 0 unchanged\./);
    expect(r.out).toContain('[otlp]');
    const again = await run(['import', join(SAMPLE, 'support-agent.otlp.jsonl'), '--db', db]);
    expect(again.out).toContain('0 new traces, 0 updated, 62 unchanged');
  });

  it('masks the names in a deny-list file on import, and says when the file changed since', async () => {
    const db = join(tempDir(), 'denyfile.db');
    const evalDir = tempDir();
    const otlp = join(SAMPLE, 'support-agent.otlp.jsonl');
    writeFileSync(join(evalDir, 'casebook.yaml'), 'redaction:\n  denyListFiles:\n    - { path: products.txt, type: PRODUCT }\n');
    writeFileSync(join(evalDir, 'products.txt'), '# product names\nOutfitters Plus\n');
    const r = await run(['import', otlp, '--db', db, '--eval-dir', evalDir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/PRODUCT \d+/);
    const s = Store.open(db);
    expect(s.db.prepare("SELECT COUNT(*) FROM traces WHERE body LIKE '%Outfitters Plus%'").pluck().get()).toBe(0);
    expect(s.db.prepare("SELECT COUNT(*) FROM traces WHERE body LIKE '%<PRODUCT_1>%'").pluck().get()).toBe(22);
    s.close();
    // Editing the list changes what would be masked: the stored traces are reported as redacted otherwise.
    writeFileSync(join(evalDir, 'products.txt'), '# product names\nOutfitters Plus\nTrailhead Co\n');
    const after = await run(['run', '--db', db, '--eval-dir', evalDir, '--since', 'all', '--no-judge']);
    expect(after.err).toContain('note: 62 stored trace(s) were redacted under another redaction configuration or an older redactor');
    // A list that cannot be read stops the command before anything is imported.
    writeFileSync(join(evalDir, 'casebook.yaml'), 'redaction:\n  denyListFiles: [missing.txt]\n');
    const broken = await run(['import', otlp, '--db', join(tempDir(), 'none.db'), '--eval-dir', evalDir]);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain(`line 2: key "redaction.denyListFiles.0": cannot read ${join(evalDir, 'missing.txt')}: no such file`);
  });

  it("applies the eval folder's redaction: section on import, and says which stored traces predate it", async () => {
    const db = join(tempDir(), 'deny.db');
    const evalDir = tempDir();
    const otlp = join(SAMPLE, 'support-agent.otlp.jsonl');
    const mentions = (): number => {
      const s = Store.open(db);
      const n = s.db.prepare("SELECT COUNT(*) FROM traces WHERE body LIKE '%Outfitters Plus%'").pluck().get() as number;
      s.close();
      return n;
    };
    // Imported under the default configuration: every trace is current, nothing to say.
    const first = await run(['import', otlp, '--db', db, '--eval-dir', evalDir]);
    expect(first.code).toBe(0);
    expect(first.out).not.toMatch(/note:|WARNING/);
    expect(mentions()).toBeGreaterThan(0);

    // The team deny-lists a product name: a run over the stored traces says they predate it.
    writeFileSync(join(evalDir, 'casebook.yaml'), 'redaction:\n  denyList:\n    - { value: Outfitters Plus, type: PRODUCT }\n');
    const graded = await run(['run', '--db', db, '--eval-dir', evalDir, '--since', 'all', '--no-judge']);
    expect(graded.err).toContain('note: 62 stored trace(s) were redacted under another redaction configuration or an older redactor');

    // `casebook import` reads the same section: the name is masked, and every trace is current again.
    const again = await run(['import', otlp, '--db', db, '--eval-dir', evalDir]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/PRODUCT/);
    expect(again.out).not.toMatch(/note:/);
    expect(mentions()).toBe(0);
    const json = await run(['import', otlp, '--db', db, '--eval-dir', evalDir, '--json']);
    expect((JSON.parse(json.out) as { stored: unknown }).stored).toEqual({ current: 62, stale: 0, unknown: 0, raw: 0 });

    // A raw import is counted as such from then on.
    const chat = join(tempDir(), 'raw.jsonl');
    writeFileSync(chat, `${JSON.stringify({ id: 'raw-1', messages: [{ role: 'user', content: 'I am Ann Lee' }, { role: 'assistant', content: 'Hi' }] })}\n`);
    const raw = await run(['import', chat, '--db', db, '--eval-dir', evalDir, '--keep-raw']);
    expect(raw.out).toContain('WARNING: 1 stored trace(s) are raw (imported with --keep-raw)');

    // A database from before marks were recorded: its traces are reported as unknown, not as current.
    const s = Store.open(db);
    s.db.prepare("UPDATE traces SET redaction = NULL WHERE redaction <> 'raw'").run();
    s.close();
    const old = await run(['run', '--db', db, '--eval-dir', evalDir, '--since', 'all', '--no-judge']);
    expect(old.err).toContain('note: 62 stored trace(s) predate the record of how traces were redacted');
  });

  it('refuses to import under a broken casebook.yaml, naming its line', async () => {
    const evalDir = tempDir();
    writeFileSync(join(evalDir, 'casebook.yaml'), 'redaction:\n  customPatterns:\n    - { name: x, regex: "(", type: X }\n');
    const r = await run(['import', join(SAMPLE, 'support-agent.otlp.jsonl'), '--db', join(tempDir(), 'b.db'), '--eval-dir', evalDir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/casebook\.yaml/);
    expect(r.out).toBe('');
  });

  it('refuses a custom pattern that could stall the import by backtracking, before reading a trace', async () => {
    const evalDir = tempDir();
    const db = join(tempDir(), 'slow.db');
    writeFileSync(join(evalDir, 'casebook.yaml'), 'redaction:\n  customPatterns:\n    - { name: order-ref, regex: "(\\\\w+-?)+$", type: ORDER }\n');
    const r = await run(['import', join(SAMPLE, 'support-agent.otlp.jsonl'), '--db', db, '--eval-dir', evalDir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(evalDir, 'casebook.yaml')}, line 3`);
    expect(r.err).toContain('custom pattern "order-ref": /(\\w+-?)+$/ takes exponential time on a long run of characters matching /\\w/');
    expect(existsSync(db)).toBe(false);
  });

  it('lists, filters and searches traces, as a table and as JSON', async () => {
    const db = join(tempDir(), 'c.db');
    await run(['import', join(SAMPLE, 'support-agent.otlp.jsonl'), '--db', db]);
    const table = await run(['traces', '--db', db, '--limit', '5']);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+TIME \(UTC\)\s+FORMAT\s+STATUS\s+MSGS\s+TOOLS\s+TITLE/);
    expect(table.out).toContain('5 of 62 trace(s)');
    const json = await run(['traces', '--db', db, '--text', 'warranty', '--json', '--limit', '100']);
    const page = JSON.parse(json.out) as { total: number; items: Array<{ title: string }> };
    expect(page.total).toBeGreaterThan(0);
    const none = await run(['traces', '--db', db, '--since', '24h', '--json']);
    expect((JSON.parse(none.out) as { total: number }).total).toBe(0);
    const bad = await run(['traces', '--db', db, '--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--since: "yesterday" is not a duration (use e.g. 24h, 7d, 2w)');
  });

  it('finds a conversation by the raw id it was imported under, though the id is stored hashed', async () => {
    const dir = tempDir();
    const db = join(dir, 'wa.db');
    const file = join(dir, 'wa.jsonl');
    const turn = (id: string, text: string): string =>
      JSON.stringify({ id, conversation_id: 'whatsapp:+14155550199', messages: [{ role: 'user', content: text }, { role: 'assistant', content: 'ok' }] });
    writeFileSync(file, `${turn('m1', 'hi')}\n${turn('m2', 'still there?')}\n`);
    const imported = await run(['import', file, '--db', db]);
    expect(imported.out).toContain('By field: trace.conversationId 2.');
    const found = await run(['traces', '--db', db, '--conversation', 'whatsapp:+14155550199', '--json']);
    const page = JSON.parse(found.out) as { total: number; items: Array<{ conversationId: string }> };
    expect(page.total).toBe(2);
    expect(page.items[0]?.conversationId).toMatch(/^PHONE-[0-9a-f]{20}$/);
  });

  it("finds a conversation whose id only the eval folder's own pattern hides, with that folder", async () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    const evalDir = join(dir, 'eval');
    mkdirSync(evalDir);
    writeFileSync(join(evalDir, 'casebook.yaml'), 'redaction:\n  customPatterns:\n    - { name: customer, regex: "CUST-\\\\d{6}", type: CUSTOMER_ID }\n');
    const file = join(dir, 'c.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'm1', conversation_id: 'CUST-123456', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'ok' }] })}\n`);
    expect((await run(['import', file, '--db', db, '--eval-dir', evalDir])).code).toBe(0);
    const found = JSON.parse((await run(['traces', '--db', db, '--conversation', 'CUST-123456', '--eval-dir', evalDir, '--json'])).out) as { total: number; items: Array<{ conversationId: string }> };
    expect(found.total).toBe(1);
    expect(found.items[0]?.conversationId).toMatch(/^CUSTOMER_ID-[0-9a-f]{20}$/);
    // Without the folder the id is looked up as it came, and is not found.
    expect((JSON.parse((await run(['traces', '--db', db, '--conversation', 'CUST-123456', '--eval-dir', join(dir, 'none'), '--json'])).out) as { total: number }).total).toBe(0);
  });

  it.skipIf(!haveSharedFixtures())('shows one conversation readably, by id prefix', async () => {
    const db = join(tempDir(), 'c.db');
    await run(['import', TAU, '--db', db]);
    const list = JSON.parse((await run(['traces', '--db', db, '--json', '--limit', '100'])).out) as {
      items: Array<{ id: string; sourceTraceId: string }>;
    };
    const t0 = list.items.find((t) => t.sourceTraceId === 'task-0-trial-0');
    expect(t0).toBeDefined();
    const shown = await run(['show', (t0?.id as string).slice(0, 12), '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`Trace ${t0?.id}`);
    expect(shown.out).toContain('reward      ');
    expect(shown.out).toMatch(/── USER\n/);
    expect(shown.out).toMatch(/→ call get_user_details/);
    const missing = await run(['show', 'tr_doesnotexist', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no trace with id tr_doesnotexist');
  });

  it('exits non-zero and names the failures when records fail', async () => {
    const dir = tempDir();
    const p = join(dir, 'bad.jsonl');
    writeFileSync(p, `${JSON.stringify({ id: 'a', messages: [{ role: 'user', content: 'hi' }] })}\nnot json\n`);
    const r = await run(['import', p, '--db', join(dir, 'c.db')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 record(s) could not be imported');
    expect(r.out).toContain(`${p}:2 (byte`);
    expect(r.out).toContain('Every other record was imported.');
  });

  it('imports your own CSV log with a field mapping (--map implies --format generic)', async () => {
    const db = join(tempDir(), 'g.db');
    const csv = join(repoDir, 'resources', 'examples', 'generic-support-log.csv');
    const map = join(repoDir, 'resources', 'examples', 'generic-support-log.map.yaml');
    const r = await run(['import', csv, '--map', map, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[generic]');
    expect(r.out).toContain('10 new traces');
    const conv = JSON.parse((await run(['traces', '--db', db, '--conversation', 's-1002', '--json'])).out) as {
      items: Array<{ id: string; sourceTraceId: string; intent: string }>;
    };
    expect(conv.items.map((t) => t.sourceTraceId).sort()).toEqual(['req-0004', 'req-0005', 'req-0006']);
    expect(conv.items.every((t) => t.intent === 'billing')).toBe(true);
    const refund = JSON.parse((await run(['show', conv.items.find((t) => t.sourceTraceId === 'req-0005')?.id as string, '--db', db, '--json'])).out) as {
      trace: { messages: Array<{ toolCalls: Array<{ name: string }> }> };
    };
    expect(refund.trace.messages.flatMap((m) => m.toolCalls.map((c) => c.name))).toContain('issue_refund');
    const badMap = join(tempDir(), 'bad.yaml');
    writeFileSync(badMap, 'id: request_id\nuserText: [not, a, path]\n');
    const bad = await run(['import', csv, '--map', badMap, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(badMap);
    expect(bad.err).toContain('userText');
  });

  it('redacts on import and says what it masked; --keep-raw is an explicit, loud opt-out', async () => {
    const dir = tempDir();
    const sample = join(SAMPLE, 'support-agent.otlp.jsonl');
    const r = await run(['import', sample, '--db', join(dir, 'a.db')]);
    expect(r.out).toMatch(/Redacted \d+ value\(s\)\. By type: .*EMAIL \d+/);
    const raw = await run(['import', sample, '--db', join(dir, 'b.db'), '--keep-raw']);
    expect(raw.err).toContain('WARNING: --keep-raw stores trace payloads WITHOUT redacting PII');
    expect(raw.out).toContain('Redaction was OFF (--keep-raw): raw payloads are stored.');
  });

  it('previews the redacted output of an export without importing it', async () => {
    const sample = join(SAMPLE, 'support-agent.otlp.jsonl');
    const scratch = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('casebook-redact-'));
    const before = scratch();
    const r = await run(['redact', sample]);
    expect(r.code).toBe(0);
    // The scratch database (on disk, so a large export does not have to fit in memory) is gone.
    expect(scratch()).toEqual(before);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(62);
    const traces = lines.map((l) => JSON.parse(l) as { id: string; messages: Array<{ text: string }> });
    expect(traces[0]?.id).toMatch(/^tr_/);
    const emails = [...readFileSync(sample, 'utf8').matchAll(/[a-z]+\.[a-z]+\d+@example\.com/g)].map((m) => m[0]);
    expect(emails.length).toBeGreaterThan(10);
    expect(emails.filter((e) => r.out.includes(e))).toEqual([]);
    expect(r.out).toMatch(/<EMAIL_1>/);
    expect(r.err).toMatch(/^Redacted \d+ value\(s\)/);
  });

  it.skipIf(!haveSharedFixtures())('scores the redactor on a labeled corpus', async () => {
    const r = await run(['redact', '--score', piiCorpusPath]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^1334 labeled records from /);
    expect(r.out).toContain('| type | labeled | found | masked | false pos. | precision | recall | F2 |');
    expect(r.out).toMatch(/\| EMAIL \| 41 \| 41 \|/);
    expect(r.out).toMatch(/\| \*\*overall\*\* \| 1465 \| \d+ \|/);
    const bad = await run(['redact']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('give files to preview, or --score CORPUS.jsonl');
  });

  it('redact --score --check exits 4 and names the figures below their bars', async () => {
    const dir = tempDir();
    const corpus = join(dir, 'team.jsonl');
    const lines = [
      { text: 'Mail jane.doe@example.org or call +44 20 7946 0958.', spans: [{ start: 5, end: 25, type: 'EMAIL' }, { start: 34, end: 50, type: 'PHONE' }] },
      { text: 'Extension seven-seven-two, please.', spans: [{ start: 10, end: 25, type: 'PHONE' }] },
    ];
    writeFileSync(corpus, lines.map((l) => JSON.stringify(l)).join('\n'));
    const r = await run(['redact', '--score', corpus, '--check']);
    expect(r.code).toBe(4);
    expect(r.out).toContain('| PHONE | 2 | 1 |');
    expect(r.err).toContain('below the bar: recall of PHONE 0.500 is below 0.98');
    writeFileSync(corpus, JSON.stringify(lines[0]));
    const ok = await run(['redact', '--score', corpus, '--check']);
    expect(ok.code).toBe(0);
    expect(ok.err).toBe('');
    const alone = await run(['redact', '--check', corpus]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--check goes with --score CORPUS.jsonl');
  });

  it('redact --score --errors lists each missed span and false positive with its record and context', async () => {
    const dir = tempDir();
    const corpus = join(dir, 'team.jsonl');
    const lines = [
      { id: 'ticket-1', text: 'Mail jane.doe@example.org or call +44 20 7946 0958.', spans: [{ start: 5, end: 25, type: 'EMAIL' }, { start: 34, end: 50, type: 'PHONE' }] },
      { text: 'Extension seven-seven-two,\nplease.', spans: [{ start: 10, end: 25, type: 'PHONE' }] },
      { id: 'ticket-3', text: 'Nothing to see, but visit example.com today.', spans: [] },
    ];
    writeFileSync(corpus, lines.map((l) => JSON.stringify(l)).join('\n'));
    const r = await run(['redact', '--score', corpus, '--errors']);
    expect(r.code).toBe(0);
    const tail = r.out.slice(r.out.indexOf('missed ('));
    expect(tail.trim().split('\n')).toEqual([
      'missed (1):',
      // A record without an id is named by its line in the corpus; the line break stays escaped.
      '  PHONE          2  "Extension [[seven-seven-two]],\\nplease."',
      'false positives (1):',
      '  URL            ticket-3  "Nothing to see, but visit [[example.com]] today."',
    ]);
    const alone = await run(['redact', '--errors', corpus]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--errors goes with --score CORPUS.jsonl');
    // Without the flag, no list.
    expect((await run(['redact', '--score', corpus])).out).not.toContain('missed (');
  });

  it('refuses a corpus line whose span is not a range of its text, naming the line, record and span', async () => {
    const corpus = join(tempDir(), 'bad-spans.jsonl');
    const good = JSON.stringify({ id: 'a', text: 'Call Maria', spans: [{ start: 5, end: 10, type: 'PERSON' }] });
    writeFileSync(corpus, `${good}\n${JSON.stringify({ id: 'b', text: 'hi', spans: [{ start: 5, end: 1, type: 'PERSON' }] })}\n`);
    const r = await run(['redact', '--score', corpus]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`casebook: ${corpus}:2 (record b): span 1 (PERSON 5-1) is not a non-empty range of the text's 2 characters`);
    expect(r.out).toBe('');
    writeFileSync(corpus, `${good}\n{"text": "x", "spans": [{"start": 0, "end": "1", "type": "PERSON"}]}\n`);
    const shape = await run(['redact', '--score', corpus]);
    expect(shape.err).toContain(`${corpus}:2: not a labeled record ({text, spans:[{start,end,type}]}): spans.0.end:`);
  });

  it('refuses to score an empty corpus, and a preview of an empty file reports only the file', async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n\n');
    const score = await run(['redact', '--score', empty]);
    expect(score.code).toBe(2);
    expect(score.err).toContain(`${empty}: no labeled records to score`);
    expect(score.out).not.toContain('1.000');
    writeFileSync(empty, '');
    const preview = await run(['redact', empty]);
    expect(preview.code).toBe(1);
    expect(preview.err.trim()).toBe(`${empty}: empty file, nothing to import`);
    expect(preview.out).toBe('');
  });

  it('uses CASEBOOK_DB when --db is not given', async () => {
    const db = join(tempDir(), 'env.db');
    const r = await run(['import', join(SAMPLE, 'support-agent.otlp.jsonl')], { CASEBOOK_DB: db });
    expect(r.code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });

  it('lists the formats with how each is detected', async () => {
    const r = await run(['formats']);
    for (const id of ['otlp', 'openinference', 'langfuse', 'langsmith', 'tau-bench', 'openai-chat', 'generic']) {
      expect(r.out).toMatch(new RegExp(`^  ${id}\\s`, 'm'));
    }
    expect(r.out).toContain('detected by:');
  });

  it('has --help on every command and rejects unknown options', async () => {
    for (const cmd of ['import', 'traces', 'show', 'formats', 'redact']) {
      const r = await run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: casebook ${cmd}`);
    }
    const bad = await run(['traces', '--colour']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown option '--colour'");
    const v = await run(['--version']);
    expect(v.out.trim()).toBe(VERSION);
  });

  it('runs as `npx casebook` from the checkout (the built bin)', () => {
    const db = join(tempDir(), 'bin.db');
    const out = execFileSync(process.execPath, [join(repoDir, 'bin', 'casebook.js'), 'import', SAMPLE, '--db', db], { encoding: 'utf8' });
    expect(out).toContain('62 new traces');
    const res = spawnSync(process.execPath, [join(repoDir, 'bin', 'casebook.js'), 'show', 'nope', '--db', db], { encoding: 'utf8' });
    expect(res.status).toBe(2);
  });

  it('stops quietly when the reader of its output goes away (`| head`)', () => {
    const db = join(tempDir(), 'pipe.db');
    execFileSync(process.execPath, [join(repoDir, 'bin', 'casebook.js'), 'import', SAMPLE, '--db', db], { encoding: 'utf8' });
    const bin = join(repoDir, 'bin', 'casebook.js');
    for (const args of [`redact ${SAMPLE}`, `traces --json --limit 60 --db ${db}`]) {
      // bash's PIPESTATUS gives casebook's own exit status, not head's.
      const res = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" ${args} | head -c 100 > /dev/null; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
      expect(res.stderr, args).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
      expect(res.stderr, args).toContain('status=0');
    }
  });

  it('keeps core/version.ts equal to package.json', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
