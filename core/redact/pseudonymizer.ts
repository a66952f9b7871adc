/**
 * Consistent placeholders: the same value always becomes the same `<TYPE_n>` within a conversation.
 * The state holds only keyed hashes of normalised values, never the values, so it can be stored
 * (e.g. per conversation in SQLite) and reloaded to keep placeholders stable across import runs.
 */

const WHOLE_PLACEHOLDER = /^<[A-Z][A-Z0-9_]*_\d+>$/;

/** True when the whole string is a placeholder of the kind this module makes (`<EMAIL_3>`): it is never masked again. */
export function isPlaceholder(s: string): boolean {
  return WHOLE_PLACEHOLDER.test(s);
}

/** Every placeholder inside a text, its type and number as groups 1 and 2 (global: reset lastIndex before exec). */
export const PLACEHOLDER_IN_TEXT = /<([A-Z][A-Z0-9_]*)_(\d+)>/g;

/** Persistable state of a Pseudonymizer: counters per type and hash → placeholder. No raw values. */
export interface PseudonymizerState {
  version: 1;
  counters: Record<string, number>;
  entries: Record<string, string>;
}

/**
 * A keyed hash of a string (e.g. HMAC-SHA256 with a secret that is not stored next to the state).
 * The module is pure, so the caller supplies it.
 */
export type KeyedHash = (text: string) => string;

/** Normalises a value so that trivially different spellings share a placeholder. */
export function normalizeValue(type: string, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'EMAIL':
    case 'URL':
      return v.toLowerCase();
    case 'PHONE':
    case 'CREDIT_CARD':
    case 'SSN':
    case 'ACCOUNT_NUMBER':
      return v.replace(/\D/g, '');
    case 'IBAN':
      return v.replace(/[\s-]/g, '').toUpperCase();
    case 'PERSON':
      return v
        .replace(/^(?:mr|mrs|ms|miss|mx|dr|prof|sir)\.?\s+/i, '')
        .replace(/['’]s$/, '')
        .replace(/\s+/g, ' ')
        .toLowerCase();
    case 'SECRET':
      return v;
    default:
      return v.replace(/\s+/g, ' ').toLowerCase();
  }
}

/**
 * Keyed hashes of values already seen by any conversation, per hash function: the same customer, agent or
 * support address recurs across the conversations of an import, and hashing costs microseconds. Memory only
 * (like the per-conversation memo), bounded, and never part of a persisted state.
 */
const hashCache = new WeakMap<KeyedHash, Map<string, string>>();
const HASH_CACHE_MAX = 50_000;

function cachedHash(hash: KeyedHash, norm: string): string {
  let m = hashCache.get(hash);
  if (m === undefined) {
    m = new Map();
    hashCache.set(hash, m);
  }
  let k = m.get(norm);
  if (k === undefined) {
    k = hash(norm);
    if (m.size >= HASH_CACHE_MAX) m.clear();
    m.set(norm, k);
  }
  return k;
}

/** Assigns placeholders; one instance per conversation. */
export class Pseudonymizer {
  private readonly counters: Map<string, number>;
  private readonly entries: Map<string, string>;
  private changed = false;
  private readonly memo = new Map<string, string>();

  /** `hash` keys the map; `state` resumes a previously saved conversation. */
  constructor(
    private readonly hash: KeyedHash,
    state?: PseudonymizerState,
  ) {
    this.counters = new Map(Object.entries(state?.counters ?? {}));
    this.entries = new Map(Object.entries(state?.entries ?? {}));
  }

  /** The placeholder for `value` of `type`, allocating `<TYPE_n>` on first sight. */
  placeholder(type: string, value: string): string {
    // The in-memory memo (raw values, never persisted) saves normalising and hashing a value seen again in
    // this conversation; it is keyed by the raw spelling and by the normalised one.
    const raw = `${type}\u0000\u0001${value}`;
    const seen = this.memo.get(raw);
    if (seen !== undefined) return seen;
    const norm = `${type}\u0000${normalizeValue(type, value)}`;
    let ph = this.memo.get(norm);
    if (ph === undefined) {
      const key = cachedHash(this.hash, norm);
      ph = this.entries.get(key);
      if (ph === undefined) {
        const n = (this.counters.get(type) ?? 0) + 1;
        this.counters.set(type, n);
        ph = `<${type}_${n}>`;
        this.entries.set(key, ph);
        this.changed = true;
      }
      this.memo.set(norm, ph);
    }
    this.memo.set(raw, ph);
    return ph;
  }

  /**
   * The placeholder for a value known only by its key (a `keyOf` result from another scope), so
   * placeholders can move between scopes without the raw value.
   */
  placeholderForKey(type: string, key: string): string {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    const ph = `<${type}_${n}>`;
    this.entries.set(key, ph);
    this.changed = true;
    return ph;
  }

  /** The key behind a placeholder this pseudonymizer allocated, or undefined. */
  keyOf(placeholder: string): string | undefined {
    for (const [key, ph] of this.entries) if (ph === placeholder) return key;
    return undefined;
  }

  /** True when placeholders were allocated since construction or the last `state()` call. */
  get dirty(): boolean {
    return this.changed;
  }

  /** A JSON-safe snapshot to persist (contains hashes and placeholders only). */
  state(): PseudonymizerState {
    this.changed = false;
    return { version: 1, counters: Object.fromEntries(this.counters), entries: Object.fromEntries(this.entries) };
  }
}
