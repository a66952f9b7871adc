/**
 * Shared vocabulary of the redactor: entity types and findings.
 * Pure: no I/O.
 */

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
  'NATIONAL_ID',
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
  /** The key this is the value of, when a sensitive key in text found it: it is chased like a JSON key's value. */
  key?: string;
}

