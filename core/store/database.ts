/**
 * Opening the Casebook database: pragmas, and the checksummed migration runner.
 * core/store is the one owner of SQL; everything else goes through its repositories.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as defaultMigrations, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** Raised when the database's recorded migrations disagree with the code's. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** SHA-256 of a migration's SQL, as recorded in _migrations. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Open (creating if needed) a database file, or ':memory:', and bring its schema up to date. */
export function openDatabase(file: string, options: { migrations?: readonly Migration[]; upTo?: number } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Freed pages are zeroed: a trace re-redacted under a stricter configuration (or deleted) leaves no
    // copy of what it held in the file's free pages.
    db.pragma('secure_delete = ON');
    // 16 MiB of page cache: imports insert fragments and traces in arrival (random key) order, and the
    // 2 MiB default makes most B-tree inserts miss; more would push a 1 GB import past its 300 MB budget.
    db.pragma('cache_size = -16384');
    migrate(db, options.migrations ?? defaultMigrations, options.upTo);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Apply pending migrations in order, each in its own transaction; verify applied ones by checksum. */
export function migrate(db: Db, migrations: readonly Migration[], upTo = Number.POSITIVE_INFINITY): void {
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM _migrations ORDER BY version').all() as Array<{
    version: number;
    name: string;
    checksum: string;
  }>;
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        `database has migration ${row.version} (${row.name}) that this version of Casebook does not know; ` +
          'it was written by a newer Casebook',
      );
    }
    if (migrationChecksum(m.sql) !== row.checksum && !(m.formerChecksums ?? []).includes(row.checksum)) {
      throw new MigrationError(
        `migration ${row.version} (${row.name}) was edited after it was applied to this database ` +
          `(checksum ${row.checksum.slice(0, 12)} recorded, ${migrationChecksum(m.sql).slice(0, 12)} in code); ` +
          'add a new migration instead of editing an applied one',
      );
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const record = db.prepare('INSERT INTO _migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version) || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, migrationChecksum(m.sql), Date.now());
    })();
  }
}

/** The highest applied migration version. */
export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM _migrations').get() as { v: number | null };
  return row.v ?? 0;
}
