/**
 * The secret behind pseudonymous placeholders. Placeholder state stores keyed hashes of PII values;
 * phone numbers and ids are easy to enumerate, so the key lives in its own file (mode 0600) in the
 * user's data directory, not in the database the hashes sit in.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultDataDir } from '../store/location.js';

/** Path of the key file: $CASEBOOK_KEY_FILE, else pseudonym.key in the data directory. */
export function secretKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CASEBOOK_KEY_FILE ?? join(defaultDataDir(env), 'pseudonym.key');
}

/** Read the key, creating a random 32-byte one on first use. */
export function loadOrCreateSecretKey(path = secretKeyPath()): Buffer {
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    if (key.length >= 16) return key;
    throw new Error(`${path}: the pseudonymization key is damaged (expected at least 32 hex characters)`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}
