/**
 * Consistent placeholders: the same value always becomes the same `<TYPE_n>` within a conversation.
 * The state holds only keyed hashes of normalised values, never the values, so it can be stored
 * (e.g. per conversation in SQLite) and reloaded to keep placeholders stable across import runs.
 */
import { z } from 'zod';
import { foldText } from './fold.js';

const WHOLE_PLACEHOLDER = /^<[A-Z][A-Z0-9_]*_\d+>$/;

/** True when the whole string is a placeholder of the kind this module makes (`<EMAIL_3>`): it is never masked again. */
export function isPlaceholder(s: string): boolean {
  return WHOLE_PLACEHOLDER.test(s);
}

/** Every placeholder inside a text, its type and number as groups 1 and 2 (global: reset lastIndex before exec). */
export const PLACEHOLDER_IN_TEXT = /<([A-Z][A-Z0-9_]*)_(\d+)>/g;

/** Persistable state of a Pseudonymizer: counters per type and hash → placeholder. No raw values. */
export const PseudonymizerState = z.object({
  version: z.literal(1),
  counters: z.record(z.string(), z.number().int().nonnegative()),
  entries: z.record(z.string(), z.string().regex(WHOLE_PLACEHOLDER)),
});
export type PseudonymizerState = z.infer<typeof PseudonymizerState>;

/**
 * A keyed hash of a string (e.g. HMAC-SHA256 with a secret that is not stored next to the state).
 * The module is pure, so the caller supplies it.
 */
export type KeyedHash = (text: string) => string;

