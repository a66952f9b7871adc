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

/** Character-class test for ASCII digits. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
