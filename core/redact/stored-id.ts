/**
 * Ids as they are stored. An id with PII in it (a WhatsApp bot keys conversations by
 * "whatsapp:+14155550199"; a generic mapping can point a trace's id at an email) becomes its type and a
 * keyed hash of it: the same on every import with the same key, so turns still group and a re-import
 * still finds its trace, and the same when a user looks a conversation up by its raw id.
 */
import type { KeyedHash } from './pseudonymizer.js';
import type { Finding } from './types.js';

/** Hex digits of the keyed hash kept in a stored id. */
const HASH_DIGITS = 20;
/** Longest id whose verdict is kept. */
const MAX_CACHED_ID = 512;

/** What an id names: the kinds are hashed apart, so one value used as both gives two unrelated ids. */
export type IdKind = 'conversation' | 'trace' | 'span' | 'call' | 'document';

/**
 * True for an id that cannot hold PII: hex digits and hyphens with a letter among them and no run of seven
 * decimal digits (UUIDs, OTLP trace and span ids). Spans and calls have one id each, so most ids are seen
 * once: these skip detection and the cache.
 */
function opaqueId(id: string): boolean {
  if (id.length < 16) return false;
  let letter = false;
  let digits = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits >= 7) return false;
      continue;
    }
    digits = 0;
    if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) letter = true;
    else if (c !== 45) return false;
  }
  return letter;
}

/** An id as stored, and the type of PII it hides (undefined when it is stored as it came). */
export interface StoredId {
  id: string;
  hidden: string | undefined;
}

/** Separators ids are built with ("run-1:patch", "tenant/jane@example.com"), which can hide a value's edge from detection. */
const ID_SEPARATORS = /[:/|#;=&?,]/g;
/** Runs of letters, digits and "_"; those with a letter in them (hex ids, "call_abc123") are never part of a number. */
const TOKENS = /[A-Za-z0-9_]+/g;
const LETTER = /[A-Za-z_]/;

/**
 * The id as the fallback detection reads it, or undefined when that is the id itself: separators as spaces,
 * and tokens with a letter blanked. A number right after "…f545 " or before ":patch" is no number to the
 * recognizers, which take a digit group or a colon next to digits for part of a longer string.
 */
function numbersView(id: string): string | undefined {
  // Maximal runs, tested for a letter after: a pattern that looked for the letter inside the run would
  // backtrack over a long run of digits from every start (quadratic in a hostile id).
  const view = id.replace(ID_SEPARATORS, ' ').replace(TOKENS, (t) => (LETTER.test(t) ? ' '.repeat(t.length) : t));
  return view === id || view.trim() === '' ? undefined : view;
}

/** The id to store for `id`: itself when `detect` finds nothing in it, else `TYPE-<keyed hash>`. */
export function storedId(kind: IdKind, id: string, detect: (text: string) => readonly Finding[], hash: KeyedHash): StoredId {
  // An id is only ever hashed, never shown masked, so it is also read for the numbers alone in it.
  let type = detect(id)[0]?.type;
  if (type === undefined) {
    const view = numbersView(id);
    if (view !== undefined) type = detect(view)[0]?.type;
  }
  if (type === undefined) return { id, hidden: undefined };
  return { id: `${type}-${hash(`${kind}\u0000${id}`).slice(0, HASH_DIGITS)}`, hidden: type };
}

/** `storedId` with its verdicts kept: ids repeat on every turn and every span of a trace. */
export function storedIds(detect: (text: string) => readonly Finding[], hash: KeyedHash): (kind: IdKind, id: string) => StoredId {
  const seen: Record<IdKind, Map<string, StoredId>> = { conversation: new Map(), trace: new Map(), span: new Map(), call: new Map(), document: new Map() };
  return (kind, id) => {
    if (opaqueId(id)) return { id, hidden: undefined };
    // Ids are short; a hostile export's megabyte-long one is worked out each time rather than kept.
    if (id.length > MAX_CACHED_ID) return storedId(kind, id, detect, hash);
    const cache = seen[kind];
    let safe = cache.get(id);
    if (safe === undefined) {
      safe = storedId(kind, id, detect, hash);
      if (cache.size >= 50_000) cache.clear();
      cache.set(id, safe);
    }
    return safe;
  };
}
