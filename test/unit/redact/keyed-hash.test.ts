import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyedHash } from '../../../core/redact/index.js';

/** What the import used before createKeyedHash, and what stored placeholder states were keyed with. */
const nodeHmac = (key: Uint8Array, text: string, chars = 32): string => createHmac('sha256', key).update(text).digest('hex').slice(0, chars);

/** Deterministic strings of every kind a value can be: ASCII, accents, CJK, emoji (surrogate pairs), lone surrogates. */
function samples(): string[] {
  let seed = 11;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pieces = ['a', 'Z', '7', ' ', '@', '.', 'é', 'ß', 'Ж', '中', '文', '😀', '👩‍💻', '\u0000', '\n', '\uD800', '\uDFFF', '"', '\\'];
  const out: string[] = [''];
  // Every length around the block and padding boundaries (55, 56, 63, 64, 119, 120 bytes...).
  for (let len = 1; len <= 300; len++) out.push('x'.repeat(len));
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const len = next(i % 10 === 0 ? 2000 : 80);
    for (let j = 0; j < len; j++) s += pieces[next(pieces.length)];
    out.push(s);
  }
  return out;
}

describe('createKeyedHash', () => {
  it("equals node:crypto's HMAC-SHA-256 on 3,300 strings of every length and script, lone surrogates included", () => {
    const key = randomBytes(32);
    const hash = createKeyedHash(key);
    const all = samples();
    for (const s of all) expect(hash(s), JSON.stringify(s.slice(0, 40))).toBe(nodeHmac(key, s));
  });

  it('matches the RFC 4231 test vectors (keys shorter and longer than a block)', () => {
    // Test case 2: key "Jefe".
    expect(createKeyedHash(new TextEncoder().encode('Jefe'), 64)('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    // Test case 6: a 131-byte key, hashed first.
    expect(createKeyedHash(new Uint8Array(131).fill(0xaa), 64)('Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('hashes values longer than its reused buffer, and stays right afterwards', () => {
    const key = randomBytes(32);
    const hash = createKeyedHash(key);
    const long = 'Ünïcödé 😀 '.repeat(20_000);
    expect(hash(long)).toBe(nodeHmac(key, long));
    expect(hash('after')).toBe(nodeHmac(key, 'after'));
  });
});