/** Normalises a value so that trivially different spellings share a placeholder. */
export function normalizeValue(type: string, value: string): string {
  // Folded like the text it was found in: "０３－１２３４" and "03-1234" are one number.
  const v = foldText(value).trim();
  switch (type) {
    case 'EMAIL':
      // "jane%40example.com" in a query string, and "jane dot doe at example dot com" spelled out, are the
      // address written "jane@example.com" elsewhere.
      return spelledEmail(v.toLowerCase().replace(/%40|&#64;|&#x40;/g, '@'));
    case 'URL':
      return v.toLowerCase();
    case 'ACCOUNT_NUMBER':
      // Letters tell ids apart ("POL-1234" and "EMP-1234"; a UPI address "kwame@ybl"): only blanks and
      // dashes are dropped from such a value, not everything but its digits.
      if (/[A-Za-z@]/.test(v)) return v.replace(/[\s-]/g, '').toUpperCase();
      return v.replace(/\D/g, '');
    case 'PHONE':
    case 'CREDIT_CARD':
    case 'SSN':
      return v.replace(/\D/g, '');
    case 'IBAN':
      return v.replace(/[\s-]/g, '').toUpperCase();
    case 'PERSON':
      return personOrder(v)
        .replace(/^(?:mr|mrs|ms|miss|mx|dr|prof|sir)\.?\s+/i, '')
        .replace(/['’]s$/, '')
        .replace(/\s+/g, ' ')
        .toLowerCase();
    case 'SECRET':
      return v;
    case 'USER':
      // A handle with its "@" ("@zqxv" on Twitter) is the account written without it elsewhere.
      return v.replace(/^@/, '').replace(/\s+/g, ' ').toLowerCase();
    default:
      return v.replace(/\s+/g, ' ').toLowerCase();
  }
}

/**
 * An airline's "MOYO/TENDAI" and a mail header's "Moyo, Tendai" in the order the name is written elsewhere
 * ("TENDAI MOYO"); any other value as it is ("Mensah, Jr." keeps its suffix last).
 */
function personOrder(v: string): string {
  const slash = v.indexOf('/');
  if (slash > 0 && v.indexOf('/', slash + 1) < 0) return `${v.slice(slash + 1)} ${v.slice(0, slash)}`;
  const comma = v.indexOf(',');
  if (comma <= 0 || v.indexOf(',', comma + 1) >= 0) return v;
  const given = v.slice(comma + 1).trim();
  return given === '' || NAME_SUFFIX.test(given) ? v : `${given} ${v.slice(0, comma).trim()}`;
}
const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|phd|md|esq)\.?$/i;

/** "jane dot doe at example dot com" and "jane(at)example[dot]com" as "jane.doe@example.com"; any other value as it is. */
function spelledEmail(v: string): string {
  const words = v.replace(/[()[\]{}]/g, ' ').split(/\s+/);
  if (!words.includes('at') && !words.includes('dot')) return v;
  return words.map((w) => (w === 'at' ? '@' : w === 'dot' ? '.' : w)).join('');
}

/**
 * Keyed hashes of values already seen by any conversation, per hash function: the same customer, agent or
 * support address recurs across the conversations of an import, and hashing costs microseconds. Memory only
 * (like the per-conversation memo), bounded, and never part of a persisted state.
 */
const hashCache = new WeakMap<KeyedHash, { size: number; byType: Map<string, Map<string, string>> }>();
const HASH_CACHE_MAX = 50_000;

/** The keyed hash of `type`, NUL, `norm` (the persisted key), from the cache when seen before. */
function cachedHash(hash: KeyedHash, type: string, norm: string): string {
  let cache = hashCache.get(hash);
  if (cache === undefined) {
    cache = { size: 0, byType: new Map() };
    hashCache.set(hash, cache);
  }
  let m = cache.byType.get(type);
  if (m === undefined) {
    m = new Map();
    cache.byType.set(type, m);
  }
  let k = m.get(norm);
  if (k === undefined) {
    k = hash(`${type}\u0000${norm}`);
    if (cache.size >= HASH_CACHE_MAX) {
      for (const t of cache.byType.values()) t.clear();
      cache.size = 0;
    }
    m.set(norm, k);
    cache.size++;
  }
  return k;
}

/** `s` as a JSON string literal: hashes and placeholders need no escaping, so the common case skips the serializer. */
function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** Assigns placeholders; one instance per conversation. */
export class Pseudonymizer {
  private readonly counters: Map<string, number>;
  private readonly entries: Map<string, string>;
  private changed = false;
  /** Per type: raw spelling → placeholder, and normalised value → placeholder (memory only, raw values). */
  private readonly memo = new Map<string, { raw: Map<string, string>; norm: Map<string, string> }>();

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
    // this conversation; it is keyed by the raw spelling and by the normalised one. Maps per type, so a
    // lookup hashes the value itself rather than a freshly concatenated key.
    let memo = this.memo.get(type);
    if (memo === undefined) {
      memo = { raw: new Map(), norm: new Map() };
      this.memo.set(type, memo);
    }
    const seen = memo.raw.get(value);
    if (seen !== undefined) return seen;
    const normValue = normalizeValue(type, value);
    let ph = memo.norm.get(normValue);
    if (ph === undefined) {
      const key = cachedHash(this.hash, type, normValue);
      ph = this.entries.get(key);
      if (ph === undefined && type === 'PERSON') {
        const parts = this.knownParts(value);
        if (parts !== undefined) {
          memo.raw.set(value, parts);
          return parts;
        }
      }
      if (ph === undefined) {
        const n = (this.counters.get(type) ?? 0) + 1;
        this.counters.set(type, n);
        ph = `<${type}_${n}>`;
        this.entries.set(key, ph);
        this.changed = true;
      }
      memo.norm.set(normValue, ph);
    }
    memo.raw.set(value, ph);
    return ph;
  }

  /**
   * A full name whose every word already has a PERSON placeholder ("Zqxette Vrumple" after a tool result's
   * `first_name` and `last_name`) is written with those placeholders ("<PERSON_1> <PERSON_2>"), so a reader
   * can tell it is the same person; undefined when some word has none. Allocates nothing.
   */
  private knownParts(value: string): string | undefined {
    const pieces = value.split(/(\s+)/);
    if (pieces.length < 3) return undefined;
    const memo = this.memo.get('PERSON');
    let out = '';
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (i % 2 === 1) {
        out += piece;
        continue;
      }
      const norm = normalizeValue('PERSON', piece);
      const ph = memo?.raw.get(piece) ?? memo?.norm.get(norm) ?? this.entries.get(cachedHash(this.hash, 'PERSON', norm));
      if (ph === undefined) return undefined;
      out += ph;
    }
    return out;
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
    return JSON.parse(this.stateJson()) as PseudonymizerState;
  }

  /**
   * The same snapshot as JSON text, what the store saves. Built from the maps directly: an object with a
   * few dozen hash-named keys costs tens of microseconds to create, which a long import pays per conversation.
   */
  stateJson(): string {
    this.changed = false;
    let out = '{"version":1,"counters":{';
    let sep = '';
    for (const [type, n] of this.counters) {
      out += `${sep}${jsonString(type)}:${n}`;
      sep = ',';
    }
    out += '},"entries":{';
    sep = '';
    for (const [key, ph] of this.entries) {
      out += `${sep}${jsonString(key)}:${jsonString(ph)}`;
      sep = ',';
    }
    return `${out}}}`;
  }
}
