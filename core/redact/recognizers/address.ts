/**
 * Postal addresses. Anchors are found around house numbers (a street word or a glued street suffix next
 * to the number), unit designators (Apt, Suite, PO Box), military addresses (APO/FPO/DPO) and postal codes
 * after a cue word; anchors close together are merged into one block, which then grows over the
 * city / state / country / postal-code lines that follow.
 */
import type { Finding } from '../types.js';
import { after, before, eachMatch, isAsciiLetter, isDigit } from './context.js';
import type { TextIndex } from './text-index.js';
import { isStreetWord, lexicon, normWord, onlyOrdinaryWords } from './lexicon.js';

const HOUSE_NUMBER_AT = /(?<![\p{L}\p{N}_.:/#$€£@+-]|\d[.,])\d{1,5}(?:\/\d{1,4})?(?:-?[A-Za-z](?![\p{L}]))?(?![\p{L}\p{N}_:/%]|[.,]\d|[-–]\d)/uy;

/** ASCII characters that fail HOUSE_NUMBER_AT's look-behind: letters, digits and _ . : / # $ @ + -. */
const BLOCKS_HOUSE_NUMBER = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[\p{L}\p{N}_.:/#$@+-]/u.test(String.fromCharCode(c))) BLOCKS_HOUSE_NUMBER[c] = 1;

/**
 * Same matches as a global scan of HOUSE_NUMBER_AT: a match starts only on the first digit of a digit run
 * (a digit before it fails the look-behind), so the sticky pattern runs once per run instead of at every index.
 * Runs the pattern cannot match (more than five digits, or a blocking ASCII character before) are skipped
 * without running it: in prose most digit runs are dates, times, amounts and ids.
 */
function eachHouseNumber(text: string, runs: readonly number[], fn: (m: RegExpExecArray) => void): void {
  for (let r = 0; r < runs.length; r += 2) {
    const at = runs[r] as number;
    if ((runs[r + 1] as number) - at > 5) continue;
    if (at > 0) {
      const p = text.charCodeAt(at - 1);
      if (p < 128 && BLOCKS_HOUSE_NUMBER[p] === 1) continue;
      if (p === 44 && at > 1 && isDigit(text.charCodeAt(at - 2))) continue;
    }
    HOUSE_NUMBER_AT.lastIndex = at;
    const m = HOUSE_NUMBER_AT.exec(text);
    if (m !== null) fn(m);
  }
}
/** A unit designator ending right before a number ("Apt 4B", "Suite #210", "P.O. Box 12"). */
const UNIT_BEFORE =
  /(?<![\p{L}\p{N}])(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Room|Floor|Plot|Lot|Blk\.?|Block|P\.?\s?O\.?\s?Box|PO Box|Box|Postfach|Apartado|Casilla|Apto\.?|Piso|Wohnung)\s?#?\s?$/iu;
/** A Japanese block number written in Latin letters: "3-chome-1-1", "1-chome 2-3", then the district's name. */
const CHOME_AT = /(?<![\p{L}\p{N}])\d{1,2}-chome(?:[- ]\d{1,4}(?:-\d{1,4})?)?(?:,?[ \t]+\p{Lu}[\p{L}-]+)?/uy;
/** A unit's number; a post office box's may carry the postal code after a dash ("P.O. Box 12345-00100", as Kenya writes it). */
const UNIT_NUMBER_AT = /\d{1,6}(?:-\d{5})?[A-Za-z]?(?![\p{L}\p{N}])/uy;
/** Longer than any UNIT_BEFORE match, so its look-behind always sees the real character before it. */
const UNIT_LOOKBACK = 20;
/** The last word of each UNIT_BEFORE alternative, lower-cased. */
const UNIT_LAST_WORDS = new Set(['apt', 'apartment', 'suite', 'ste', 'unit', 'flat', 'room', 'floor', 'plot', 'lot', 'blk', 'block', 'box', 'postfach', 'apartado', 'casilla', 'apto', 'piso', 'wohnung']);

/**
 * A necessary condition for UNIT_BEFORE to match right before `i`: the ASCII word there, past at most
 * three spaces or '#' and one full stop, is one of the unit words. Most digit runs fail it, and skip the
 * regex (which is anchored at the end of a slice, so it tries every offset of the slice).
 */
function mayHaveUnitBefore(text: string, i: number): boolean {
  let e = i;
  while (e > 0 && i - e < 3) {
    const c = text.charCodeAt(e - 1);
    // Any character outside ASCII is passed over too (it may be a Unicode space): the regex decides.
    if (c === 35 || c === 32 || (c >= 9 && c <= 13) || c >= 128) e--;
    else break;
  }
  if (e > 0 && text.charCodeAt(e - 1) === 46) e--;
  let s = e;
  while (s > 0 && e - s <= 9 && isAsciiLetter(text.charCodeAt(s - 1))) s--;
  return e - s >= 3 && UNIT_LAST_WORDS.has(text.slice(s, e).toLowerCase());
}

/**
 * A necessary condition for CITY_BEFORE to match right before `i`: a space, after a word that starts
 * with a capital (or with a character outside ASCII, left to the regex).
 */
function mayHaveCityBefore(text: string, i: number): boolean {
  if (text.charCodeAt(i - 1) !== 32) return false;
  let s = i - 1;
  for (;;) {
    const c = s > 0 ? text.charCodeAt(s - 1) : 32;
    if (isAsciiLetter(c) || c === 39 || c === 45 || c === 0x2019) s--;
    else if (c >= 128) return true;
    else break;
  }
  const first = text.charCodeAt(s);
  // One capital is enough: a district letter ("København K 1421") after the city name.
  return s < i - 1 && first >= 65 && first <= 90;
}
/** "APO AE " right before a five-digit run. */
const MILITARY_BEFORE = /(?<![\p{L}\p{N}])(?:APO|FPO|DPO)\s(?:AA|AE|AP)\s$/iu;
const MILITARY_LINE = /(?:PSC|CMR|Unit|USNS|USNV|USS|USCGC)\s[^\n]{1,40}\n?[ \t]*$/i;
const ZIP_CUE = /\b(?:zip(?:\s?code)?|postal\s?code|post\s?code|postcode|plz|cep)\b\s*(?:(?:is|:|=|#)\s*)?(?::\s*)?((?:\d{3,6}(?:[ -]\d{2,4})?)|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)(?![\p{L}\p{N}])/giu;
const ADDRESS_CUE =
  /(?:\blives? (?:at|on|in)|\blived (?:at|on|in)|\baddress(?:es)?\b[^.\n]{0,20}?(?:is|are|:)|\baddress:|\blocated (?:at|on|in)|\bsend (?:it|them|this|that|a new one|the \w+)? ?to|\bdeliver(?:ed|y)? to|\bship(?:ped|ping)? to|\bmail(?:ed)? to|\breturn(?:ed)? to|\bdrops? (?:you|me|us) off at|\bstop at|\bmeet (?:you |me |us )?at|\barrived at|\bmoved to|\bis on|\bis at|\benter(?:ed)? on|\bentrance on|\blocated on|\bwalk to|\bgo to|\bit'?s (?:in|at|on)|\bit is|\bcorner of|\bstation is on|\boffices? (?:is|are) (?:at|on|in)|\bhere they are:|\bbilling address|\bshipping address|\bhome address|\bmailing address)\s*$/i;
const CORNER =
  /\b(?:the\s+)?corner of\s+[^\s,.?!;{}<>][^\n,.?!;{}<>]{1,59}?\s+(?:and|&)\s+[^\s,.?!;{}<>][^\n,.?!;{}<>]{1,49}?(?=\s*(?:[,.?!;\]\n]|$|\s(?:in|for|after|last|on|at|is|was|please|then)\b))/gi;
/**
 * A street named without a house number, after a preposition: "shows on Marina Fort Street", "lives off
 * Baker Street". Written-out street types only ("Dr" is a doctor, "Drive" a cloud folder). The type word
 * is found with indexOf and the words before it checked on a short slice: a global scan of the pattern
 * would try its prepositions at every offset of every text that mentions a road.
 */
const NAMED_STREET_TYPES = ['Street', 'Avenue', 'Road', 'Boulevard', 'Lane'];
const NAMED_STREET_BEFORE = /\b(?:on|at|along|off|onto|down|up|near|via|from|into|in)[ \t]+((?:(?!(?:The|A|An|This|That|Our|Your|My)[ \t])[\p{Lu}][\p{L}\p{M}'’.-]*[ \t]+){1,3})$/u;
const NAMED_STREET_LOOKBACK = 100;

/** Anchors for streets named without a number (see NAMED_STREET_TYPES). */
function namedStreets(text: string, anchors: Span[]): void {
  for (const type of NAMED_STREET_TYPES) {
    for (let at = text.indexOf(type); at > 0; at = text.indexOf(type, at + type.length)) {
      const end = at + type.length;
      if (end < text.length && /[\p{L}\p{N}]/u.test(text[end] as string)) continue;
      const from = Math.max(0, at - NAMED_STREET_LOOKBACK);
      const m = NAMED_STREET_BEFORE.exec(text.slice(from, at));
      // A match at the cut's first character cannot see the word boundary before it: skip it.
      if (m === null || (m.index === 0 && from > 0)) continue;
      anchors.push({ start: at - (m[1] as string).length, end, strong: true });
    }
  }
}

/** "in Acquapendente 1021", "in Quinta de São Tiago 3610-114": a postal code after a city name in running text (years excluded). */
const CITY_BEFORE = /\bin ((?:[\p{Lu}][\p{L}\p{M}'’-]+ (?:(?:de|da|do|dos|das|del|la|le|di|du|des|van|von|der|den|am|an|im|upon|sur|en) )?){1,3}(?:\p{Lu} )?)$/u;
/** Four or five digits with an optional suffix ("3610-114"), or three and two ("840 24", Swedish and Czech codes). */
const CITY_ZIP_AT = /(?:\d{4,5}(?:[ -]\d{2,3})?|\d{3} \d{2})(?![\p{L}\p{N}]|[.,]\d)/uy;
const CITY_LOOKBACK = 100;
const MAX_BLOCK = 160;

interface Span {
  start: number;
  end: number;
  strong: boolean;
}

const WORD_CHAR_U = /[\p{L}\p{M}'’.-]/u;

/** True for a character of an address word: a letter, a mark, an apostrophe, a full stop or a hyphen. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 46 || c === 45;
  return WORD_CHAR_U.test(text[i] as string);
}

/** Last words an ADDRESS_CUE match can end with: any other lead skips the (end-anchored, slow) regex. */
const CUE_LAST_WORDS = new Set(['at', 'on', 'in', 'to', 'is', 'are', 'of', 'address', 'addresses']);

/** True when `lead` ends with an address cue ("ship it to", "lives at", "address:"). */
function endsWithAddressCue(lead: string): boolean {
  let e = lead.length;
  for (let c = lead.charCodeAt(e - 1); e > 0 && (c === 32 || (c >= 9 && c <= 13)); c = lead.charCodeAt(--e - 1));
  if (e === 0) return false;
  const last = lead.charCodeAt(e - 1);
  if (last !== 58 && last < 128) {
    let s = e;
    for (let c = lead.charCodeAt(s - 1); s > 0 && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)); c = lead.charCodeAt(--s - 1));
    if (e - s < 2 || e - s > 9 || !CUE_LAST_WORDS.has(lead.slice(s, e).toLowerCase())) return false;
  }
  return ADDRESS_CUE.test(lead);
}

/**
 * The start of a street's name that ends with a street word in `prev` (the words before a house number,
 * nearest first), and whether the street word stands bare (see numberAnchors); null when none does.
 */
function streetWordBefore(text: string, prev: ReadonlyArray<{ w: string; s: number }>): { start: number; bare: boolean } | null {
  let streetStart = -1;
  let bare = false;
  // A street word alone before the number, with no name before it ("Fork 234", "Park 12", "Road 5")
  // is a GitHub button, a label or a sign, unless a place or postal code follows its comma ("Park 12,
  // 80331 München"): else it only joins an address found by something else.
  for (let k = 0; k < prev.length; k++) {
    const w = (prev[k] as { w: string }).w;
    // A type written before the street's name cannot end one: "al" right before the number is Spanish or
    // Italian "to the" ("Llámame al 612 345 678"), where Polish writes "al. Jerozolimskie 65".
    const trailingPrefixType = k === 0 && /^\p{Ll}/u.test(w) && PREFIX_STREET_TYPE.test(w);
    if (((isStreetWord(w) && !BACKWARD_AMBIGUOUS.has(normWord(w))) || w === 'u.') && !trailingPrefixType) {
      streetStart = (prev[k] as { s: number }).s;
      // Capitalised: a lower-case type after a lower-case name is Hungarian's order ("hegyalja út 98").
      // Not after an article or preposition that names streets ("Am Markt 12", "An der Allee 7"), nor
      // after an address cue ("ship to Park 12").
      bare =
        k === 0 &&
        /^\p{Lu}/u.test(w) &&
        lexicon().street.has(normWord(w)) &&
        !PREFIX_STREET_TYPE.test(w) &&
        !(prev[1] !== undefined && PARTICLE_WORDS.has((prev[1] as { w: string }).w.toLowerCase())) &&
        !endsWithAddressCue(text.slice(Math.max(0, streetStart - 48), streetStart));
      // Extend over the capitalised name words before a trailing street word ("Villacher Strasse"), and over
      // a neighbourhood named before the street ("Atatürk Mah. Cumhuriyet Sok. No: 12").
      let named = 0;
      for (let q = k + 1; q < prev.length && named < 2; q++) {
        const pw = (prev[q] as { w: string }).w;
        const area = /^\p{Lu}/u.test(pw) && isStreetWord(pw);
        if (area) named = 0;
        else named++;
        if ((area || isNameWord(pw)) && !lexicon().common.has(normWord(pw))) {
          streetStart = (prev[q] as { s: number }).s;
          bare = false;
        } else break;
      }
      break;
    }
    if (!isNameWord(w) || (PARTICLE_WORDS.has(w.toLowerCase()) && k === 0)) break;
  }
  return streetStart < 0 ? null : { start: streetStart, bare };
}

/** Where a house number's marker starts right before `ns` ("No: ", "No. ", "Nº ", "#", after a comma too), or undefined. */
function numberMarkerBefore(text: string, ns: number): number | undefined {
  // Most numbers follow a word's last letter ("case 38442"): one look at the character a marker ends with.
  let j = ns - 1;
  if (j > 0 && text.charCodeAt(j) === 32) j--;
  if (j < 0) return undefined;
  const c = text.charCodeAt(j);
  if (c !== 58 && c !== 46 && c !== 35 && c !== 111 && c !== 79 && c !== 0xba && c !== 0xb0 && c !== 114 && c !== 82) return undefined;
  const m = NUMBER_MARKER.exec(text.slice(Math.max(0, ns - 12), ns));
  return m === null ? undefined : ns - m[0].length;
}
const NUMBER_MARKER = /(?:,[ \t]?)?(?<![\p{L}\p{N}])(?:no|nº|n°|nr|#)\.?:?[ \t]?$/iu;

/** Words (same line) right before `index`, nearest last, with their start offsets. */
function wordsBefore(text: string, index: number, max: number): Array<{ w: string; s: number }> {
  const res: Array<{ w: string; s: number }> = [];
  let i = index;
  while (res.length < max) {
    let e = i;
    while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    if (e === i && res.length > 0) break;
    let s = e;
    while (s > 0 && isWordChar(text, s - 1) && e - s < 40) s--;
    if (s === e) break;
    res.push({ w: text.slice(s, e), s });
    i = s;
  }
  return res;
}

/** An ordinal that names a street ("5th Avenue", "W 42nd St"). */
const ORDINAL_AT = /\d{1,4}(?:st|nd|rd|th)(?![\p{L}\p{N}])/iuy;

/** Words (same line) right after `index`, with their end offsets; an ordinal ("42nd") counts as a word. */
function wordsAfter(text: string, index: number, max: number): Array<{ w: string; e: number }> {
  const res: Array<{ w: string; e: number }> = [];
  let i = index;
  while (res.length < max) {
    let s = i;
    while (s < text.length && (text[s] === ' ' || text[s] === '\t')) s++;
    if (s === i) break;
    let e = s;
    ORDINAL_AT.lastIndex = s;
    const c = text.charCodeAt(s);
    if (c >= 48 && c <= 57 && ORDINAL_AT.test(text)) e = ORDINAL_AT.lastIndex;
    else while (e < text.length && isWordChar(text, e) && e - s < 40) e++;
    if (e === s) break;
    res.push({ w: text.slice(s, e), e });
    i = e;
  }
  return res;
}

function isNameWord(w: string): boolean {
  return /^[\p{Lu}\p{Lt}][\p{L}\p{M}'’.-]*$/u.test(w) || PARTICLE_WORDS.has(w.toLowerCase()) || /^\d{1,4}(?:st|nd|rd|th)$/i.test(w);
}
/** Abbreviations that also mean Doctor, Saint, Point or Mount: not a street type when before the number. */
const BACKWARD_AMBIGUOUS = new Set(['dr', 'st', 'pt', 'mt', 'pl', 'ct', 'ln', 'ter', 'sq', 'cir']);
const PARTICLE_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'di', 'da', 'del', 'dei', 'della', 'degli', 'delle', 'do', 'dos', 'das', 'van', 'von', 'der', 'den', 'ter', 'e', 'y', 'i', 'et', 'nad', 'pod', 'am', 'an', 'bei', 'sur', 'sous', 'les']);

/** Street types written before the street's name ("Rue de Kairouan", "Calle 5", "ul. Miła"). */
const PREFIX_STREET_TYPE = /^(?:rue|via|avenue|avenida|avda\.?|av\.?|rua|calle|carrera|boulevard|bd\.?|chemin|impasse|allée|quai|cours|faubourg|viale|v\.le|vicolo|piazza|corso|ul\.?|ulica|plac|aleja|al\.?|r\.?|jalan|jln\.?|lorong|lrg\.?|persiaran|lebuh|soi|thanon)$/i;

/**
 * Where a street written with Spanish "C/" (calle) starts, when the name words right before the number
 * (`prev`, nearest first) follow one ("C/ Mayor 12", "c/Alcalá 45"), else undefined.
 */
function spanishAbbreviation(text: string, prev: ReadonlyArray<{ w: string; s: number }>): number | undefined {
  let k = 0;
  while (k < prev.length && k < 4 && isNameWord((prev[k] as { w: string }).w)) k++;
  if (k === 0) return undefined;
  const s = (prev[k - 1] as { s: number }).s;
  const m = /(?<![\p{L}\p{N}])[Cc]\/[ \t]?$/u.exec(text.slice(Math.max(0, s - 4), s));
  return m === null ? undefined : s - m[0].length;
}

/**
 * Where a street written first-type, then name, then a comma before the number starts ("Av. Paulista,
 * 1000", "Rua Augusta, 1500", "Calle Mayor, 12", as Brazil and Spain write them), or -1.
 */
function commaStreetBefore(text: string, ns: number): number {
  let c = ns;
  while (c > 0 && (text.charCodeAt(c - 1) === 32 || text.charCodeAt(c - 1) === 9)) c--;
  if (text.charCodeAt(c - 1) !== 44) return -1;
  const words = wordsBefore(text, c - 1, 5);
  for (let k = 1; k < words.length; k++) {
    const w = (words[k] as { w: string }).w;
    // A street that has its number already ("12 rue de la Paix, 3e étage") is followed by a unit, not its number.
    if (PREFIX_STREET_TYPE.test(w)) {
      const s = (words[k] as { s: number }).s;
      return /\d[ \t,]*$/.test(text.slice(Math.max(0, s - 8), s)) ? -1 : s;
    }
    if (!isNameWord((words[k - 1] as { w: string }).w)) return -1;
  }
  return -1;
}

/** A comma, then a capitalised word or a digit: a place or postal code follows. */
const PLACE_AFTER_COMMA = /^[ \t]*,[ \t]*[\p{Lu}\d]/u;

/** Anchors around a house number: "12 Baker Street", "Populierenstraat 374", "Via Roma 131", "Edeby 55". */
function numberAnchors(text: string, runs: readonly number[], anchors: Span[]): void {
  eachHouseNumber(text, runs, (m) => {
    const ns = m.index;
    const ne = m.index + m[0].length;
    // Street name before the number (European order), also with "No:", "Nº" or "#" between them, as Turkish,
    // Spanish and Portuguese write it ("Bağdat Caddesi No: 45", "Calle Mayor No. 5", "Rua das Flores, nº 45").
    const marker = numberMarkerBefore(text, ns);
    let prev = wordsBefore(text, marker ?? ns, 5);
    let street = streetWordBefore(text, prev);
    if (street === null && marker !== undefined) {
      prev = wordsBefore(text, ns, 5);
      street = streetWordBefore(text, prev);
    }
    let streetStart = street?.start ?? -1;
    const bare = street?.bare ?? false;
    if (streetStart < 0) streetStart = spanishAbbreviation(text, prev) ?? commaStreetBefore(text, ns);
    if (streetStart >= 0) {
      anchors.push({ start: streetStart, end: ne, strong: !bare || PLACE_AFTER_COMMA.test(text.slice(ne, ne + 4)) });
      return;
    }
    // French writes a comma after the number ("12, rue de la Paix"): a street type written first must follow it.
    if (text.charCodeAt(ne) === 44) {
      const named = wordsAfter(text, ne + 1, 6);
      if (named.length >= 2 && PREFIX_STREET_TYPE.test((named[0] as { w: string }).w) && isNameWord((named[1] as { w: string }).w)) {
        let end = (named[1] as { e: number }).e;
        for (let q = 2; q < named.length && q <= 4 && isNameWord((named[q] as { w: string }).w); q++) end = (named[q] as { e: number }).e;
        anchors.push({ start: ns, end, strong: true });
        return;
      }
      // Nigeria and Ghana write the number first too, with the street's type last ("No. 5, Adeola Odeku Street").
      for (let q = 1; q < named.length && q <= 3; q++) {
        const nw = (named[q] as { w: string }).w;
        if (!/^\p{Lu}/u.test(nw) || !isNameWord((named[q - 1] as { w: string }).w)) break;
        if (lexicon().street.has(normWord(nw)) && /^\p{Lu}/u.test((named[0] as { w: string }).w) && !onlyOrdinaryWords(named.slice(0, q).map((x) => x.w).join(' '))) {
          anchors.push({ start: marker ?? ns, end: (named[q] as { e: number }).e, strong: true });
          return;
        }
      }
    }
    // Street name after the number (English/French order): "3784 Archwood Avenue", "63 Rue de Kairouan".
    const next = wordsAfter(text, ne, 6);
    let allLowerMemo: boolean | undefined;
    const allLower = (): boolean => (allLowerMemo ??= !/\p{Lu}/u.test(text.slice(ne, ne + 60)));
    for (let k = 0; k < next.length; k++) {
      const w = (next[k] as { w: string }).w;
      const lowerOk = /^\p{Ll}{2,12}$/u.test(w) && (k === 0 || allLower());
      if (!isNameWord(w) && !lowerOk) break;
      const prefixType = PREFIX_STREET_TYPE.test(w);
      // A glued street name alone ("12 Hauptstraße, Berlin") is a street when a place follows its comma.
      const gluedAlone = k === 0 && isStreetWord(w) && !lexicon().street.has(normWord(w)) && PLACE_AFTER_COMMA.test(text.slice((next[0] as { e: number }).e, (next[0] as { e: number }).e + 4));
      // "1st place", "2nd Place" after a count are rankings, not a street named by its ordinal.
      const ranking = k === 1 && /^\d/.test((next[0] as { w: string }).w) && /^(?:place|pl)$/i.test(normWord(w));
      if (isStreetWord(w) && !ranking && (k > 0 || gluedAlone || (next[k + 1] !== undefined && (prefixType || isNameWord((next[k + 1] as { w: string }).w))))) {
        let end = (next[k] as { e: number }).e;
        if (k === 0 || PREFIX_STREET_TYPE.test(w)) {
          for (let q = k + 1; q < next.length && q <= k + 4; q++) {
            const nw = (next[q] as { w: string }).w;
            if ((isNameWord(nw) || (q === k + 1 && /^\p{L}{3,}$/u.test(nw))) && !lexicon().common.has(normWord(nw))) end = (next[q] as { e: number }).e;
            // A street word named by another ("Pine Lane", "Park Avenue"): the type comes last.
            else if (q === k + 1 && k === 0 && /^\p{Lu}/u.test(nw) && isStreetWord(nw)) end = (next[q] as { e: number }).e;
            else break;
          }
        }
        anchors.push({ start: ns, end, strong: true });
        return;
      }
      if (k >= 3) break;
    }
    // A street named without its type, when a place and a postal code follow its comma ("45 Kingsway,
    // London WC2B 6SE", "12 Moyo Close" has one): names no dictionary knows, so "2 Beta, Release 12345" stays.
    const named = NAMED_STREET_THEN_PLACE.exec(text.slice(ne, ne + 120));
    if (named !== null && !onlyOrdinaryWords(named[1] as string) && !onlyOrdinaryWords(named[2] as string)) {
      anchors.push({ start: ns, end: ne + named[0].length, strong: true });
      return;
    }
    // Generic "55 Name Words" right after an address cue ("The restaurant is at 214 Pavlou Drandaki").
    if (next.length > 0 && endsWithAddressCue(text.slice(Math.max(0, ns - 48), ns).replace(/\d{3,6}[ \t]+$/, ''))) {
      let end = -1;
      for (let q = 0; q < next.length && q < 3; q++) {
        const nw = (next[q] as { w: string }).w;
        if (/^[\p{Lu}]/u.test(nw) && !lexicon().common.has(normWord(nw))) end = (next[q] as { e: number }).e;
        else break;
      }
      if (end > 0) {
        anchors.push({ start: ns, end, strong: true });
        return;
      }
    }
    // Generic "Name Words 55" with address evidence around it.
    if (prev.length > 0) {
      const w0 = (prev[0] as { w: string }).w;
      // An English word or abbreviation in lower case names no street: "1111 exp 12/26" is a card's last
      // digits and its expiry, "1111 shipped 12/26" an order (lower-case texts still name theirs: "74678 midtvollen 130").
      if (w0.length < 3 || !/^\p{L}/u.test(w0) || lexicon().common.has(normWord(w0))) return;
      if (/^\p{Ll}/u.test(w0) && (lexicon().dictionary.has(normWord(w0)) || NOT_A_STREET_ABBREVIATION.has(w0))) return;
      let s = (prev[0] as { s: number }).s;
      for (let q = 1; q < prev.length && q <= 2; q++) {
        const pw = (prev[q] as { w: string }).w;
        if (isNameWord(pw) && !lexicon().common.has(normWord(pw)) && !/^\p{Ll}/u.test(pw)) s = (prev[q] as { s: number }).s;
        else break;
      }
      const lead = text.slice(Math.max(0, s - 48), s);
      const postalBefore = /(?:^|[\s>,])\d{3,6}(?: \d{2})?[ \t]+$/.test(lead);
      const cue = endsWithAddressCue(lead.replace(/\d{3,6}(?: \d{2})?[ \t]+$/, ''));
      const follow = after(text, ne, 30);
      // eslint-disable-next-line regexp/no-super-linear-backtracking -- run on the 30 characters after the number
      const unitAfter = /^[ \t,]*\n?[ \t>]*(?:apt|apartment|suite|ste|unit|box)\b/.test(follow);
      const streetAfter = /^[ \t]+(?:street|st\.?|road|rd\.?|avenue|ave\.?)\b/.test(follow);
      if (postalBefore || cue || unitAfter || streetAfter) anchors.push({ start: s, end: ne, strong: true });
    }
  });
}

/** Lower-case abbreviations before a number that are no street's name ("exp 12/26", "ext 204", "ref 5"). */
const NOT_A_STREET_ABBREVIATION = new Set(['exp', 'ext', 'ref', 'qty', 'tel', 'fax', 'acct', 'inv', 'vol', 'fig', 'est', 'approx', 'avg', 'ver', 'rev', 'sec', 'min', 'max', 'pcs', 'pkg']);

const PLACE_TOKEN = /^(?:[\p{Lu}][\p{L}\p{M}'’.()-]*(?:\/[\p{Lu}][\p{L}\p{M}'’.()-]*)?|\([\p{L} ]+\)|\d{3,6}(?:-\d{2,4})?|de|do|da|del|la|le|du|des|am|an|im|upon|on|sur|en|di|nad|pod|bei|u|v|z|ve|na)$/u;
/** Capitalised words that start a new sentence or field rather than continue an address. */
const PLACE_STOP = new Set(['i', 'please', 'thanks', 'thank', 'the', 'this', 'it', 'we', 'you', 'my', 'our', 'call', 'email', 'e-mail', 'phone', 'name', 'address', 'website', 'tel', 'mobile', 'if', 'when', 'and', 'or', 'but', 'hi', 'hello', 'dear', 'best', 'regards', 'sent', 'from', 'to', 'subject', 'date', 'personal', 'info', 'note', 'ok', 'yes', 'no']);

function placeTokens(line: string): number {
  // Returns how many leading characters of `line` are place tokens (city, state, country, postal code).
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- run on one place line of at most 100 characters (extendForward)
  const re = /[ \t]*,?[ \t]*([^\s,?!;:]+)/gy;
  let used = 0;
  let count = 0;
  let m: RegExpExecArray | null;
  let afterStop = false;
  while ((m = re.exec(line)) !== null && count < 6) {
    const tok = (m[1] as string).replace(/\.$/, '');
    if (!PLACE_TOKEN.test(tok) || (PLACE_STOP.has(tok.toLowerCase()) && !/^[A-Z]{2,3}$/.test(tok))) break;
    // After a full stop ("30062. Emergency contact"), a word of the language starts the next sentence.
    if (afterStop && ordinaryWordOpens(tok)) break;
    afterStop = (m[1] as string).endsWith('.');
    const abbreviation = /^[A-Z]{1,3}\.$/.test(m[1] as string);
    used = re.lastIndex - ((m[1] as string).endsWith('.') && !abbreviation ? 1 : 0);
    count++;
    // A region abbreviation with its full stop ("OULU NO.") ends the place: what follows is a new sentence.
    if (abbreviation) break;
  }
  return count === 0 ? 0 : used;
}

/**
 * A line break and the next line's indentation inside an address block: spaces, tabs, a quote's ">", and
 * the "?" and no-break spaces that exports leave where an encoding lost a character.
 */
const BREAK = '\\n[ \\t>?\\u00a0]*';
/** Postal codes: digits (with a suffix group), Polish "53-320", Canadian "B0J 2H0", British "SW1A 1AA". */
const POSTAL = '(?:\\d{3,6}(?:[ -]\\d{2,4})?|\\d{2}-\\d{3}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})(?![\\p{L}\\p{N}]|[.,]\\d)';

/**
 * After a house number: one to three capitalised words (a street named without its type), a comma, one to
 * three capitalised place words, and a postal code. Group 1 is the street's name, group 2 the place.
 */
const NAMED_STREET_THEN_PLACE = new RegExp(`^[ \\t]+((?:\\p{Lu}[\\p{L}'’-]{1,30}[ \\t]){0,2}\\p{Lu}[\\p{L}'’-]{1,30}),[ \\t]*((?:\\p{Lu}[\\p{L}'’-]{1,30}[ \\t]){0,2}\\p{Lu}[\\p{L}'’-]{1,30}),?[ \\t]+${POSTAL}`, 'u');

/**
 * A unit or floor after the street: "Apt 4B", "Suite 200", and the floor and door of Spanish, Italian,
 * German and French addresses ("3º B", "2ª izq.", "piso 3", "interno 5", "2. OG", "3e étage").
 */
const UNIT_NEXT = new RegExp(
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- run on at most 100 characters (extendForward)
  `^(?:[ \\t]*(?:,|[ \\t][-–])?[ \\t]*(?:${BREAK})?,?[ \\t]*)(?:(?:Apt\\.?|Apto\\.?|Apartment|Suite|Ste\\.?|Unit|Box)\\s?#?\\d{1,6}[A-Za-z]?|#\\s?\\d{1,6}(?:-\\d{1,4})?[A-Za-z]?|\\d{1,2}\\s?[º°ª](?:\\s?(?:[A-H]|izq(?:uierda|da)?\\.?|dcha\\.?|der(?:echa)?\\.?|centro))?|(?:piso|planta|interno|scala|stock|étage|etage|daire|kat)\\s?:?\\s?\\d{1,3}[A-Za-z]?|D:\\s?\\d{1,4}|\\d{1,2}\\.\\s?(?:OG|Stock|Etage)|\\d{1,2}(?:e|er|ème)\\s(?:étage|etage))(?![\\p{L}\\p{N}])`,
  'iu',
);
// eslint-disable-next-line regexp/no-super-linear-backtracking -- run on at most 100 characters (extendForward)
const POSTAL_NEXT = new RegExp(`^[ \\t,]*(?:${BREAK})?,?[ \\t]*${POSTAL}`, 'u');
/**
 * A region code of up to three characters, then a postal code: "KNIVSTA, nan 18237", "Lyss\n, 13\n 44939".
 * Any spelling, as exports write it ("CO", "mp", a number), but not a conjunction that starts the next
 * address ("…, and 04862 Victor Hugo u. 49"). Group 1 is set when a line break follows the region
 * instead of a code: the next line must then be a place ("KRISTIANSUND N\n, nan\n Norway 61682").
 */
const REGION_NEXT = new RegExp(
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- run on at most 100 characters (extendForward)
  `^[ \\t,]*(?:${BREAK})?,?[ \\t]*(?!(?:and|or|und|et|en|og|och|y|e|i)[ \\t\\n])[\\p{L}\\d]{1,3}[ \\t]*(?:(?:${BREAK})?${POSTAL}|(?=(${BREAK})))`,
  'u',
);
const STREET_TYPE_NEXT = /^[ \t]+(?:St|Street|Rd|Road|Ave|Avenue)\.?(?![\p{L}])/u;
/** What separates place lines: a blank line only towards a "Country 12345" line, a line break, a comma, a dash between spaces, spaces. */
const PLACE_SEPARATOR = new RegExp(
  `^(?:\\.?[ \\t]*\\n(?:${BREAK})(?=[\\p{Lu}][\\p{L}()\\s]{1,40}[ \\t]\\d{3,6}(?!\\d))|\\.?[ \\t]*${BREAK},?[ \\t]*|[ \\t]*,[ \\t]*(?:${BREAK})?|[ \\t]+[-–][ \\t]+|[ \\t]+)`,
  'u',
);

/**
 * True when `line` opens with an English dictionary word in title case that is not also the name of a big
 * city ("Emergency", not "Reading"; not "SAINT-PRIEST", as exports write a city).
 */
function ordinaryWordOpens(line: string): boolean {
  const m = /^\p{Lu}[\p{Ll}'’]+(?![\p{L}-])/u.exec(line);
  if (m === null) return false;
  const w = normWord(m[0]);
  const lx = lexicon();
  return lx.dictionary.has(w) && !lx.bigCity.has(w) && !lx.city.has(w);
}

/** Extends a block forward over separators, units, postal codes and city/state/country lines; only where a block already stands. */
function extendForward(text: string, end: number, limit: number): number {
  let pos = end;
  for (let guard = 0; guard < 12 && pos < limit; guard++) {
    const rest = text.slice(pos, Math.min(limit, pos + 100));
    let m: RegExpExecArray | null;
    if ((m = UNIT_NEXT.exec(rest)) || (m = POSTAL_NEXT.exec(rest))) {
      pos += m[0].length;
      continue;
    }
    if ((m = REGION_NEXT.exec(rest))) {
      if (m[1] === undefined || placeTokens(rest.slice(m[0].length + m[1].length).split('\n')[0] as string) > 0) {
        pos += m[0].length;
        continue;
      }
    }
    if ((m = STREET_TYPE_NEXT.exec(rest))) {
      pos += m[0].length;
      continue;
    }
    const sep = PLACE_SEPARATOR.exec(rest);
    if (sep === null) break;
    const line = rest.slice(sep[0].length).split('\n')[0] as string;
    const used = placeTokens(line);
    if (used === 0) break;
    // After a plain space, only take place words that run to the end of the clause (an abbreviation's
    // full stop, as in "OULU NO.", ends it too); after a dash ("1000 - Bela Vista, São Paulo - SP", as
    // Brazil writes addresses), only words that another comma, dash or the line's end follows.
    const after = line.slice(used);
    if (/^[ \t]+[-–]/.test(sep[0])) {
      if (!/^(?:\s*$|[ \t]*,|[ \t]+[-–][ \t])/.test(after)) break;
    } else if (!/[\n,]/.test(sep[0])) {
      if (!line.slice(0, used).endsWith('.') && !/^(?:\s*$|[ \t]*[?!.;:)\]]|[ \t]+\p{Ll}|[ \t]+#[ \t]?\d)/u.test(after)) break;
      // Without a comma, a word of the language no city list knows opens the next clause ("12 Oak Rd.
      // Emergency contact: …", "45 Elm Street. Tomorrow works").
      if (ordinaryWordOpens(line)) break;
    }
    pos += sep[0].length + used;
  }
  return pos;
}

/** A military address ending in the five-digit run at `i` ("PSC 1234, Box 5678\nAPO AE 09012"). */
function military(text: string, i: number, anchors: Span[]): void {
  // "APO AE ": an A, E or P two characters back, and an A one further (any case), or no match.
  const a = text.charCodeAt(i - 3) | 32;
  const b = text.charCodeAt(i - 2) | 32;
  if (a !== 97 || (b !== 97 && b !== 101 && b !== 112)) return;
  const m = MILITARY_BEFORE.exec(text.slice(Math.max(0, i - 12), i));
  if (m === null || (i + 5 < text.length && /\d/.test(text[i + 5] as string))) return;
  const at = i - m[0].length;
  const ml = MILITARY_LINE.exec(text.slice(Math.max(0, at - 60), at));
  anchors.push({ start: ml !== null ? at - ml[0].length : at, end: i + 5, strong: true });
}

/** A postal code written after a city name in running text ("in Acquapendente 1021"), years excluded. */
function cityZip(text: string, i: number, anchors: Span[]): void {
  if (!mayHaveCityBefore(text, i)) return;
  const from = Math.max(0, i - CITY_LOOKBACK);
  const m = CITY_BEFORE.exec(text.slice(from, i));
  // A match at the cut's first character cannot see the word boundary before it: skip it.
  if (m === null || (m.index === 0 && from > 0)) return;
  CITY_ZIP_AT.lastIndex = i;
  const z = CITY_ZIP_AT.exec(text);
  if (z === null) return;
  const code = z[0];
  if (/^(?:19|20)\d\d$/.test(code)) return;
  anchors.push({ start: i, end: i + code.length, strong: true });
}

/** Finds postal addresses. */
export function findAddresses(text: string, out: Finding[], ix: TextIndex): void {
  const anchors: Span[] = [];
  const runs = ix.digitRuns;
  numberAnchors(text, runs, anchors);
  // Units ("Apt 4B"), military addresses ("APO AE 09012") and "in City 12345" are looked for before each
  // digit run instead of scanning the whole text for their words.
  for (let r = 0; r < runs.length; r += 2) {
    const i = runs[r] as number;
    const len = (runs[r + 1] as number) - i;
    if (i === 0) continue;
    if (len === 5) military(text, i, anchors);
    if (len >= 3 && len <= 5) cityZip(text, i, anchors);
    if (!mayHaveUnitBefore(text, i)) continue;
    const lead = UNIT_BEFORE.exec(text.slice(Math.max(0, i - UNIT_LOOKBACK), i));
    if (lead === null) continue;
    UNIT_NUMBER_AT.lastIndex = i;
    const num = UNIT_NUMBER_AT.exec(text);
    if (num === null) continue;
    const w = lead[0].toLowerCase();
    // "Room 5" or "Floor 2" alone are too common in ordinary text; they only join an existing block. A
    // plot number opens an address where a place follows its comma ("Plot 45, Adeola Odeku Street, Lagos").
    const end = i + num[0].length;
    const weak =
      w.startsWith('room') ||
      w.startsWith('floor') ||
      w.startsWith('flat') ||
      w.startsWith('box') ||
      w.startsWith('bl') ||
      ((w.startsWith('plot') || w.startsWith('lot')) && !PLACE_AFTER_COMMA.test(text.slice(end, end + 4)));
    anchors.push({ start: i - lead[0].length, end, strong: !weak });
  }
  if (runs.length > 0 && ix.has('zip')) eachMatch(ZIP_CUE, text, (m) => {
    const code = m[1] as string;
    const s = m.index + m[0].length - code.length;
    anchors.push({ start: s, end: s + code.length, strong: true });
  });
  if (ix.upper > 0 && ix.has('street')) namedStreets(text, anchors);
  // Japanese addresses in Latin letters open with the block number ("3-chome-1-1 Marunouchi, Chiyoda-ku").
  if (ix.has('chome')) for (let c = text.indexOf('chome'); c > 0; c = text.indexOf('chome', c + 5)) {
    let d = c - 1;
    while (d > 0 && c - d <= 3 && isDigit(text.charCodeAt(d - 1))) d--;
    CHOME_AT.lastIndex = d;
    const m = CHOME_AT.exec(text);
    if (m !== null) anchors.push({ start: m.index, end: m.index + m[0].length, strong: true });
  }
  if (ix.has('corner') && text.indexOf('orner of') >= 0)
    eachMatch(CORNER, text, (m) => anchors.push({ start: m.index, end: m.index + m[0].length, strong: true }));
  if (anchors.length === 0) return;
  anchors.sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge anchors separated by short glue (spaces, commas, line breaks, a city name, a postal code).
  const blocks: Span[] = [];
  for (const a of anchors) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && a.start <= last.end) {
      last.end = Math.max(last.end, a.end);
      last.strong ||= a.strong;
      continue;
    }
    if (last !== undefined && a.start - last.end <= 40 && a.start - last.start < MAX_BLOCK) {
      const glue = text.slice(last.end, a.start);
      // eslint-disable-next-line regexp/no-super-linear-backtracking -- run on the at most 40 characters between two blocks
      if (/^[\s,.>]*(?:(?:and|&)\s+)?(?:\d{3,6}[ \t]+)?$/.test(glue) || /^[\s,]*(?:[\p{Lu}][\p{L}\p{M}'’.-]*[ \t]?){1,3}[\s,]*$/u.test(glue)) {
        last.end = a.end;
        last.strong ||= a.strong;
        continue;
      }
    }
    blocks.push({ ...a });
  }
  // A block that lies wholly inside the previous address (which grew over it) adds nothing; extending
  // it again would cost as much, once per block, on text that repeats an address form for kilobytes.
  let covered = 0;
  for (const b of blocks) {
    if (!b.strong || b.end <= covered) continue;
    let start = b.start;
    // A postal code or "the corner of" right before the block belongs to it.
    const lead = before(text, start, 24);
    const pre = /(?:^|[\s>,:])(\d{3,6}(?:[ ]\d{2,3})?[ \t]+)$/.exec(text.slice(Math.max(0, start - 16), start));
    if (pre !== null) start -= (pre[1] as string).length;
    if (/the corner of\s*$/.test(lead)) start -= (/the corner of\s*$/.exec(lead) as RegExpExecArray)[0].length;
    // Capitalised words between an address cue and the block belong to it ("send it to Aqqusinersuaq 176 Pinto Hill").
    // eslint-disable-next-line regexp/no-super-linear-move -- on the 40 characters before a block
    const capLead = /((?:[\p{Lu}][\p{L}\p{M}'’.-]*[ \t]){1,2})$/u.exec(text.slice(Math.max(0, start - 40), start));
    if (capLead !== null && endsWithAddressCue(text.slice(Math.max(0, start - capLead[0].length - 48), start - capLead[0].length))) start -= capLead[0].length;
    let end = extendForward(text, b.end, Math.min(text.length, b.end + MAX_BLOCK));
    // "X Street and Y Route" at a corner: the second street has no number.
    const corner = /^\s+and\s+((?:[\p{Lu}][\p{L}\p{M}'’.-]*\s?){1,3})/u.exec(text.slice(end, end + 60));
    if (corner !== null) {
      const ws = (corner[1] as string).trim().split(/\s+/);
      if (ws.length >= 2 && isStreetWord(ws[ws.length - 1] as string)) end += corner[0].trimEnd().length;
    }
    out.push({ start, end, type: 'ADDRESS', score: 0.7 });
    covered = Math.max(covered, end);
  }
}
