/**
 * Small helpers to look at the words around a candidate without scanning the whole text again.
 */

/** Lower-cased text of up to `n` characters before `index`. */
export function before(text: string, index: number, n: number): string {
  return text.slice(Math.max(0, index - n), index).toLowerCase();
}

/** Lower-cased text of up to `n` characters after `index`. */
export function after(text: string, index: number, n: number): string {
  return text.slice(index, index + n).toLowerCase();
}

/** Resets and runs a global/sticky regex over `text`, calling `fn` for each match (never loops on empty matches). */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}

/** Character-class test for ASCII letters and digits. */
export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Character-class test for ASCII letters. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Character-class test for ASCII digits. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A per-process memo for pure verdicts on strings that recur across a trace (word kinds, phone
 * validity): cleared when it passes `max` entries, so memory stays bounded on any input.
 */
export class BoundedCache<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly max = 50_000) {}

  /** The value cached under `key`, computed as `compute(arg)` on first use (no closure per call on the hot path). */
  get<A>(key: string, compute: (arg: A) => T, arg: A): T {
    let v = this.map.get(key);
    if (v === undefined) {
      v = compute(arg);
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}
