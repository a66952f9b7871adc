/**
 * The leak scan of cases before they are written (design.md invariant 3), reported per case and field
 * so the user can find and fix the value: "case c_… field input.messages[0].content: EMAIL". Pure.
 */
import { leakScan } from '../redact/index.js';
import type { Json } from '../model/trace.js';
import type { Case } from './case.js';

/** One possible PII value found in a case. */
export interface CaseLeak {
  caseId: string;
  /** Path inside the case, e.g. `input.messages[0].content`. */
  field: string;
  type: string;
}

/** Leak-scan each case; empty when every case is clean. */
export function findCaseLeaks(cases: readonly Case[]): CaseLeak[] {
  const out: CaseLeak[] = [];
  for (const c of cases) {
    for (const hit of leakScan(c as unknown as Json)) out.push({ caseId: c.case_id, field: hit.path || '(root)', type: hit.type });
  }
  return out;
}

/** A message naming the first leaks by case and field, for the error that blocks the write. */
export function describeLeaks(leaks: readonly CaseLeak[], file: string): string {
  const shown = leaks.slice(0, 5).map((l) => `case ${l.caseId} field ${l.field}: possible ${l.type}`);
  const more = leaks.length > shown.length ? `; and ${leaks.length - shown.length} more` : '';
  return `refused to write ${file}: the leak scan found ${leaks.length} possible PII value(s): ${shown.join('; ')}${more}. Nothing was written; fix the redaction (or the hand edit) and run again.`;
}
