/**
 * Tests run core/ from TypeScript source, but a worker thread runs plain JavaScript. This bundles
 * core/api/import-worker.ts (dependencies left external) once per test process, next to node_modules so
 * those dependencies resolve, and returns its URL for `createService({ workerUrl })`.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoDir } from './fixtures.js';

let bundled: Promise<URL> | undefined;

/** URL of a freshly bundled import worker. */
export function importWorkerUrl(): Promise<URL> {
  bundled ??= (async () => {
    const outfile = join(repoDir, 'node_modules', '.cache', 'casebook-test', `import-worker-${process.pid}.mjs`);
    await build({
      entryPoints: [join(repoDir, 'core', 'api', 'import-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    return pathToFileURL(outfile);
  })();
  return bundled;
}
