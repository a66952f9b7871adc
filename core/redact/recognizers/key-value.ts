/**
 * Values under sensitive keys in text that is not JSON the redactor could parse: "Key: value" lines and
 * YAML, logfmt and query strings (`key=value`), Python reprs and truncated JSON (`'key': 'value'`,
 * `"key": "value"`), XML elements (`<email>…</email>`), git's identity on the command line, and the columns
 * of CSV, TSV and Markdown tables under a sensitive header. The key decides, as it does in JSON
 * (keys.ts): `customer_name: Tendai Moyo` is a name whatever the name lists know. Secrets are
 * secrets.ts's, which knows their placeholders ("changeme", "${TOKEN}"), except in a table's column.
 */
import { isBareNameKey, type SensitiveKeys } from '../keys.js';
import { PLACEHOLDER_IN_TEXT } from '../pseudonymizer.js';
import { trimEndOf } from '../../model/regex-safety.js';
import type { Finding } from '../types.js';
import { hasKnownName, onlyOrdinaryWords } from './lexicon.js';
import { looksLikePersonName } from './person.js';

/**
 * A key and its separator. One word anywhere ("email=", `"dob": `, `'name': `); two to four words
 * ("Date of Birth:", "Home address:") only where a line or a list item starts, since prose has colons too
 * ("Please note the following:").
 */
