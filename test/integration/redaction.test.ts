import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store } from '../../core/store/index.js';
import { importPaths } from '../../core/pipeline/import.js';
import { haveSharedFixtures, repoDir, traceFixture } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';
import { redactionWorkerUrl } from '../helpers/import-worker-bundle.js';

const TAU = traceFixture('tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json');
const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');

/** Every string under one of `keys` anywhere in a JSON value. */
function valuesUnder(value: unknown, keys: ReadonlySet<string>, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) valuesUnder(v, keys, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys.has(k) && typeof v === 'string' && v.length >= 4) out.add(v);
      else valuesUnder(v, keys, out);
    }
  }
  return out;
}

function dbBytes(file: string): Buffer {
  const parts = [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
  return Buffer.concat(parts);
}

describe.skipIf(!haveSharedFixtures())('redaction before storage', () => {
  it('no raw PII value of the imported exports is in the database file or its WAL', async () => {
    const db = join(tempDir(), 'r.db');
    const store = Store.open(db);
    const report = await importPaths(store, [TAU, SAMPLE]);
    expect(report.errorCount).toBe(0);
    expect(report.redaction?.total).toBeGreaterThan(1000);
    expect(report.redaction?.byType.EMAIL).toBeGreaterThan(50);
    // Read the bytes while the WAL still holds the latest pages (no checkpoint on close yet).
    const bytes = dbBytes(db);
    store.close();

    const tau = JSON.parse(readFileSync(TAU, 'utf8')) as unknown;
    const raw = valuesUnder(tau, new Set(['email', 'first_name', 'last_name', 'dob', 'address1', 'zip']));
    const sampleText = readFileSync(SAMPLE, 'utf8');
    for (const m of sampleText.matchAll(/[a-z]+\.[a-z]+\d+@example\.com|\+1 \(\d{3}\) \d{3}-\d{4}/g)) raw.add(m[0]);
    expect(raw.size).toBeGreaterThan(60);
    const leaked = [...raw].filter((v) => bytes.includes(Buffer.from(v)));
    expect(leaked).toEqual([]);
  });

  it("stores a home directory's account name in a coding agent's traceback masked, the path around it kept", async () => {
    // The issue text of SWE-agent's test trajectory quotes a traceback from its author's Mac.
    const db = join(tempDir(), 'h.db');
    const store = Store.open(db);
    const report = await importPaths(store, [traceFixture('swe-agent/testdata__gpt4__swe-agent__test-repo-i1.traj.json')]);
    expect(report.errorCount).toBe(0);
    expect(report.redaction?.byType.USER).toBeGreaterThanOrEqual(1);
    const bytes = dbBytes(db);
    store.close();
    expect(bytes.includes(Buffer.from('fuchur'))).toBe(false);
    expect(bytes.includes(Buffer.from('/Users/<USER_1>/Documents/24/git_sync/swe-agent-test-repo/tests/'))).toBe(true);
  });

  it("keeps the tau-bench tools' names (its expected actions are {name, kwargs}, which is no person)", async () => {
    const store = Store.open(':memory:');
    await importPaths(store, [TAU], { redaction: { secretKey: Buffer.alloc(32, 7) } });
    const names = new Map<string, number>();
    for (const item of store.traces.list({ limit: 500, offset: 0 }).items) {
      for (const m of store.traces.get(item.id)?.messages ?? []) {
        for (const c of m.toolCalls) names.set(c.name, (names.get(c.name) ?? 0) + 1);
        if (m.role === 'tool' && m.name !== undefined) names.set(`tool message: ${m.name}`, (names.get(`tool message: ${m.name}`) ?? 0) + 1);
      }
    }
    store.close();
    expect([...names.keys()].filter((n) => n.includes('<'))).toEqual([]);
    // The write actions every task is graded on; 81 of their calls came out as <PERSON_n> before.
    for (const tool of ['book_reservation', 'update_reservation_flights', 'cancel_reservation', 'get_user_details']) expect(names.get(tool) ?? 0).toBeGreaterThan(0);
    expect(names.get('tool message: book_reservation') ?? 0).toBeGreaterThan(0);
  });

  it('keeps placeholders consistent across the turns of an OTLP conversation and across imports', async () => {
    const store = Store.open(':memory:');
    const key = Buffer.alloc(32, 7);
    await importPaths(store, [SAMPLE], { redaction: { secretKey: key } });
    const page = store.traces.list({ limit: 200, offset: 0 });
    const byConv = new Map<string, string[]>();
    for (const t of page.items) if (t.conversationId) byConv.set(t.conversationId, [...(byConv.get(t.conversationId) ?? []), t.id]);
    const PH = /<(EMAIL|PHONE|ADDRESS|PERSON)_\d+>/;
    const conversations = [...byConv.values()]
      .filter((ids) => ids.length >= 2)
      .map((ids) => ids.map((id) => store.traces.get(id)).sort((a, b) => (a?.startTime ?? 0) - (b?.startTime ?? 0)));
    // A conversation whose opening request carries PII (an address change or a cancellation by email).
    const withPii = conversations.filter((ts) => PH.test(ts[0]?.messages.find((m) => m.role === 'user')?.text ?? ''));
    expect(withPii.length).toBeGreaterThan(0);
    const [first, second] = withPii[0] ?? [];
    // Turn 2 repeats turn 1 as history: after redaction its copy must read exactly the same.
    const firstUser = first?.messages.find((m) => m.role === 'user')?.text;
    expect(firstUser).toMatch(/<(EMAIL|PHONE|ADDRESS|PERSON)_\d+>/);
    expect(second?.messages.find((m) => m.role === 'user')?.text).toBe(firstUser);
    expect(first?.userId).toMatch(/^<USER_\d+>$/);
    expect(second?.userId).toBe(first?.userId);
    // Importing again with the same key changes nothing: placeholders are stable across runs.
    const again = await importPaths(store, [SAMPLE], { redaction: { secretKey: key } });
    expect(again.traces.added + again.traces.updated).toBe(0);
    store.close();
  });

  it('re-redacts span-based traces when the export is imported again under a stricter configuration', async () => {
    // A team adds its product names to the deny-list and imports the same OTLP export again: the stored
    // traces must follow the new configuration, as they do for formats without fragments.
    const store = Store.open(':memory:');
    const key = Buffer.alloc(32, 9);
    const first = await importPaths(store, [SAMPLE], { redaction: { secretKey: key } });
    expect(first.traces.added).toBe(62);
    const mentions = (): number => store.db.prepare("SELECT COUNT(*) FROM traces WHERE body LIKE '%Outfitters Plus%'").pluck().get() as number;
    expect(mentions()).toBeGreaterThan(0);

    const stricter = await importPaths(store, [SAMPLE], { redaction: { secretKey: key, config: { denyList: [{ value: 'Outfitters Plus', type: 'PRODUCT' }] } } });
    expect(stricter.errorCount).toBe(0);
    expect(stricter.traces.added).toBe(0);
    expect(stricter.traces.updated).toBeGreaterThan(0);
    expect(stricter.redaction?.byType.PRODUCT).toBeGreaterThan(0);
    expect(mentions()).toBe(0);
    expect(store.db.prepare("SELECT COUNT(*) FROM traces WHERE body LIKE '%<PRODUCT_1>%'").pluck().get()).toBe(stricter.traces.updated);

    // The same configuration again changes nothing.
    const again = await importPaths(store, [SAMPLE], { redaction: { secretKey: key, config: { denyList: [{ value: 'Outfitters Plus', type: 'PRODUCT' }] } } });
    expect(again.traces).toEqual({ added: 0, updated: 0, unchanged: 62 });
    store.close();
  });

  it('leaves no copy of a re-redacted value in the database file (freed pages are zeroed)', async () => {
    const db = join(tempDir(), 'stricter.db');
    const key = Buffer.alloc(32, 9);
    const store = Store.open(db);
    await importPaths(store, [SAMPLE], { redaction: { secretKey: key } });
    expect(dbBytes(db).includes('Outfitters Plus')).toBe(true);
    const stricter = await importPaths(store, [SAMPLE], { redaction: { secretKey: key, config: { denyList: [{ value: 'Outfitters Plus', type: 'PRODUCT' }] } } });
    expect(stricter.traces.updated).toBeGreaterThan(0);
    // Not in the file nor in its WAL, while the store is still open...
    expect(dbBytes(db).includes('Outfitters Plus')).toBe(false);
    store.close();
    // ...nor after it is closed.
    expect(dbBytes(db).includes('Outfitters Plus')).toBe(false);
  });

  it('stops with the scope named when a saved placeholder state is damaged, instead of renumbering', async () => {
    const db = join(tempDir(), 'damaged.db');
    const key = Buffer.alloc(32, 7);
    let store = Store.open(db);
    await importPaths(store, [SAMPLE], { redaction: { secretKey: key } });
    store.close();
    const raw = new Database(db);
    const scope = (raw.prepare('SELECT scope FROM pseudonym_scopes ORDER BY scope LIMIT 1').pluck().get() as string) ?? '';
    expect(scope).toMatch(/^(conv|trace|frag):/);
    // A state holding a raw value where a placeholder belongs (as a hand edit or a bad migration could).
    raw.prepare('UPDATE pseudonym_scopes SET state = ?').run(JSON.stringify({ version: 1, counters: { EMAIL: 1 }, entries: { k: 'jane@example.com' } }));
    raw.close();
    store = Store.open(db);
    const again = await importPaths(store, [SAMPLE], { redaction: { secretKey: key } });
    // Every record fails with its file, line and the damaged scope; none is stored with new numbering.
    expect(again.errorCount).toBe(again.records);
    expect(again.records).toBeGreaterThan(10);
    expect(again.traces).toEqual({ added: 0, updated: 0, unchanged: 0 });
    for (const e of again.errors) {
      expect(e.file).toBe(SAMPLE);
      expect(e.line).toBeGreaterThan(0);
      expect(e.reason).toMatch(/the saved placeholder state of (conv|trace|frag):\S+ is invalid at entries\.k: .*the database is damaged$/);
      expect(e.reason).not.toContain('jane@example.com');
    }
    store.close();
  });

  it.each(['never', 'always'] as const)('keeps a phone number used as conversation id, an email in a trace id, PII hidden in keys, and a broken line out of the database (redaction thread: %s)', async (thread) => {
    const dir = tempDir();
    const file = join(dir, 'whatsapp.jsonl');
    // A WhatsApp bot keys conversations by the customer's number; a tool result is keyed by email; the
    // last line is broken JSON that starts with an email (the error reason must not quote it).
    const turn = (id: string, text: string): string =>
      JSON.stringify({ id, conversation_id: 'whatsapp:+14155550199', messages: [{ role: 'user', content: text }, { role: 'tool', content: '{"zq.vrumple@example.com": {"tier": "gold"}}' }, { role: 'assistant', content: 'ok' }] });
    writeFileSync(file, [turn('maria.g@example.com-m1', 'hi'), turn('maria.g@example.com-m2', 'still there?'), 'zq.vrumple@example.com sent this'].join('\n'));
    const db = join(dir, 'w.db');
    const store = Store.open(db);
    const options = { redactionThread: thread, redactionWorkerUrl: await redactionWorkerUrl() };
    const report = await importPaths(store, [file], options);
    expect(report.traces.added).toBe(2);
    const rows = store.traces.list({ limit: 10, offset: 0 }).items;
    const ids = new Set(rows.map((t) => t.conversationId));
    // Both turns still share one conversation, under an id that says what it hid and nothing more.
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^PHONE-[0-9a-f]{20}$/);
    expect(report.redaction?.byField['trace.conversationId']).toBe(2);
    // The trace ids (an export keyed by the customer's email) are stored the same way, so the two stay apart.
    expect(rows.map((t) => t.sourceTraceId.replace(/[0-9a-f]{20}$/, '#'))).toEqual(['EMAIL-#', 'EMAIL-#']);
    expect(new Set(rows.map((t) => t.sourceTraceId)).size).toBe(2);
    // The id comes from the import's keyed hash: importing again finds the same conversation and changes nothing.
    const again = await importPaths(store, [file], options);
    expect([again.traces.added, again.traces.unchanged]).toEqual([0, 2]);
    expect(new Set(store.traces.list({ limit: 10, offset: 0 }).items.map((t) => t.conversationId))).toEqual(ids);
    const bytes = dbBytes(db);
    store.close();
    for (const raw of ['4155550199', 'zq.vrumple', 'vrumple@example', 'maria.g']) expect(bytes.includes(Buffer.from(raw))).toBe(false);
  });

  it('drops the placeholder state an older build kept under a raw conversation id, once its traces are replaced', async () => {
    const dir = tempDir();
    const file = join(dir, 'whatsapp.jsonl');
    const turn = (id: string, text: string): string => JSON.stringify({ id, conversation_id: 'whatsapp:+14155550199', messages: [{ role: 'user', content: text }, { role: 'assistant', content: 'ok' }] });
    writeFileSync(file, [turn('m1', 'hi'), turn('m2', 'still there?')].join('\n'));
    const db = join(dir, 'old.db');
    const store = Store.open(db);
    // What a build before hashed ids left: the conversation's state under its raw id.
    store.pseudonyms.put('conv:whatsapp:+14155550199', '{"version":1,"counters":{"PERSON":1},"entries":{}}');
    await importPaths(store, [file]);
    // Still there: nothing was replaced, and pruning runs only when traces are.
    expect(store.pseudonyms.get('conv:whatsapp:+14155550199')).toBeDefined();
    const again = await importPaths(store, [file], { redaction: { config: { denyList: ['still'] } } });
    // The deny-list masks a word of the second turn only: that trace is replaced.
    expect(again.traces.updated).toBe(1);
    expect(store.pseudonyms.get('conv:whatsapp:+14155550199')).toBeUndefined();
    const scopes = store.db.prepare("SELECT scope FROM pseudonym_scopes WHERE scope LIKE 'conv:%'").pluck().all();
    expect(scopes).toEqual([`conv:${store.traces.list({ limit: 1, offset: 0 }).items[0]?.conversationId ?? ''}`]);
    const bytes = dbBytes(db);
    store.close();
    expect(bytes.includes(Buffer.from('4155550199'))).toBe(false);
  });

  it.each(['never', 'always'] as const)('replaces a trace an older build stored under a raw source id with PII, and drops its scope, leaving one trace per record (redaction thread: %s)', async (thread) => {
    const dir = tempDir();
    const file = join(dir, 'by-email.jsonl');
    // A log keyed by the customer's email, one record per trace, no conversation id.
    const rec = (id: string, text: string): string => JSON.stringify({ id, messages: [{ role: 'user', content: text }, { role: 'assistant', content: 'ok' }] });
    writeFileSync(file, [rec('maria.g@example.com-1', 'hi, I am Maria Gonzalez'), rec('maria.g@example.com-2', 'still there?'), rec('run-3', 'thanks')].join('\n'));
    const db = join(dir, 'old.db');
    const store = Store.open(db);
    // What a build before hashed source ids left: the rows under the raw ids, and a trace's own scope named by one.
    const old = await importPaths(store, [file], { redaction: 'off' });
    expect(old.traces.added).toBe(3);
    store.pseudonyms.put('trace:openai-chat:maria.g@example.com-1', '{"version":1,"counters":{"PERSON":1},"entries":{}}');
    const again = await importPaths(store, [file], { redactionThread: thread, redactionWorkerUrl: await redactionWorkerUrl() });
    // The two traces keyed by the email come back under hashed ids and replace the old rows; run-3 had nothing to mask.
    expect([again.traces.added, again.traces.updated, again.traces.unchanged]).toEqual([0, 2, 1]);
    const ids = store.traces.list({ limit: 10, offset: 0 }).items.map((t) => t.sourceTraceId.replace(/[0-9a-f]{20}$/, '#')).sort();
    expect(ids).toEqual(['EMAIL-#', 'EMAIL-#', 'run-3']);
    expect(store.pseudonyms.get('trace:openai-chat:maria.g@example.com-1')).toBeUndefined();
    // Found by search no more under the old rows: the search text went with them.
    expect(store.traces.list({ limit: 10, offset: 0, text: 'Maria' }).total).toBe(0);
    const bytes = dbBytes(db);
    store.close();
    for (const raw of ['maria.g@example.com', 'Maria Gonzalez']) expect(bytes.includes(Buffer.from(raw))).toBe(false);
  });

  it('stores raw payloads only when redaction is explicitly turned off', async () => {
    const store = Store.open(':memory:');
    const report = await importPaths(store, [SAMPLE], { redaction: 'off' });
    expect(report.redaction).toBeNull();
    expect(store.traces.list({ text: 'example com', limit: 1, offset: 0 }).total).toBeGreaterThan(0);
    store.close();
  });
});

