/**
 * Look-alike characters folded to ASCII for detection. Models and word processors write numbers with
 * non-breaking hyphens ("555‑0100", U+2011), en dashes and no-break spaces; East Asian text uses
 * full-width digits and signs ("０３－１２３４"). Each is one UTF-16 unit replaced by one, so offsets found
 * in the folded text are offsets in the original.
 */

/** The ASCII character a look-alike folds to (its code), or `c` itself. */
export function foldCode(c: number): number {
  if (c < 0xa0) return c;
  if (c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f || c === 0x3000) return 32;
  if ((c >= 0x2010 && c <= 0x2013) || c === 0x2212 || c === 0xfe63) return 45;
  // Full-width forms of ASCII "!" to "~" (digits, letters, "@", "+", "(", "-").
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  return c;
}

/** `s` with every look-alike folded (see foldCode); `s` itself when it has none. */
export function foldText(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa0) continue;
    const f = foldCode(c);
    if (f === c) continue;
    out += s.slice(from, i) + String.fromCharCode(f);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}
