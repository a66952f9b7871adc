/** Locating Casebook's own resources/ folder (JSON Schemas, samples), from source or from dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The package's resources/ folder: the first parent of this module holding Casebook's package.json. */
export function resourcesDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'casebook') {
      cached = join(dir, 'resources');
      return cached;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the casebook package folder above core/config');
    dir = parent;
  }
}
