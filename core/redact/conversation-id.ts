/**
 * Conversation ids as they are stored. An id with PII in it (a WhatsApp bot keys conversations by
 * "whatsapp:+14155550199") becomes its type and a keyed hash of it: the same on every import with the
 * same key, so turns still group, and the same when a user looks the conversation up by its raw id.
 */
import type { KeyedHash } from './pseudonymizer.js';
import type { Finding } from './types.js';

/** Hex digits of the keyed hash kept in a stored id. */
const HASH_DIGITS = 20;

/** The id to store for `id`: itself when `detect` finds nothing in it, else `TYPE-<keyed hash>`. */
export function storedConversationId(id: string, detect: (text: string) => readonly Finding[], hash: KeyedHash): string {
  const found = detect(id);
  if (found.length === 0) return id;
  return `${found[0]?.type ?? 'ID'}-${hash(`conversation\u0000${id}`).slice(0, HASH_DIGITS)}`;
}

/** The type a stored id hides (`PHONE` of `PHONE-3fa9…`), or undefined for an id stored as it came. */
export function hiddenIdType(stored: string, original: string): string | undefined {
  return stored === original ? undefined : stored.slice(0, stored.lastIndexOf('-'));
}
