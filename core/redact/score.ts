/**
 * Scores a redactor against a labeled corpus (the format of ../shared/fixtures/pii/dev.jsonl).
 *
 * Matching rules (issue 3): a labeled span counts as found when masked ranges cover at least 90% of its
 * characters, whatever type the mask carries; a masked range is a false positive when less than half of
 * it overlaps labeled spans; a range overlapping mostly OTHER spans is neutral, and OTHER spans are never
 * counted as missed.
 */
import type { Detector } from './detect.js';
import type { Finding } from './types.js';

export interface LabeledSpan {
  start: number;
  end: number;
  type: string;
}
export interface LabeledRecord {
  id?: string;
  text: string;
  spans: LabeledSpan[];
}

export interface TypeScore {
  /** Labeled spans of this type. */
  labeled: number;
  /** Labeled spans of this type found (>= 90% covered). */
  found: number;
  /** Masked ranges the redactor typed as this type (neutral ones excluded). */
  predicted: number;
  /** Predicted ranges that overlap labeled PII by at least half. */
  truePositive: number;
  falsePositive: number;
  precision: number;
  recall: number;
  f2: number;
}

export interface ScoreReport {
  perType: Record<string, TypeScore>;
  overall: TypeScore;
  records: number;
  /** Each missed span and false positive, in corpus order, when asked for (ScoreOptions.errors). */
  errors?: ScoreError[];
}

/** One error of the redactor on a labeled record: a labeled span it missed, or a range it masked wrongly. */
export interface ScoreError {
  kind: 'missed' | 'falsePositive';
  /** The labeled type (missed) or the masked type (false positive). */
  type: string;
  /** The record's id, or its 1-based position in the corpus when it has none. */
  record: string;
  start: number;
  end: number;
  /** The record's text from `start` to `end`. */
  value: string;
  /** Up to 40 characters before and after the value. */
  before: string;
  after: string;
}

export interface ScoreOptions {
  /** Collect every missed span and false positive into ScoreReport.errors. */
  errors?: boolean;
}

const ERROR_CONTEXT = 40;

function scoreError(kind: ScoreError['kind'], r: LabeledRecord, n: number, x: { start: number; end: number; type: string }): ScoreError {
  return {
    kind,
    type: x.type,
    record: r.id ?? String(n),
    start: x.start,
    end: x.end,
    value: r.text.slice(x.start, x.end),
    before: r.text.slice(Math.max(0, x.start - ERROR_CONTEXT), x.start),
    after: r.text.slice(x.end, x.end + ERROR_CONTEXT),
  };
}

/** F-beta with beta = 2 (recall weighted four times as much as precision). */
export function f2(precision: number, recall: number): number {
  const d = 4 * precision + recall;
  return d === 0 ? 0 : (5 * precision * recall) / d;
}

