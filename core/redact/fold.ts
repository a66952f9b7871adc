/**
 * Detection's view of a text. Models and word processors write numbers with non-breaking hyphens
 * ("555‑0100", U+2011), en dashes and no-break spaces; East Asian text uses full-width digits and signs
 * ("０３－１２３４"); text copied from web pages and chat apps carries soft hyphens and zero-width spaces
 * ("Gonza\u00adlez"). The view folds the look-alikes to ASCII and drops the invisible characters, and
 * keeps where each of its offsets sits in the original, so findings map back.
 */

/** Marks a character the view drops (foldCode's answer for it). */
const DROP = -1;

/** The ASCII character a look-alike folds to (its code), DROP for an invisible character, or `c` itself. */
export function foldCode(c: number): number {
  if (c < 0xa0) return c;
  if (c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f || c === 0x3000) return 32;
  if ((c >= 0x2010 && c <= 0x2013) || c === 0x2212 || c === 0xfe63) return 45;
  // Soft hyphen, zero-width space / non-joiner / joiner, word joiner, byte order mark.
  if (c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) return DROP;
  // Full-width forms of ASCII "!" to "~" (digits, letters, "@", "+", "(", "-").
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  return c;
}

/** What detection reads: the text, and for each offset of it (and its end) the original's offset, or null when they are the same. */
export interface DetectionView {
  text: string;
  at: Int32Array | null;
}

/**
 * The control character an escape sequence written out in text stands for ("\n" as two characters, in
 * JSON or a Python repr held in a string), or 0.
 */
export function escapedControl(s: string, i: number): number {
  if (s.charCodeAt(i) !== 92) return 0;
  const n = s.charCodeAt(i + 1);
  return n === 110 ? 10 : n === 116 ? 9 : n === 114 ? 13 : 0;
}

/**
 * The detection view of `s` (see foldCode); `s` itself, with `at` null, when nothing in it folds. An
 * escape written out ("\n") becomes a space and the control character, two for two, so a name or an
 * address after it starts a line as it did before the text was escaped twice.
 */
export function detectionView(s: string): DetectionView {
  let out = '';
  let from = 0;
  let dropped = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      const control = escapedControl(s, i);
      if (control === 0) continue;
      out += `${s.slice(from, i)} ${String.fromCharCode(control)}`;
      from = i + 2;
      i++;
      continue;
    }
    if (c < 0xa0) continue;
    const f = foldCode(c);
    if (f === c) continue;
    out += s.slice(from, i) + (f === DROP ? '' : String.fromCharCode(f));
    if (f === DROP) dropped++;
    from = i + 1;
  }
  if (from === 0) return { text: s, at: null };
  const text = out + s.slice(from);
  if (dropped === 0) return { text, at: null };
  const at = new Int32Array(text.length + 1);
  let j = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0xa0 || foldCode(s.charCodeAt(i)) !== DROP) at[j++] = i;
  at[j] = s.length;
  return { text, at };
}

/** `s` as detection reads it (see detectionView), for comparing values: "０３－１２３４" is "03-1234". */
export function foldText(s: string): string {
  return detectionView(s).text;
}
