/**
 * The detection engine: runs the enabled recognizers over a text and resolves overlapping findings
 * into a sorted list of non-overlapping ranges to mask.
 */
import { RedactionConfigError, type RedactionConfig } from './config.js';
import { findAddresses } from './recognizers/address.js';
import { findCjkAddresses } from './recognizers/cjk-address.js';
import { findIndianAddresses } from './recognizers/india-address.js';
import { findPersons } from './recognizers/person.js';
import { findDisplayNames } from './recognizers/display-name.js';
import { findAirlineNames } from './recognizers/airline-name.js';
import { findCjkNames } from './recognizers/cjk-name.js';
import { findCaselessNames } from './recognizers/caseless-name.js';
import { findNationalIds } from './recognizers/national-id.js';
import { findHomeDirUsers, findLogins, findNameLogins, findUsernames } from './recognizers/username.js';
import { findKeyValues, findTableValues } from './recognizers/key-value.js';
import { findSecrets } from './recognizers/secrets.js';
import { SensitiveKeys } from './keys.js';
import {
  atBeforeDomain,
  findAccounts,
  findCardCodes,
  findCards,
  findDatesOfBirth,
  findEmails,
  findUpiIds,
  findIbans,
  findIdNumbers,
  findIps,
  findPhones,
  findSpelledEmails,
  findSsns,
  findUrls,
} from './recognizers/structured.js';
import { PLACEHOLDER_IN_TEXT } from './pseudonymizer.js';
import { indexText, type TextIndex } from './recognizers/text-index.js';
import { detectionView } from './fold.js';
import type { BuiltinEntityType, Finding } from './types.js';

/** Entries of the short-string table (a power of two). */
const SLOTS = 65536;

/** Table index of a short string from its length and four sampled characters. */
function slotOf(t: string): number {
  const n = t.length;
  let h = Math.imul(n, 0x9e3779b1) ^ t.charCodeAt(0);
  h = Math.imul(h ^ t.charCodeAt(n - 1), 0x85ebca6b);
  h = Math.imul(h ^ t.charCodeAt(n >> 1), 0xc2b2ae35);
  h ^= t.charCodeAt(n >> 2) ^ (t.charCodeAt((3 * n) >> 2) << 7);
  return (h ^ (h >>> 15)) & (SLOTS - 1);
}

/**
 * A number from a long string's length and 64 characters sampled across it (the first and last 16 among
 * them): strings that share a template but differ in a name or a number still differ here, and unlike a
 * string key it costs no allocation and no hashing of the whole key.
 */
