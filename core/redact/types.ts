/**
 * Shared vocabulary of the redactor: entity types, findings and the recognizer contract.
 * Pure: no I/O.
 */
import type { TextIndex } from './recognizers/text-index.js';

/** The entity types the product masks (custom patterns may add their own upper-case types). */
export const ENTITY_TYPES = [
  'EMAIL',
  'PHONE',
  'PERSON',
  'CREDIT_CARD',
  'IBAN',
  'ACCOUNT_NUMBER',
  'ADDRESS',
  'IP_ADDRESS',
  'SSN',
  'DATE_OF_BIRTH',
  'SECRET',
  'URL',
] as const;
export type BuiltinEntityType = (typeof ENTITY_TYPES)[number];
/** A built-in type or a custom pattern's type (upper snake case). */
export type EntityType = BuiltinEntityType | (string & {});

/** A range of text a recognizer wants masked. `score` orders overlapping findings (higher wins). */
export interface Finding {
  start: number;
  end: number;
  type: EntityType;
  score: number;
}

/**
 * A recognizer pushes its findings in a text; it must run in linear time. `index` is the shared first
 * pass over the text (digit runs, capital starts, counts): recognizers start from its candidates.
 */
export type Recognizer = (text: string, out: Finding[], index: TextIndex) => void;
