import { describe, expect, it } from 'vitest';
import { detectionView, foldCode, foldText } from '../../../core/redact/fold.js';

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

describe('detectionView', () => {
  it('drops invisible characters and maps each offset back to the original', () => {
    const s = '\ufeffjane\u200b@ex\u00adample.com';
    const v = detectionView(s);
    expect(v.text).toBe('jane@example.com');
    // Every character of the view sits at its own place in the original, and the end maps to the end.
    expect([...v.text].every((ch, i) => s[v.at?.[i] ?? -1] === ch)).toBe(true);
    expect(v.at?.[v.text.length]).toBe(s.length);
  });
  it('turns a written-out escape into a space and its control character, two for two', () => {
    expect(detectionView('a\\nB\\tc\\\\x')).toEqual({ text: 'a \nB \tc\\\\x', at: null });
  });
  it('keeps offsets as they are when it only folds', () => {
    expect(detectionView('555\u20110100')).toEqual({ text: '555-0100', at: null });
    expect(detectionView('plain')).toEqual({ text: 'plain', at: null });
  });
});