function longFingerprint(t: string): number {
  const n = t.length;
  let h = Math.imul(n, 0x9e3779b1);
  for (let k = 0; k < 16; k++) {
    h = Math.imul(h ^ t.charCodeAt(k), 0x85ebca6b);
    h = Math.imul(h ^ t.charCodeAt(n - 1 - k), 0xc2b2ae35);
  }
  const step = n / 32;
  for (let k = 0; k < 32; k++) h = Math.imul(h ^ t.charCodeAt(Math.floor(k * step)), 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Which type wins when two findings overlap: lower rank first, then higher score, then longer. */
const RANK: Record<string, number> = {
  DENY: 0,
  SECRET: 1,
  EMAIL: 2,
  IBAN: 3,
  CREDIT_CARD: 4,
  SSN: 5,
  NATIONAL_ID: 5.5,
  IP_ADDRESS: 6,
  DATE_OF_BIRTH: 7,
  PHONE: 8,
  ACCOUNT_NUMBER: 9,
  URL: 10,
  ADDRESS: 11,
  CUSTOM: 12,
  PERSON: 13,
};
const NONE: readonly Finding[] = Object.freeze([]);

export interface Detector {
  /** Non-overlapping findings sorted by start. */
  detect(text: string): Finding[];
  /** The same findings without a defensive copy: callers must not mutate them (the redactor's hot path). */
  detectShared(text: string): readonly Finding[];
}

interface DenyMatcher {
  byFirstWord: Map<string, Array<{ value: string; type: string }>>;
}

function buildDeny(entries: RedactionConfig['denyList']): DenyMatcher {
  const byFirstWord = new Map<string, Array<{ value: string; type: string }>>();
  for (const e of entries) {
    const value = (typeof e === 'string' ? e : e.value).trim().toLowerCase();
    const type = typeof e === 'string' ? 'PERSON' : e.type;
    if (value === '') continue;
    const first = value.split(/[^\p{L}\p{N}]+/u).find((w) => w !== '') ?? value;
    const list = byFirstWord.get(first) ?? [];
    list.push({ value, type });
    byFirstWord.set(first, list);
  }
  // Longest first, so "Acme Widgets Ltd" wins over "Acme" (sorted once: a customer list can be 100,000 names).
  for (const list of byFirstWord.values()) list.sort((a, b) => b.value.length - a.value.length);
  return { byFirstWord };
}

const WORD = /[\p{L}\p{N}]+/gu;

function findDenied(text: string, deny: DenyMatcher, out: Finding[]): void {
  if (deny.byFirstWord.size === 0) return;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  const lower = text.toLowerCase();
  while ((m = WORD.exec(lower)) !== null) {
    const cands = deny.byFirstWord.get(m[0]);
    if (cands === undefined) continue;
    for (const c of cands) {
      if (!lower.startsWith(c.value, m.index)) continue;
      const end = m.index + c.value.length;
      if (end < lower.length && /[\p{L}\p{N}]/u.test(lower[end] as string)) continue;
      out.push({ start: m.index, end, type: c.type, score: 2 });
      break;
    }
  }
}

/** How a huge string is detected: in windows of about `chunkChars`, each seen with `marginChars` either side. */
export interface ChunkTuning {
  chunkChars: number;
  marginChars: number;
}

/**
 * A string longer than this is detected window by window. Detection keeps per-candidate state (tokens,
 * digit runs, findings) for the whole string: about 30 bytes of heap per character of dense PII, so a
 * 50 MB tool output would need 1.5 GB at once. Windows bound that to a few tens of megabytes. The margin
 * is wider than any finding the recognizers make (a 4096-bit private key block is 3.2 KB) and than any
 * look-behind, so a finding that starts in a window's own part is found whole, with its context.
 */
export const DEFAULT_CHUNKING: ChunkTuning = { chunkChars: 1_000_000, marginChars: 16_384 };

/**
 * Where the window from `start` ends: at a line break in its last tenth, else at a space or tab there,
 * else at `start + chunkChars` (a run that long without white space is a blob, not prose).
 */
function windowEnd(text: string, start: number, chunkChars: number): number {
  const target = start + chunkChars;
  if (target >= text.length) return text.length;
  const floor = target - Math.floor(chunkChars / 10);
  const nl = text.lastIndexOf('\n', target);
  if (nl > floor) return nl + 1;
  for (let i = target; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 9) return i;
  }
  return target;
}

/**
 * Findings of a huge string, window by window (see DEFAULT_CHUNKING). Each window keeps the findings that
 * start in its own part; one that runs on past it is kept whole, and the next window's findings it covers
 * are dropped or start after it, so the masked ranges are the union and never overlap.
 */
export function detectInWindows(text: string, tuning: ChunkTuning, detectOne: (t: string) => readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let end = 0;
  for (let start = 0; start < text.length; ) {
    const stop = windowEnd(text, start, tuning.chunkChars);
    const from = Math.max(0, start - tuning.marginChars);
    const to = Math.min(text.length, stop + tuning.marginChars);
    for (const f of detectOne(text.slice(from, to))) {
      const s = f.start + from;
      const e = f.end + from;
      if (s < start || s >= stop || e <= end) continue;
      out.push({ ...f, start: Math.max(s, end), end: e });
      end = e;
    }
    start = stop;
  }
  return out;
}

/**
 * Builds the detector for a validated config; throws RedactionConfigError for a custom regex that fails to compile.
 * `chunking` is for tests, to exercise the windows on small strings.
 */
export function createDetector(config: RedactionConfig, chunking: ChunkTuning = DEFAULT_CHUNKING): Detector {
  // The pure redactor cannot read files: a configuration that still names list files was not loaded
  // through the eval folder, and ignoring the files would leave their values unmasked.
  if ((config.denyListFiles?.length ?? 0) > 0 || (config.allowListFiles?.length ?? 0) > 0) {
    throw new RedactionConfigError('denyListFiles / allowListFiles are read by the eval folder loader (loadEvalFolder); pass their values in denyList / allowList');
  }
  const on = (t: BuiltinEntityType): boolean => config.recognizers[t] !== false;
  const use = {
    secret: on('SECRET'),
    email: on('EMAIL'),
    url: on('URL'),
    ip: on('IP_ADDRESS'),
    iban: on('IBAN'),
    card: on('CREDIT_CARD'),
    ssn: on('SSN'),
    nationalId: on('NATIONAL_ID'),
    phone: on('PHONE'),
    account: on('ACCOUNT_NUMBER'),
    dob: on('DATE_OF_BIRTH'),
    address: on('ADDRESS'),
    person: on('PERSON'),
  };
  const urls = config.urls;
  // Query parameters named by a sensitive key keep their values out of readable URLs (urls: credentials), and
  // values under such keys in text are masked as they are in JSON.
  const sensitiveKeys = new SensitiveKeys(config.sensitiveKeys);
  // Each recognizer pushes its findings, in linear time, starting from the candidates of the shared first
  // pass (`s`). It runs only when the text has the characters its entities need (cheap gates keep short
  // JSON leaves such as "shipped" or "SKU-123" from paying for twelve scans). Called directly, not through
  // a table of closures: the gates then inline.
  const runRecognizers = (text: string, found: Finding[], s: TextIndex, capitalsOutside: boolean): void => {
    if (use.secret && text.length >= 8) findSecrets(text, found, s);
    if (use.email && (s.at || s.escapedAt)) findEmails(text, found, s.escapedAt);
    if (use.account && s.at) findUpiIds(text, found);
    if (use.email && s.space && (s.has('spelled') || (s.dot && s.has('atWord') && atBeforeDomain(text)))) findSpelledEmails(text, found);
    if (use.url && (s.dot || s.colons > 0)) findUrls(text, found, urls, s, sensitiveKeys);
    if (use.ip && s.digits > 0 && (s.dot || s.colons > 0)) findIps(text, found, s);
    if (use.iban && s.digits >= 8 && (s.upper >= 2 || s.has('iban'))) findIbans(text, found, s);
    if (use.card && s.digits >= 12) findCards(text, found, s);
    if (use.card && s.digits >= 3 && s.has('cardCode')) findCardCodes(text, found);
    if (use.ssn && s.digits >= 9) findSsns(text, found, s);
    if (use.nationalId && s.digits >= 4) findNationalIds(text, found, s);
    if (use.phone && s.digits >= 7) findPhones(text, found, s);
    if (use.account && s.digits >= 6) findAccounts(text, found, s);
    if (use.account && s.digits >= 4 && s.has('idNumber')) findIdNumbers(text, found, s);
    if (use.dob && s.digits > 0) findDatesOfBirth(text, found, s);
    if (use.address && (s.digits > 0 || (text.length >= 9 && ((s.has('corner') && text.indexOf('orner of') >= 0) || (s.upper > 0 && s.has('street'))))))
      findAddresses(text, found, s);
    if (use.address && s.cjk && s.digits > 0) findCjkAddresses(text, found);
    if (use.address && s.digits >= 6) findIndianAddresses(text, found, s);
    if (use.person && (s.upper > 0 || s.space)) findPersons(text, found, s, capitalsOutside);
    if (use.person && s.at) findDisplayNames(text, found);
    if (use.person && s.upper >= 4 && text.indexOf('/') >= 0) findAirlineNames(text, found);
    if (use.person && s.cjk) findCjkNames(text, found);
    if (use.person && s.caseless) findCaselessNames(text, found);
    if (use.person && s.has('user')) findUsernames(text, found);
    if (use.person && text.length >= 5 && (s.has('user') || s.has('secret') || s.has('account') || s.has('login'))) findNameLogins(text, found, s.dot);
    if (use.person && s.has('homeDir')) findHomeDirUsers(text, found);
    if (use.person && s.at) findLogins(text, found, s.has('login'));
    // Values under sensitive keys in text the redactor could not read as JSON (YAML, logfmt, truncated JSON, XML).
    if (text.length >= 5 && (s.colons > 0 || text.indexOf('=') >= 0 || text.indexOf('</') >= 0 || s.has('gitConfig'))) findKeyValues(text, found, sensitiveKeys);
    // Columns of a table whose header names a sensitive key (CSV, TSV, Markdown), as SQL and spreadsheet tools print them.
    if (text.length >= 10 && text.indexOf('\n') > 0) findTableValues(text, found, sensitiveKeys);
  };
  const custom = config.customPatterns.map((p) => {
    let re: RegExp;
    try {
      re = new RegExp(p.regex, `${p.flags.replace('g', '')}g`);
    } catch (e) {
      throw new RedactionConfigError(`custom pattern "${p.name}": invalid regular expression /${p.regex}/: ${(e as Error).message}`);
    }
    return { re, type: p.type };
  });
  const deny = buildDeny(config.denyList);
  const allow = new Set(config.allowList.map((a) => a.trim().toLowerCase()));

  // Traces repeat strings verbatim (every LLM span carries the prompt history again; a tool result sits in
  // the call and in the tool message; JSON leaves such as statuses and product names recur), so findings
  // are cached per string, in memory only. Short strings live in a direct-mapped table indexed by a few
  // sampled characters (a Map would hash every character of every new key, and most strings are seen once);
  // a collision just evicts. A long string is keyed by a numeric fingerprint (longFingerprint) and compared
  // in full only on a fingerprint hit; those are bounded by total characters.
  const slotText: Array<string | undefined> = new Array<string | undefined>(SLOTS);
  const slotFound: Finding[][] = new Array<Finding[]>(SLOTS);
  const longCache = new Map<number, Array<{ text: string; found: Finding[] }>>();
  let cachedChars = 0;
  const CACHE_MAX_CHARS = 16_000_000;
  const FINGERPRINT_FROM = 256;

  return {
    detect(text: string): Finding[] {
      return detectShared(text).map((f) => ({ ...f }));
    },
    detectShared,
  };

  function detectShared(text: string): readonly Finding[] {
    if (text.length === 0) return NONE;
    if (text.length < FINGERPRINT_FROM) {
      const slot = slotOf(text);
      if (slotText[slot] === text) return slotFound[slot] as Finding[];
      const res = detectUncached(text);
      slotText[slot] = text;
      slotFound[slot] = res;
      return res;
    }
    // A huge string is cached only while it is a small part of the budget (OTLP spans repeat the history,
    // a big tool output included); one bigger than that would evict everything else and stay in memory.
    const uncached = text.length > CACHE_MAX_CHARS / 4;
    if (uncached) return windowed(text);
    const key = longFingerprint(text);
    const same = longCache.get(key);
    if (same !== undefined) for (const h of same) if (h.text === text) return h.found;
    const res = text.length > chunking.chunkChars ? windowed(text) : detectUncached(text);
    if (cachedChars + text.length > CACHE_MAX_CHARS) {
      longCache.clear();
      cachedChars = 0;
    }
    if (same !== undefined && longCache.get(key) === same) same.push({ text, found: res });
    else longCache.set(key, [{ text, found: res }]);
    cachedChars += text.length;
    return res;
  }

  /**
   * A huge string, window by window. Whether it has capitals at all is judged on the whole string: lower-case
   * names are only looked for in texts without any, and a window of lower-case log lines inside a case file
   * would otherwise read its "name: lookup" as a person.
   */
  function windowed(text: string): Finding[] {
    const capitals = /\p{Lu}/u.test(text);
    return detectInWindows(text, chunking, (t) => detectUncached(t, capitals));
  }

  /** Findings of one string (or window); `capitalsOutside` says the string it is part of has capitals. */
  function detectUncached(original: string, capitalsOutside = false): Finding[] {
    // Look-alikes ("555‑0100" with U+2011) are folded to ASCII and invisible characters dropped first
    // (fold.ts); the findings are then mapped back to the original's offsets.
    const ix = indexText(original);
    if (!ix.foldable) return detectView(original, ix, capitalsOutside);
    const view = detectionView(original);
    const found = detectView(view.text, indexText(view.text), capitalsOutside);
    const at = view.at;
    if (at === null) return found;
    for (const f of found) {
      f.start = at[f.start] as number;
      f.end = (at[f.end - 1] as number) + 1;
    }
    return found;
  }

  /** Findings of a text as detection reads it (see detectUncached), with its first pass `ix`. */
  function detectView(text: string, ix: TextIndex, capitalsOutside: boolean): Finding[] {
    {
      const found: Finding[] = [];
      findDenied(text, deny, found);
      for (const c of custom) {
        c.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = c.re.exec(text)) !== null) {
          if (m[0].length === 0) {
            c.re.lastIndex++;
            continue;
          }
          found.push({ start: m.index, end: m.index + m[0].length, type: c.type, score: 1.5 });
        }
      }
      runRecognizers(text, found, ix, capitalsOutside);
      if (found.length === 0) return found;
      return resolve(text, found, allow);
    }
  }
}


