/**
 * JSON held in text: finding it (`jsonContainer`), checking that its parse kept every value
 * (`keepsEveryValue`), and writing redacted values back in the layout it came in (`rewriteJsonText`).
 *
 * A tool message often carries JSON written by another
 * serialiser than JSON.stringify (Python's `json.dumps` puts a space after ":" and ","; others indent or
 * escape non-ASCII): it is parsed and redacted as JSON, so sensitive keys mask their values, and the
 * redacted values are written back into the original text, so the message keeps the shape the model saw.
 */
import type { Json } from '../model/trace.js';

/** Deeper text is left to the caller's fallback: the walk below is recursive. */
const MAX_DEPTH = 256;

/**
 * `text` with each value that differs between `before` and `after` replaced by `after`'s, serialised with
 * JSON.stringify, and each key `after` renamed (a key that held PII, now its placeholder) written under its
 * new name; whitespace, key order, escapes and number spellings elsewhere stay as they were. `before` must
 * be `JSON.parse(text)` and `after` a copy-on-write redaction of it (the same keys in the same order, some
 * renamed; changed leaves). Undefined when the text cannot be walked safely: an object with a key twice
 * (JSON.parse kept only the last value, so the first was never redacted), a renamed key that is an array
 * index (objects list those first, so the keys no longer correspond), or nesting deeper than MAX_DEPTH.
 */
export function rewriteJsonText(text: string, before: Json, after: Json): string | undefined {
  let pos = 0;
  let out = '';
  let copiedTo = 0;
  let changed = false;

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else return;
    }
  };
  /** Moves past the string literal at `pos` (its opening quote), escapes included. */
  const skipString = (): boolean => {
    if (text.charCodeAt(pos) !== 34) return false;
    for (let i = pos + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) {
        pos = i + 1;
        return true;
      }
    }
    return false;
  };
  /** Moves past a number or literal (true, false, null): up to the next delimiter. */
  const skipScalar = (): boolean => {
    const start = pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9) break;
      pos++;
    }
    return pos > start;
  };

  const value = (b: Json, a: Json, depth: number): boolean => {
    skipSpace();
    if (b !== null && typeof b === 'object') {
      if (depth > MAX_DEPTH) return false;
      // A changed container keeps its shape (copy-on-write); anything else means the walk is lost.
      if (a === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
      return Array.isArray(b) ? array(b, a as Json[], depth) : object(b, a as { [key: string]: Json }, depth);
    }
    const start = pos;
    if (!(typeof b === 'string' ? skipString() : skipScalar())) return false;
    if (a !== b) {
      out += text.slice(copiedTo, start) + JSON.stringify(a);
      copiedTo = pos;
      changed = true;
    }
    return true;
  };

  const array = (b: Json[], a: Json[], depth: number): boolean => {
    if (text.charCodeAt(pos++) !== 91) return false;
    skipSpace();
    if (text.charCodeAt(pos) === 93) {
      pos++;
      return b.length === 0;
    }
    for (let i = 0; i < b.length; i++) {
      if (!value(b[i] as Json, a[i] as Json, depth + 1)) return false;
      skipSpace();
      const c = text.charCodeAt(pos++);
      if (c === 93) return i === b.length - 1;
      if (c !== 44) return false;
    }
    return false;
  };

  const object = (b: { [key: string]: Json }, a: { [key: string]: Json }, depth: number): boolean => {
    if (text.charCodeAt(pos++) !== 123) return false;
    skipSpace();
    if (text.charCodeAt(pos) === 125) {
      pos++;
      return true;
    }
    const seen = new Set<string>();
    const names = a === b ? null : renames(b, a);
    if (names === undefined) return false;
    for (;;) {
      const keyStart = pos;
      if (!skipString()) return false;
      const raw = text.slice(keyStart + 1, pos - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, pos)) as string) : raw;
      if (seen.has(key) || !Object.hasOwn(b, key)) return false;
      seen.add(key);
      const name = names?.get(key) ?? key;
      if (name !== key) {
        out += text.slice(copiedTo, keyStart) + JSON.stringify(name);
        copiedTo = pos;
        changed = true;
      }
      skipSpace();
      if (text.charCodeAt(pos++) !== 58) return false;
      if (!value(b[key] as Json, a[name] as Json, depth + 1)) return false;
      skipSpace();
      const c = text.charCodeAt(pos++);
      if (c === 125) return true;
      if (c !== 44) return false;
      skipSpace();
    }
  };

  if (!value(before, after, 0)) return undefined;
  skipSpace();
  if (pos !== text.length) return undefined;
  return changed ? out + text.slice(copiedTo) : text;
}

