/**
 * Redaction throughput on realistic trace text: multi-turn support conversations with tool JSON and PII
 * at a realistic rate (~10 MB). Prints redaction MB/s (one core, every recognizer on, names included),
 * JSON.parse MB/s over the same bytes, and peak RSS. Fails (exit 1) below 30 MB/s. The redactor is
 * warmed up on a separate set of conversations first, so the figure is the steady rate of a long import.
 *
 * Run: npm run build:core && node dist/test/bench/redact.bench.js [targetMB]
 */
import { peakRssMb } from '../helpers/peak-rss.js';
import { randomBytes } from 'node:crypto';
import { createKeyedHash, createRedactor, Pseudonymizer, RedactionReport } from '../../core/redact/index.js';
import { TraceDraft, type Json, type TraceDraftInput } from '../../core/model/trace.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parserFor } from '../../core/ingest/registry.js';
import { sha256Hex } from '../../core/ingest/identity.js';
import { haveSharedFixtures, traceFixture } from '../helpers/fixtures.js';

let seed = 42;
function rnd(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}
function digits(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 10);
  return s;
}

const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Sofia', 'Lukas', 'Chloé', 'Mateo', 'Aisha', 'Hiroshi', 'Priya', 'Jonas', 'Marta', 'Ivan', 'Fatima'];
const LAST = ['Johnson', 'Müller', 'García', 'Rossi', 'Nowak', 'Kowalski', 'Tanaka', 'Okafor', 'Andersson', 'Dubois', 'Patel', 'Nguyen', 'Smith'];
const STREETS = ['Maple Avenue', 'Baker Street', 'Elm Road', 'Hauptstraße', 'Rue de Rivoli', 'Via Roma', 'Oak Lane'];
const CITIES = ['Springfield', 'Berlin', 'Paris', 'Rome', 'Austin', 'Leeds', 'Lyon'];
const PRODUCTS = ['wireless headphones', 'standing desk', 'coffee grinder', 'running shoes', 'USB-C hub', 'yoga mat', 'backpack'];
const OPENERS = ['Thanks for reaching out', 'I checked the order history', 'I looked into this', 'Sorry about the trouble', 'Good news', 'I understand the frustration', 'Quick update', 'I have escalated this', 'Let me confirm', 'I reviewed the account'];
const MIDDLES = ['and the refund usually takes three to five business days', 'and the package left the warehouse this morning', 'and the replacement will ship once the return is scanned', 'but the carrier reported a delay in the regional hub', 'and the shipping preferences are now updated', 'so the tracking page should refresh within a few hours', 'and a prepaid return label is attached to this ticket', 'but the promotion code expired last week', 'and the invoice was re-issued with the corrected total', 'so the next delivery window is Thursday afternoon'];
const CLOSERS = ['Let me know if anything else comes up.', 'Is there anything else I can help with?', 'Have a great day.', 'I will follow up tomorrow.', 'You will get an email confirmation shortly.', 'Thanks for your patience.', 'Feel free to reply here with questions.', 'I have added a note to your case.'];
function filler(): string {
  return `${pick(OPENERS)} ${pick(MIDDLES)} (case ${Math.floor(rnd() * 90000) + 10000}). ${pick(CLOSERS)}`;
}

