/**
 * Display names of email addresses: `Zqxette Vrumple <zv@example.com>`, `"Smith, John" <john@x.com>`,
 * `To: jane doe <jane@x.com>`, `From: Smith, John <john@x.com>`. The words right before an address in angle brackets name its owner (RFC
 * 5322's display name), so they are a name even when no gazetteer knows them or they are in lower case;
 * words of the dictionary ("Acme Support", "Reply to") are a team or an instruction, not a person. So
 * are the words in parentheses after an address or a handle ("zv@example.org (Zqxette Vrumple)").
 */
import type { Finding } from '../types.js';
import { lexicon, normWord } from './lexicon.js';

/** An address in angle brackets, from its "<". */
const BRACKETED_EMAIL = /<[^\s<>@"]{1,64}@[^\s<>@"]{1,255}>/y;
/** The words of an unquoted display name ending right before the "<" (up to four, on one line; a JSON string may open before them). */
const PLAIN_NAME = /(?:^|[\s:,;>("])((?:[\p{L}\p{M}'’.-]+[ \t]){0,3}[\p{L}\p{M}'’.-]+)[ \t]*$/u;
/**
 * An unquoted display name surname first, as Outlook writes it ("From: Vrumple, Zqxette <zv@acme.io>"):
 * only after a header's colon or at a line's start, where the comma cannot be a list's.
 */
const INVERTED_NAME = /(?:^|[\n:;>])[ \t]*(\p{Lu}[\p{L}\p{M}'’.-]+(?:[ \t]\p{Lu}[\p{L}\p{M}'’.-]+)?,[ \t]*\p{Lu}[\p{L}\p{M}'’.-]+(?:[ \t]\p{Lu}[\p{L}\p{M}'’.-]+)?)[ \t]*$/u;
/** A quoted display name ending right before the "<". */
const QUOTED_NAME = /"([^"\n]{1,64})"[ \t]*$/;
const LOOKBACK = 80;

/** Whether a word can be part of a person's name here: a known name, or an unknown capitalised word. */
function nameWord(w: string): 'known' | 'unknown' | false {
  const lx = lexicon();
  const n = normWord(w);
  if (n.length === 0) return false;
  if (lx.first.has(n) || lx.last.has(n)) return 'known';
  if (lx.dictionary.has(n) || lx.common.has(n)) return false;
  // In lower case an unknown word is more likely a handle ("noreply") than a name.
  return /^\p{Lu}/u.test(w) ? 'unknown' : false;
}

/**
 * How many of the last words (nearest the address) make a name: they run back to the first word that
 * cannot be one ("please contact Zqxette Vrumple"); one word alone must be a known name ("Zendesk" is
 * more likely a company).
 */
function nameTail(words: readonly string[]): number {
  let n = 0;
  let known = false;
  for (let k = words.length - 1; k >= 0; k--) {
    const kind = nameWord(words[k] as string);
    if (kind === false) break;
    if (kind === 'known') known = true;
    n++;
  }
  return n >= 2 || known ? n : 0;
}

/** Finds the display names of bracketed email addresses in `text`. */
export function findDisplayNames(text: string, out: Finding[]): void {
  for (let lt = text.indexOf('<'); lt > 0; lt = text.indexOf('<', lt + 1)) {
    BRACKETED_EMAIL.lastIndex = lt;
    if (!BRACKETED_EMAIL.test(text)) continue;
    const from = Math.max(0, lt - LOOKBACK);
    const lead = text.slice(from, lt);
    const quoted = QUOTED_NAME.exec(lead);
    const inverted = quoted === null ? INVERTED_NAME.exec(lead) : null;
    if (inverted !== null) {
      const name = inverted[1] as string;
      const words = name.split(/[\s,]+/);
      if (nameTail(words) === words.length) {
        const start = from + inverted.index + inverted[0].indexOf(name);
        out.push({ start, end: start + name.length, type: 'PERSON', score: 0.8 });
        continue;
      }
    }
    const m = quoted ?? PLAIN_NAME.exec(lead);
    if (m === null) continue;
    const group = m[1] as string;
    const groupStart = from + m.index + m[0].indexOf(group);
    // A plain match at the cut's first character cannot see what stood before it.
    if (quoted === null && m.index === 0 && from > 0 && !/^[\s:,;>(]/.test(m[0])) continue;
    const words = [...group.matchAll(/[^\s,]+/g)];
    const n = nameTail(words.map((w) => w[0]));
    // A quoted name is taken whole or not at all.
    if (n === 0 || (quoted !== null && n < words.length)) continue;
    const first = words[words.length - n] as RegExpMatchArray;
    const last = words[words.length - 1] as RegExpMatchArray;
    out.push({ start: groupStart + (first.index as number), end: groupStart + (last.index as number) + last[0].length, type: 'PERSON', score: 0.8 });
  }
  commentNames(text, out);
}

/** A name in parentheses: its words, up to four. */
const PAREN_NAME = /\(((?:[\p{L}\p{M}'’.-]+[ \t]){0,3}[\p{L}\p{M}'’.-]+)\)/uy;

/**
 * The owner's name in parentheses after an address or a handle, as old mail headers and ticket systems
 * write it: "zv@example.org (Zqxette Vrumple)", "opened by @zqv (Zqxette Vrumple)". Every word must be
 * one a name can have (nameTail): "(Getting Started)" after a handle is not someone.
 */
function commentNames(text: string, out: Finding[]): void {
  for (let p = text.indexOf('('); p > 0; p = text.indexOf('(', p + 1)) {
    let e = p;
    while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    if (e === p) continue;
    let s = e;
    while (s > 0 && e - s < 320 && !/\s/.test(text[s - 1] as string)) s--;
    let at = e - 1;
    while (at >= s && text[at] !== '@') at--;
    if (at < s) continue;
    PAREN_NAME.lastIndex = p;
    const m = PAREN_NAME.exec(text);
    if (m === null) continue;
    const words = (m[1] as string).split(/[ \t]+/);
    if (nameTail(words) !== words.length) continue;
    out.push({ start: p + 1, end: p + 1 + (m[1] as string).length, type: 'PERSON', score: 0.8 });
  }
}
