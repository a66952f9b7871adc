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

/**
 * Whether a value masked as `type` under `key` is chased through its record. Not a placeholder, a filler
 * ("none", "unknown", "same", "N/A", "-") or, but for a secret, words of the language only: chasing
 * `{"phone": "unknown"}` masked every "unknown" of the conversation. A password that is a word
 * ("sunshine") is still chased: the recognizers would not find it in "my password is sunshine". A bare
 * `name` is anyone's or anything's (a product, a span event, a tool): it is chased only when it reads as
 * a person's name. `key` is undefined for a field that names a person by what it is (a user message's name).
 */
export function worthChasing(type: string, value: string, key: string | undefined): boolean {
  const v = value.trim();
  if (v.length < MIN_CHASED_LENGTH || isPlaceholder(v) || !/[\p{L}\p{N}]/u.test(v)) return false;
  if (NO_VALUE.has(v.toLowerCase())) return false;
  if (type === 'PERSON' && key !== undefined && isBareNameKey(key)) return looksLikePersonName(v);
  if (type !== 'SECRET' && onlyOrdinaryWords(v)) return type === 'PERSON' && hasKnownName(v);
  return true;
}
