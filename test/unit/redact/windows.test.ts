import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDetector, DEFAULT_CHUNKING, detectInWindows } from '../../../core/redact/detect.js';
import { createRedactor, parseRedactionConfig, Pseudonymizer } from '../../../core/redact/index.js';
import type { Finding } from '../../../core/redact/types.js';
import { piiCorpusPath } from '../../helpers/fixtures.js';

const have = existsSync(piiCorpusPath);
if (!have) process.stderr.write(`\n!!! SKIPPING windowed detection on the PII corpus: ${piiCorpusPath} is missing !!!\n\n`);

const config = parseRedactionConfig({});
const key = (f: Finding): string => `${f.start}-${f.end}:${f.type}`;

describe('huge strings are detected window by window', () => {
  it.skipIf(!have)('on the whole PII corpus as one string, windows find what one pass finds, minus far-away name echoes', () => {
    const text = readFileSync(piiCorpusPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text)
      .join('\n');
    const whole = createDetector(config, { chunkChars: 10_000_000, marginChars: 0 }).detect(text);
    const windows = createDetector(config, { chunkChars: 3_000, marginChars: DEFAULT_CHUNKING.marginChars }).detect(text);
    expect(whole.length).toBeGreaterThan(1_300);
    const inWindows = new Set(windows.map(key));
    const inWhole = new Set(whole.map(key));
    expect(windows.filter((f) => !inWhole.has(key(f)))).toEqual([]);
    // One pass over 1,334 unrelated records lets a name found in one record mark the same word in records
    // far away ("Norway" after a "Norway" judged a name): those echoes (score 0.6) are all it finds more.
    const onlyWhole = whole.filter((f) => !inWindows.has(key(f)));
    expect(onlyWhole.length).toBeLessThan(40);
    expect(onlyWhole.every((f) => f.type === 'PERSON' && f.score === 0.6)).toBe(true);
  });

  it('a finding across a window boundary is masked whole, once', () => {
    const prose = 'The courier left the parcel at the front desk on Tuesday morning. '.repeat(14);
    const pem = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(60).match(/.{1,64}/g)?.join('\n')}\n-----END PRIVATE KEY-----`;
    const text = `${prose}Reach Maria Rossi at maria.rossi@example.org.\n${prose}${pem}\n${prose}Token https://api.example.com/v1/export?access_token=9f8e7d6c5b4a39281706f5e4d3c2b1a0 done.\n${prose}`;
    const whole = createDetector(config).detect(text);
    expect(whole.map((f) => f.type)).toEqual(['PERSON', 'EMAIL', 'SECRET', 'URL', 'SECRET']);
    expect((whole[2] as Finding).end - (whole[2] as Finding).start).toBe(pem.length);
    // Windows of 500 characters: the 3.3 KB key block spans several of them.
    const windows = createDetector(config, { chunkChars: 500, marginChars: 4_096 }).detect(text);
    expect(windows.map(key)).toEqual(whole.map(key));
  });

  it('judges lower-case names on the whole string: a window of lower-case lines in a text with capitals is not "no capitals"', () => {
    // A promoted case file: a tool result of lower-case log lines, then the YAML of the next message.
    const log = '  debug: cache miss, retrying lookup in 20 ms\n'.repeat(400);
    const text = `Order NW-1 for Anna Lee:\n${log}          name: lookup\n          tool_call_id: c1\n`;
    const whole = createDetector(config, { chunkChars: 10_000_000, marginChars: 0 }).detect(text);
    const windows = createDetector(config, { chunkChars: 3_000, marginChars: 1_000 }).detect(text);
    expect(whole.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([['PERSON', 'Anna Lee']]);
    expect(windows.map(key)).toEqual(whole.map(key));
    // The same lines with no capital anywhere: "name: lookup" reads as a lower-case name either way.
    const lower = text.replace('Order NW-1 for Anna Lee:', 'order 1:');
    const wholeLower = createDetector(config, { chunkChars: 10_000_000, marginChars: 0 }).detect(lower);
    expect(wholeLower.map((f) => [f.type, lower.slice(f.start, f.end)])).toEqual([['PERSON', 'lookup']]);
    expect(createDetector(config, { chunkChars: 3_000, marginChars: 1_000 }).detect(lower).map(key)).toEqual(wholeLower.map(key));
  });

  it('each window is detected on a slice no longer than the window and its two margins', () => {
    const line = 'Call +44 20 7946 0958 or write to ops@example.org about invoice 4411. ';
    const text = line.repeat(2_000);
    const slices: number[] = [];
    const detectOne = (t: string): readonly Finding[] => {
      slices.push(t.length);
      return createDetector(config, { chunkChars: 10_000_000, marginChars: 0 }).detectShared(t);
    };
    const found = detectInWindows(text, { chunkChars: 10_000, marginChars: 1_000 }, detectOne);
    expect(slices.length).toBeGreaterThanOrEqual(14);
    expect(Math.max(...slices)).toBeLessThanOrEqual(12_000);
    // Every phone and email once, in order, none overlapping.
    expect(found.filter((f) => f.type === 'PHONE')).toHaveLength(2_000);
    expect(found.filter((f) => f.type === 'EMAIL')).toHaveLength(2_000);
    for (let i = 1; i < found.length; i++) expect((found[i] as Finding).start).toBeGreaterThanOrEqual((found[i - 1] as Finding).end);
  });

  it('a 3 MB tool output is redacted with the same placeholders as its parts', () => {
    const row = (i: number): string => `{"name":"Customer ${i}","phone":"+44 20 7946 ${String(1000 + (i % 50)).padStart(4, '0')}"}`;
    const text = Array.from({ length: 60_000 }, (_, i) => row(i)).join('\n');
    expect(text.length).toBeGreaterThan(DEFAULT_CHUNKING.chunkChars);
    const out = createRedactor().redactText(text, new Pseudonymizer((s) => s));
    expect(out).not.toMatch(/\+44 20/);
    // 50 distinct numbers, numbered in order of appearance across every window.
    expect(new Set(out.match(/<PHONE_\d+>/g))).toHaveLength(50);
    expect(out.split('\n')[51]).toContain('<PHONE_2>');
  });
});