function emptyScore(): TypeScore {
  return { labeled: 0, found: 0, predicted: 0, truePositive: 0, falsePositive: 0, precision: 1, recall: 1, f2: 1 };
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Per-record matching, exposed so the CLI can show misses. */
export function matchRecord(
  record: LabeledRecord,
  masked: Finding[],
): { missed: LabeledSpan[]; falsePositives: Finding[]; found: LabeledSpan[]; truePositives: Finding[]; neutral: Finding[] } {
  const missed: LabeledSpan[] = [];
  const found: LabeledSpan[] = [];
  for (const s of record.spans) {
    if (s.type === 'OTHER') continue;
    let covered = 0;
    for (const m of masked) covered += overlap(s, m);
    if (covered >= 0.9 * (s.end - s.start)) found.push(s);
    else missed.push(s);
  }
  const falsePositives: Finding[] = [];
  const truePositives: Finding[] = [];
  const neutral: Finding[] = [];
  for (const m of masked) {
    let pii = 0;
    let any = 0;
    for (const s of record.spans) {
      const o = overlap(s, m);
      any += o;
      if (s.type !== 'OTHER') pii += o;
    }
    const half = (m.end - m.start) / 2;
    if (pii >= half) truePositives.push(m);
    else if (any >= half) neutral.push(m);
    else falsePositives.push(m);
  }
  return { missed, falsePositives, found, truePositives, neutral };
}

/** Runs `detector` over every record and returns per-type and overall precision, recall and F2. */
export function scoreRecords(records: Iterable<LabeledRecord>, detector: Detector, options: ScoreOptions = {}): ScoreReport {
  const errors: ScoreError[] | undefined = options.errors === true ? [] : undefined;
  const perType: Record<string, TypeScore> = {};
  const overall = emptyScore();
  const get = (t: string): TypeScore => (perType[t] ??= emptyScore());
  let n = 0;
  for (const r of records) {
    n++;
    const masked = detector.detect(r.text);
    const res = matchRecord(r, masked);
    for (const s of res.found) {
      get(s.type).labeled++;
      get(s.type).found++;
    }
    for (const s of res.missed) get(s.type).labeled++;
    for (const m of res.truePositives) {
      get(m.type).predicted++;
      get(m.type).truePositive++;
    }
    for (const m of res.falsePositives) {
      get(m.type).predicted++;
      get(m.type).falsePositive++;
    }
    if (errors !== undefined) {
      const all = [...res.missed.map((x) => scoreError('missed', r, n, x)), ...res.falsePositives.map((x) => scoreError('falsePositive', r, n, x))];
      errors.push(...all.sort((a, b) => a.start - b.start));
    }
  }
  for (const s of Object.values(perType)) {
    overall.labeled += s.labeled;
    overall.found += s.found;
    overall.predicted += s.predicted;
    overall.truePositive += s.truePositive;
    overall.falsePositive += s.falsePositive;
  }
  for (const s of [...Object.values(perType), overall]) {
    s.precision = s.predicted === 0 ? 1 : s.truePositive / s.predicted;
    s.recall = s.labeled === 0 ? 1 : s.found / s.labeled;
    s.f2 = f2(s.precision, s.recall);
  }
  return errors !== undefined ? { perType, overall, records: n, errors } : { perType, overall, records: n };
}

/** The bars the redactor is held to (issue 3): recall per type, overall precision and overall F2. */
export const QUALITY_BARS = {
  recall: {
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
  } as Readonly<Record<string, number>>,
  precision: 0.9,
  f2: 0.92,
} as const;

/**
 * The figures of a report below QUALITY_BARS, one line each ("recall of PHONE 0.950 is below 0.98").
 * A type the corpus does not label is not held to its bar: a team's corpus need not have every type.
 */
export function belowBars(report: ScoreReport): string[] {
  const out: string[] = [];
  for (const [type, min] of Object.entries(QUALITY_BARS.recall)) {
    const s = report.perType[type];
    if (s !== undefined && s.labeled > 0 && s.recall < min) out.push(`recall of ${type} ${s.recall.toFixed(3)} is below ${min}`);
  }
  if (report.overall.precision < QUALITY_BARS.precision) out.push(`overall precision ${report.overall.precision.toFixed(3)} is below ${QUALITY_BARS.precision}`);
  if (report.overall.f2 < QUALITY_BARS.f2) out.push(`overall F2 ${report.overall.f2.toFixed(3)} is below ${QUALITY_BARS.f2}`);
  return out;
}

/** Renders a score report as a Markdown table (types sorted by name, overall last). */
export function formatScoreTable(report: ScoreReport): string {
  const pct = (x: number): string => x.toFixed(3);
  const rows = Object.entries(report.perType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, s]) => `| ${t} | ${s.labeled} | ${s.found} | ${s.predicted} | ${s.falsePositive} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f2)} |`);
  const o = report.overall;
  return [
    '| type | labeled | found | masked | false pos. | precision | recall | F2 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **overall** | ${o.labeled} | ${o.found} | ${o.predicted} | ${o.falsePositive} | ${pct(o.precision)} | ${pct(o.recall)} | ${pct(o.f2)} |`,
  ].join('\n');
}

/**
 * Missed spans and false positives as text, one per line under two headings: type, record, and the value
 * marked [[like this]] in its context (JSON-escaped, so line breaks stay on one line).
 */
export function formatScoreErrors(errors: readonly ScoreError[]): string {
  const line = (e: ScoreError): string => `  ${e.type.padEnd(14)} ${e.record}  ${JSON.stringify(`${e.before}[[${e.value}]]${e.after}`)}`;
  const missed = errors.filter((e) => e.kind === 'missed');
  const wrong = errors.filter((e) => e.kind === 'falsePositive');
  return [`missed (${missed.length}):`, ...missed.map(line), `false positives (${wrong.length}):`, ...wrong.map(line)].join('\n');
}
