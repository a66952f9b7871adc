import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexText, type KeywordGroup } from '../../../core/redact/recognizers/text-index.js';
import { piiCorpusPath } from '../../helpers/fixtures.js';

const GROUPS: KeywordGroup[] = ['secret', 'birth', 'account', 'zip', 'www', 'iban', 'corner'];

/** The groups `text` has, by the index's keyword scan. */
function groupsOf(text: string): KeywordGroup[] {
  const ix = indexText(text);
  return GROUPS.filter((g) => ix.has(g));
}

describe('text index keyword groups', () => {
  it('records the runs of token characters long enough to hold a provider key, and only those', () => {
    const text = 'key xoxb-BUQ4fk1CHlC in path/to/some_file.py and short_words here: sk-proj-abc=def+ghi/123';
    const runs = indexText(text).longRuns;
    const spans: string[] = [];
    for (let r = 0; r < runs.length; r += 2) spans.push(text.slice(runs[r], runs[r + 1]));
    // Slack's xox… tokens, the shortest format, are 15 characters: an 11-character run ("short_words") is not kept.
    expect(spans).toEqual(['xoxb-BUQ4fk1CHlC', 'path/to/some_file.py', 'sk-proj-abc=def+ghi/123']);
  });
  it('finds keywords in any case, anywhere, inside longer words and across punctuation', () => {
    expect(groupsOf('Your PASSWORD was reset')).toEqual(['secret']);
    expect(groupsOf('D.O.B. 1990-02-03')).toEqual(['birth']);
    expect(groupsOf('Sort Code 12-34-56, A/C 12345678')).toEqual(['account']);
    expect(groupsOf('zip')).toEqual(['zip']);
    expect(groupsOf('visit WWW.example.com')).toEqual(['www']);
    expect(groupsOf('the corner of 5th and Main')).toEqual(['corner']);
    expect(groupsOf('iban')).toEqual(['iban']);
    // "postal" holds "post" (zip) and "account" holds "acc": substrings count, as in the lower-cased regex.
    expect(groupsOf('postal account')).toEqual(['account', 'zip']);
    expect(groupsOf('monkey')).toEqual(['secret']);
  });

  it('finds nothing in texts without keywords, short ones included', () => {
    expect(groupsOf('')).toEqual([]);
    expect(groupsOf('ke')).toEqual([]);
    expect(groupsOf('The order shipped on Tuesday.')).toEqual([]);
    // A keyword cut off by the end of the text is not there.
    expect(groupsOf('the pas')).toEqual([]);
    expect(groupsOf('sort cod')).toEqual([]);
  });

  it('sees keywords that only lower-casing outside ASCII reveals, and the non-ASCII ones', () => {
    // U+212A KELVIN SIGN lower-cases to "k".
    expect(groupsOf('\u212Aey rotated')).toEqual(['secret']);
    expect(groupsOf('Date de naissance : 3 mai 1990')).toEqual(['birth']);
    expect(groupsOf('Né le 3 mai')).toEqual(['birth']);
  });

  const have = existsSync(piiCorpusPath);
  if (!have) process.stderr.write(`\n!!! SKIPPING keyword scan agreement on the PII corpus: ${piiCorpusPath} is missing !!!\n\n`);
  it.skipIf(!have)('the ASCII scan agrees with the lower-cased alternation on every text of the PII corpus', () => {
    const texts = readFileSync(piiCorpusPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    let ascii = 0;
    let withKeywords = 0;
    for (const t of texts) {
      // A trailing " é" makes the text non-ASCII (the alternation path) without adding a keyword.
      const viaRegex = groupsOf(`${t} é`);
      expect(groupsOf(t), t).toEqual(viaRegex);
      if (!/[^\x00-\x7f]/.test(t)) ascii++;
      if (viaRegex.length > 0) withKeywords++;
    }
    // Both paths were exercised on many texts, with and without keywords.
    expect(ascii).toBeGreaterThan(texts.length / 2);
    expect(withKeywords).toBeGreaterThan(100);
    expect(texts.length - withKeywords).toBeGreaterThan(100);
  });
});
