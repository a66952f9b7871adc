/**
 * National ids other than the US SSN (which structured.ts finds). Each is found by its shape and, where
 * the id has one, its checksum; an id without a checksum, or one whose shape is common (nine or twelve
 * plain digits), also needs its name nearby ("NHS number", "Aadhaar", "passport no."). Masked as
 * NATIONAL_ID. Every shape is tried only at offsets the first pass's digit runs allow, as the other
 * number recognizers do: a scan of the whole text per country would cost more than all of them.
 */
import {
  belgianNationalNumberValid,
  birthDatePrefixValid,
  bsnValid,
  chineseIdValid,
  codiceFiscaleValid,
  cpfValid,
  cuitValid,
  curpValid,
  dniValid,
  emiratesIdValid,
  fodselsnummerValid,
  hetuValid,
  israeliIdValid,
  luhnValid,
  myKadValid,
  nhsValid,
  nifValid,
  nirValid,
  nricValid,
  peselValid,
  personnummerValid,
  rutValid,
  saIdValid,
  steuerIdValid,
  tcKimlikValid,
} from '../checks.js';
import type { Finding } from '../types.js';
import { before, eachMatch } from './context.js';
import { eachMatchAt, type TextIndex } from './text-index.js';

const TYPE = 'NATIONAL_ID';
/** How far before an id its name may stand. */
const CONTEXT = 40;

interface IdRule {
  /** Sticky pattern of the id. */
  re: RegExp;
  /** Lengths of the digit run an id of this kind is found from. */
  lengths: readonly number[];
  /** Where the id starts, given such a digit run [start, end), or -1 when a cheap look says it cannot. */
  start: (s: number, e: number, text: string) => number;
  /** Whether the id (spaces, dots and hyphens removed, upper-cased) is one. */
  valid: (compact: string) => boolean;
  /** Words one of which must stand right before the id, or undefined when the checksum is enough. */
  context?: RegExp;
}

const isUpper = (t: string, i: number): boolean => {
  const c = t.charCodeAt(i);
  return c >= 65 && c <= 90;
};
const own = (s: number): number => s;
/**
 * The first group of a number written in groups ("046 454 286", "2345 6789 0123"): a space or hyphen and
 * a digit follow. Prices, years and times, the commonest short runs, fail it.
 */
const grouped = (s: number, e: number, t: string): number => {
  const c = t.charCodeAt(e);
  const d = t.charCodeAt(e + 1);
  return (c === 32 || c === 45) && d >= 48 && d <= 57 ? s : -1;
};
/** A run that is the whole id, or the first group of one. */
const wholeOrGrouped =
  (whole: number) =>
  (s: number, e: number, t: string): number =>
    e - s === whole ? s : grouped(s, e, t);

/** The letters a Singapore NRIC or FIN opens with (S, T, F, G), as character codes. */
const NRIC_PREFIX = new Set([83, 84, 70, 71]);