/** An array index as a key: objects list these first, in numeric order, whatever order they were written in. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/**
 * Key → new name for the keys `after` renamed (null when it renamed none), or undefined when the two cannot
 * be matched key by key: copies rename in place, so the n-th keys correspond, unless index keys reorder them.
 */
function renames(before: { [key: string]: Json }, after: { [key: string]: Json }): Map<string, string> | null | undefined {
  const kb = Object.keys(before);
  const ka = Object.keys(after);
  if (ka.length !== kb.length) return undefined;
  let out: Map<string, string> | null = null;
  for (let i = 0; i < kb.length; i++) {
    const k = kb[i] as string;
    const n = ka[i] as string;
    if (n === k) continue;
    // An index key renamed (a phone number as a key) or a name that is one moves: the n-th keys no longer correspond.
    if (INDEX_KEY.test(k) || INDEX_KEY.test(n)) return undefined;
    out ??= new Map();
    out.set(k, n);
  }
  return out;
}

/**
 * True when JSON.parse kept every value of `text` (its parse is `parsed`): no object in it gives a key
 * twice, since JSON.parse keeps only the last. The keys written in the text (string literals followed by
 * a colon) are counted against the keys of the parse; a native search jumps from quote to quote, so this
 * costs a fraction of a walk.
 */
export function keepsEveryValue(text: string, parsed: Json): boolean {
  return keysInText(text) === keysInValue(parsed);
}

function keysInText(text: string): number {
  let n = 0;
  for (let open = text.indexOf('"'); open >= 0; ) {
    // The closing quote is the next one not escaped (after an even run of backslashes).
    let close = text.indexOf('"', open + 1);
    for (;;) {
      if (close < 0) return -1;
      let b = 0;
      while (text.charCodeAt(close - 1 - b) === 92) b++;
      if (b % 2 === 0) break;
      close = text.indexOf('"', close + 1);
    }
    let k = close + 1;
    for (let c = text.charCodeAt(k); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++k));
    if (text.charCodeAt(k) === 58) n++;
    open = text.indexOf('"', close + 1);
  }
  return n;
}

function keysInValue(value: Json): number {
  let n = 0;
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const v = stack.pop() as Json;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    for (const k in v) {
      n++;
      const x = v[k] as Json;
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return n;
}

/** The object or array a string holds as JSON text, or undefined (not JSON, or a scalar). */
export function jsonContainer(s: string): Json[] | { [key: string]: Json } | undefined {
  const t = s.trim();
  const c = t.charCodeAt(0);
  const z = t.charCodeAt(t.length - 1);
  if (t.length < 2 || !((c === 123 && z === 125) || (c === 91 && z === 93))) return undefined;
  try {
    const v = JSON.parse(t) as Json;
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The JSON a string holds, when parsing it kept every value: text with a key given twice (JSON.parse keeps
 * the last) or nested too deep to walk is undefined, so the leak scan reads it as text.
 */
export function faithfulJson(s: string): Json[] | { [key: string]: Json } | undefined {
  const parsed = jsonContainer(s);
  return parsed !== undefined && keepsEveryValue(s, parsed) ? parsed : undefined;
}
