/** Persisted pseudonymizer state per scope (keyed hashes and placeholders only, never raw values). */
import type { Db } from './database.js';

/** Repository over pseudonym_scopes. States are opaque JSON to the store. */
export class PseudonymRepository {
  private readonly select;
  private readonly upsert;
  private readonly pruneConversations;
  private readonly deleteScope;

  constructor(db: Db) {
    // A conversation's scope is named by its id; one no stored trace has is left from traces since
    // replaced, such as a conversation id that a later redactor stores hashed.
    this.pruneConversations = db.prepare(
      "DELETE FROM pseudonym_scopes WHERE scope LIKE 'conv:%' AND NOT EXISTS (SELECT 1 FROM traces WHERE traces.conversation_id = substr(pseudonym_scopes.scope, 6))",
    );
    this.select = db.prepare('SELECT state FROM pseudonym_scopes WHERE scope = ?').pluck();
    this.deleteScope = db.prepare('DELETE FROM pseudonym_scopes WHERE scope = ?');
    this.upsert = db.prepare(
      'INSERT INTO pseudonym_scopes (scope, state) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET state = excluded.state',
    );
  }

  /** The saved state of a scope, parsed, or undefined. */
  get(scope: string): unknown {
    const text = this.select.get(scope) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  /** Delete the states of conversations no stored trace belongs to; returns how many went. */
  pruneOrphanConversations(): number {
    return this.pruneConversations.run().changes;
  }

  /** Delete one scope's state (a trace's own, when the trace went). */
  remove(scope: string): void {
    this.deleteScope.run(scope);
  }

  /** Save a scope's state, given as JSON text. */
  put(scope: string, stateJson: string): void {
    this.upsert.run(scope, stateJson);
  }
}
