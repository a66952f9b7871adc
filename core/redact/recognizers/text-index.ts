/**
 * The shared first pass of detection: one loop over a text records what the recognizers' candidate
 * searches need (runs of digits, where capitalised words can start, character-class counts), so that
 * each recognizer looks only at its candidates instead of scanning the whole text again.
 */

import { escapedControl, foldCode } from '../fold.js';

/** What one pass over a text found; built by indexText, read by every recognizer. */
export interface TextIndex {
  readonly text: string;
  /** Start and end offsets of each run of ASCII digits, flattened: [s0, e0, s1, e1, ...]. */
  readonly digitRuns: number[];
  /**
   * Offsets where a capitalised word can start: A-Z, or any character from U+00C0 up, unless right after
   * an ASCII letter or digit (the person recognizer's look-behind decides the rest).
   */
  readonly capStarts: number[];
  readonly digits: number;
  /** Upper-case letters (ASCII, and Latin-1 and beyond when their lower case differs). */
  readonly upper: number;
  readonly colons: number;
  readonly at: boolean;
  readonly dot: boolean;
  readonly space: boolean;
  /** Longest run of token characters [A-Za-z0-9_-.+/=]: provider keys and JWTs are long runs. */
  readonly maxRun: number;
  /** Start and end offsets of each run of token characters of LONG_RUN or more, flattened: where a provider's key can be. */
  readonly longRuns: number[];
  /** True when the text has a character from U+3000 up (CJK, kana, Hangul, full-width forms). */
  readonly cjk: boolean;
  /** True when the text has a character from U+0590 to U+17FF: Hebrew, Arabic, the scripts of India, Thai and others without letter case. */
  readonly caseless: boolean;
  /** True when the text has a "%" or "&" that may start an escaped "@" (`%40`, `&#64;`). */
  readonly escapedAt: boolean;
  /** True when the text has a look-alike character or a written-out escape ("\\n") that fold.ts folds (detection then runs on the folded text). */
  readonly foldable: boolean;
  /** The text lower-cased, made once on first use. */
  lower(): string;
  /** True when the lower-cased text contains one of the keywords of `group` (one scan for all groups, on first use). */
  has(group: KeywordGroup): boolean;
  /**
   * Where the keywords of `group` start, ascending (a pattern that opens with one of them can be tried
   * there only); null for text outside ASCII, whose keywords are found in its lower case.
   */
  keywordOffsets(group: KeywordGroup): number[] | null;
}

/**
 * Words some recognizer needs before it looks any further, by group: every context word of that
 * recognizer contains one of its group's words.
 */