const RULES: IdRule[] = [
  // Spain: DNI (8 digits) and NIE (X/Y/Z and 7 digits), with their control letter.
  { re: /[XYZ]?\d{7,8}[- ]?[A-Z](?![\p{L}\p{N}])/uy, lengths: [7, 8], start: (s, e, t) => (e - s === 8 ? s : /[XYZ]/.test(t[s - 1] ?? '') ? s - 1 : -1), valid: dniValid },
  // Italy: codice fiscale (6 letters, then the first digit run of 2), with its check letter.
  { re: /[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z](?![\p{L}\p{N}])/uy, lengths: [2], start: (s, _e, t) => (s >= 6 && isUpper(t, s - 1) && isUpper(t, s - 6) ? s - 6 : -1), valid: codiceFiscaleValid },
  // Brazil: CPF written with its dots and dash; bare digits need the word.
  { re: /\d{3}\.\d{3}\.\d{3}-\d{2}(?![\p{N}])/uy, lengths: [3], start: (s, e, t) => (t.charCodeAt(e) === 46 ? s : -1), valid: cpfValid },
  { re: /\d{11}(?![\p{N}])/uy, lengths: [11], start: own, valid: cpfValid, context: /\bcpf\b/i },
  // China: resident identity card, 18 characters with a birth date and a check character.
  { re: /\d{17}[\dX](?![\p{L}\p{N}])/uy, lengths: [17, 18], start: own, valid: chineseIdValid },
  // France: NIR, in groups ("1 85 05 78 006 084 91") or in one run, with its key.
  {
    re: /[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?![\p{L}\p{N}])/uy,
    lengths: [1, 15],
    start: (s, e, t) => (e - s === 15 || (t.charCodeAt(e) === 32 && (t[s] === '1' || t[s] === '2')) ? s : -1),
    valid: nirValid,
  },
  // UK: National Insurance number (two letters, no checksum) and NHS number.
  {
    re: /[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/uy,
    lengths: [2, 6],
    start: (s, _e, t) => {
      const at = t[s - 1] === ' ' ? s - 3 : s - 2;
      return at >= 0 && isUpper(t, at) ? at : -1;
    },
    valid: (c) => !/^(?:BG|GB|NK|KN|TN|NT|ZZ)/.test(c),
    context: /\b(?:national insurance|ni (?:number|no)|nino)\b/i,
  },
  { re: /\d{3} ?\d{3} ?\d{4}(?![\p{N}])/uy, lengths: [3, 10], start: wholeOrGrouped(10), valid: nhsValid, context: /\bnhs\b/i },
  // Canada: Social Insurance Number (Luhn); the Netherlands: BSN (eleven test).
  { re: /\d{3}[ -]?\d{3}[ -]?\d{3}(?![\p{N}])/uy, lengths: [3, 9], start: wholeOrGrouped(9), valid: luhnValid, context: /\b(?:sin|social insurance)\b/i },
  { re: /\d{9}(?![\p{N}])/uy, lengths: [9], start: own, valid: bsnValid, context: /\b(?:bsn|burgerservicenummer)\b/i },
  // India: Aadhaar (twelve digits not starting with 0 or 1) and PAN (five letters, four digits, a letter).
  { re: /[2-9]\d{3} ?\d{4} ?\d{4}(?![\p{N}])/uy, lengths: [4, 12], start: wholeOrGrouped(12), valid: () => true, context: /\b(?:aadhaa?r|uidai|uid)\b/i },
  { re: /[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z](?![\p{L}\p{N}])/uy, lengths: [4], start: (s, _e, t) => (s >= 5 && isUpper(t, s - 1) ? s - 5 : -1), valid: () => true, context: /\b(?:pan|permanent account number)\b/i },
  // Poland: PESEL; Germany: Steuer-ID; Turkey: T.C. Kimlik No (11 digits each, with their checks and names).
  { re: /\d{11}(?![\p{N}])/uy, lengths: [11], start: own, valid: peselValid, context: /\bpesel\b/i },
  {
    re: /\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\p{N}])/uy,
    lengths: [2, 11],
    start: wholeOrGrouped(11),
    valid: steuerIdValid,
    context: /(?:steuer-?id|steuer-?identifikationsnummer|steueridentifikationsnummer|\bidnr\b|identifikationsnummer)/i,
  },
  { re: /\d{11}(?![\p{N}])/uy, lengths: [11], start: own, valid: tcKimlikValid, context: /(?:\bt\.?\s?c\.?(?![\p{L}])|\btckn\b|kimlik)/iu },
  // Nordic ids open with the birth date: Sweden's personnummer (YYMMDD, Luhn), Norway's fødselsnummer
  // (DDMMYY, two mod-11 checks), Denmark's CPR (DDMMYY, no check since 2007), Finland's henkilötunnus
  // (DDMMYY, a century sign and a mod-31 check character, distinctive enough alone).
  {
    re: /(?:\d{2})?\d{6}[-+]?\d{4}(?![\p{N}])/uy,
    lengths: [6, 8, 10, 12],
    start: (s, e, t) => (e - s >= 10 || ((t[e] === '-' || t[e] === '+') && /\d/.test(t[e + 1] ?? '')) ? s : -1),
    valid: personnummerValid,
    context: /(?:personnummer|personnr|person(?:al identity)? number|\bpnr\b|samordningsnummer)/i,
  },
  { re: /\d{6} ?\d{5}(?![\p{N}])/uy, lengths: [6, 11], start: wholeOrGrouped(11), valid: fodselsnummerValid, context: /(?:fødselsnummer|fodselsnummer|personnummer|\bf\.?nr\b)/iu },
  {
    re: /\d{6}-?\d{4}(?![\p{N}])/uy,
    lengths: [6, 10],
    start: (s, e, t) => (e - s === 10 || (t[e] === '-' && /\d/.test(t[e + 1] ?? '')) ? s : -1),
    valid: (c) => birthDatePrefixValid(c, true),
    context: /(?:\bcpr\b|cpr-?n(?:umme)?r|personnummer)/i,
  },
  { re: /\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?![\p{L}\p{N}])/uy, lengths: [6], start: own, valid: hetuValid },
  // South Korea: resident registration number (YYMMDD-, then seven digits; random since 2020, so by its name).
  {
    re: /\d{6}-[1-8]\d{6}(?![\p{N}])/uy,
    lengths: [6],
    start: (s, e, t) => (t[e] === '-' ? s : -1),
    valid: (c) => birthDatePrefixValid(c, false),
    context: /(?:주민등록번호|주민번호|resident registration|\brrn\b)/iu,
  },
  // South Africa: identity number (YYMMDD, Luhn); Belgium: national number written YY.MM.DD-XXX.CC (mod 97).
  { re: /\d{13}(?![\p{N}])/uy, lengths: [13], start: own, valid: saIdValid, context: /\b(?:id number|identity number|id no\.?|sa id|rsa id)\b/i },
  { re: /\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\p{N}])/uy, lengths: [2], start: (s, _e, t) => (t[s + 2] === '.' ? s : -1), valid: belgianNationalNumberValid },
  // Mexico: CURP (four letters, the birth date, sex, state and consonants, a check digit).
  {
    re: /[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d(?![\p{L}\p{N}])/uy,
    lengths: [6],
    start: (s, _e, t) => (s >= 4 && isUpper(t, s - 1) && isUpper(t, s - 4) ? s - 4 : -1),
    valid: curpValid,
  },
  // Portugal: NIF; Israel: Teudat Zehut (nine digits each, by their names).
  { re: /\d{3} ?\d{3} ?\d{3}(?![\p{N}])/uy, lengths: [3, 9], start: wholeOrGrouped(9), valid: nifValid, context: /(?:\bnif\b|contribuinte|número fiscal)/iu },
  { re: /\d{9}(?![\p{N}])/uy, lengths: [9], start: own, valid: israeliIdValid, context: /(?:teudat zehut|תעודת זהות|ת\.?ז|israeli id)/iu },
  // Chile: RUT/RUN, written with dots ("12.345.678-5") or, by its name, without them; check character 0-9 or K.
  { re: /\d{1,2}\.\d{3}\.\d{3}-[\dkK](?![\p{L}\p{N}])/uy, lengths: [1, 2], start: (s, e, t) => (e + 4 < t.length && t.charCodeAt(e) === 46 && t.charCodeAt(e + 4) === 46 ? s : -1), valid: rutValid },
  { re: /\d{7,8}-[\dkK](?![\p{L}\p{N}])/uy, lengths: [7, 8], start: (s, e, t) => (e < t.length && t.charCodeAt(e) === 45 ? s : -1), valid: rutValid, context: /\b(?:rut|run)\b/i },
  // Argentina: CUIT/CUIL, with its dashes ("20-12345678-3") or, by its name, in one run.
  { re: /(?:20|23|24|27|30|33|34)-\d{8}-\d(?![\p{N}])/uy, lengths: [2], start: (s, e, t) => (e + 9 < t.length && t.charCodeAt(e) === 45 && t.charCodeAt(e + 9) === 45 ? s : -1), valid: cuitValid },
  { re: /\d{11}(?![\p{N}])/uy, lengths: [11], start: own, valid: cuitValid, context: /\b(?:cuit|cuil)\b/i },
  // Singapore: NRIC and FIN (a letter, seven digits, a check letter); Malaysia: MyKad (YYMMDD-PB-####); the
  // UAE: Emirates ID (784-YYYY-#######-#, Luhn). Each shape with its check is distinctive enough alone.
  { re: /[STFG]\d{7}[A-Z](?![\p{L}\p{N}])/uy, lengths: [7], start: (s, _e, t) => (s >= 1 && NRIC_PREFIX.has(t.charCodeAt(s - 1)) ? s - 1 : -1), valid: nricValid },
  { re: /\d{6}-\d{2}-\d{4}(?![\p{N}])/uy, lengths: [6], start: (s, e, t) => (e + 3 < t.length && t.charCodeAt(e) === 45 && t.charCodeAt(e + 3) === 45 ? s : -1), valid: myKadValid },
  { re: /784-?\d{4}-?\d{7}-?\d(?![\p{N}])/uy, lengths: [3, 15], start: (s, e, t) => (t.charCodeAt(s) === 55 && t.startsWith('784', s) && (e - s === 15 || (e < t.length && t.charCodeAt(e) === 45)) ? s : -1), valid: emiratesIdValid },
];

