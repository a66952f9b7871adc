/**
 * Lazily built lookup sets over the word lists, shared by the name and address recognizers.
 */
import { FIRST_NAMES_TEXT, SURNAMES_TEXT } from '../data/names.js';
import { BoundedCache } from './context.js';
import { COMMON_WORDS_TEXT, HONORIFICS_TEXT, STREET_SUFFIXES, STREET_WORDS_TEXT } from '../data/words.js';

export interface Lexicon {
  first: Set<string>;
  last: Set<string>;
  common: Set<string>;
  honorific: Set<string>;
  street: Set<string>;
  streetSuffixes: readonly string[];
}

let cached: Lexicon | undefined;

function words(text: string): Set<string> {
  return new Set(text.split(/\s+/).filter((w) => w !== ''));
}

/** The word sets, built once per process. */
export function lexicon(): Lexicon {
  if (cached === undefined) {
    cached = {
      first: words(FIRST_NAMES_TEXT),
      last: words(SURNAMES_TEXT),
      common: words(COMMON_WORDS_TEXT),
      honorific: words(HONORIFICS_TEXT),
      street: words(STREET_WORDS_TEXT),
      streetSuffixes: STREET_SUFFIXES,
    };
  }
  return cached;
}

/** Lower-cases and strips a trailing possessive or full stop. */
export function normWord(w: string): string {
  let s = w.toLowerCase();
  if (s.endsWith("'s") || s.endsWith('’s')) s = s.slice(0, -2);
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
  for (const suf of lx.streetSuffixes) if (n.length > suf.length + 2 && n.endsWith(suf)) return true;
  return false;
}
