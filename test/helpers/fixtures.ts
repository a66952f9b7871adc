/**
 * Locating the shared real-data fixtures (../shared/fixtures). They are never copied into the repo;
 * when absent, tests that need them skip with a loud message instead of passing silently.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file with a package.json (so compiled copies under dist/ find it too). */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const repoRoot = findRepoRoot();

/** Absolute path of the shared folder beside the repository. */
export const sharedDir = process.env.CASEBOOK_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

/** Absolute path of a file under ../shared/fixtures/traces/. */
export function traceFixture(relative: string): string {
  return join(sharedDir, 'fixtures', 'traces', relative);
}

/** Absolute path of the labeled PII corpus. */
export const piiCorpusPath = join(sharedDir, 'fixtures', 'pii', 'dev.jsonl');

/** True when the shared fixtures are present; prints a loud warning once when they are not. */
export function haveSharedFixtures(): boolean {
  const ok = existsSync(join(sharedDir, 'fixtures', 'traces'));
  if (!ok && !warned) {
    warned = true;
    process.stderr.write(
      `\n!!! SKIPPING real-data tests: ${join(sharedDir, 'fixtures')} is missing. ` +
        'Set CASEBOOK_SHARED_DIR or check out ../shared beside the repo. !!!\n\n',
    );
  }
  return ok;
}
let warned = false;

/** Root of this repository. */
export const repoDir = repoRoot;
