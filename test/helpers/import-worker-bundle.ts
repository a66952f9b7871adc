/**
 * Tests run core/ from TypeScript source, but a worker thread runs plain JavaScript. This bundles
 * core/api/import-worker.ts, core/api/run-worker.ts and core/pipeline/redaction-worker.ts (dependencies
 * left external) once per test process, next to node_modules so those dependencies resolve, and returns
 * their URLs for `createService({ workerUrl, runWorkerUrl })` and `importPaths(..., { redactionWorkerUrl })`.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoDir } from './fixtures.js';

const bundled = new Map<string, Promise<URL>>();

const ENTRIES = {
  'import-worker': ['core', 'api', 'import-worker.ts'],
  'run-worker': ['core', 'api', 'run-worker.ts'],
  'redaction-worker': ['core', 'pipeline', 'redaction-worker.ts'],
} as const;

function bundleWorker(name: keyof typeof ENTRIES): Promise<URL> {
  let url = bundled.get(name);
  if (!url) {
    url = (async () => {
      const outfile = join(repoDir, 'node_modules', '.cache', 'casebook-test', `${name}-${process.pid}.mjs`);
      await build({
        entryPoints: [join(repoDir, ...ENTRIES[name])],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        // 20.19 as package.json's engines: from 20.10 on, JSON modules' import attributes are kept.
        target: 'node20.19',
        packages: 'external',
        logLevel: 'silent',
      });
      return pathToFileURL(outfile);
    })();
    bundled.set(name, url);
  }
  return url;
}

/** URL of a freshly bundled import worker. */
export function importWorkerUrl(): Promise<URL> {
  return bundleWorker('import-worker');
}

/** URL of a freshly bundled run worker. */
export function runWorkerUrl(): Promise<URL> {
  return bundleWorker('run-worker');
}

/** URL of a freshly bundled redaction worker (the import's second thread). */
export function redactionWorkerUrl(): Promise<URL> {
  return bundleWorker('redaction-worker');
}
