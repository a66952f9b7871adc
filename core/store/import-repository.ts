/** Bookkeeping of import runs and the records they could not read. */
import type { Db } from './database.js';

/** A record that could not be imported, with where it sits. */
export interface StoredImportError {
  file: string;
  line: number | null;
  byteOffset: number | null;
  recordIndex: number | null;
  reason: string;
}

/** Repository over the imports and import_errors tables. */
export class ImportRepository {
  private readonly insertError;

  constructor(private readonly db: Db) {
    this.insertError = db.prepare(
      'INSERT INTO import_errors (import_id, file, line, byte_offset, record_index, reason) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Record the start of an import and return its id. */
  start(paths: readonly string[], startedAt = Date.now()): number {
    const info = this.db
      .prepare("INSERT INTO imports (started_at, status, paths) VALUES (?, 'running', ?)")
      .run(startedAt, JSON.stringify(paths));
    return Number(info.lastInsertRowid);
  }

  /** Record an unreadable record. */
  addError(importId: number, e: StoredImportError): void {
    this.insertError.run(importId, e.file, e.line, e.byteOffset, e.recordIndex, e.reason);
  }

  /** Record how an import ended and its report (JSON-serialisable). */
  finish(importId: number, status: 'done' | 'failed' | 'cancelled', report: unknown, finishedAt = Date.now()): void {
    this.db
      .prepare('UPDATE imports SET finished_at = ?, status = ?, report = ? WHERE id = ?')
      .run(finishedAt, status, JSON.stringify(report), importId);
  }

  /** The stored report (parsed JSON) of an import, or undefined while it runs or when there is no such import. */
  report(importId: number): unknown {
    const text = this.db.prepare('SELECT report FROM imports WHERE id = ?').pluck().get(importId) as string | null | undefined;
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  /** The errors of one import, in the order they were found. */
  errors(importId: number, limit = 1000): StoredImportError[] {
    return (
      this.db
        .prepare(
          'SELECT file, line, byte_offset, record_index, reason FROM import_errors WHERE import_id = ? ORDER BY rowid LIMIT ?',
        )
        .all(importId, limit) as Array<{
        file: string;
        line: number | null;
        byte_offset: number | null;
        record_index: number | null;
        reason: string;
      }>
    ).map((r) => ({ file: r.file, line: r.line, byteOffset: r.byte_offset, recordIndex: r.record_index, reason: r.reason }));
  }
}
