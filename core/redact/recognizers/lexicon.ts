/**
 * Lazily built lookup sets over the word lists, shared by the name and address recognizers.
 */
import { DICTIONARY_LISTS } from '../data/dictionary.js';
import { FIRST_NAMES_TEXT, SURNAMES_TEXT } from '../data/names.js';
import { EXTRA_FIRST_NAMES_TEXT, EXTRA_SURNAMES_TEXT } from '../data/extra-names.js';
import { BoundedCache } from './context.js';
import { BIG_CITIES_TEXT, CITY_NAMES_TEXT, COMMON_WORDS_TEXT, DATE_ABBREVIATIONS_TEXT, HONORIFICS_TEXT, STREET_SUFFIXES, STREET_WORDS_TEXT } from '../data/words.js';

export interface Lexicon {
  first: Set<string>;
  last: Set<string>;
  common: Set<string>;
  honorific: Set<string>;
  street: Set<string>;
  streetSuffixes: readonly string[];
  /** Big cities named like people (data/words.ts CITY_NAMES_TEXT). */
  city: Set<string>;
  /** One-word names of big cities (data/words.ts BIG_CITIES_TEXT). */
  bigCity: Set<string>;
  /**
   * English dictionary words (data/dictionary.ts, about 63,000): a capitalised one that no name list knows
   * is a word, not a name ("Unfortunately, I", "Upgrade XEHM4B").
   */
  dictionary: Set<string>;
  /** Weekdays and months as dates abbreviate them ("mon", "jun"), which are names too (data/words.ts). */
  dateAbbreviation: Set<string>;
}

function dictionaryWords(): Set<string> {
  const out = new Set<string>();
  for (const list of DICTIONARY_LISTS) {
    // Capitalised entries ("OK") are abbreviations or names.
    for (const w of list) if (w === w.toLowerCase()) out.add(w);
  }
  return out;
}

let cached: Lexicon | undefined;

function words(text: string): Set<string> {
  return new Set(text.split(/\s+/).filter((w) => w !== ''));
}

/** The word sets, built once per process. */
export function lexicon(): Lexicon {
  if (cached === undefined) {
    cached = {
      first: words(`${FIRST_NAMES_TEXT} ${EXTRA_FIRST_NAMES_TEXT}`),
      last: words(`${SURNAMES_TEXT} ${EXTRA_SURNAMES_TEXT}`),
      common: words(COMMON_WORDS_TEXT),
      honorific: words(HONORIFICS_TEXT),
      street: words(STREET_WORDS_TEXT),
      streetSuffixes: STREET_SUFFIXES,
      city: words(CITY_NAMES_TEXT),
      bigCity: words(BIG_CITIES_TEXT),
      dictionary: dictionaryWords(),
      dateAbbreviation: words(DATE_ABBREVIATIONS_TEXT),
    };
  }
  return cached;
}

/** The lower-cased words of a value, split at white space. */
function lowerWords(v: string): string[] {
  return v.trim().toLowerCase().split(/\s+/);
}

/** True when every word of `v` is a word of the language ("unknown", "Wireless Headphones", "not provided"). */
export function onlyOrdinaryWords(v: string): boolean {
  const lx = lexicon();
  return lowerWords(v).every((w) => lx.dictionary.has(w) || lx.common.has(w));
}

/** True when a word of `v` is a known given name or surname ("Will Smith", "Rose"). */
export function hasKnownName(v: string): boolean {
  const lx = lexicon();
  return lowerWords(v).some((w) => lx.first.has(w) || lx.last.has(w));
}

/** Lower-cases, straightens apostrophes ("I’m" is "i'm") and strips a trailing possessive or full stop. */
export function normWord(w: string): string {
  let s = w.toLowerCase();
  if (s.includes('’')) s = s.replaceAll('’', "'");
  if (s.endsWith("'s")) s = s.slice(0, -2);
  if (s.endsWith('.')) s = s.slice(0, -1);
  return s;
}

/** True when the word is a street-type word or ends with a glued street suffix (e.g. "Populierenstraat"). */
export function isStreetWord(w: string): boolean {
  return streetWordCache.get(w, computeStreetWord, w);
}

/** isStreetWord per spelling: the same words recur across a trace, and the suffix test is a loop. */
const streetWordCache = new BoundedCache<boolean>();

function computeStreetWord(w: string): boolean {
  const lx = lexicon();
  const n = normWord(w);
  if (lx.street.has(n)) return true;
  if (n.length < 6) return false;
  // normWord drops a final full stop, which abbreviated suffixes keep ("Hauptstr.").
  const abbreviated = w.endsWith('.') ? `${n}.` : n;
  for (const suf of lx.streetSuffixes) if (n.length > suf.length + 2 && (n.endsWith(suf) || abbreviated.endsWith(suf))) return true;
  return false;
}
