/**
 * Stable case ids: the same failure mode on the same input shape (intent, tool sequence, normalized
 * request) always gets the same id, so a recurrence appends to the case's history. Pure.
 */
import { sha256Hex } from '../failures/hash.js';
import { trimEndOf } from '../model/regex-safety.js';

/**
 * The shape of a request: placeholders reduced to their type (`<EMAIL_2>` → `<email>`: pseudonym numbers
 * differ per conversation), numbers to `#`, case-folded, punctuation at the ends and repeated
 * whitespace dropped.
 */
export function normalizeRequest(text: string): string {
  const shape = text
    .normalize('NFKC')
    .replace(/<([A-Za-z][A-Za-z0-9_]*?)_\d+>/g, (_m, type: string) => `<${type.toLowerCase()}>`)
    .toLowerCase()
    .replace(/\d+(?:[.,]\d+)*/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s.,;:!?¡¿"'`]+/, '');
  return trimEndOf(shape, /[\s.,;:!?"'`]/);
}

/** `c_` + 12 hex digits of the hash of (failure mode, intent, tool sequence, normalized request). */
export function caseId(failureMode: string, intent: string, toolSequence: readonly string[], normalizedRequest: string): string {
  // Normalizing again is a no-op for normalized text and protects callers that pass raw text.
  const shape = JSON.stringify([failureMode, intent, toolSequence.join('>'), normalizeRequest(normalizedRequest)]);
  return `c_${sha256Hex(shape).slice(0, 12)}`;
}