const KEYWORDS = {
  // Other languages' password words by a rarer part where their start is common ("contRASENA", "sENHA", "hASLO").
  secret: ['bearer', 'basic', 'digest', 'auth', 'cookie', 'token', 'pass', 'pwd', 'secret', 'key', 'credential', 'session', 'private', 'kennwort', 'contraseña', 'rasena', 'mdp', 'wachtwoord', 'enha', 'hasło', 'aslo'],
  birth: ['born', 'birth', 'dob', 'd.o.b', 'bday', 'geboren', 'geburt', 'geb.', 'né', 'naci', 'nací', 'naissance', 'nascita', 'nato il', 'nata il', 'geboorte', 'nasci', 'urodz', 'родил', 'рождени', 'doğum', '生年月日', '誕生日', '出生日期', '生日', '출생일', '생년월일', '생일', 'الميلاد', 'مواليد'],
  // Not "compte" or "conto": keywords are found by their first three characters, and "com" and "con" open
  // too many English words; "numéro de compte" and "(co)rrente" say the same.
  account: ['acc', 'a/c', 'checking', 'savings', 'routing', 'aba', 'sort code', 'bsb', 'bank number', 'konto', 'cuenta', 'numéro de compte', 'bancaire', 'rrente', 'di conto', 'número de conta', 'número da conta', 'rekening'],
  zip: ['zip', 'post', 'plz', 'cep'],
  www: ['www.'],
  iban: ['iban'],
  corner: ['corner of'],
  street: ['street', 'avenue', 'road', 'boulevard', 'lane'],
  // A Japanese block number in Latin letters ("3-chome-1-1"), by its hyphen: "cho" opens common words.
  chome: ['-chome'],
  // Cues after which a name typed in lower case is still a name in text with capitals (person.ts).
  nameCue: ['name is', "name's", 'call me', 'spoke to', 'spoke with', 'speak to', 'speak with', 'talk to', 'talked to', 'my wife', 'my husband', 'my son', 'my daughter', 'my mom', 'my mum', 'my mother', 'my dad', 'my father', 'my brother', 'my sister', 'my friend', 'my partner', 'my colleague', 'my boss', 'my manager'],
  // Database tools whose command line may carry a password (secrets.ts), by rarer parts ("mYSQL", "marIADB",
  // "rediS-CLI"; sshpass starts with the login group's "ssh").
  dbTool: ['ysql', 'iadb', 's-cli'],
  // Not "passport": it starts with the secret group's "pass", and no two groups' words may match at one
  // offset (a text with "passport" has the secret group).
  document: ['licence', 'license', 'tax id', 'taxpayer'],
  // By their less common middle ("usERNAme", "usUARIO", "identiFIANT"): "use" would be a candidate in most
  // English texts.
  user: ['rname', 'r_name', 'r-name', 'r name', 'r id', 'r_id', 'r-id', 'er=', 'login', 'twitter', 'instagram', 'tiktok', 'telegram', 'mastodon', 'bluesky', 'github', 'x.com', 'handle', 'uario', 'usuário', 'fiant', 'utilisateur', 'utente', 'gebruiker'],
  // An email with "dot" spelled out or "(at)" bracketed: not " at ", which most English texts have.
  spelled: ['dot', '(at', '[at', '{at', '( at', '[ at'],
  // A home directory's path: its next segment is the account's name (username.ts).
  homeDir: ['/users/', '/home/', '\\users\\'],
  // " at " itself, which most English texts have: only a word with a full stop after it makes an address
  // with its "@" spelled (structured.ts's atBeforeDomain looks).
  atWord: [' at '],
  // Commands that log in as `user@host` (username.ts).
  login: ['ssh', 'scp', 'sftp', 'rsync', 'mosh', 'sshpass'],
  // Git's identity set on the command line (key-value.ts).
  gitConfig: ['git config'],
  cardCode: ['cvv', 'cvc', 'csc', 'security code', 'card verification'],
  idNumber: ['mrn', 'medical record', 'medicare', 'medicaid', 'patient', 'member', 'policy', 'insurance', 'frequent flyer', 'loyalty', 'rewards', 'employee', 'student'],
} as const;
/** A group of KEYWORDS. */
export type KeywordGroup = keyof typeof KEYWORDS;

