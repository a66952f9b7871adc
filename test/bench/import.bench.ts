/**
 * `npm run bench:import`: import throughput and peak memory on a generated OTLP GenAI export and the
 * same traces as OpenAI-chat JSONL, at 100 MB and 1 GB, against the insert-only ceiling; and, at the
 * smallest size, import with redaction on against the same import with it off (medians of alternating runs).
 * Sizes can be overridden: BENCH_SIZES_MB=20,200 npm run bench:import
 */
import { execFileSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateExports } from '../helpers/synthetic-traces.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');
const dataDir = resolve(process.env.BENCH_DIR ?? join(repo, '.bench'));
const sizes = (process.env.BENCH_SIZES_MB ?? '100,1024').split(',').map(Number);

async function writeLines(path: string, lines: string[]): Promise<void> {
  const out = createWriteStream(path);
  for (const l of lines) if (!out.write(`${l}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(r));
}

/** Generate (once, cached in .bench/) the OTLP and OpenAI-chat exports of about `mb` megabytes of OTLP. */
async function ensureExports(mb: number): Promise<{ otlp: string; chat: string; traces: number; spans: number }> {
  mkdirSync(dataDir, { recursive: true });
  const otlp = join(dataDir, `otlp-${mb}mb.jsonl`);
  const chat = join(dataDir, `chat-${mb}mb.jsonl`);
  const meta = join(dataDir, `meta-${mb}mb.json`);
  if (existsSync(otlp) && existsSync(chat) && existsSync(meta)) {
    const m = (await import(meta, { with: { type: 'json' } })).default as { traces: number; spans: number };
    return { otlp, chat, ...m };
  }
  process.stderr.write(`generating ${mb} MB OTLP export and its OpenAI-chat twin in ${dataDir} ...\n`);
  // Synchronous writes: the generator is synchronous, and a stream would buffer the whole file in memory.
  const o = openSync(`${otlp}.tmp`, 'w');
  const c = openSync(`${chat}.tmp`, 'w');
  const stats = generateExports(
    mb * 1024 * 1024,
    20261126,
    (l) => writeSync(o, `${l}\n`),
    (l) => writeSync(c, `${l}\n`),
  );
  closeSync(o);
  closeSync(c);
  renameSync(`${otlp}.tmp`, otlp);
  renameSync(`${chat}.tmp`, chat);
  await writeLines(meta, [JSON.stringify({ traces: stats.traces, spans: stats.spans })]);
  return { otlp, chat, traces: stats.traces, spans: stats.spans };
}

function runChild(script: string, args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, [join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, number>;
}

/** Off/on pairs behind the redaction row; BENCH_REDACTION_REPS overrides. */
const REDACTION_REPS = Number(process.env.BENCH_REDACTION_REPS ?? '3');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const rows: string[] = [];
const redactionRows: string[] = [];
const mbps = (bytes: number, ms: number): string => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(1);
process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
for (const mb of sizes) {
  const ex = await ensureExports(mb);
  for (const [label, file] of [
    ['OTLP GenAI', ex.otlp],
    ['OpenAI chat', ex.chat],
  ] as const) {
    const db = join(dataDir, `bench-${mb}.db`);
    const fresh = join(dataDir, `ceiling-${mb}.db`);
    for (const f of [db, fresh]) for (const s of ['', '-wal', '-shm']) rmSync(`${f}${s}`, { force: true });
    const imp = runChild('import-child.js', [file, db, 'raw']);
    const ceil = runChild('ceiling-child.js', [db, fresh, 'arrival']);
    for (const sfx of ['', '-wal', '-shm']) rmSync(`${fresh}${sfx}`, { force: true });
    const sorted = runChild('ceiling-child.js', [db, fresh, 'sorted']);
    const size = statSync(file).size;
    const ms = imp.ms as number;
    rows.push(
      `| ${label} | ${(size / 2 ** 20).toFixed(0)} MB | ${mbps(size, ms)} MB/s | ${Math.round(((imp.traces as number) * 1000) / ms)} | ` +
        `${label.startsWith('OTLP') ? Math.round(((imp.fragments as number) * 1000) / ms) : '-'} | ${(imp.peakRssMb as number).toFixed(0)} MB | ` +
        `${mbps(size, ceil.ms as number)} MB/s | ${(((ceil.ms as number) / ms) * 100).toFixed(0)}% | ${mbps(size, sorted.ms as number)} MB/s |`,
    );
    process.stderr.write(`${rows[rows.length - 1]}\n`);
    if ((imp.errors as number) > 0) process.stderr.write(`  !! ${imp.errors} import errors\n`);
    for (const f of [db, fresh]) for (const s of ['', '-wal', '-shm']) rmSync(`${f}${s}`, { force: true });
    if (mb === sizes[0]) {
      // On a shared VM one run's speed varies by ±15%, so a single off/on pair can be off by a third:
      // the two modes alternate REDACTION_REPS times and the medians are compared.
      const off: number[] = [ms];
      const on: Array<Record<string, number>> = [];
      for (let rep = 0; rep < REDACTION_REPS; rep++) {
        if (rep > 0) {
          off.push(runChild('import-child.js', [file, db, 'raw']).ms as number);
          for (const s of ['', '-wal', '-shm']) rmSync(`${db}${s}`, { force: true });
        }
        on.push(runChild('import-child.js', [file, db, 'redacted']));
        for (const s of ['', '-wal', '-shm']) rmSync(`${db}${s}`, { force: true });
      }
      const offMs = median(off);
      const onMs = median(on.map((r) => r.ms as number));
      const red = on[0] as Record<string, number>;
      redactionRows.push(
        `| ${label} | ${(size / 2 ** 20).toFixed(0)} MB | ${mbps(size, offMs)} MB/s | ${mbps(size, onMs)} MB/s | ${((offMs / onMs) * 100).toFixed(0)}% | ${red.redacted} | ${Math.max(...on.map((r) => r.peakRssMb as number)).toFixed(0)} MB |`,
      );
      process.stderr.write(`${redactionRows[redactionRows.length - 1]}  (off: ${off.map((x) => mbps(size, x)).join(', ')} MB/s; on: ${on.map((r) => mbps(size, r.ms as number)).join(', ')} MB/s)\n`);
    }
  }
}
process.stdout.write(
  `\n| input | size | import | traces/s | spans/s | peak RSS | insert-only ceiling (same order) | import / ceiling | ceiling in key order |\n|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n` +
    `\n| input | size | import, redaction off | import, redaction on | on / off | values masked | peak RSS (on) |\n|---|---|---|---|---|---|---|\n${redactionRows.join('\n')}\n`,
);