function rankOf(f: Finding): number {
  if (f.score >= 2) return RANK.DENY as number;
  // A phone number found without context words yields to an address ("17151 2450 Crown St").
  if (f.type === 'PHONE' && f.score < 0.75) return 11.5;
  return RANK[f.type] ?? (RANK.CUSTOM as number);
}

/** Drops allow-listed findings and those overlapping a stronger one or an existing placeholder. */
function resolve(text: string, found: Finding[], allow: Set<string>): Finding[] {
  // Most texts yield a few findings that do not touch: they are kept as they are, in order.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  if (allow.size === 0 && text.indexOf('<') < 0 && disjoint(found)) return found;
  const taken = new Uint8Array(text.length);
  if (text.indexOf('<') >= 0) {
    PLACEHOLDER_IN_TEXT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PLACEHOLDER_IN_TEXT.exec(text)) !== null) taken.fill(1, m.index, m.index + m[0].length);
  }
  found.sort((a, b) => rankOf(a) - rankOf(b) || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of found) {
    if (f.end <= f.start) continue;
    let takenCount = 0;
    for (let i = f.start; i < f.end; i++) takenCount += taken[i] as number;
    if (takenCount > 0) {
      // Keep the longest free part of a partly covered finding when most of it is still free.
      let best = -1;
      let bestLen = 0;
      let runStart = -1;
      for (let i = f.start; i <= f.end; i++) {
        if (i < f.end && taken[i] === 0) {
          if (runStart < 0) runStart = i;
        } else if (runStart >= 0) {
          if (i - runStart > bestLen) {
            best = runStart;
            bestLen = i - runStart;
          }
          runStart = -1;
        }
      }
      if (best < 0 || bestLen < (f.end - f.start) / 2) continue;
      let s = best;
      let e = best + bestLen;
      while (s < e && /[\s,;:.]/.test(text[s] as string)) s++;
      while (e > s && /[\s,;:]/.test(text[e - 1] as string)) e--;
      if (e - s < 2) continue;
      f.start = s;
      f.end = e;
    }
    if (allow.size > 0 && allow.has(text.slice(f.start, f.end).trim().toLowerCase())) continue;
    taken.fill(1, f.start, f.end);
    kept.push(f);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept;
}

/** True when the findings (sorted by start) are non-empty ranges that do not overlap. */
function disjoint(sorted: readonly Finding[]): boolean {
  let end = 0;
  for (const f of sorted) {
    if (f.end <= f.start || f.start < end) return false;
    end = f.end;
  }
  return true;
}
