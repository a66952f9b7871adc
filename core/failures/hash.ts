/**
 * SHA-256 for the pure modules (case ids, cluster ids, the stale-write check), which may not import
 * node:crypto: @noble/hashes is an audited pure-JS implementation. Same output as node:crypto
 * (a test compares them).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
