import { describe, expect, it } from 'vitest';
import { foldCode, foldText } from '../../../core/redact/fold.js';

describe('foldText', () => {
  it('folds look-alikes one unit for one, so offsets carry over', () => {
    const s = '０３－１２３４\u00a0555\u20110100 – ok';
    const f = foldText(s);
    expect(f).toBe('03-1234 555-0100 - ok');
    expect(f).toHaveLength(s.length);
  });
  it('returns the same string when there is nothing to fold, and leaves other scripts alone', () => {
    const s = 'Grüße aus Köln — 東京 – done';
    expect(foldText('plain ascii 415-555-0100')).toBe('plain ascii 415-555-0100');
    // The em dash is punctuation between clauses, not a separator inside a number: it stays.
    expect(foldText(s)).toBe('Grüße aus Köln — 東京 - done');
    expect(foldCode('—'.charCodeAt(0))).toBe('—'.charCodeAt(0));
  });
});