/** Each group's bit; a plain object, so that `has` at a call site with one group reads it through an inline cache. */
const GROUP_BIT = {} as Record<KeywordGroup, number>;
const WORD_BITS = new Map<string, number>();
(Object.keys(KEYWORDS) as KeywordGroup[]).forEach((g, n) => {
  GROUP_BIT[g] = 1 << n;
  for (const w of KEYWORDS[g]) WORD_BITS.set(w, (WORD_BITS.get(w) ?? 0) | (1 << n));
});
/** Every keyword in one alternation (longest first); no two groups' words can match at the same offset. */
const KEYWORD_RE = new RegExp(
  [...WORD_BITS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'g',
);

/**
 * The ASCII keywords by their first three characters (`c0 << 14 | c1 << 7 | c2`), with their group bits,
 * and a bit set of those prefixes: an ASCII text is scanned for them without lower-casing it or running
 * the alternation (which has no fixed prefix, so the regex engine tries every keyword at every offset).
 * Three characters, not two: keyword bigrams such as "co", "se" and "to" are among English's commonest.
 */
const BY_TRIGRAM = new Map<number, Array<{ word: string; bits: number }>>();
const TRIGRAM_SEEN = new Uint32Array((1 << 21) >>> 5);
for (const [word, bits] of WORD_BITS) {
  if (!/^[\x20-\x7e]{3,}$/.test(word)) continue;
  const key = (word.charCodeAt(0) << 14) | (word.charCodeAt(1) << 7) | word.charCodeAt(2);
  TRIGRAM_SEEN[key >>> 5] = (TRIGRAM_SEEN[key >>> 5] as number) | (1 << (key & 31));
  const list = BY_TRIGRAM.get(key) ?? [];
  list.push({ word, bits });
  BY_TRIGRAM.set(key, list);
}

/** ASCII lower case of a character code (letters only; everything else as it is). */
function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/**
 * Group bits of the keywords in an ASCII `text`, case-insensitively (what the alternation finds in its
 * lower case), given the offsets where a keyword's first three characters occur.
 */
function asciiKeywordBits(text: string, candidates: readonly number[], hits: number[]): number {
  let bits = 0;
  for (const at of candidates) {
    const key = (lowerAscii(text.charCodeAt(at)) << 14) | (lowerAscii(text.charCodeAt(at + 1)) << 7) | lowerAscii(text.charCodeAt(at + 2));
    for (const k of BY_TRIGRAM.get(key) as Array<{ word: string; bits: number }>) {
      const w = k.word;
      if (at + w.length > text.length) continue;
      let j = 3;
      while (j < w.length && lowerAscii(text.charCodeAt(at + j)) === w.charCodeAt(j)) j++;
      if (j === w.length) {
        bits |= k.bits;
        hits.push(at, k.bits);
      }
    }
  }
  return bits;
}

/** The length from which a run of token characters is recorded in `longRuns`: no provider's key format is shorter (Slack's xox… tokens, the shortest, are 15). */
export const LONG_RUN = 15;

class Index implements TextIndex {
  digitRuns: number[] = [];
  longRuns: number[] = [];
  capStarts: number[] = [];
  digits = 0;
  upper = 0;
  colons = 0;
  at = false;
  dot = false;
  space = false;
  maxRun = 0;
  foldable = false;
  escapedAt = false;
  cjk = false;
  caseless = false;
  /** True when every character is ASCII (below 128). */
  ascii = true;
  /** Offsets where the first three characters of an ASCII keyword occur (any case). */
  keywordCandidates: number[] = [];
  private lc: string | undefined;

  constructor(readonly text: string) {}

  lower(): string {
    return (this.lc ??= this.text.toLowerCase());
  }

  private groups = -1;

  /** Offset and group bits of each keyword found in an ASCII text, flattened (filled by `has`). */
  private keywordHits: number[] = [];

  has(group: KeywordGroup): boolean {
    if (this.groups < 0) this.groups = this.ascii ? asciiKeywordBits(this.text, this.keywordCandidates, this.keywordHits) : unicodeKeywordBits(this.lower());
    return (this.groups & GROUP_BIT[group]) !== 0;
  }

  keywordOffsets(group: KeywordGroup): number[] | null {
    if (!this.has(group)) return [];
    // Lower-casing text outside ASCII can change its length, so offsets in its lower case are not the text's.
    if (!this.ascii) return null;
    const bit = GROUP_BIT[group];
    const out: number[] = [];
    const h = this.keywordHits;
    for (let k = 0; k < h.length; k += 2) if (((h[k + 1] as number) & bit) !== 0 && out[out.length - 1] !== h[k]) out.push(h[k] as number);
    return out;
  }
}

/** Group bits of the keywords in a lower-cased text of any script (toLowerCase can turn non-ASCII into ASCII: "K" for K). */
function unicodeKeywordBits(lc: string): number {
  let bits = 0;
  KEYWORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORD_RE.exec(lc)) !== null) {
    bits |= WORD_BITS.get(m[0]) ?? 0;
    // Step one character, not past the match, so a keyword overlapping this one is seen too.
    KEYWORD_RE.lastIndex = m.index + 1;
  }
  return bits;
}