/** The rules by the digit-run length they start from. */
const BY_LENGTH = new Map<number, IdRule[]>();
for (const rule of RULES) for (const n of rule.lengths) BY_LENGTH.set(n, [...(BY_LENGTH.get(n) ?? []), rule]);

/** Passports and driving licences: letters and digits right after their name. */
const PASSPORT = /passport/i;
const DOCUMENT = /\b(?:passport|driver'?s? licen[cs]e|driving licen[cs]e|tax id|taxpayer id)(?:[ \t]+(?:number|no\.?|#))?[ \t]*(?:(?:is|:|#)[ \t]*)?([A-Z0-9][A-Z0-9-]{4,24})(?![\p{L}\p{N}]|-[\p{L}\p{N}])/giu;

/** Finds national ids (see RULES and DOCUMENT). */
export function findNationalIds(text: string, out: Finding[], ix: TextIndex): void {
  const runs = ix.digitRuns;
  // Each rule's candidate offsets, from one pass over the digit runs (most runs have no rule).
  let starts: Map<IdRule, number[]> | undefined;
  for (let r = 0; r < runs.length; r += 2) {
    const s = runs[r] as number;
    const e = runs[r + 1] as number;
    const rules = BY_LENGTH.get(e - s);
    if (rules === undefined) continue;
    for (const rule of rules) {
      const at = rule.start(s, e, text);
      if (at < 0) continue;
      starts ??= new Map();
      const list = starts.get(rule);
      if (list === undefined) starts.set(rule, [at]);
      else list.push(at);
    }
  }
  if (starts !== undefined)
    for (const [rule, offsets] of starts) eachMatchAt(rule.re, text, offsets, (m) => {
      const id = m[0];
      // The id must start a word: the sticky pattern has no look-behind.
      if (m.index > 0 && /[\p{L}\p{N}]/u.test(text[m.index - 1] as string)) return;
      if (!rule.valid(id.replace(/[ .-]/g, '').toUpperCase())) return;
      if (rule.context !== undefined && !rule.context.test(before(text, m.index, CONTEXT))) return;
      out.push({ start: m.index, end: m.index + id.length, type: TYPE, score: 0.9 });
    });
  // "passport" holds the secret group's "pass" (text-index.ts), which code is full of ("password",
  // "passed"): the word itself is looked for before the pattern runs over the text.
  if (ix.has('document') || (ix.has('secret') && PASSPORT.test(text)))
    eachMatch(DOCUMENT, text, (m) => {
      const id = m[1] as string;
      if (!/\d/.test(id)) return;
      const start = m.index + m[0].length - id.length;
      out.push({ start, end: start + id.length, type: TYPE, score: 0.85 });
    });
}
