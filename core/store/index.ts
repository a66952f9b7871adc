/** The store: one connection, its repositories. The only module that speaks SQL. */
import { openDatabase, type Db } from './database.js';
import { ImportRepository } from './import-repository.js';
import { TraceRepository } from './trace-repository.js';
import { PseudonymRepository } from './pseudonym-repository.js';
import { JudgmentRepository } from './judgment-repository.js';
import { RunRepository } from './run-repository.js';

/** An open Casebook database with its repositories. */
export class Store {
  readonly traces: TraceRepository;
  readonly imports: ImportRepository;
  readonly pseudonyms: PseudonymRepository;
  readonly judgments: JudgmentRepository;
  readonly runs: RunRepository;

  private constructor(readonly db: Db, readonly file: string) {
    this.traces = new TraceRepository(db);
    this.imports = new ImportRepository(db);
    this.pseudonyms = new PseudonymRepository(db);
    this.judgments = new JudgmentRepository(db);
    this.runs = new RunRepository(db);
    // A database written by an older build may hold search text the queries no longer match (migration 7).
    this.traces.refreshSearchIndex();
  }

  /** Open (creating and migrating if needed) the database at `file` (or ':memory:'). */
  static open(file: string): Store {
    return new Store(openDatabase(file), file);
  }

  /** Run `fn` in one transaction (a crash leaves either all of it or none). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Fold the WAL into the database file and empty it, so no older page image (a row since replaced)
   * stays on disk. Best effort: a reader holding a snapshot lets a later checkpoint finish the job.
   */
  truncateWal(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Close the connection (checkpointing the WAL). */
  close(): void {
    this.db.close();
  }
}
