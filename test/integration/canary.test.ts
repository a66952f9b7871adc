/**
 * Every field of every real export, one at a time: a record gets a unique email planted in one string
 * value (appended, or in place of the value) or one object key, every variant is imported, and the
 * database and its WAL are read as bytes. No planted address may be there, whatever field it was in:
 * message texts, ids (trace, span, tool call), tool and agent names, attribute keys. Phone numbers,
 * API tokens and connection-string passwords are planted the same way, each found by other rules.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../core/store/index.js';
import { importPaths } from '../../core/pipeline/import.js';
import type { FormatId } from '../../core/model/trace.js';
import { haveSharedFixtures, repoDir, traceFixture } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';
import { redactionWorkerUrl } from '../helpers/import-worker-bundle.js';

type Mode = 'append' | 'replace' | 'key';
type Path = { at: Array<string | number>; key: boolean };

const KEY = Buffer.alloc(32, 9);
const FIXTURES: Array<{ file: string; format: FormatId; records?: number }> = [
  { file: traceFixture('langfuse/claude-agent-2025-12-22.trace.json'), format: 'langfuse' },
  { file: traceFixture('langfuse/openai-agents-2025-09-30.trace.json'), format: 'langfuse' },
  { file: traceFixture('langsmith-sdk/langsmith_js_wrap_openai_default.json'), format: 'langsmith' },
  { file: traceFixture('langsmith-sdk/anthropic_managed_custom_tools.jsonl'), format: 'langsmith' },
  { file: traceFixture('openinference/vercel-ai-sdk-v6-spans__ai-generateText-doGenerate.json'), format: 'openinference' },
  { file: traceFixture('openinference/genai-attrs__openinference_client_span_tool_calls.json'), format: 'openinference' },
  { file: traceFixture('swe-agent/demo__function_calling_replace__marshmallow-1867.traj.json'), format: 'openai-chat' },
  { file: traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json'), format: 'tau-bench', records: 2 },
  { file: join(repoDir, 'resources/samples/support-agent.otlp.jsonl'), format: 'otlp', records: 2 },
];
/** Fields tried per record and mode: spread over the record, so every part of it is reached. */
const PER_RECORD = 120;

function recordsOf(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? v : [v];
}

function pathsOf(v: unknown, at: Array<string | number> = [], out: Path[] = []): Path[] {
  if (typeof v === 'string') out.push({ at, key: false });
  else if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (at.length > 0) out.push({ at: [...at, k], key: true });
      pathsOf(x, [...at, k], out);
    }
  }
  return out;
}

/** A copy of `record` with `canary` planted at `p`. */
function plant(record: unknown, p: Path, canary: string, mode: Mode): unknown {
  const copy = structuredClone(record);
  let o = copy as Record<string | number, unknown>;
  for (const seg of p.at.slice(0, -1)) o = o[seg] as Record<string | number, unknown>;
  const last = p.at[p.at.length - 1] as string | number;
  if (p.key) {
    // Renamed in place, so the key order (and so the record's shape) stays.
    const entries = Object.entries(o);
    for (const k of Object.keys(o)) delete o[k];
    for (const [k, v] of entries) o[k === last ? `${k}_${canary}` : k] = v;
  } else o[last] = mode === 'append' ? `${String(o[last])} ${canary}` : canary;
  return copy;
}

/**
 * What is planted: a unique email; a unique phone number (found by other rules: digit groups,
 * look-behinds); a unique GitHub token (a known-prefix secret); a unique database password in a
 * connection string; a unique valid IBAN. The token and the password share a body, found with its number
 * in it. `find`'s groups, joined, give the variant's number.
 */
type Canary = 'email' | 'phone' | 'token' | 'dsn' | 'iban';
const SECRET_BODY = /Zq(\d{6})Xk9vT2mL8pR4wN7yB3cF6hJ1dG5sA0e/g;
const secretBody = (n: number): string => `Zq${String(n).padStart(6, '0')}Xk9vT2mL8pR4wN7yB3cF6hJ1dG5sA0e`;
const CANARY: Record<Canary, { make: (n: number) => string; find: RegExp }> = {
  email: { make: (n) => `zqcanary${n}x@example.com`, find: /zqcanary(\d+)x/g },
  phone: { make: (n) => `+1 212 555 ${String(n).padStart(4, '0')}`, find: /212\D{0,3}555\D{0,3}(\d{4})/g },
  token: { make: (n) => `ghp_${secretBody(n)}`, find: SECRET_BODY },
  dsn: { make: (n) => `postgres://svc:${secretBody(n)}@10.0.4.7:5432/app`, find: SECRET_BODY },
  iban: { make: germanIban, find: /3704 ?0044 ?(\d{4}) ?(\d{4}) ?(\d{2})/g },
};

/** A valid German IBAN (mod-97 check digits) whose account number is `n`, in groups of four. */
function germanIban(n: number): string {
  const bban = `37040044${String(n).padStart(10, '0')}`;
  // "DE00" moved to the end, letters as numbers (D = 13, E = 14).
  const rest = [...`${bban}131400`].reduce((r, d) => (r * 10 + Number(d)) % 97, 0);
  return `DE${String(98 - rest).padStart(2, '0')}${bban}`.replace(/(.{4})/g, '$1 ').trim();
}

