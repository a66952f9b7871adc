import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { belowBars, createRedactor, formatScoreTable, QUALITY_BARS, type LabeledRecord } from '../../../core/redact/index.js';
import { piiCorpusPath } from '../../helpers/fixtures.js';

const have = existsSync(piiCorpusPath);
if (!have) process.stderr.write(`\n!!! SKIPPING PII corpus score: ${piiCorpusPath} is missing !!!\n\n`);

describe.skipIf(!have)('redactor scored on ../shared/fixtures/pii/dev.jsonl', () => {
  const records: LabeledRecord[] = have
    ? readFileSync(piiCorpusPath, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as LabeledRecord)
    : [];
  const report = createRedactor().scoreCorpus(records);

  it("holds the redactor to issue 3's bars (pinned here, so lowering one in the code fails)", () => {
    expect(QUALITY_BARS.recall).toEqual({
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
    });
  });

  it('reads every record of the corpus', () => {
    expect(report.records).toBe(1334);
    expect(report.perType.PERSON?.labeled).toBe(598);
    expect(report.perType.ADDRESS?.labeled).toBe(397);
  });

  for (const [type, min] of Object.entries(QUALITY_BARS.recall)) {
    it(`recall for ${type} is at least ${min}`, () => {
      const s = report.perType[type];
      expect(s, `no ${type} spans scored`).toBeDefined();
      expect(s?.recall ?? 0, formatScoreTable(report)).toBeGreaterThanOrEqual(min);
    });
  }

  it('overall precision is at least 0.90 and overall F2 at least 0.92', () => {
    expect(QUALITY_BARS.precision).toBe(0.9);
    expect(QUALITY_BARS.f2).toBe(0.92);
    expect(report.overall.precision, formatScoreTable(report)).toBeGreaterThanOrEqual(0.9);
    expect(report.overall.f2, formatScoreTable(report)).toBeGreaterThanOrEqual(0.92);
    expect(belowBars(report)).toEqual([]);
  });
});

describe('belowBars', () => {
  it('names each figure under its bar, and skips types the corpus does not label', () => {
    const records: LabeledRecord[] = [
      // Found: an email and a phone.
      { text: 'Mail jane.doe@example.org or call +44 20 7946 0958.', spans: [{ start: 5, end: 25, type: 'EMAIL' }, { start: 34, end: 50, type: 'PHONE' }] },
      // Missed: a "phone" no recognizer can know, and a false positive on an unlabeled email.
      { text: 'Extension seven-seven-two, or write to ops@example.org', spans: [{ start: 10, end: 25, type: 'PHONE' }] },
    ];
    const report = createRedactor().scoreCorpus(records);
    expect(report.perType.PHONE?.recall).toBe(0.5);
    expect(belowBars(report)).toEqual([
      'recall of PHONE 0.500 is below 0.98',
      'overall precision 0.667 is below 0.9',
      'overall F2 0.667 is below 0.92',
    ]);
  });
});
