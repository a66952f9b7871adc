/** The judgment cache: (conversation content hash, judge pin key) → judge result. */
import type { Db } from './database.js';

/** Repository over judgments. Results are opaque JSON to the store. */
export class JudgmentRepository {
  private readonly select;
  private readonly insert;

  constructor(db: Db) {
    this.select = db.prepare('SELECT result FROM judgments WHERE content_hash = ? AND pin_key = ?').pluck();
    this.insert = db.prepare(
      `INSERT INTO judgments (content_hash, pin_key, result, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (content_hash, pin_key) DO UPDATE SET result = excluded.result, created_at = excluded.created_at`,
    );
  }

  /** A cached result, parsed, or undefined. */
  get(contentHash: string, pinKey: string): unknown {
    const text = this.select.get(contentHash, pinKey) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  /** Cache a result. */
  put(contentHash: string, pinKey: string, result: unknown, at = Date.now()): void {
    this.insert.run(contentHash, pinKey, JSON.stringify(result), at);
  }

  /** Number of cached judgments. */
  count(): number {
    return this.select.database.prepare('SELECT COUNT(*) FROM judgments').pluck().get() as number;
  }
}