function person(): string {
  return `${pick(FIRST)} ${pick(LAST)}`;
}
function email(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${pick(['gmail.com', 'example.org', 'mail.de', 'outlook.com'])}`;
}
function phone(): string {
  return pick([`+1 (415) 555-${digits(4)}`, `+44 20 7946 ${digits(4)}`, `030 ${digits(8)}`, `(212) 555-${digits(4)}`]);
}
function address(): string {
  return `${Math.floor(rnd() * 900) + 10} ${pick(STREETS)}, ${pick(CITIES)} ${digits(5)}`;
}

function conversation(i: number): TraceDraftInput {
  const name = person();
  const mail = email(name);
  const orderId = `ORD-${digits(8)}`;
  const messages: TraceDraftInput['messages'] = [
    { role: 'system', text: 'You are a helpful customer support agent for an online store. Be concise, verify identity before account changes, never reveal internal notes.' },
  ];
  const turns = 3 + Math.floor(rnd() * 4);
  for (let t = 0; t < turns; t++) {
    const userText =
      t === 0
        ? `Hi, my name is ${name} and my order ${orderId} still has not arrived. You can reach me at ${mail} or ${phone()}.`
        : rnd() < 0.3
          ? `Please ship it to ${address()} instead. ${filler()}`
          : `${filler()} Also, the ${pick(PRODUCTS)} I ordered on 2024-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)} was the wrong colour.`;
    messages.push({ role: 'user', text: userText });
    const callId = `call_${digits(10)}`;
    const result: Json = {
      order_id: orderId,
      status: pick(['shipped', 'processing', 'delivered', 'delayed']),
      customer: { name, email: mail, phone: phone() },
      shipping_address: { line1: address(), country: 'US' },
      items: Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({
        sku: `SKU-${digits(6)}`,
        title: pick(PRODUCTS),
        qty: 1 + Math.floor(rnd() * 3),
        price: Math.round(rnd() * 20000) / 100,
      })),
      carrier: pick(['UPS', 'FedEx', 'DHL']),
      tracking_number: `1Z${digits(16)}`,
      updated_at: `2024-06-${10 + Math.floor(rnd() * 18)}T${10 + Math.floor(rnd() * 12)}:${10 + Math.floor(rnd() * 49)}:00Z`,
      notes: filler() + ' ' + filler(),
    };
    messages.push({
      role: 'assistant',
      text: '',
      toolCalls: [{ id: callId, name: 'lookup_order', arguments: { order_id: orderId, email: mail }, result, status: 'ok', latencyMs: 120 }],
    });
    messages.push({ role: 'tool', text: JSON.stringify(result), toolCallId: callId, name: 'lookup_order' });
    messages.push({ role: 'assistant', text: `${filler()} ${filler()} I can see the order for ${name.split(' ')[0]} is ${String((result as { status: string }).status)}. ${filler()}` });
  }
  return {
    source: { format: 'openai-chat', file: 'bench.jsonl', sourceTraceId: `t${i}` },
    conversationId: `conv-${i}`,
    userId: `user-${digits(6)}`,
    messages,
    spans: [
      {
        spanId: digits(16),
        name: 'chat',
        kind: 'llm',
        status: 'ok',
        attributes: {
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 812,
          'gen_ai.usage.output_tokens': 96,
          'http.request.header.authorization': `Bearer sk-proj-${digits(8)}abcDEF${digits(12)}xyz`,
          'server.address': 'api.openai.com',
        },
      },
    ],
    metadata: { environment: 'production', tags: ['support', 'orders'], session: `sess_${digits(12)}` },
  };
}

/** Conversations from `first` on until `mb` megabytes of JSON: the drafts and their serialised size. */
function generate(first: number, mb: number): { drafts: TraceDraft[]; lines: string[]; bytes: number } {
  const drafts: TraceDraft[] = [];
  const lines: string[] = [];
  let bytes = 0;
  for (let i = first; bytes < mb * 1e6; i++) {
    const d = TraceDraft.parse(conversation(i));
    const line = JSON.stringify(d);
    bytes += Buffer.byteLength(line);
    lines.push(line);
    drafts.push(d);
  }
  return { drafts, lines, bytes };
}

/** One measured pass over unseen conversations: JSON.parse and redaction rates, wall and CPU. */
function measure(first: number, targetMB: number, hash: (s: string) => string): { mb: number; traces: number; parse: number; parseCpu: number; redact: number; redactCpu: number; ms: number; report: RedactionReport } {
  const { lines, bytes } = generate(first, targetMB);
  const redactor = createRedactor();
  (globalThis as { gc?: () => void }).gc?.();
  // CPU time of this thread's work is reported beside wall time: on a shared machine wall time also
  // measures other processes (and CPU time counts the garbage collector's helper threads).
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  // The redactor gets the parsed lines, as an import does (flat strings, not the generator's concatenations).
  const drafts = lines.map((l) => JSON.parse(l) as TraceDraft);
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage();
  const report = new RedactionReport();
  for (const d of drafts) {
    const p = new Pseudonymizer(hash);
    redactor.redactTrace(d, p, report);
    p.stateJson();
  }
  const t2 = process.hrtime.bigint();
  const c2 = process.cpuUsage();
  const cpuS = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): number => (b.user - a.user + b.system - a.system) / 1e6;
  const mb = bytes / 1e6;
  return {
    mb,
    traces: drafts.length,
    parse: mb / (Number(t1 - t0) / 1e9),
    parseCpu: mb / cpuS(c0, c1),
    redact: mb / (Number(t2 - t1) / 1e9),
    redactCpu: mb / cpuS(c1, c2),
    ms: Number(t2 - t1) / 1e6,
    report,
  };
}

/** The real tau-bench airline trajectories (../shared), as the import's parser makes them, or undefined when absent. */
function realExport(): { drafts: TraceDraft[]; bytes: number; file: string } | undefined {
  const file = traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json');
  if (!haveSharedFixtures() || !existsSync(file)) return undefined;
  const parser = parserFor('tau-bench');
  const records = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  const drafts = records.flatMap((r, index) => parser.parse(r, { file, line: 1, byteOffset: 0, index }, { file, hash: sha256Hex }).traces);
  return { drafts, bytes: drafts.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d)), 0), file };
}

/** The SWE-agent trajectories of ../shared (a coding agent's code, diffs and terminal output), or undefined when absent. */
function codingExport(): { drafts: TraceDraft[]; bytes: number } | undefined {
  const dir = traceFixture('swe-agent');
  if (!haveSharedFixtures() || !existsSync(dir)) return undefined;
  const parser = parserFor('openai-chat');
  const drafts = readdirSync(dir)
    .filter((f) => f.endsWith('.traj.json'))
    .sort()
    .flatMap((f, index) => {
      const file = join(dir, f);
      return parser.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown, { file, line: 1, byteOffset: 0, index }, { file, hash: sha256Hex }).traces;
    });
  return { drafts, bytes: drafts.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d)), 0) };
}

/** Median redaction rate over `reps` passes of the real export, each through a fresh redactor on fresh copies. */
function measureReal(real: { drafts: TraceDraft[]; bytes: number }, reps: number, hash: (s: string) => string): number[] {
  const rates: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const input = real.drafts.map((d) => JSON.parse(JSON.stringify(d)) as TraceDraft);
    const redactor = createRedactor();
    const t0 = process.hrtime.bigint();
    for (const d of input) {
      const p = new Pseudonymizer(hash);
      redactor.redactTrace(d, p);
      p.stateJson();
    }
    rates.push(real.bytes / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return rates;
}

function main(): void {
  const targetMB = Number(process.argv[2] ?? '10');
  const reps = Number(process.env.BENCH_REPS ?? '5');
  // The same keyed hash as an import (HMAC-SHA256 with a secret key).
  const hash = createKeyedHash(randomBytes(32));
  // Warm up on other conversations (JIT, lazily built word sets, the per-process caches), as a long import
  // would be by the time it reaches these bytes; then measure fresh redactors on unseen data. One run's
  // speed varies by ±20% on a shared VM (JSON.parse's rate shows how fast the machine was), so the
  // median of `reps` passes, each over different conversations, is the figure.
  const warm = generate(1_000_000, Math.max(2, targetMB / 3));
  const warmRedactor = createRedactor();
  for (const d of warm.drafts) warmRedactor.redactTrace(d, new Pseudonymizer(hash));
  const runs = Array.from({ length: reps }, (_, rep) => measure(rep * 100_000, targetMB, hash));
  const sorted = [...runs].sort((a, b) => a.redact - b.redact);
  const mid = sorted[runs.length >> 1] as (typeof runs)[number];
  // The fastest pass is the least disturbed by other work on a shared machine (the goal is held to the median).
  const best = sorted[runs.length - 1] as (typeof runs)[number];
  process.stdout.write(
    [
      `traces: ${mid.traces} per pass, bytes: ${mid.mb.toFixed(1)} MB per pass, ${reps} passes`,
      ...runs.map(
        (r, i) =>
          `  pass ${i + 1}: redaction ${r.redact.toFixed(1)} MB/s wall (${r.ms.toFixed(0)} ms), ${r.redactCpu.toFixed(1)} MB/s CPU; JSON.parse ${r.parse.toFixed(1)} MB/s wall, ${r.parseCpu.toFixed(1)} MB/s CPU`,
      ),
      `redaction (every recognizer on), median pass: ${mid.redact.toFixed(1)} MB/s wall, ${mid.redactCpu.toFixed(1)} MB/s CPU; JSON.parse in that pass ${mid.parse.toFixed(1)} MB/s`,
      `fastest pass: ${best.redact.toFixed(1)} MB/s wall; JSON.parse in that pass ${best.parse.toFixed(1)} MB/s`,
      `masked values per pass: ${mid.report.total} ${JSON.stringify(mid.report.toJSON().byType)}`,
      ...realLines(hash),
      `peak RSS: ${peakRssMb().toFixed(0)} MB`,
      // Last: its peak must not count in the passes' figure above.
      hugeLine(hash),
      `peak RSS including the 10 MB string: ${peakRssMb().toFixed(0)} MB`,
    ].join('\n') + '\n',
  );
  if (mid.redact < 30) {
    process.stderr.write(`BELOW GOAL: redaction at ${mid.redact.toFixed(1)} MB/s, the goal is 30 MB/s\n`);
    process.exitCode = 1;
  }
}

/** One 10 MB tool output dense with PII (a phone number and a name every 51 characters), detected window by window. */
function hugeLine(hash: (s: string) => string): string {
  const unit = 'Call me at +1 (415) 555-0100, I am Maria Gonzalez. ';
  const text = unit.repeat(Math.round(10e6 / unit.length));
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  const report = new RedactionReport();
  createRedactor().redactText(text, new Pseudonymizer(hash), { report });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return `one 10 MB string of dense PII (windows): ${(text.length / 1e6 / s).toFixed(1)} MB/s, ${report.total} values masked`;
}

/** The real exports' figures, for comparison with the generated text (not held to the goal: they are 1 MB and less). */
function realLines(hash: (s: string) => string): string[] {
  const real = realExport();
  if (!real) return ['real export: ../shared/fixtures is missing, skipped'];
  const rates = measureReal(real, 7, hash).sort((a, b) => a - b);
  const coding = codingExport();
  const codingRates = coding === undefined ? [] : measureReal(coding, 15, hash).sort((a, b) => a - b);
  return [
    `real export (${real.drafts.length} tau-bench airline trajectories, ${(real.bytes / 1e6).toFixed(2)} MB as drafts), median of ${rates.length} passes: ${(rates[rates.length >> 1] as number).toFixed(1)} MB/s (${rates.map((r) => r.toFixed(1)).join(', ')})`,
    coding === undefined
      ? 'coding agent: ../shared/fixtures/traces/swe-agent is missing, skipped'
      : `coding agent (${coding.drafts.length} SWE-agent trajectories, ${(coding.bytes / 1e6).toFixed(2)} MB as drafts: code, diffs, terminal output), median of ${codingRates.length} passes: ${(codingRates[codingRates.length >> 1] as number).toFixed(1)} MB/s`,
  ];
}

main();
