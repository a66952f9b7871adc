/**
 * Bundle electron/preload/preload.ts into one CommonJS file: a sandboxed preload can `require` nothing but
 * `electron`, so every other import (the contract, zod) is inlined. The platform is 'browser' so an
 * accidental node:* import fails the build instead of reaching the sandbox.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Build the preload bundle to `outfile` (default dist/electron/preload/preload.cjs). */
export async function buildPreload(outfile = join(root, 'dist', 'electron', 'preload', 'preload.cjs')) {
  await build({
    entryPoints: [join(root, 'electron', 'preload', 'preload.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // An optional output path lets tests build a private copy.
  const out = await buildPreload(process.argv[2]);
  process.stdout.write(`preload → ${out}\n`);
}
