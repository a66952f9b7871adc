/**
 * The keyed hash behind placeholders: HMAC-SHA-256 (RFC 2104 over FIPS 180-4) of a value's UTF-8 bytes,
 * as the first 32 hex characters. The output is exactly node:crypto's
 * `createHmac('sha256', key).update(text).digest('hex').slice(0, 32)` (stored placeholder states depend
 * on it; a test compares the two on thousands of strings).
 *
 * Written here rather than called through node:crypto because an import hashes every new value once,
 * tens of thousands per 10 MB: each createHmac call builds a native object with a finalizer, about 7 µs
 * apiece inside an import (and more collector work). This keeps the key's inner and outer states
 * (HMAC's first block of each) and one reused buffer, so a short value costs two block compressions.
 */
import type { KeyedHash } from './pseudonymizer.js';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;
/** Values up to this many UTF-16 units are encoded into the reused buffer; longer ones get their own. */
const REUSED_CHARS = 4096;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The message schedule, shared: compression never re-enters. */
const W = new Int32Array(64);

/** SHA-256's compression of the 64-byte block at `off` of `buf` into `state`. */
function compress(state: Int32Array, buf: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + 4 * i;
    W[i] = ((buf[j] as number) << 24) | ((buf[j + 1] as number) << 16) | ((buf[j + 2] as number) << 8) | (buf[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15] as number;
    const b = W[i - 2] as number;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (W[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/**
 * Pads the `n` message bytes at the start of `buf` (which follow `before` bytes already compressed) as
 * SHA-256 requires, and returns the padded length: a multiple of 64. `buf` must have room for it.
 */
function pad(buf: Uint8Array, n: number, before: number): number {
  const padded = (n + 9 + BLOCK - 1) & ~(BLOCK - 1);
  buf.fill(0, n, padded);
  buf[n] = 0x80;
  const bits = (before + n) * 8;
  const high = Math.floor(bits / 0x100000000);
  buf[padded - 8] = high >>> 24;
  buf[padded - 7] = high >>> 16;
  buf[padded - 6] = high >>> 8;
  buf[padded - 5] = high;
  buf[padded - 4] = bits >>> 24;
  buf[padded - 3] = bits >>> 16;
  buf[padded - 2] = bits >>> 8;
  buf[padded - 1] = bits;
  return padded;
}

/** The keyed hash for `key` (see the module comment); `hexChars` of the digest are kept (at most 64). */
export function createKeyedHash(key: Uint8Array, hexChars = 32): KeyedHash {
  // Keys longer than a block are hashed first (RFC 2104); ours are 32 bytes.
  let k0 = new Uint8Array(BLOCK);
  if (key.length > BLOCK) {
    const st = new Int32Array(IV);
    const buf = new Uint8Array(key.length + 2 * BLOCK);
    buf.set(key);
    const padded = pad(buf, key.length, 0);
    for (let off = 0; off < padded; off += BLOCK) compress(st, buf, off);
    k0 = new Uint8Array(BLOCK);
    for (let i = 0; i < 8; i++) writeWord(k0, 4 * i, st[i] as number);
  } else k0.set(key);
  const ipad = new Uint8Array(BLOCK);
  const opad = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    ipad[i] = (k0[i] as number) ^ 0x36;
    opad[i] = (k0[i] as number) ^ 0x5c;
  }
  const innerStart = new Int32Array(IV);
  compress(innerStart, ipad, 0);
  const outerStart = new Int32Array(IV);
  compress(outerStart, opad, 0);

  const encoder = new TextEncoder();
  // UTF-8 takes at most 3 bytes per UTF-16 unit; room for the padding besides.
  const reused = new Uint8Array(REUSED_CHARS * 3 + 2 * BLOCK);
  const state = new Int32Array(8);
  const outerBlock = new Uint8Array(BLOCK);
  const digestChars = Math.max(0, Math.min(64, hexChars));

  return (text: string): string => {
    const buf = text.length <= REUSED_CHARS ? reused : new Uint8Array(text.length * 3 + 2 * BLOCK);
    const n = encoder.encodeInto(text, buf).written;
    const padded = pad(buf, n, BLOCK);
    state.set(innerStart);
    for (let off = 0; off < padded; off += BLOCK) compress(state, buf, off);
    // The outer hash: the inner digest (32 bytes) after the key's outer block.
    for (let i = 0; i < 8; i++) writeWord(outerBlock, 4 * i, state[i] as number);
    pad(outerBlock, 32, BLOCK);
    state.set(outerStart);
    compress(state, outerBlock, 0);
    let out = '';
    for (let i = 0; i < 8 && out.length < digestChars; i++) {
      const w = state[i] as number;
      out += (HEX[(w >>> 24) & 255] as string) + (HEX[(w >>> 16) & 255] as string) + (HEX[(w >>> 8) & 255] as string) + (HEX[w & 255] as string);
    }
    return out.slice(0, digestChars);
  };
}

function writeWord(buf: Uint8Array, off: number, w: number): void {
  buf[off] = w >>> 24;
  buf[off + 1] = w >>> 16;
  buf[off + 2] = w >>> 8;
  buf[off + 3] = w;
}
