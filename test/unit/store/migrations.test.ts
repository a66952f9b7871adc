import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { migrate, MigrationError, migrationChecksum, openDatabase, schemaVersion } from '../../../core/store/database.js';
import { migrations, type Migration } from '../../../core/store/migrations/index.js';
import { Store } from '../../../core/store/index.js';
import { TraceRepository, traceRow } from '../../../core/store/trace-repository.js';
import { identify } from '../../../core/ingest/identity.js';
import { TraceDraft } from '../../../core/model/trace.js';
import { tempDir } from '../../helpers/temp.js';

function tableNames(db: ReturnType<typeof openDatabase>): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all() as string[]);
}

/** A trace row with only the columns of migration 1, id tr_1 (to check that a migration keeps old rows). */
function insertVersion1Trace(db: ReturnType<typeof openDatabase>): void {
  db.prepare(`INSERT INTO traces (id, format, source_file, source_trace_id, content_hash, status, message_count,
    tool_call_count, title, body, imported_at) VALUES ('tr_1', 'otlp', 'f', 's', 'h', 'ok', 0, 0, 't', '{}', 1)`).run();
}

describe('migrations', () => {
  it('opens a new database at the latest version with WAL and foreign keys on', () => {
    const file = join(tempDir(), 'a.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('records every applied migration with the checksum of its SQL', () => {
    const db = openDatabase(':memory:');
    const rows = db.prepare('SELECT version, name, checksum FROM _migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m.sql) })));
    db.close();
  });

  it('migration 1 creates traces, the search index, fragments and import bookkeeping, and they work', () => {
    const db = openDatabase(':memory:', { upTo: 0 });
    expect(schemaVersion(db)).toBe(0);
    migrate(db, migrations, 1);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['traces', 'trace_text', 'fragments', 'imports', 'import_errors']));
    db.close();
    const store = Store.open(':memory:');
    const { trace } = identify(
      TraceDraft.parse({
        source: { format: 'openai-chat', file: 'x.jsonl', sourceTraceId: 'c1' },
        messages: [{ role: 'user', text: 'Where is my parcel?' }, { role: 'assistant', text: 'It ships tomorrow.' }],
      }),
    );
    expect(store.traces.upsertRow(traceRow(trace, Date.now()))).toBe('added');
    // The body keeps content only; identity and file come back from their columns.
    expect(store.traces.get(trace.id)).toEqual(trace);
    expect(store.traces.list({ text: 'parcel', limit: 10, offset: 0 }).items.map((t) => t.id)).toEqual([trace.id]);
    store.close();
  });

  it('migration 2 adds pseudonymizer state per scope and keeps the traces of version 1', () => {
    const db = openDatabase(':memory:', { upTo: 1 });
    insertVersion1Trace(db);
    migrate(db, migrations, 2);
    expect(schemaVersion(db)).toBe(2);
    db.prepare("INSERT INTO pseudonym_scopes (scope, state) VALUES ('conv:1', '{}')").run();
    expect(db.prepare('SELECT COUNT(*) FROM traces').pluck().get()).toBe(1);
    expect(() => db.prepare("INSERT INTO pseudonym_scopes (scope, state) VALUES ('conv:1', '{}')").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('migration 3 adds runs, run items (deleted with their run) and the judgment cache', () => {
    const db = openDatabase(':memory:', { upTo: 2 });
    migrate(db, migrations, 3);
    expect(schemaVersion(db)).toBe(3);
    db.prepare("INSERT INTO runs (id, started_at, status, config, config_hash) VALUES ('run_1', 1, 'running', '{}', 'c')").run();
    db.prepare(`INSERT INTO run_items (run_id, conversation_key, trace_ids, intent, stakes, weight, content_hash)
      VALUES ('run_1', 'conv-1', '["tr_1"]', 'refund', 'high', 2.5, 'h')`).run();
    expect(() => db.prepare("UPDATE run_items SET verdict = 'maybe'").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO judgments (content_hash, pin_key, result, created_at) VALUES ('h', 'p', '{}', 1)").run();
    db.prepare("DELETE FROM runs WHERE id = 'run_1'").run();
    expect(db.prepare('SELECT COUNT(*) FROM run_items').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM judgments').pluck().get()).toBe(1);
    db.close();
  });

  it('migration 4 adds run promotions (one per run, deleted with their run) and keeps the runs of version 3', () => {
    const db = openDatabase(':memory:', { upTo: 3 });
    db.prepare("INSERT INTO runs (id, started_at, status, config, config_hash) VALUES ('run_1', 1, 'done', '{}', 'c')").run();
    migrate(db, migrations, 4);
    expect(schemaVersion(db)).toBe(4);
    const insert = db.prepare(`INSERT INTO run_promotions (run_id, promoted_at, run_date, new_case_ids, regressions, review_count, proposals)
      VALUES (?, 5, '2026-11-26', '[]', '[]', ?, '[]')`);
    insert.run('run_1', 0);
    expect(() => insert.run('run_1', 0)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('run_missing', 0)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM runs WHERE id = 'run_1'").run();
    expect(db.prepare('SELECT COUNT(*) FROM run_promotions').pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO runs (id, started_at, status, config, config_hash) VALUES ('run_2', 1, 'done', '{}', 'c')").run()).not.toThrow();
    expect(() => insert.run('run_2', -1)).toThrow(/CHECK/);
    db.close();
  });

  it('migration 5 records how traces were redacted and by which import, unknown (NULL) for the traces of version 4', () => {
    const db = openDatabase(':memory:', { upTo: 4 });
    insertVersion1Trace(db);
    migrate(db, migrations, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare("SELECT redaction, import_id FROM traces WHERE id = 'tr_1'").get()).toEqual({ redaction: null, import_id: null });
    db.close();
  });

  /** How the per-mark counts are answered. */
  const countPlan = (db: ReturnType<typeof openDatabase>): string =>
    (db.prepare('EXPLAIN QUERY PLAN SELECT redaction, COUNT(*) FROM traces GROUP BY redaction').all() as Array<{ detail: string }>).map((r) => r.detail).join(' ');

  it('migration 6 indexes how traces were redacted, so the per-mark counts never read trace bodies', () => {
    const db = openDatabase(':memory:', { upTo: 5 });
    expect(countPlan(db)).not.toMatch(/traces_redaction/);
    migrate(db, migrations, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(countPlan(db)).toMatch(/COVERING INDEX traces_redaction/);
    db.close();
  });

  it('databases from both shipped texts of migration 5 open and get the index; any other edit is still refused', () => {
    // One build shipped migration 5 with the index folded in; the builds before it shipped it without.
    const folded = { ...(migrations[4] as Migration), sql: `${(migrations[4] as Migration).sql}CREATE INDEX traces_redaction ON traces (redaction);\n` };
    expect(migrationChecksum(folded.sql)).toBe((migrations[4] as Migration).formerChecksums?.[0]);
    for (const five of [migrations[4] as Migration, folded]) {
      const file = join(tempDir(), 'old.db');
      openDatabase(file, { migrations: [...migrations.slice(0, 4), five] }).close();
      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(migrations.length);
      expect(countPlan(db)).toMatch(/COVERING INDEX traces_redaction/);
      db.close();
    }
    const file = join(tempDir(), 'edited.db');
    openDatabase(file, { migrations: [...migrations.slice(0, 4), { ...(migrations[4] as Migration), sql: 'ALTER TABLE traces ADD COLUMN x TEXT;' }] }).close();
    expect(() => openDatabase(file)).toThrow(MigrationError);
  });

  it("a run's promotion is saved, replaced on a re-promote, and read back inside its summary", () => {
    const store = Store.open(':memory:');
    store.runs.create({ id: 'run_a', startedAt: 10, config: {}, configHash: 'h', judgePin: undefined, windowFrom: null, windowTo: null });
    store.runs.finish('run_a', 'done', { runId: 'run_a', verdicts: { fail: 2 } }, 20);
    expect(store.runs.promotion('run_a')).toBeUndefined();
    expect(store.runs.get('run_a')?.summary).toEqual({ runId: 'run_a', verdicts: { fail: 2 } });
    const promotion = {
      date: '1970-01-01',
      newCaseIds: ['c_0a1b2c3d4e5f'],
      regressions: [{ caseId: 'c_77aa88bb99cc', failureMode: 'false_not_found', conversationKey: 'conv-9', conversation: 'e'.repeat(64), previousDate: '1969-12-30' }],
      reviewCount: 1,
      proposals: [{ id: 'p_1', title: 'Stale balance', size: 2, titleSource: 'judge' as const }],
    };
    store.runs.savePromotion('run_a', promotion, 30);
    expect(store.runs.promotion('run_a')).toEqual(promotion);
    expect(store.runs.get('run_a')?.summary).toEqual({ runId: 'run_a', verdicts: { fail: 2 }, promotion });
    expect(store.runs.list(5)[0]?.summary).toEqual({ runId: 'run_a', verdicts: { fail: 2 }, promotion });
    store.runs.savePromotion('run_a', { ...promotion, reviewCount: 0 }, 40);
    expect(store.runs.promotion('run_a')?.reviewCount).toBe(0);
    expect(store.db.prepare('SELECT promoted_at FROM run_promotions').pluck().all()).toEqual([40]);
    store.close();
  });

  it('refuses to open a database whose applied migration was edited afterwards', () => {
    const file = join(tempDir(), 'b.db');
    openDatabase(file).close();
    const edited = migrations.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => openDatabase(file, { migrations: edited })).toThrowError(MigrationError);
    expect(() => openDatabase(file, { migrations: edited })).toThrowError(/migration 1 \(traces\) was edited after it was applied/);
  });

  it('refuses a database written by a newer Casebook', () => {
    const file = join(tempDir(), 'c.db');
    const newer = [...migrations, { version: 99, name: 'future', sql: 'CREATE TABLE future (x)' }];
    openDatabase(file, { migrations: newer }).close();
    expect(() => openDatabase(file)).toThrowError(/migration 99 \(future\) that this version of Casebook does not know/);
  });

  it('a failing migration leaves the previous version intact', () => {
    const file = join(tempDir(), 'd.db');
    openDatabase(file).close();
    const broken = [...migrations, { version: 99, name: 'broken', sql: 'CREATE TABLE ok_table (x); SELECT * FROM missing_table;' }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/missing_table/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tableNames(db)).not.toContain('ok_table');
    db.close();
  });
});

describe('trace titles', () => {
  it('name a conversation turn by its own (last) request and a whole-conversation trace by its first', async () => {
    const { traceTitle } = await import('../../../core/store/trace-repository.js');
    const base = { source: { format: 'openai-chat' as const, file: 'f', sourceTraceId: 'x' } };
    const msgs = [
      { role: 'user', text: 'Where is order 1?' },
      { role: 'assistant', text: 'Shipped.' },
      { role: 'user', text: '  And   order 2?' },
    ];
    const turn = identify(TraceDraft.parse({ ...base, conversationId: 'c1', messages: msgs })).trace;
    const whole = identify(TraceDraft.parse({ ...base, messages: msgs })).trace;
    expect(traceTitle(turn)).toBe('And order 2?');
    expect(traceTitle(whole)).toBe('Where is order 1?');
  });
});

describe('search', () => {
  const trace = (id: string, text: string): ReturnType<typeof identify>['trace'] =>
    identify(TraceDraft.parse({ source: { format: 'openai-chat', file: 'cjk.jsonl', sourceTraceId: id }, messages: [{ role: 'user', text }] })).trace;
  const chinese = trace('zh', '我想退货，请帮我查一下订单 ORD-1。');
  const japanese = trace('ja', '注文した商品がまだ届きません。コーヒーメーカーです。');
  const korean = trace('ko', '주문을 취소하고 싶어요');
  const english = trace('en', 'Where is my parcel? Order ORD-1.');
  const found = (store: Store, text: string): string[] =>
    store.traces
      .list({ text, limit: 10, offset: 0 })
      .items.map((t) => t.sourceTraceId)
      .sort();

  it('finds words inside Chinese, Japanese and Korean text, which has no spaces between them', () => {
    const store = Store.open(':memory:');
    for (const t of [chinese, japanese, korean, english]) store.traces.upsertRow(traceRow(t, 1));
    expect(found(store, '退货')).toEqual(['zh']);
    expect(found(store, '订单 退货')).toEqual(['zh']);
    expect(found(store, '届き')).toEqual(['ja']);
    expect(found(store, 'コーヒー')).toEqual(['ja']);
    expect(found(store, '주문')).toEqual(['ko']);
    // A phrase: the characters must stand together and in order.
    expect(found(store, '货退')).toEqual([]);
    expect(found(store, '退款')).toEqual([]);
    // Latin words are found as before, in any script's text.
    expect(found(store, 'ORD')).toEqual(['en', 'zh']);
    expect(found(store, 'parcel')).toEqual(['en']);
    store.close();
  });

  it('a database indexed by an older build is indexed again when opened, once', () => {
    const file = join(tempDir(), 'search.db');
    const db = openDatabase(file, { upTo: 6 });
    const traces6 = new TraceRepository(db);
    for (const t of [chinese, english]) traces6.upsertRow(traceRow(t, 1));
    // What builds before migration 7 wrote: the text as it stands, a run of Chinese one token.
    db.prepare("INSERT INTO trace_text (trace_text) VALUES ('delete-all')").run();
    for (const [rowid, text] of db.prepare('SELECT rowid, body FROM traces').raw().all() as Array<[number, string]>) {
      const messages = (JSON.parse(text) as { messages: Array<{ text: string }> }).messages;
      db.prepare('INSERT INTO trace_text (rowid, text) VALUES (?, ?)').run(rowid, messages.map((m) => m.text).join('\n'));
    }
    expect(db.prepare("SELECT COUNT(*) FROM trace_text WHERE trace_text MATCH '\"退 货\"'").pluck().get()).toBe(0);
    db.close();

    const store = Store.open(file);
    expect(schemaVersion(store.db)).toBe(migrations.length);
    expect(found(store, '退货')).toEqual(['zh']);
    expect(found(store, 'parcel')).toEqual(['en']);
    // Recorded: the next open has nothing to do.
    expect(store.traces.refreshSearchIndex()).toBe(0);
    store.close();
  });
});