/** One pass over `text` (see TextIndex). */
export function indexText(text: string): TextIndex {
  const ix = new Index(text);
  const runs = ix.digitRuns;
  const caps = ix.capStarts;
  const n = text.length;
  let digits = 0;
  let upper = 0;
  let colons = 0;
  let run = 0;
  let maxRun = 0;
  // Whether the previous character was an ASCII letter or digit (a capital right after one starts no word).
  let prevAlnum = false;
  let runStart = -1;
  const kw = ix.keywordCandidates;
  // The last three characters, ASCII-lower-cased, 7 bits each (for the keyword prefixes).
  let tri = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    tri = ((tri << 7) | (lowerAscii(c) & 127)) & 0x1fffff;
    if ((((TRIGRAM_SEEN[tri >>> 5] as number) >>> (tri & 31)) & 1) !== 0 && i >= 2) kw.push(i - 2);
    if (c >= 48 && c <= 57) {
      digits++;
      if (runStart < 0) runStart = i;
      if (++run > maxRun) maxRun = run;
      prevAlnum = true;
      continue;
    }
    if (runStart >= 0) {
      runs.push(runStart, i);
      runStart = -1;
    }
    if (c >= 97 && c <= 122) {
      if (++run > maxRun) maxRun = run;
      prevAlnum = true;
      continue;
    }
    if (c >= 65 && c <= 90) {
      upper++;
      if (!prevAlnum) caps.push(i);
      if (++run > maxRun) maxRun = run;
      prevAlnum = true;
      continue;
    }
    prevAlnum = false;
    if (c === 95 || c === 45 || c === 46 || c === 43 || c === 47 || c === 61) {
      if (++run > maxRun) maxRun = run;
    } else {
      if (run >= LONG_RUN) ix.longRuns.push(i - run, i);
      run = 0;
    }
    if (c === 32 || c === 10 || c === 9) ix.space = true;
    else if (c === 46) ix.dot = true;
    else if (c === 58) colons++;
    else if (c === 64) ix.at = true;
    else if (c === 92 && escapedControl(text, i) !== 0) ix.foldable = true;
    else if ((c === 37 && text.charCodeAt(i + 1) === 52 && text.charCodeAt(i + 2) === 48) || (c === 38 && text.charCodeAt(i + 1) === 35)) ix.escapedAt = true;
    else if (c >= 128) {
      ix.ascii = false;
      if (c >= 0xa0 && foldCode(c) !== c) ix.foldable = true;
      if (c >= 0x3000) ix.cjk = true;
      else if (c >= 0x590 && c < 0x1800) ix.caseless = true;
      if (c < 0xc0) continue;
      caps.push(i);
      const ch = text[i] as string;
      if (ch !== ch.toLowerCase()) upper++;
    }
  }
  if (runStart >= 0) runs.push(runStart, n);
  if (run >= LONG_RUN) ix.longRuns.push(n - run, n);
  ix.digits = digits;
  ix.upper = upper;
  ix.colons = colons;
  ix.maxRun = maxRun;
  return ix;
}

/**
 * Runs sticky `re` at each offset (ascending) and calls `fn` for each match, skipping offsets inside the
 * previous match: the same matches as a global scan of the pattern when its matches can only start at
 * those offsets. A pattern that runs on past what it is after (an IBAN's groups into the next IBAN) lets
 * `fn` say how much it took: the end offset of what it kept, or false for nothing (later offsets inside
 * the match are then still tried).
 */
export function eachMatchAt(re: RegExp, text: string, offsets: readonly number[], fn: (m: RegExpExecArray) => number | false | void): void {
  let done = 0;
  for (const at of offsets) {
    if (at < done || at < 0) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null || m[0].length === 0) continue;
    const took = fn(m);
    if (took !== false) done = took === undefined ? at + m[0].length : took;
  }
}

/** The start offset of each digit run, shifted by `shift` (e.g. -2 for a pattern with two letters before its digits). */
export function runStarts(ix: TextIndex, shift = 0, minLength = 1): number[] {
  const r = ix.digitRuns;
  const out: number[] = [];
  for (let k = 0; k < r.length; k += 2) if ((r[k + 1] as number) - (r[k] as number) >= minLength) out.push((r[k] as number) + shift);
  return out;
}