describe('redaction of a German support conversation, end to end', () => {
  it("stores the customer's PII masked and the German nouns as written (they were masked as names)", async () => {
    const dir = tempDir();
    const file = join(dir, 'de.jsonl');
    const messages = [
      {
        role: 'user',
        content:
          'Guten Tag, mein Name ist Tobias Pfefferkorn. Meine Bestellung ist nicht angekommen. Sie erreichen mich unter 030/12345678, meine Adresse ist Musterstr. 5, 10115 Berlin.',
      },
      {
        role: 'assistant',
        content:
          'Vielen Dank für Ihre Nachricht, Herr Pfefferkorn. Leider ist die Rückerstattung noch nicht erfolgt, da die Rücksendung noch nicht bei uns eingegangen ist. Bei Rückfragen wenden Sie sich bitte an unseren Kundenservice.',
      },
      { role: 'user', content: 'Mein Geburtsdatum ist der 12. März 1985, falls Sie das zur Bestätigung brauchen. Mein Passwort ist Sommer2024!' },
    ];
    writeFileSync(file, `${JSON.stringify({ id: 'de-1', messages })}\n`);
    const db = join(dir, 'de.db');
    const store = Store.open(db);
    const report = await importPaths(store, [file], { redaction: { secretKey: Buffer.alloc(32, 3) } });
    expect(report.traces.added).toBe(1);
    expect(report.redaction?.byType).toEqual({ PERSON: 2, PHONE: 1, ADDRESS: 1, DATE_OF_BIRTH: 1, SECRET: 1 });
    const item = store.traces.list({ limit: 1, offset: 0 }).items[0];
    const texts = (store.traces.get(item?.id ?? '')?.messages ?? []).map((m) => m.text);
    expect(texts).toEqual([
      'Guten Tag, mein Name ist <PERSON_1>. Meine Bestellung ist nicht angekommen. Sie erreichen mich unter <PHONE_1>, meine Adresse ist <ADDRESS_1>.',
      'Vielen Dank für Ihre Nachricht, <PERSON_2>. Leider ist die Rückerstattung noch nicht erfolgt, da die Rücksendung noch nicht bei uns eingegangen ist. Bei Rückfragen wenden Sie sich bitte an unseren Kundenservice.',
      'Mein Geburtsdatum ist der <DATE_OF_BIRTH_1>, falls Sie das zur Bestätigung brauchen. Mein Passwort ist <SECRET_1>!',
    ]);
    const bytes = dbBytes(db);
    store.close();
    for (const raw of ['Pfefferkorn', '12345678', 'Musterstr', '10115', 'März 1985', 'Sommer2024']) expect(bytes.includes(Buffer.from(raw))).toBe(false);
  });
});
