/**
 * Conversation ids as they are stored. An id with PII in it (a WhatsApp bot keys conversations by
 * "whatsapp:+14155550199") becomes its type and a keyed hash of it: the same on every import with the
 * same key, so turns still group, and the same when a user looks the conversation up by its raw id.
 */
import type { KeyedHash } from './pseudonymizer.js';
import type { Finding } from './types.js';

/** Hex digits of the keyed hash kept in a stored id. */
const HASH_DIGITS = 20;

/** A conversation id as stored, and the type of PII it hides (undefined when it is stored as it came). */
export interface StoredConversationId {
  id: string;
  hidden: string | undefined;
}

/** The id to store for `id`: itself when `detect` finds nothing in it, else `TYPE-<keyed hash>`. */
export function storedConversationId(id: string, detect: (text: string) => readonly Finding[], hash: KeyedHash): StoredConversationId {
  const type = detect(id)[0]?.type;
  if (type === undefined) return { id, hidden: undefined };
  return { id: `${type}-${hash(`conversation\u0000${id}`).slice(0, HASH_DIGITS)}`, hidden: type };
}