const KEY_SEP =
  /(?:(?<=^|\n)[ \t]*(?:[-*•][ \t]+)?(\p{L}[\p{L}\p{N}_-]{0,30}(?:[ \t]\p{L}[\p{L}\p{N}_-]{0,30}){1,3})[ \t]*:|(?<![\p{L}\p{N}_.-])(["']?)([\p{L}_][\p{L}\p{N}_.-]{0,40})\2[ \t]*([:=]))[ \t]*/gu;
/** An XML element with text only: `<email>jane@example.com</email>`. */
const XML_ELEMENT = /<([A-Za-z_][\w.-]{0,40})(?:[ \t][^<>]{0,200})?>([^<>\n]{1,200})<\/\1>/g;
/** Git's identity set on the command line, the key and value apart by a blank: `git config --global user.name "Tendai Moyo"`. */
const GIT_CONFIG = /\bgit[ \t]+config[ \t]+(?:--[a-z]+[ \t]+){0,2}(user\.(?:name|email))[ \t]+/g;
/** Where a `key: value` value ends unquoted: the line, a cell, a tab, or a comma before the next key. */
const NEXT_KEY = /^,[ \t]*["']?[\p{L}_][\p{L}\p{N}_.-]{0,40}["']?[ \t]*[:=]/u;
/** Values that say there is none, and placeholders (the redactor's own among them). */
const NO_VALUE = /^(?:null|none|nil|undefined|n\/?a|unknown|not provided|-+|\*+|x+|true|false|\[?redacted\]?|\$\{.*\}|\{\{.*\}\}|<[^<>]*>|%s|(?:your|my|the|example|sample|test)[_-]\w*)$/i;
const MAX_VALUE = 200;
/** A placeholder anywhere in a value (not global: `test` keeps no state). */
const PLACEHOLDER_IN = new RegExp(PLACEHOLDER_IN_TEXT.source);

/** Finds values under `keys`' sensitive keys in `text` (see the module's doc). */
export function findKeyValues(text: string, out: Finding[], keys: SensitiveKeys): void {
  let m: RegExpExecArray | null;
  let from = 0;
  let colon = text.indexOf(':');
  let equals = text.indexOf('=');
  // The pattern is tried only where a match can start for each separator (the line's start, the key's
  // start), not at every word of the text: code and prose have thousands of words and few keys. The
  // line's match is the same for every separator on it, so it is tried once per line.
  let lastNl = -1;
  let nextNl = text.indexOf('\n');
  const line: LineMatch = { start: -1, m: null };
  while (colon >= 0 || equals >= 0) {
    const sep = equals < 0 || (colon >= 0 && colon < equals) ? colon : equals;
    if (sep === colon) colon = text.indexOf(':', sep + 1);
    else equals = text.indexOf('=', sep + 1);
    if (sep < from) continue;
    while (nextNl >= 0 && nextNl < sep) {
      lastNl = nextNl;
      nextNl = text.indexOf('\n', lastNl + 1);
    }
    m = keyMatchAt(text, sep, from, lastNl + 1, line);
    if (m === null) continue;
    from = m.index + m[0].length;
    const key = (m[1] ?? m[3]) as string;
    // "name = Tendai Moyo" (INI, gitconfig, TOML without quotes) reads like a colon: to the line's end.
    const spaced = m[4] === '=' && /[ \t]=[ \t]/.test(m[0]);
    const valueSep = m[1] !== undefined || spaced ? ':' : (m[4] as string);
    // Markdown's emphasis closing round the key ("**Name:** Zqxette Vrumple") is not part of the value.
    let at = m.index + m[0].length;
    while (text[at] === '*' || text[at] === '_') at++;
    while (text[at] === ' ' || text[at] === '\t') at++;
    const value = valueAt(text, at, valueSep);
    if (value === undefined) continue;
    // After a value it took, the scan goes on past it; after one it left, right after the separator: that
    // value may hold the next key ("Nom : Moyo, Prénom : Tendai").
    if (push(out, keys, key, text, value.start, value.end, value.bare === true, value.quoted === true)) from = Math.max(from, value.end);
  }
  if (text.indexOf('git config') >= 0) {
    GIT_CONFIG.lastIndex = 0;
    while ((m = GIT_CONFIG.exec(text)) !== null) {
      const value = valueAt(text, m.index + m[0].length, ':');
      // Unquoted, a name is capitalised: "git config user.name to see it" is prose about the command.
      if (value === undefined || (value.quoted !== true && m[1] === 'user.name' && !/^\p{Lu}/u.test(text[value.start] as string))) continue;
      push(out, keys, m[1] as string, text, value.start, value.end, value.bare === true, value.quoted === true);
    }
  }
  if (text.indexOf('</') >= 0) {
    XML_ELEMENT.lastIndex = 0;
    while ((m = XML_ELEMENT.exec(text)) !== null) {
      const start = m.index + m[0].indexOf('>') + 1;
      push(out, keys, m[1] as string, text, start, start + (m[2] as string).length, false, true);
    }
  }
}

/** KEY_SEP anchored where it is tried (see keyMatchAt). */
const KEY_SEP_AT = new RegExp(KEY_SEP.source, 'uy');
/** A character of a one-word key (KEY_SEP's second form). */
const KEY_CHAR = /[\p{L}\p{N}_.-]/u;

/** KEY_SEP's match at a line's start, tried once per line (start -1: none tried yet). */
interface LineMatch {
  start: number;
  m: RegExpExecArray | null;
}

/**
 * KEY_SEP's leftmost match at or after `from` whose separator is the ":" or "=" at `sep`, or null. Such a
 * match starts at `lineStart` (a key of several words: `line` keeps that try for the line's other
 * separators) or at the key right before `sep`, past blanks and a closing quote, at its opening quote if
 * it has one.
 */
function keyMatchAt(text: string, sep: number, from: number, lineStart: number, line: LineMatch): RegExpExecArray | null {
  const endsAt = (m: RegExpExecArray | null): boolean => m !== null && m.index + m[0].trimEnd().length - 1 === sep;
  if (lineStart >= from) {
    if (line.start !== lineStart) {
      KEY_SEP_AT.lastIndex = lineStart;
      line.start = lineStart;
      line.m = KEY_SEP_AT.exec(text);
    }
    if (endsAt(line.m)) return line.m;
  }
  let k = sep;
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  const quote = text[k - 1] === '"' || text[k - 1] === "'" ? text[k - 1] : undefined;
  if (quote !== undefined) k--;
  let start = k;
  while (start > 0 && k - start <= 42 && KEY_CHAR.test(text[start - 1] as string)) start--;
  if (quote !== undefined && text[start - 1] === quote) start--;
  if (start < from || start === lineStart) return null;
  KEY_SEP_AT.lastIndex = start;
  const m = KEY_SEP_AT.exec(text);
  return endsAt(m) ? m : null;
}

/** The value starting at `at`: a quoted string's inside, or unquoted up to where `sep`'s syntax ends it. */
function valueAt(text: string, at: number, sep: string): { start: number; end: number; bare?: boolean; quoted?: boolean } | undefined {
  const q = text[at];
  if (q === '"' || q === "'") {
    for (let i = at + 1; i < text.length && i - at <= MAX_VALUE; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === q) return { start: at + 1, end: i, quoted: true };
      else if (c === '\n') return undefined;
    }
    return undefined;
  }
  // An object, a list or nothing: not a value of its own.
  if (q === undefined || q === '{' || q === '[' || q === '\n' || q === '\r') return undefined;
  let end = at;
  if (sep === '=') {
    while (end < text.length && end - at < MAX_VALUE && !/[\s&;,)"'<]/.test(text[end] as string)) end++;
  } else {
    // To the end of the line, a cell or a bracket closed inside it ("(DOB: 1995-04-07)").
    let depth = 0;
    while (end < text.length && end - at < MAX_VALUE) {
      const c = text[end] as string;
      if (c === '\n' || c === '\r' || c === '\t' || c === '|' || c === ';' || c === '}' || c === ']' || c === '<' || c === '>') break;
      if (c === '(') depth++;
      else if (c === ')' && depth-- === 0) break;
      if (c === ',' && NEXT_KEY.test(text.slice(end, end + 48))) break;
      end++;
    }
    // A sentence's full stop or a list's comma after the value is not part of it.
    while (end > at && /[\s.,]/.test(text[end - 1] as string)) end--;
  }
  return end > at ? { start: at, end, bare: sep === ':' } : undefined;
}

/**
 * How much of a value after a colon, read to the end of its line, the key's type takes: one token for an
 * address of the net or a user, the digits and their separators for a number, a name's capitalised words;
 * the rest of the line is prose ("user_id: yara_1905) is requesting…", "Card: 4111 1111 1111 1111 exp 12/26").
 */
function cut(type: string, value: string): string {
  if (type === 'EMAIL' || type === 'USER' || type === 'IP_ADDRESS' || type === 'URL') return value.split(/\s/, 1)[0] as string;
  if (type === 'PERSON') {
    const words = value.split(' ');
    const capital = /^\p{Lu}/u.test(words[0] as string);
    let n = 1;
    while (n < words.length && n < 4 && (capital ? /^(?:\p{Lu}|(?:van|de|der|von|da|di|del|la|le|bin|al)$)/u.test(words[n] as string) : n < 2)) n++;
    return words.slice(0, n).join(' ');
  }
  if (type === 'DATE_OF_BIRTH') return value;
  // An address runs to where the sentence goes on: a new sentence, or a word that joins a clause
  // ("12 Baker Street, Springfield if the courier needs it").
  if (type === 'ADDRESS') {
    const m = /\.\s+\p{Lu}|\s(?:if|and|but|so|or|please|thanks|thank|because|when|as|which|for|to)\s/iu.exec(value);
    return m === null ? value : value.slice(0, m.index);
  }
  // A number: its characters (not the quote and markup after a tel: link's number), up to the first word
  // that starts with a letter after a blank ("4111 1111 1111 1111 exp").
  const span = /^[\p{L}\p{N}+(][\p{L}\p{N} ().+/-]*/u.exec(value)?.[0] ?? '';
  const m = /\s\p{L}/u.exec(span);
  return m === null ? span : span.slice(0, m.index);
}

/**
 * Adds the value at [start, end) when `key` is sensitive and the value can be what it holds (`bare`: read
 * to the end of its line, so cut to what the type takes; `quoted`: a string literal); true when it did. A finding of the same type
 * that overlaps it (an address recognizer's that runs on to the next line) becomes their union.
 */
function push(out: Finding[], keys: SensitiveKeys, key: string, text: string, start: number, end: number, bare: boolean, quoted: boolean, secrets = false): boolean {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  let value = raw.trim();
  // Text redacted already (the leak scan reads it) holds placeholders where the values were.
  if (value.length < 2 || NO_VALUE.test(value) || PLACEHOLDER_IN.test(value)) return false;
  const type = keys.typeOf(key, { [key]: value });
  if (type === undefined || (type === 'SECRET' && !secrets)) return false;
  if (bare) value = trimEndOf(cut(type, value), /[\s.,;:]/);
  // `user.name=Tendai Moyo`: an unquoted name after "=" goes on over capitalised words that are no next key.
  else if (!quoted && type === 'PERSON') value += /^(?: \p{Lu}[\p{L}'’-]{0,30}(?=[\s,;)]|$)){1,3}/u.exec(text.slice(end, end + 100))?.[0] ?? '';
  // A quoted value (or an XML element's text) is data; an unquoted one may be code.
  if (!quoted && codeValue(value)) return false;
  if (!plausible(type, key, value)) return false;
  let s = start + lead;
  let e = s + value.length;
  for (let i = out.length - 1; i >= 0; i--) {
    const f = out[i] as Finding;
    if (f.type !== type || f.end <= s || f.start >= e) continue;
    s = Math.min(s, f.start);
    e = Math.max(e, f.end);
    out.splice(i, 1);
  }
  out.push({ start: s, end: e, type, score: 0.9, key });
  return true;
}

/** Type names of Python, TypeScript, SQL and the like, lower-cased: `username: str` declares a field. */
const TYPE_NAMES = new Set([
  'str', 'string', 'int', 'integer', 'float', 'double', 'decimal', 'number', 'bool', 'boolean', 'bytes', 'bigint', 'any', 'object',
  'dict', 'list', 'tuple', 'set', 'array', 'date', 'datetime', 'timestamp', 'uuid', 'text', 'varchar', 'char', 'emailstr', 'optional',
  'void', 'record', 'map', 'json', 'jsonb', 'serial', 'long', 'short', 'nullable', 'required',
]);
/** Receivers that start a member access in code (`req.body.user_name`, `self.email`). */
const CODE_RECEIVER = /^(?:self|this|req|request|res|response|data|props|state|ctx|context|args|kwargs|params|body|form|os|env|process|config|settings|obj|item|row|record|payload|input|event|msg|user|customer)\./;

/**
 * True when an unquoted value is code, not data: a type (`username: str`, `first_name: Optional[str]`,
 * `lastName?: string`), a call or an index, or a member access (`user_name = req.body.user_name`).
 */
export function codeValue(value: string): boolean {
  const first = value.split(/[\s,;=)}\]>]/, 1)[0] as string;
  if (TYPE_NAMES.has(trimEndOf(first, /[?|]/).toLowerCase())) return true;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*[[(<]/.test(first)) return true;
  return first.indexOf('@') < 0 && (CODE_RECEIVER.test(first) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){2,}$/.test(first));
}

/** Whether `value` can be what a `type` key holds: words of the language only ("not provided") are not. */
function plausible(type: string, key: string, value: string): boolean {
  // A bare "name" in text is a tool's, a service's or a step's as often as a person's ("name: lookup_order").
  if (type === 'PERSON' && isBareNameKey(key)) return looksLikePersonName(value);
  // A name key's value: a name, a capitalised word, or a lower-case word long enough to be a given name
  // ("tendai"), not an identifier ("AccountName=acct" in an Azure connection string).
  if (type === 'PERSON') return looksLikePersonName(value) || /^\p{Lu}/u.test(value) || (value.length >= 5 && /^[\p{Ll}\p{M}' -]+$/u.test(value));
  // An email key's value holds an "@" or one spelled out ("Mail: Birkenweg 9" is a postal address).
  if (type === 'EMAIL') return /@|[\s([{]at[\s)\]}]/i.test(value);
  // A username or login has a letter ("login: 42" is a count); a user id may be digits only.
  if (type === 'USER' && !/id$/i.test(key)) return /\p{L}/u.test(value);
  const digits = value.match(/\d/g)?.length ?? 0;
  // An amount is no number of a person's ("Credit Card: $247").
  if (/^[$€£¥]/.test(value)) return false;
  if (type === 'PHONE') return digits >= 5;
  // A card's number has 12 digits or more; its security code (a "cvv" key) three or four.
  if (type === 'CREDIT_CARD') return digits >= 12 || (/^(?:cvv|cvc|cvv2|cvc2)$/i.test(key) && digits >= 3);
  if (/^(?:SSN|NATIONAL_ID|ACCOUNT_NUMBER|IBAN)$/.test(type)) return digits >= 4;
  if (type === 'DATE_OF_BIRTH' || type === 'IP_ADDRESS') return digits > 0;
  return /[\p{L}\p{N}]/u.test(value) && !(onlyOrdinaryWords(value) && !hasKnownName(value));
}

/**
 * A table's header cell: a field name of at most three words ("email", "Full Name", "customer_id"), not
 * a number. Longer cells, or cells with a sentence's punctuation, make the line prose.
 */
const HEADER_CELL = /^[\p{L}_][\p{L}\p{N}_.#/()-]{0,39}(?: [\p{L}\p{N}_.#/()-]{1,20}){0,2}$/u;
/** A Markdown table's rule under its header ("|---|:--:|"), its blanks removed. */
const TABLE_RULE = /^\|?(?::?-{3,}:?\|)*:?-{3,}:?\|?$/;
const MAX_HEADER_LINE = 400;

/**
 * Values in the columns of a table whose header names a sensitive key: CSV, TSV and semicolon-separated
 * rows and Markdown tables, as SQL and spreadsheet tools print them ("name,email,phone\nTendai
 * Moyo,tm@example.org,…"). A row ends the table when its cell count differs from the header's.
 */
export function findTableValues(text: string, out: Finding[], keys: SensitiveKeys): void {
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return;
    const line = trimCr(text, at, nl);
    const next = nl + 1;
    if (line - at > MAX_HEADER_LINE || line === at || !mayOpenHeader(text, at, line)) {
      at = next;
      continue;
    }
    const delim = delimiterOf(text, at, line);
    const header = delim === undefined ? undefined : headerColumns(text, at, line, delim, keys);
    if (delim === undefined || header === undefined) {
      at = next;
      continue;
    }
    at = tableRows(text, next, delim, header, out, keys);
  }
}

/**
 * True when the line [from, to) starts as a header can: a field name's first character or a quote, or a
 * Markdown pipe after blanks. Indented code and lines of numbers or punctuation are dismissed here.
 */
function mayOpenHeader(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  if (c === 124) return true;
  if (i > from) return false;
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 34 || c >= 0xc0;
}

/** The end of the line [from, nl) without its carriage return. */
function trimCr(text: string, from: number, nl: number): number {
  return nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/**
 * The cell separator of a possible header line: a tab, a Markdown pipe, a semicolon or a comma. A line with
 * a sentence's full stop, question or exclamation mark is prose, and so is one whose first cell is long.
 */
function delimiterOf(text: string, from: number, to: number): string | undefined {
  let tabs = 0;
  let commas = 0;
  let semis = 0;
  let first = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
    else if (c === 59) semis++;
    else if ((c === 63 || c === 33) || (c === 46 && i + 1 < to && text.charCodeAt(i + 1) === 32)) return undefined;
    else if (first < 0 && c !== 32) first = c;
    if (tabs + commas + semis === 0 && i - from > 48 && first !== 124) return undefined;
  }
  if (tabs > 0) return '\t';
  if (first === 124) return '|';
  if (semis > 0 && semis >= commas) return ';';
  return commas > 0 ? ',' : undefined;
}

/** Cells of the line [from, to) as [start, end) offsets in `text`, quotes and blanks around a cell excluded. */
function cellsOf(text: string, from: number, to: number, delim: string): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let i = from;
  if (delim === '|') {
    while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '|') i++;
    let end = to;
    while (end > i && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    if (text[end - 1] === '|') to = end - 1;
  }
  for (;;) {
    let s = i;
    let e: number;
    while (s < to && (text[s] === ' ' || text[s] === '\t') && delim !== '\t') s++;
    if (text[s] === '"' && delim !== '|') {
      // A quoted CSV cell may hold the separator; "" is a quote inside it.
      let q = s + 1;
      while (q < to && !(text[q] === '"' && text[q + 1] !== '"')) q += text[q] === '"' ? 2 : 1;
      e = q;
      cells.push([s + 1, e]);
      i = q + 1;
      while (i < to && text[i] !== delim) i++;
      if (i >= to) return cells;
      i++;
      continue;
    }
    e = s;
    while (e < to && text[e] !== delim) e++;
    let t = e;
    while (t > s && (text[t - 1] === ' ' || text[t - 1] === '\t')) t--;
    cells.push([s, t]);
    if (e >= to) return cells;
    i = e + 1;
  }
}

/** The header's column names when the line [from, to) is a table header with a sensitive column, else undefined. */
function headerColumns(text: string, from: number, to: number, delim: string, keys: SensitiveKeys): string[] | undefined {
  const cells = cellsOf(text, from, to, delim);
  if (cells.length < 2) return undefined;
  const names = cells.map(([s, e]) => text.slice(s, e));
  if (!names.every((n) => HEADER_CELL.test(n))) return undefined;
  // A column whose cells can be masked (a bare "name" column's cells are judged one by one).
  return names.some((n) => keys.mayHold(n)) ? names : undefined;
}

/** Masks the sensitive cells of the rows from `at` on; returns where the table ended. */
function tableRows(text: string, at: number, delim: string, header: readonly string[], out: Finding[], keys: SensitiveKeys): number {
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const end = trimCr(text, at, nl);
    if (delim === '|' && TABLE_RULE.test(text.slice(at, end).replace(/[ \t]/g, ''))) {
      at = nl + 1;
      continue;
    }
    const cells = end > at ? cellsOf(text, at, end, delim) : [];
    if (cells.length !== header.length) return at;
    cells.forEach(([s, e], c) => {
      if (e > s) push(out, keys, header[c] as string, text, s, e, false, true, true);
    });
    at = nl + 1;
  }
  return at;
}
