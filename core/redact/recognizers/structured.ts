/**
 * Recognizers for entities with a recognisable shape: emails, URLs, IPs, cards, IBANs, SSNs, phones,
 * account numbers, dates of birth. Each uses a bounded pattern (no catastrophic backtracking) to find
 * candidates, then a checksum, a phone library or context words to confirm them.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString as parseMinimal } from 'libphonenumber-js/min';
import { trimEndOf } from '../../model/regex-safety.js';
import { ibanValid, IBAN_LENGTHS, ipv4Valid, ipv6Valid, luhnValid, ssnValid } from '../checks.js';
import type { Finding } from '../types.js';
import type { SensitiveKeys } from '../keys.js';
import { before, BoundedCache, eachMatch, isAlnum } from './context.js';
import { onlyOrdinaryWords } from './lexicon.js';
import { eachMatchAt, runStarts, type TextIndex } from './text-index.js';

// ---------------------------------------------------------------- EMAIL

function isLocalChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 39 || c === 45;
}
function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 45;
}

/**
 * The spellings of "@" an email is found around: the sign itself, and the escapes URLs and HTML write it
 * as (`jane%40example.com` in a query string, `jane&#64;example.com` in a page).
 */
const AT_SIGNS = ['@', '%40', '&#64;', '&#x40;'];
/** Only the sign itself, for text the first pass saw no escape in (each spelling costs a search of the text). */
const PLAIN_AT = ['@'];

/**
 * The handles of India's UPI payment apps and banks (NPCI's list, the common ones): `name@handle` with one
 * of them and no domain after it is a payment address, which names a bank account ("9845012345@paytm").
 */
const UPI_HANDLES = new Set(
  `ybl ibl axl paytm ptyes ptaxis pthdfc ptsbi okhdfcbank okicici oksbi okaxis apl yapl upi icici sbi hdfcbank axisbank
  kotak kmbl yesbank yesbankltd idfcbank idfcfirst ikwik freecharge jio airtel airtelpaymentsbank postbank barodampay
  rbl federal fbl indus aubank abfspay boi cnrb csbpay dbs dlb hsbc idbi jkb kbl kvb mahb pnb psb sib uco unionbank
  unionbankofindia waaxis wahdfcbank wasbi waicici ezeepay cmsidfc timecosmos tapicici sliceaxis superyes naviaxis`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** UPI payment addresses ("priya.sharma@okhdfcbank", "9845012345@paytm"), masked as ACCOUNT_NUMBER. */
export function findUpiIds(text: string, out: Finding[]): void {
  for (let at = text.indexOf('@'); at > 0; at = text.indexOf('@', at + 1)) {
    let e = at + 1;
    while (e < text.length && e - at <= 24 && isAlnum(text.charCodeAt(e))) e++;
    // A domain goes on after the handle ("@ybl.example.com" is an email's).
    if (e === at + 1 || (text.charCodeAt(e) === 46 && isAlnum(text.charCodeAt(e + 1))) || text.charCodeAt(e) === 45) continue;
    if (!UPI_HANDLES.has(text.slice(at + 1, e).toLowerCase())) continue;
    let s = at;
    while (s > 0 && at - s < 64 && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < at && text.charCodeAt(s) === 46) s++;
    if (at - s < 2) continue;
    out.push({ start: s, end: e, type: 'ACCOUNT_NUMBER', score: 0.85 });
  }
}

/** Emails, found by scanning around each '@' by hand so that `a@a@a@...` or long runs stay linear. */
export function findEmails(text: string, out: Finding[], escapedAt: boolean): void {
  for (const sign of escapedAt ? AT_SIGNS : PLAIN_AT) {
    let at = text.indexOf(sign);
    let minStart = 0;
    while (at >= 0) {
      let s = at;
      while (s > minStart && at - s < 64 && isLocalChar(text.charCodeAt(s - 1))) s--;
      while (s < at && (text[s] === '.' || text[s] === "'")) s++;
      const d = at + sign.length;
      let e = d;
      while (e < text.length && e - d < 255 && isDomainChar(text.charCodeAt(e))) e++;
      while (e > d && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
      let domain = text.slice(d, e);
      const lastDot = domain.lastIndexOf('.');
      let tld = lastDot >= 0 ? domain.slice(lastDot + 1) : '';
      // An address run into what follows it by a hyphen ("jane@example.org-1" as an id, "…com-2024"): a
      // top-level domain never has a hyphen, except punycode's.
      const hyphen = tld.indexOf('-');
      if (hyphen > 0 && !tld.startsWith('xn--')) {
        tld = tld.slice(0, hyphen);
        e = d + lastDot + 1 + hyphen;
        domain = text.slice(d, e);
      }
      if (s < at && lastDot > 0 && !domain.includes('..') && /^(?:[A-Za-z]{2,24}|xn--[a-z0-9-]{2,59})$/.test(tld) && !gitRemote(text, s, at, e)) {
        out.push({ start: s, end: e, type: 'EMAIL', score: 0.95 });
        minStart = e;
      }
      at = text.indexOf(sign, at + 1);
    }
  }
}

/**
 * True for a git remote's SSH address ("git@github.com:org/repo.git", "ssh -T git@gitlab.com"): the
 * shared account of a code host, not a person's email.
 */
function gitRemote(text: string, s: number, at: number, e: number): boolean {
  if (at - s !== 3 || text.slice(s, at) !== 'git') return false;
  return text[e] === ':' || /^(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|ssh\.dev\.azure\.com|vs-ssh\.visualstudio\.com|git\.sr\.ht)$/i.test(text.slice(at + 1, e));
}

/**
 * A separator of a spelled email: "@", or "at" or "dot" bracketed ("(at)", "[dot]") or between blanks
 * (" at ", " dot "), with any blanks around it.
 */
const SEP = String.raw`[ \t]*(?:[(\[{][ \t]*(?:at|dot)[ \t]*[)\]}]|(?<=[ \t])(?:at|dot)(?=[ \t])|@)[ \t]*`;
const LABEL = '[a-z0-9][a-z0-9_%+-]{0,63}';
/**
 * An email written so that scrapers miss it ("jane dot doe at gmail dot com", "jane(at)example[dot]com"):
 * labels joined by separators or ".", ending in a common top-level domain, so that prose is no address.
 * findSpelledEmails checks that exactly one separator is an "at", and that one is spelled.
 */
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\w.%+'-])${LABEL}(?:(?:${SEP}|\.)${LABEL}){1,8}(?:${SEP}|\.)(?:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|ca|au|nz|in|jp|cn|br|ru|info|biz|me|us|ai|app|dev)(?![\w@-]|\.\w|${SEP})`,
  'gi',
);
/** The "at" separators of a SPELLED_EMAIL match, and whether a separator was spelled at all. */
const AT_SEP = /[(\[{][ \t]*at[ \t]*[)\]}]|(?<=[ \t])at(?=[ \t])|@/gi;
const SPELLED_SEP = /[(\[{][ \t]*(?:at|dot)[ \t]*[)\]}]|(?<=[ \t])(?:at|dot)(?=[ \t])/i;

/**
 * True when " at " comes before a word with a full stop in it ("jane.doe at gmail.com"): an address with
 * only its "@" spelled. The keyword gate leaves " at " out (most English texts have one), so this looks
 * for the domain after it.
 */
export function atBeforeDomain(text: string): boolean {
  for (let i = text.indexOf(' at '); i >= 0; i = text.indexOf(' at ', i + 4)) {
    let dot = false;
    let j = i + 4;
    for (; j < text.length && j - i < 80; j++) {
      const c = text.charCodeAt(j);
      if (c === 32 || c === 9 || c === 10 || c === 64) break;
      if (c === 46 && j + 1 < text.length && /[A-Za-z]/.test(text[j + 1] as string)) dot = true;
    }
    // A plain "@" in the word is the email recognizer's ("reach me at jane.doe@gmail.com").
    if (dot && text.charCodeAt(j) !== 64) return true;
  }
  return false;
}

/** Emails with "at" and "dot" spelled out or bracketed (see SPELLED_EMAIL). */
export function findSpelledEmails(text: string, out: Finding[]): void {
  SPELLED_EMAIL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPELLED_EMAIL.exec(text)) !== null) {
    const found = m[0];
    // One "at" (two is no address), something spelled (a plain address is findEmails'), and not two
    // words of the language around it ("look at this dot com").
    const ats = found.match(AT_SEP) ?? [];
    const words = found.toLowerCase().split(/[^a-z0-9_%+-]+/);
    if (ats.length === 1 && SPELLED_SEP.test(found) && !(onlyOrdinaryWords(words[0] ?? '') && onlyOrdinaryWords(words[words.length - 2] ?? ''))) {
      out.push({ start: m.index, end: m.index + found.length, type: 'EMAIL', score: 0.9 });
      continue;
    }
    // Not an address from here: it may start at a later word ("me at jane dot doe at gmail dot com").
    SPELLED_EMAIL.lastIndex = m.index + 1;
  }
}

