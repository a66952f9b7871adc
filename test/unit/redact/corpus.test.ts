import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRedactor, formatScoreTable, type LabeledRecord } from '../../../core/redact/index.js';
import { piiCorpusPath } from '../../helpers/fixtures.js';

const have = existsSync(piiCorpusPath);
if (!have) process.stderr.write(`\n!!! SKIPPING PII corpus score: ${piiCorpusPath} is missing !!!\n\n`);

/** Issue 3's thresholds: recall per type, overall precision and F2. */
const RECALL: Record<string, number> = {
  EMAIL: 0.98,
  CREDIT_CARD: 0.98,
  IBAN: 0.98,
  SSN: 0.98,
  IP_ADDRESS: 0.98,
  PHONE: 0.98,
  SECRET: 0.95,
  URL: 0.95,
  PERSON: 0.9,
  ADDRESS: 0.9,
  DATE_OF_BIRTH: 0.9,
};

describe.skipIf(!have)('redactor scored on ../shared/fixtures/pii/dev.jsonl', () => {
  const records: LabeledRecord[] = have
    ? readFileSync(piiCorpusPath, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as LabeledRecord)
    : [];
  const report = createRedactor().scoreCorpus(records);

  it('reads every record of the corpus', () => {
    expect(report.records).toBe(1334);
    expect(report.perType.PERSON?.labeled).toBe(598);
    expect(report.perType.ADDRESS?.labeled).toBe(397);
  });

  for (const [type, min] of Object.entries(RECALL)) {
    it(`recall for ${type} is at least ${min}`, () => {
      const s = report.perType[type];
      expect(s, `no ${type} spans scored`).toBeDefined();
      expect(s?.recall ?? 0, formatScoreTable(report)).toBeGreaterThanOrEqual(min);
    });
  }

  it('overall precision is at least 0.90 and overall F2 at least 0.92', () => {
    expect(report.overall.precision, formatScoreTable(report)).toBeGreaterThanOrEqual(0.9);
    expect(report.overall.f2, formatScoreTable(report)).toBeGreaterThanOrEqual(0.92);
  });
});
