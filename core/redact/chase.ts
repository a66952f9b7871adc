/**
 * Which values masked under a sensitive key are chased through the rest of their record (the import's
 * propagation step): those that are the PII they stand for, not words that say there is none.
 */
import { isBareNameKey } from './keys.js';
import { isPlaceholder } from './pseudonymizer.js';
import { hasKnownName, onlyOrdinaryWords } from './recognizers/lexicon.js';
import { looksLikePersonName } from './recognizers/person.js';

/** Values shorter than this are not chased through free text (too many false hits). */
const MIN_CHASED_LENGTH = 3;

/** Spellings of "no value" (and of a value left out), which no record's PII is. */
const NO_VALUE = new Set([
  'n/a', 'na', 'nil', 'null', 'undefined', 'tbd', 'redacted', 'xxx', 'none', 'unknown', 'same', 'default', 'empty', 'hidden',
  'private', 'masked', 'not set', 'not provided', 'not available', 'anonymous', 'changeme', 'placeholder', 'example', 'test',
  'secret', 'password', 'true', 'false', 'yes', 'no',
]);

/** Longest spelling in NO_VALUE. */
const MAX_NO_VALUE_LENGTH = Math.max(...[...NO_VALUE].map((w) => w.length));

/** Letters, apostrophes, hyphens and spaces: what a value of dictionary words is made of. */
const WORDS_ONLY = /^[\p{L}\p{M}'’ -]+$/u;

/**
 * Whether a value masked as `type` under `key` is chased through its record. Not a placeholder, a filler
 * ("none", "unknown", "same", "N/A", "-") or, but for a secret, words of the language only: chasing
 * `{"phone": "unknown"}` masked every "unknown" of the conversation. A password that is a word
 * ("sunshine") is still chased: the recognizers would not find it in "my password is sunshine". A bare
 * `name` is anyone's or anything's (a product, a span event, a tool): it is chased only when it reads as
 * a person's name. `key` is undefined for a field that names a person by what it is (a user message's name).
 */
export function worthChasing(type: string, value: string, key: string | undefined): boolean {
  // The same values recur under the same keys on every turn of a conversation (a customer's record in
  // each tool result): their verdicts are kept, per type and per kind of key.
  const memo = type === 'PERSON' && key !== undefined && isBareNameKey(key) ? bareNameVerdicts : verdicts;
  let byType = memo.get(type);
  if (byType === undefined) memo.set(type, (byType = new Map()));
  let verdict = byType.get(value);
  if (verdict === undefined) {
    verdict = decide(type, value, memo === bareNameVerdicts);
    if (byType.size >= MAX_KEPT_VERDICTS) byType.clear();
    byType.set(value, verdict);
  }
  return verdict;
}

/** Verdicts by type and value, for values under a bare `name` key and for all others. */
const verdicts = new Map<string, Map<string, boolean>>();
const bareNameVerdicts = new Map<string, Map<string, boolean>>();
/** Verdicts kept per type before the map starts again. */
const MAX_KEPT_VERDICTS = 20_000;

/** worthChasing without the memo; `bareName` when the value sits under a bare `name` key. */
function decide(type: string, value: string, bareName: boolean): boolean {
  const v = value.trim();
  if (v.length < MIN_CHASED_LENGTH || isPlaceholder(v) || !/[\p{L}\p{N}]/u.test(v)) return false;
  if (v.length <= MAX_NO_VALUE_LENGTH && NO_VALUE.has(v.toLowerCase())) return false;
  if (bareName) return looksLikePersonName(v);
  // Only letters can spell words of the language: an email, a phone number or an id is chased at once
  // (this runs for every value under a sensitive key of an import).
  if (type !== 'SECRET' && WORDS_ONLY.test(v) && onlyOrdinaryWords(v)) return type === 'PERSON' && hasKnownName(v);
  return true;
}