// ---------------------------------------------------------------- URL

const URL_SCHEME = /\b(?:https?|ftps?|wss?|sftp):\/\/[^\s<>"'`\\|{}^]{1,2048}/gi;
const URL_WWW = /(?<![\w@./-])www\.[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}(?:[/?#][^\s<>"'`\\|{}^]{0,2048})?/gi;
/** Top-level domains common enough in prose to treat `word.tld` as a domain (not file extensions). */
const BARE_TLDS =
  'com|org|net|edu|gov|mil|int|io|ai|app|dev|info|biz|us|uk|ca|au|de|fr|nl|be|ch|at|se|no|dk|fi|is|ie|es|pt|it|pl|cz|sk|hu|ro|bg|gr|cy|ee|lv|lt|ru|ua|jp|cn|kr|in|br|mx|ar|cl|nz|za|il|tr|eu|site|online|store|tech|xyz|cloud|shop|blog|news|tv|me|co';
const BARE_TLD_SET = new Set(BARE_TLDS.split('|'));
const URL_BARE = new RegExp(
  `(?<![\\w@./:-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,6}(?:${BARE_TLDS})(?![\\w@-]|\\.[A-Za-z0-9])(?:/[^\\s<>"'\`\\\\|{}^]{0,2048})?`,
  'y',
);
const SENSITIVE_QUERY = /[?&#](?:access_token|token|id_token|refresh_token|api[_-]?key|apikey|key|sig|signature|secret|password|passwd|pwd|auth|code|session|sessionid|sid|x-amz-signature|x-amz-credential)=/i;

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Trims punctuation that ends a sentence rather than the URL (keeps balanced parentheses). */
function trimUrlEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text[end - 1];
    if (c === '.' || c === ',' || c === ';' || c === ':' || c === '!' || c === '?' || c === '*') end--;
    else if (c === ')' || c === ']') {
      const open = c === ')' ? '(' : '[';
      const body = text.slice(start, end);
      const opens = body.split(open).length - 1;
      const closes = body.split(c).length - 1;
      if (closes > opens) end--;
      else break;
    } else break;
  }
  return end;
}

/**
 * True when a bare "domain" of one label is a file name: the label in capitals ("MANIFEST.in",
 * "LICENSE.md") or, for India's ".in", capitalised ("Makefile.in", "Setup.in"), as build files are named.
 */
function fileName(domain: string, label: string): boolean {
  if (domain.indexOf('.') !== label.length || domain.indexOf('.', label.length + 1) >= 0 || domain.includes('/')) return false;
  if (label.length >= 2 && label === label.toUpperCase() && /[A-Z]/.test(label)) return true;
  return domain.slice(label.length + 1).toLowerCase() === 'in' && /^[A-Z]/.test(label);
}

/** One `key=value` of a query string: the key (group 1) and the value (group 2). */
const QUERY_PARAM = /[?&;]([^=&#;\s]{1,64})=([^&#;\s]+)/g;

/**
 * URLs. `mode` 'all' masks every URL and bare domain; 'credentials' only those carrying tokens, and in
 * the others the values of query parameters named by a sensitive key (`?email=…&name=…`), as the key's type.
 */
export function findUrls(text: string, out: Finding[], mode: 'all' | 'credentials', ix: TextIndex, keys?: SensitiveKeys): void {
  const push = (start: number, rawEnd: number, score: number): void => {
    const end = trimUrlEnd(text, start, rawEnd);
    if (end - start < 4) return;
    const url = text.slice(start, end);
    const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?([^/:?#\s]+)/i.exec(url);
    const h = host?.[1] ?? '';
    if (!(h.includes('.') || h === 'localhost' || h.includes(':')) || /[${}<>]/.test(h)) return;
    if (mode === 'credentials' && !SENSITIVE_QUERY.test(url)) {
      if (keys !== undefined && url.indexOf('=') >= 0) sensitiveParams(url, start, keys, out);
      return;
    }
    out.push({ start, end, type: 'URL', score });
  };
  if (text.indexOf('://') >= 0) eachMatch(URL_SCHEME, text, (m) => push(m.index, m.index + m[0].length, 0.8));
  if (mode === 'credentials') return;
  if (ix.has('www')) eachMatch(URL_WWW, text, (m) => push(m.index, m.index + m[0].length, 0.75));
  // Bare domains: look at each '.' followed by a known top-level domain, then run the pattern locally.
  let dot = text.indexOf('.');
  let done = 0;
  while (dot >= 0) {
    const c = text.charCodeAt(dot + 1);
    if (dot > 0 && dot >= done && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && isAlnum(text.charCodeAt(dot - 1))) {
      let e = dot + 1;
      while (e < text.length && isAlpha(text.charCodeAt(e)) && e - dot < 12) e++;
      if (BARE_TLD_SET.has(text.slice(dot + 1, e).toLowerCase())) {
        let s = dot;
        while (s > 0 && s > dot - 260 && /[A-Za-z0-9.-]/.test(text[s - 1] as string)) s--;
        while (s < dot && (text[s] === '.' || text[s] === '-')) s++;
        URL_BARE.lastIndex = s;
        const m = URL_BARE.exec(text);
        if (m !== null && m.index <= dot) {
          const label = m[0].split('.')[0] ?? '';
          if (/[A-Za-z]/.test(label) && !fileName(m[0], label)) push(m.index, m.index + m[0].length, 0.55);
          done = m.index + m[0].length;
        }
      }
    }
    dot = text.indexOf('.', dot + 1);
  }
}

/** A query value that is one word with a file extension ("report.pdf", "index.html"). */
const FILE_NAME_VALUE = /^[^\s%+&]+\.[A-Za-z][A-Za-z0-9]{1,4}$/;

/** The values of a URL's query parameters whose keys are sensitive (`?email=jane%40example.com`), masked as the key's type. */
function sensitiveParams(url: string, start: number, keys: SensitiveKeys, out: Finding[]): void {
  QUERY_PARAM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUERY_PARAM.exec(url)) !== null) {
    let key = m[1] as string;
    try {
      key = decodeURIComponent(key.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: judge the key as written.
    }
    const type = keys.typeOf(key);
    if (type === undefined) continue;
    // `?name=report.pdf` names a file: a person's name has no extension.
    if (type === 'PERSON' && FILE_NAME_VALUE.test(m[2] as string)) continue;
    const valueStart = start + m.index + m[0].length - (m[2] as string).length;
    out.push({ start: valueStart, end: start + m.index + m[0].length, type, score: 0.9 });
  }
}

// ---------------------------------------------------------------- IP

const IPV4 = /(?<![\w.]|\d\.)(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/y;
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|::?)(?:[0-9A-Fa-f]{0,4}:){1,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/g;

/** IPv4 and IPv6 addresses (syntax-checked; 0.0.0.0 and version-like strings are not addresses). */
export function findIps(text: string, out: Finding[], ix: TextIndex): void {
  if (digitDots(text) >= 3)
    eachMatchAt(IPV4, text, runStarts(ix), (m) => {
      if (!ipv4Valid(m[0]) || m[0] === '0.0.0.0') return;
      const prev = before(text, m.index, 12);
      if (/(?:\bv|version|build|ver\.?)\s*$/.test(prev)) return;
      out.push({ start: m.index, end: m.index + m[0].length, type: 'IP_ADDRESS', score: 0.85 });
    });
  if (text.indexOf('::') >= 0 || (ix.colons >= 7 && hexColons(text) >= 3 && /[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/.test(text)))
    eachMatch(IPV6, text, (m) => {
      const s = m[0];
      if (s === '::' || !(s.includes('::') || s.split(':').length === 8)) return;
      if (!ipv6Valid(s)) return;
      if (pythonSlice(text, m.index, s)) return;
      out.push({ start: m.index, end: m.index + s.length, type: 'IP_ADDRESS', score: 0.85 });
    });
}

/**
 * True for a subscript such as "arr[1::2]", "a[::3]" or "a[1:3, ::2]": a short "::" form of decimal
 * groups opening a subscript (after "[" or ",") or closing one (before "]"). Python code in coding agents'
 * traces is full of them; an address written in brackets ("[2001:db8::1]:8080") has hex groups or more of them.
 */
function pythonSlice(text: string, at: number, s: string): boolean {
  const groups = s.split(/::?/).filter((g) => g !== '');
  if (!s.includes('::') || groups.length > 2 || !groups.every((g) => /^\d+$/.test(g))) return false;
  let b = at - 1;
  while (b >= 0 && text.charCodeAt(b) === 32) b--;
  const open = b >= 0 && (text[b] === '[' || text[b] === ',');
  return open || text[at + s.length] === ']';
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Colons with a hex digit on both sides (JSON text has many colons, full IPv6 addresses need seven such). */
function hexColons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':', 1); i >= 0; i = text.indexOf(':', i + 1)) if (isHex(text.charCodeAt(i - 1)) && isHex(text.charCodeAt(i + 1))) n++;
  return n;
}

/** Dots between two digits, up to 3 (a dotted quad has three; prose and JSON rarely have any). */
function digitDots(text: string): number {
  let n = 0;
  for (let i = text.indexOf('.', 1); i >= 0 && n < 3; i = text.indexOf('.', i + 1)) {
    const a = text.charCodeAt(i - 1);
    const b = text.charCodeAt(i + 1);
    if (a >= 48 && a <= 57 && b >= 48 && b <= 57) n++;
  }
  return n;
}

// ---------------------------------------------------------------- numbers: shared context

/** Words right before a number that say it is not personal (orders, tracking, versions...). */
const NON_PII_NUMBER_CONTEXT =
  /(?:\b(?:order|orders|ord|invoice|inv|tracking|track|waybill|shipment|parcel|ups|usps|fedex|dhl|isbn|issn|ticket|jira|pr|po|sku|ref|reference|seed|build|version|ver|serial|line|column|col|port|pid|matrix|budget|total|amount|price|tax|error|code|case|confirmation|booking|reservation|flight|item|product|model|part|batch|lot|request|req|trace|span|run|job|step|page|row|id|uuid)\b|#)[\s:#.no-]{0,6}$/;

const CARD_CONTEXT = /\b(?:card|cards|cc|credit|debit|visa|mastercard|master card|amex|american express|discover|maestro|jcb|diners|pan|payment|pay|charge|charged)\b/;

// ---------------------------------------------------------------- CREDIT_CARD

const CARD = /(?<![\w.,+/-]|(?:^|[^\w.,+/-])\+?\d+[ -]|(?:^|[^\w])[A-Z0-9]{4}[ -])\d(?:[ -]?\d){11,80}(?![\w]|[ -]?\d|[.,]\d)/y;
const IBAN_BEFORE = /[A-Z]{2}\d{2}[ -]?[A-Z0-9]{4}[ -]?$/;

/** A single card candidate: 12-19 digits in consistent groups that pass Luhn. */
function cardAt(text: string, start: number, raw: string, out: Finding[]): boolean {
  const digits = raw.replace(/[ -]/g, '');
  if (digits.length < 12 || digits.length > 19) return false;
  const seps = raw.replace(/\d/g, '');
  if (seps.length > 0 && !(/^ +$/.test(seps) || /^-+$/.test(seps))) return false;
  if (/^(\d)\1+$/.test(digits) || !luhnValid(digits)) return false;
  const ctx = before(text, start, 40);
  const positive = CARD_CONTEXT.test(ctx);
  if (!positive && (NON_PII_NUMBER_CONTEXT.test(ctx) || IBAN_BEFORE.test(text.slice(Math.max(0, start - 12), start)))) return false;
  if (digits.length < 13 && !positive) return false;
  // An unbroken 13, 16 or 19 digits starting with 1 is an epoch time in milli-, micro- or nanoseconds
  // (traces are full of them, and one in ten passes Luhn); a card there needs a word that says so.
  if (!positive && seps.length === 0 && digits.charCodeAt(0) === 49 && (digits.length === 13 || digits.length === 16 || digits.length === 19)) return false;
  out.push({ start, end: start + raw.length, type: 'CREDIT_CARD', score: positive ? 0.95 : 0.85 });
  return true;
}

/** The start and end of each run of non-space characters in `raw` (the numbers of a run of several). */
function spaceTokens(raw: string): Array<{ s: number; e: number }> {
  const toks: Array<{ s: number; e: number }> = [];
  const re = /\S+/g;
  let t: RegExpExecArray | null;
  while ((t = re.exec(raw)) !== null) toks.push({ s: t.index, e: t.index + t[0].length });
  return toks;
}

/** Payment card numbers; a run of several space-separated cards is split into its cards. */
export function findCards(text: string, out: Finding[], ix: TextIndex): void {
  eachMatchAt(CARD, text, runStarts(ix), (m) => {
    const raw = m[0];
    if (cardAt(text, m.index, raw, out)) return;
    // Several numbers in a row ("4012888888881881 4012-8888-8888-1881"): try the longest card at each token.
    const toks = spaceTokens(raw);
    for (let i = 0; i < toks.length; ) {
      let took = 0;
      for (let j = Math.min(toks.length - 1, i + 5); j >= i; j--) {
        const s = (toks[i] as { s: number }).s;
        const e = (toks[j] as { e: number }).e;
        if (cardAt(text, m.index + s, raw.slice(s, e), out)) {
          took = j - i + 1;
          break;
        }
      }
      i += took > 0 ? took : 1;
    }
  });
}

/** "CVV 123", "security code: 4821": the code on the back of a card, which may never be stored. */
const CARD_CODE =
  /\b(?:cvv2?|cvc2?|csc|card security code|security code|card verification (?:value|code|number))(?:[ \t]*(?:is|:|#|=|no\.?|number))*[ \t]*(\d{3,4})(?![\d.,/-]\d|\d)/gi;

/** Card security codes after their name, masked like the card (a JSON `cvv` key's value is too). */
export function findCardCodes(text: string, out: Finding[]): void {
  eachMatch(CARD_CODE, text, (m) => {
    const code = m[1] as string;
    const end = m.index + m[0].length;
    out.push({ start: end - code.length, end, type: 'CREDIT_CARD', score: 0.85 });
  });
}

// ---------------------------------------------------------------- IBAN

const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,32}/y;

/** IBANs: a country prefix, the country's length and a valid mod-97 checksum (lower case only after "iban"). */
export function findIbans(text: string, out: Finding[], ix: TextIndex): void {
  // Two letters, then the digit run the check digits start.
  eachMatchAt(IBAN, text, runStarts(ix, -2, 2), (m): number | false => {
    const raw = m[0];
    const expected = IBAN_LENGTHS[raw.slice(0, 2).toUpperCase()];
    if (expected === undefined) return false;
    // The pattern runs on over spaced groups, so it can take the words after the IBAN ("… to other
    // accounts"): the country's length decides where the IBAN ends, and only that part is checked.
    let n = 0;
    let i = 0;
    for (; i < raw.length && n < expected; i++) if (raw[i] !== ' ' && raw[i] !== '-') n++;
    if (n < expected) return false;
    const end = m.index + i;
    if (end < text.length && isAlnum(text.charCodeAt(end))) return false;
    const own = raw.slice(0, i);
    const part = own.toUpperCase();
    if (own !== part && !/\biban\b/.test(before(text, m.index, 30))) return false;
    if (part.includes(' ') && part.includes('-')) return false;
    if (!ibanValid(part.replace(/[ -]/g, ''))) return false;
    out.push({ start: m.index, end, type: 'IBAN', score: 0.97 });
    return end;
  });
}

// ---------------------------------------------------------------- SSN

const SSN = /(?<![\w.-]|\d[ .-])(\d{3})([ .-]?)(\d{2})\2(\d{4})(?![\w]|[ .-]?\d)/y;
/** "social" alone is how Americans say it ("my social is …", "Social: …"). */
const SSN_CONTEXT = /\b(?:ssn|ssns|social security|social sec|social(?! media| network| login| sign| share)|ss#|ss #|tax id|tin|itin)\b/;

/** US social security numbers (validity rules; without separators only next to SSN context words). */
export function findSsns(text: string, out: Finding[], ix: TextIndex): void {
  eachMatchAt(SSN, text, runStarts(ix, 0, 3), (m) => {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    if (!ssnValid(digits)) return;
    const ctx = before(text, m.index, 40);
    const positive = SSN_CONTEXT.test(ctx);
    if (m[2] === '' && !positive) return;
    if (!positive && NON_PII_NUMBER_CONTEXT.test(ctx)) return;
    out.push({ start: m.index, end: m.index + m[0].length, type: 'SSN', score: positive ? 0.95 : 0.88 });
  });
}

// ---------------------------------------------------------------- PHONE

/**
 * A phone number, and its extension ("x4587", " ext. 12") as group 1. No digit group may come right before
 * it (it would be the middle of a longer number), except before a "+", which never stands inside one
 * ("call_abc123 +1 212 555 0142").
 */
const PHONE = /(?:(?<=\d )(?=\+)|(?<![\w+@#$€£¥/.=-]|(?<![Tt][Ee][Ll]):(?!\+)|(?:^|[^\w.,+/-])\+?\d+[ .-]|(?:^|[^\w])[A-Z0-9]{4}[ .-]))(?:\+[ ]?)?\(?\d[\d ().\-\u00a0/]{5,24}\d(?:[ ]?(?:x|ext\.?|extension)[ ]?(\d{1,6}))?(?![\w:]|[ .-]?\d)/y;
/**
 * Words before a number that make it a phone number: English, then German, French, Spanish, Italian, Dutch,
 * Portuguese, Polish, Russian, Arabic, Hebrew, Hindi and Vietnamese (not their words that are also common
 * English ones, such as "portable" or "handy").
 */
const PHONE_CONTEXT =
  /(?<![\p{L}\p{N}_])(?:phone|phones|tel|telephone|mobile|cell|cellphone|call|calls|calling|text|sms|whatsapp|fax|contact|reach|dial|answering|messages?|hotline|landline|ring|callback|desk|direct|office|telefon|telefonnummer|handynummer|mobil|mobilnummer|rufnummer|anrufen|rufen|téléphone|tél|joindre|appeler|appelez|appelle|teléfono|telefono|móvil|movil|celular|llámame|llamame|llámeme|llamar|llame|cellulare|chiamami|chiamare|chiami|telefoon|telefoonnummer|mobiel|bellen|bel me|bel mij|telefone|telemóvel|telemovel|ligar|ligue-me|zadzwoń|telefonu|komórka|komórkowy|телефон|тел|мобильный|звоните|позвоните|هاتف|هاتفي|جوال|جوالي|موبايل|اتصل|טלפון|הטלפון|נייד|פלאפון|फ़ोन|फोन|मोबाइल|điện thoại|sđt|gọi)(?![\p{L}\p{N}_])/u;
/** A line label after the number, as signatures write it: "0123 456789 (office)", "555-0199-Fax". */
// eslint-disable-next-line regexp/no-super-linear-backtracking -- run on the 16 characters after a number
const PHONE_AFTER = /^[ \t]*[-–(]?[ \t]*(?:office|fax|mobile|mob|cell|home|work|tel|phone|direct|desk)\b/i;
const PHONE_WEAK_CONTEXT = /\b(?:number|no|num|nr)\b/;
/** A national number with one slash after its area code ("030/12345678"), or an international one ("+49 171/1234567"). */
const SLASHED_PHONE = /^(?:0\d{1,5}|\+\d{1,3}[ ]?(?:\(0\)[ ]?)?\d{1,5})[ ]?\/[ ]?\d[\d \-]{2,12}\d$/;
const PHONE_REGIONS: CountryCode[] = [
  'US', 'GB', 'DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'CH', 'AT', 'SE', 'NO', 'DK', 'FI', 'PL', 'CZ', 'HU', 'PT',
  'IE', 'IL', 'JP', 'CN', 'IN', 'BR', 'AU', 'NZ', 'MX', 'RU', 'ZA', 'IS', 'GR', 'CY', 'EE', 'SI', 'HR', 'GL',
];
const DATE_SHAPE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2}))$/;

/** Phone verdicts per digit string (or number shape): parsing costs tens of microseconds and numbers recur. */
const regionCache = new BoundedCache<boolean>();
const validCache = new BoundedCache<boolean>();
const possibleCache = new BoundedCache<boolean>();

function validInSomeRegion(raw: string): boolean {
  return regionCache.get(raw.replace(/[^\d+]/g, ''), (r: string) => PHONE_REGIONS.some((region) => parsePhoneNumberFromString(r, region)?.isValid() ?? false), raw);
}

/**
 * An international number is accepted when valid, or, next to phone context, when merely possible (its
 * length fits the country). A valid number is always possible, so with context the length check of the
 * small metadata answers alone, at about half the cost of full validation.
 */
function intlVerdict(raw: string, positive: boolean): boolean {
  // Every country of the North American plan (+1) has ten-digit national numbers, so +1 and ten digits is
  // possible whatever the area code (checked against the library on 18,000 numbers in six formats).
  if (positive && raw.charCodeAt(1) === 49 && raw.replace(/\D/g, '').length === 11) return true;
  if (positive) return possibleCache.get(possibleKey(raw), isPossibleNumber, raw);
  return validCache.get(raw.replace(/[^\d+]/g, ''), isValidNumber, raw);
}

function isPossibleNumber(raw: string): boolean {
  return parseMinimal(raw)?.isPossible() ?? false;
}

function isValidNumber(raw: string): boolean {
  return parsePhoneNumberFromString(raw)?.isValid() ?? false;
}

/**
 * Whether a number is possible depends on its calling code, its country (chosen by leading digits) and its
 * length, never on its last digits: numbers written alike that differ only in their last four digits
 * share one verdict. The library is slow when called once per conversation (its code never gets hot), so
 * this saves most calls on real traces, where numbers share area codes and formats.
 */
function possibleKey(raw: string): string {
  let out = '';
  let tail = 4;
  for (let i = raw.length - 1; i >= 0; i--) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57 && tail > 0) {
      out = `#${out}`;
      tail--;
    } else out = raw[i] + out;
  }
  return out;
}

/** Phone numbers in international and national formats, confirmed by libphonenumber or phone context. */
export function findPhones(text: string, out: Finding[], ix: TextIndex): void {
  eachMatchAt(PHONE, text, phoneStarts(text, ix), (m) => {
    // A slash that is not after an area code ends the number before it ("415-555-0100/0199").
    const slash = m[0].indexOf('/');
    const f = phoneAt(text, m.index, m[0], m[1] !== undefined) ?? (slash > 0 ? phoneAt(text, m.index, trimEndOf(m[0].slice(0, slash), /[^\d)]/), false) : undefined);
    if (f !== undefined) out.push(f);
    // Numbers listed with only a space between ("212-555-0142 415-555-0199") run together into one match,
    // which no country takes: it is split where every part is a number of its own.
    else if (m[1] === undefined) for (const part of splitPhones(text, m.index, m[0])) out.push(part);
  });
  // Longer than the pattern takes ("+44 20 7946 0958 020 7946 0959"), such a list is no candidate at all:
  // chains of digit groups that long are split the same way.
  for (const [s, e] of longDigitChains(text, ix)) for (const part of splitPhones(text, s, text.slice(s, e))) out.push(part);
}

/** Most space-separated tokens a run of numbers is split into (six numbers of four groups). */
const MAX_SPLIT_TOKENS = 24;

/**
 * Longest span PHONE matches without an extension ("+ (", a digit, 24 more characters, a digit): a chain
 * of digit groups longer than this is no candidate of it, and is split instead.
 */
const PHONE_MAX_CHARS = 29;

/**
 * Chains of digit groups joined by at most three of " ().-" (a "+" may open one) that are longer than PHONE
 * matches and stand alone (no letter or digit right before), as [start, end] pairs.
 */
function longDigitChains(text: string, ix: TextIndex): Array<[number, number]> {
  const r = ix.digitRuns;
  const out: Array<[number, number]> = [];
  let k = 0;
  while (k < r.length) {
    let start = r[k] as number;
    let end = r[k + 1] as number;
    let n = k + 2;
    for (; n < r.length; n += 2) {
      const next = r[n] as number;
      if (next - end > 3 || !/^[ ().\-\u00a0]+$/.test(text.slice(end, next))) break;
      end = r[n + 1] as number;
    }
    if (text.charCodeAt(start - 1) === 43) start--;
    const prev = text.charCodeAt(start - 1);
    if (end - start > PHONE_MAX_CHARS && n - k >= 8 && !(isAlnum(prev) || prev === 95)) out.push([start, end]);
    k = n;
  }
  return out;
}

/**
 * The space-separated tokens of `raw` split into consecutive parts that are each a phone number, or []. The
 * shortest number first: "212 555 0142 415 555 0199" is two numbers of three groups, not "212 555 0142 415".
 */
function splitPhones(text: string, start: number, raw: string): Finding[] {
  if (raw.length > MAX_SPLIT_TOKENS * 8) return [];
  const toks = spaceTokens(raw);
  // A list of a few numbers, not a page of digit groups: the search below is quadratic in the tokens.
  if (toks.length < 2 || toks.length > MAX_SPLIT_TOKENS) return [];
  // Token offsets from which no split works, so each is searched once.
  const dead = new Set<number>();
  const from = (i: number): Finding[] | undefined => {
    if (i === toks.length) return [];
    if (dead.has(i)) return undefined;
    for (let j = i; j < toks.length; j++) {
      if (i === 0 && j === toks.length - 1) break;
      const s = (toks[i] as { s: number }).s;
      const f = phoneAt(text, start + s, raw.slice(s, (toks[j] as { e: number }).e), false);
      if (f === undefined) continue;
      const rest = from(j + 1);
      if (rest !== undefined) return [f, ...rest];
    }
    dead.add(i);
    return undefined;
  };
  return from(0) ?? [];
}

/** The phone number `raw` at `start` is, or undefined (see findPhones). */
function phoneAt(text: string, start: number, raw: string, hasExtension: boolean): Finding | undefined {
  // The extension is masked with the number but plays no part in validating it.
  const extension = hasExtension ? raw.length - raw.search(/[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6}$/) : 0;
  raw = raw.slice(0, raw.length - extension);
  // A '(' at the end of the previous word is not part of the number; unbalanced parens are trimmed.
  const opens = raw.split('(').length - 1;
  const closes = raw.split(')').length - 1;
  if (opens !== closes) {
    if (raw.startsWith('(') && opens > closes) {
      raw = raw.slice(1);
      start++;
    } else return undefined;
  }
  // A slash only after the area code, as German-speaking countries write numbers ("030/12345678",
  // "+49 171/1234567"); a date, a fraction or a path has one elsewhere or starts otherwise.
  if (raw.includes('/') && !SLASHED_PHONE.test(raw)) return undefined;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  if (/[ .\-()]{3,}|\.\.|--|\.[ ]|[ ]\./.test(raw)) return undefined;
  if (DATE_SHAPE.test(raw) || /^\d{4}[-./]\d{1,2}[-./]\d{1,2}(?!\d)/.test(raw)) return undefined;
  if (raw.includes('.') && !/^\+?[\d().]+$/.test(raw.replace(/ /g, ''))) return undefined;
  if (/^(\d)\1+$/.test(digits)) return undefined;
  const groups = raw.split(/[ .\-()\u00a0/]+/).filter((g) => g !== '').length;
  if (/^\d{3}-\d{2}-\d{4}$/.test(raw)) return undefined;
  if (raw.includes('.') && /[ \-]/.test(raw)) return undefined;
  // A decimal number ("created_at": 1759223041.0, an epoch time in seconds), not a dotted phone number.
  if (/^\d{6,}\.\d{1,3}$/.test(raw)) return undefined;
  // An object identifier ("1.2.840.10008.1.2.1", DICOM's transfer syntax) is dotted groups, several of one
  // digit; a dotted phone number has at most a one-digit country or area code ("1.800.555.0100").
  if (raw.includes('.') && (raw.match(/(?:^|\.)\d(?=\.|$)/g)?.length ?? 0) > 2) return undefined;
  const ctx = before(text, start, 48);
  const near = before(text, start, 24);
  const negative = NON_PII_NUMBER_CONTEXT.test(near) || CARD_CONTEXT.test(near) || IBAN_BEFORE.test(text.slice(Math.max(0, start - 12), start));
  const positive =
    PHONE_CONTEXT.test(ctx) || (!negative && PHONE_WEAK_CONTEXT.test(near)) || PHONE_AFTER.test(text.slice(start + raw.length + extension, start + raw.length + extension + 16));
  const intl = raw.startsWith('+');
  let accept = false;
  let score = 0.7;
  if (intl) {
    accept = intlVerdict(raw, positive);
    score = 0.9;
  } else if (negative && !positive) {
    accept = false;
  } else if (positive) {
    accept = groups >= 2 || digits.length >= 9;
    score = 0.8;
  } else if (groups >= 2 && digits.length >= 9) {
    accept = validInSomeRegion(raw);
    score = 0.7;
  }
  return accept ? { start, end: start + raw.length + extension, type: 'PHONE', score } : undefined;
}

/**
 * Where a phone number can start: at a digit run, or on the "+", "(", "+ " or "+ (" right before it
 * (its look-behind rules out a digit before the first digit), in ascending order.
 */
function phoneStarts(text: string, ix: TextIndex): number[] {
  const out: number[] = [];
  const r = ix.digitRuns;
  for (let k = 0; k < r.length; k += 2) {
    const i = r[k] as number;
    const p1 = text.charCodeAt(i - 1);
    const p2 = text.charCodeAt(i - 2);
    if (p1 === 40 && p2 === 32 && text.charCodeAt(i - 3) === 43) out.push(i - 3);
    if (p2 === 43 && (p1 === 40 || p1 === 32)) out.push(i - 2);
    if (p1 === 40 || p1 === 43) out.push(i - 1);
    out.push(i);
  }
  return out;
}

// ---------------------------------------------------------------- ACCOUNT_NUMBER

/** Account words of English, then German, Spanish, French, Italian, Dutch and Portuguese, and the verbs that can join them to the number. */
const ACCOUNT =
  /(?<![\p{L}\p{N}_])(?:account|acct|a\/c|bank account|checking|savings|routing|aba|sort code|bsb|bank number|kontonummer|konto|número de cuenta|numero de cuenta|cuenta|numéro de compte|compte bancaire|compte|conto corrente|numero di conto|conto|rekeningnummer|rekening|número da conta|número de conta|conta corrente)(?:\s*(?:number|no\.?|num|#|nr\.?))?\s*(?:(?:is|ist|lautet|es|est|è|é|:|=|#)\s*)?(?:[:#]\s*)?(\d(?:[ -]?\d){4,19})(?![\w]|[ -]?\d)/giu;

/** Bank account and routing numbers, only next to account context words. */
export function findAccounts(text: string, out: Finding[], ix: TextIndex): void {
  if (!ix.has('account')) return;
  eachMatch(ACCOUNT, text, (m) => {
    const num = m[1] as string;
    const digits = num.replace(/\D/g, '');
    if (digits.length < 6 || digits.length > 20) return;
    const start = m.index + m[0].length - num.length;
    out.push({ start, end: start + num.length, type: 'ACCOUNT_NUMBER', score: 0.75 });
  });
}

/**
 * Numbers an organisation gives a person, after their name: a medical record number, a member, policy,
 * loyalty or employee number. The number has four digits or more ("MRN 00482913", "Policy number:
 * POL-88213377", "frequent flyer number BA12345678"). Not "customer id" or "order": those are most often
 * a system's own keys.
 */
const ID_NUMBER =
  /\b(?:mrn|medical record(?: number| no\.?| #)?|(?:patient|member(?:ship)?|policy|insurance|medicare|medicaid|loyalty|rewards|employee|student) (?:id|number|no\.?|#)|frequent flyer (?:number|no\.?|#))(?:[ \t]*(?:is|:|#|=))*[ \t]*([A-Z0-9][A-Z0-9-]{3,24})(?![\p{L}\p{N}]|-[\p{L}\p{N}])/giu;

/** ID_NUMBER tried at the offsets of its keywords only (every match opens with one). */
const ID_NUMBER_AT = new RegExp(ID_NUMBER.source, 'iuy');

/** Member, policy, patient and employee numbers after their names (see ID_NUMBER), as ACCOUNT_NUMBER. */
export function findIdNumbers(text: string, out: Finding[], ix: TextIndex): void {
  const found = (m: RegExpExecArray): void => {
    const id = m[1] as string;
    if ((id.match(/\d/g)?.length ?? 0) < 4) return;
    const end = m.index + m[0].length;
    out.push({ start: end - id.length, end, type: 'ACCOUNT_NUMBER', score: 0.75 });
  };
  const offsets = ix.keywordOffsets('idNumber');
  if (offsets === null) eachMatch(ID_NUMBER, text, found);
  else eachMatchAt(ID_NUMBER_AT, text, offsets, found);
}

// ---------------------------------------------------------------- DATE_OF_BIRTH

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/**
 * Month names of German, French, Spanish, Italian, Dutch and Portuguese (with common spellings without
 * accents and the usual abbreviations), and of Polish and Russian in the genitive a date uses, and of
 * Turkish, for dates written day first ("12. März 1985", "3 avril 1979", "5 de mayo de 1990", "5 maja 2008").
 */
const OTHER_MONTHS =
  'januar|jänner|februar|märz|maerz|mär|mai|juni|juli|oktober|okt|dezember|dez|' +
  'janvier|janv|février|fevrier|févr|fevr|mars|avril|avr|juin|juillet|juil|août|aout|septembre|octobre|novembre|décembre|decembre|déc|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|' +
  'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|' +
  'januari|februari|maart|mei|augustus|' +
  'janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|' +
  'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|' +
  'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|' +
  'ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık';
const DATE = new RegExp(
  `(?<![\\w/.-])(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}[./]\\d{1,2}[./]\\d{1,2}|\\d{1,2}(?:st|nd|rd|th|er|º|\\.)?\\s+(?:of\\s+|de\\s+)?(?:${OTHER_MONTHS}|${MONTHS})\\.?,?\\s+(?:del?\\s+)?\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}년 ?\\d{1,2}월 ?\\d{1,2}일)(?![\\w]|[/.-]\\d)`,
  'gi',
);
/** A day and a month without a year right after "birthday" (and "is", "on", a colon). */
const BIRTHDAY_NO_YEAR = new RegExp(
  `\\b(?:birthday|bday|b-day)(?:[ \\t]+is)?(?:[ \\t]+on)?(?:[ \\t]*:)?[ \\t]*(\\d{1,2}[/.-]\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)?[ \\t]+(?:of[ \\t]+)?(?:${MONTHS})|(?:${MONTHS})[ \\t]+\\d{1,2}(?:st|nd|rd|th)?)(?![\\w])`,
  'gi',
);
/** Substrings one of which every birth-date context contains (cheap indexOf gate before the date scan). */
const DOB_GATE = [
  'orn', 'ORN', 'irth', 'IRTH', 'dob', 'DOB', 'Dob', 'D.O.B', 'd.o.b', 'eboren', 'née', 'né ', 'nacimiento', 'naissance', 'nascita', 'bday', 'b-day',
  'eburt', 'EBURT', 'geb.', 'Geb.', 'Nací', 'nací', 'acid', 'ato il', 'ata il', 'eboorte', 'asci', 'rodz', 'одил', 'ождени', 'oğum',
  '生年月日', '誕生日', '出生日期', '生日', '출생일', '생년월일', '생일', 'الميلاد', 'مواليد',
];
/**
 * Birth-date context words: English, then German, French, Spanish, Italian, Dutch, Portuguese, Polish,
 * Russian, Turkish and Arabic; Chinese, Japanese and Korean ones need no word boundary (their text has none).
 */
const DOB_CONTEXT =
  /(?<![\p{L}\p{N}])(?:born|birth|dob|d\.o\.b|birthday|birthdate|bday|date of birth|geboren|geburtsdatum|geburtstag|geb\.|née|né|date de naissance|naissance|fecha de nacimiento|nacimiento|nací|naci|nacido|nacida|data di nascita|nascita|nato il|nata il|geboortedatum|data de nascimento|nascimento|nascido|nascida|data urodzenia|urodzenia|urodzony|urodzona|urodziłem|urodziłam|nasci|родился|родилась|дата рождения|рождения|doğum|doğum tarihi|doğum tarihim|تاريخ الميلاد|الميلاد|مواليد)(?![\p{L}\p{N}])|生年月日|誕生日|出生日期|生日|출생일|생년월일|생일/u;

/**
 * Full dates before this year are masked even without birth context ("It's like that since 12/1/1981"):
 * in a conversation with an agent, a day of a year that long ago is someone's birth date far more often
 * than an order or a flight. Fixed rather than relative to today, so redaction stays reproducible.
 */
const PERSONAL_DATE_BEFORE = 2006;
/** A time right after a date makes it a timestamp ("Date: 1992-02-08 20:15:24"), not a birth date. */
const TIME_AFTER = /^(?:[T ]\d{1,2}:\d{2}|,? (?:at )?\d{1,2}(?::\d{2})? ?[ap]\.?m)/i;

/** True when the text has a four-digit run from 1900 up to PERSONAL_DATE_BEFORE (the year of an old full date). */
function hasOldYear(text: string, ix: TextIndex): boolean {
  const r = ix.digitRuns;
  for (let k = 0; k < r.length; k += 2) {
    const s = r[k] as number;
    if ((r[k + 1] as number) - s !== 4) continue;
    const y = Number(text.slice(s, s + 4));
    if (y >= 1900 && y < PERSONAL_DATE_BEFORE) return true;
  }
  return false;
}

/** The four-digit year of a DATE match, or undefined when it has a two-digit year. */
function yearOf(date: string): number | undefined {
  const m = /(?<!\d)\d{4}(?!\d)/.exec(date);
  return m === null ? undefined : Number(m[0]);
}

/** Dates next to birth context words, and full dates long past without them (see PERSONAL_DATE_BEFORE). */
export function findDatesOfBirth(text: string, out: Finding[], ix: TextIndex): void {
  const context = ix.has('birth') && DOB_GATE.some((w) => text.indexOf(w) >= 0);
  if (!context && !hasOldYear(text, ix)) return;
  // A birthday without its year, right after the word ("my birthday is on 12/03", "birthday: March 12th").
  if (context)
    eachMatch(BIRTHDAY_NO_YEAR, text, (m) => {
      const date = m[1] as string;
      const end = m.index + m[0].length;
      if (/^[/.-]?\d/.test(text.slice(end, end + 2))) return;
      out.push({ start: end - date.length, end, type: 'DATE_OF_BIRTH', score: 0.85 });
    });
  eachMatch(DATE, text, (m) => {
    const end = m.index + m[0].length;
    if (context && DOB_CONTEXT.test(before(text, m.index, 60))) {
      out.push({ start: m.index, end, type: 'DATE_OF_BIRTH', score: 0.9 });
      return;
    }
    const year = yearOf(m[0]);
    if (year === undefined || year < 1900 || year >= PERSONAL_DATE_BEFORE || TIME_AFTER.test(text.slice(end, end + 12))) return;
    out.push({ start: m.index, end, type: 'DATE_OF_BIRTH', score: 0.6 });
  });
}
