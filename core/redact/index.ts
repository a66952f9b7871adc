/**
 * On-device PII redaction: public API of core/redact (pure: no node:* imports, no I/O).
 */
export { createRedactor, leakScan, scoreCorpus, type LeakHit, type RedactOptions, type Redactor } from './redactor.js';
export {
  RedactionConfig,
  RedactionConfigError,
  CustomPattern,
  parseRedactionConfig,
  regexProblem,
  listFileEntries,
  denyValueProblem,
  MAX_LIST_FILE_BYTES,
  type ListFile,
  type RedactionConfigInput,
} from './config.js';
export { createKeyedHash } from './keyed-hash.js';
export { Pseudonymizer, isPlaceholder, normalizeValue, PLACEHOLDER_IN_TEXT, type KeyedHash, PseudonymizerState } from './pseudonymizer.js';
export { countsMostFirst, RedactionReport, type FieldClass, type RedactionReportJson } from './report.js';
export { belowBars, formatScoreErrors, formatScoreTable, matchRecord, f2, QUALITY_BARS, type LabeledRecord, type LabeledSpan, type ScoreError, type ScoreOptions, type ScoreReport, type TypeScore } from './score.js';
export { ENTITY_TYPES, type EntityType, type Finding } from './types.js';
export { storedId, storedIds, type IdKind, type StoredId } from './stored-id.js';
export { sameOrCopy } from './copy-on-write.js';
export { worthChasing } from './chase.js';