/** Variants of the first records of `file`: one planted value each, and where it was planted. */
function variants(file: string, records: number, mode: Mode, canary: Canary = 'email'): { lines: string[]; where: string[] } {
  const lines: string[] = [];
  const where: string[] = [];
  for (const [ri, record] of recordsOf(file).slice(0, records).entries()) {
    const all = pathsOf(record).filter((p) => p.key === (mode === 'key'));
    const step = Math.max(1, all.length / PER_RECORD);
    for (let k = 0; k < all.length; k += step) {
      const p = all[Math.floor(k)] as Path;
      lines.push(JSON.stringify(plant(record, p, CANARY[canary].make(lines.length), mode)));
      where.push(`record ${ri} ${p.at.join('.')}${p.key ? ' (key)' : ''}`);
    }
  }
  return { lines, where };
}

/** The planted values found in the database file and its WAL, by where they were planted. */
function leaked(db: string, where: string[], canary: Canary = 'email'): string[] {
  const bytes = Buffer.concat([readFileSync(db), existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : Buffer.alloc(0)]).toString('latin1');
  const found = new Set<number>();
  for (const m of bytes.matchAll(CANARY[canary].find)) found.add(Number(m.slice(1).join('')));
  return [...found].sort((a, b) => a - b).map((i) => where[i] ?? `variant ${i}`);
}

describe.skipIf(!haveSharedFixtures())('a planted email, in any field of a real export', () => {
  for (const mode of ['append', 'replace', 'key'] as const) {
    it(`never reaches the database (${mode === 'key' ? 'in an object key' : mode === 'append' ? 'appended to a value' : 'as a whole value'})`, async () => {
      const dir = tempDir();
      let planted = 0;
      let stored = 0;
      for (const [n, f] of FIXTURES.entries()) {
        const { lines, where } = variants(f.file, f.records ?? Infinity, mode);
        const file = join(dir, `${mode}-${n}.jsonl`);
        writeFileSync(file, `${lines.join('\n')}\n`);
        const db = join(dir, `${mode}-${n}.db`);
        const store = Store.open(db);
        const report = await importPaths(store, [file], { format: f.format, redaction: { secretKey: KEY }, redactionThread: 'never' });
        stored += report.traces.added + report.traces.updated + report.traces.unchanged;
        planted += lines.length;
        // Read while open: the WAL is still there.
        expect({ file: f.file, leaked: leaked(db, where) }).toEqual({ file: f.file, leaked: [] });
        store.close();
      }
      expect(planted).toBeGreaterThan(mode === 'key' ? 500 : 800);
      // Most variants are still valid records: the addresses were stored, masked.
      expect(stored).toBeGreaterThan(mode === 'key' ? 50 : 100);
    }, 120_000);
  }

  // A phone number after "call_abc123 " or inside "<id> +1 212 555 0142:patch" (a LangSmith patch's
  // fragment id) escaped the recognizers' look-behind and look-ahead; the phone variant found both.
  const others: Array<{ canary: Canary; mode: Mode; what: string }> = [
    { canary: 'phone', mode: 'append', what: 'a planted phone number, appended to any value (after an id ending in digits, before ":patch")' },
    { canary: 'token', mode: 'append', what: 'a planted API token, appended to any value' },
    { canary: 'token', mode: 'key', what: 'a planted API token, in any object key' },
    { canary: 'dsn', mode: 'append', what: "a planted connection string's password, appended to any value" },
    // An IBAN after a hex id (read as a country code and check digits) was never tried: the candidate scan skipped what a rejected match covered.
    { canary: 'iban', mode: 'append', what: 'a planted IBAN, appended to any value (after a hex id, for one)' },
  ];
  for (const o of others) {
    it(`nor does ${o.what}`, async () => {
      const dir = tempDir();
      let planted = 0;
      for (const [n, f] of FIXTURES.entries()) {
        const { lines, where } = variants(f.file, Math.min(f.records ?? Infinity, 1), o.mode, o.canary);
        const file = join(dir, `${o.canary}-${n}.jsonl`);
        writeFileSync(file, `${lines.join('\n')}\n`);
        const db = join(dir, `${o.canary}-${n}.db`);
        const store = Store.open(db);
        await importPaths(store, [file], { format: f.format, redaction: { secretKey: KEY }, redactionThread: 'never' });
        planted += lines.length;
        expect({ file: f.file, leaked: leaked(db, where, o.canary) }).toEqual({ file: f.file, leaked: [] });
        store.close();
      }
      expect(planted).toBeGreaterThan(o.mode === 'key' ? 300 : 600);
    }, 120_000);
  }

  it('never reaches the database through the redaction thread either (OTLP trace and span ids, LangSmith run ids)', async () => {
    const dir = tempDir();
    const workerUrl = await redactionWorkerUrl();
    for (const [n, f] of FIXTURES.filter((x) => x.format === 'otlp' || x.format === 'langsmith').entries()) {
      const { lines, where } = variants(f.file, f.records ?? Infinity, 'replace');
      const file = join(dir, `thread-${n}.jsonl`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const db = join(dir, `thread-${n}.db`);
      const store = Store.open(db);
      const report = await importPaths(store, [file], { format: f.format, redaction: { secretKey: KEY }, redactionThread: 'always', redactionWorkerUrl: workerUrl });
      // A value replaced whole can break a record (a span's kind, a run's type): those are errors, the rest are stored.
      expect(report.traces.added + report.traces.updated).toBeGreaterThan(0);
      expect({ file: f.file, leaked: leaked(db, where) }).toEqual({ file: f.file, leaked: [] });
      store.close();
    }
  }, 120_000);
});
