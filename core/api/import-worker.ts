/**
 * The import job's thread: it opens its own SQLite connection, runs the import pipeline, and posts progress
 * and the final report to the service. Running here keeps the caller's thread (Electron's main process, the
 * web bridge's event loop) responsive while a large file is parsed and written.
 */
import { workerData } from 'node:worker_threads';
import { z } from 'zod';
import { FormatId } from '../model/trace.js';
import { importPaths } from '../pipeline/import.js';
import { loadEvalFolder } from '../config/eval-folder.js';
import { runJobThread } from './worker-job.js';

/** What the service hands the worker. */
export const ImportJobInput = z.object({
  dbPath: z.string(),
  /** The eval folder whose `redaction:` section applies. */
  evalDir: z.string(),
  paths: z.array(z.string()).min(1),
  format: FormatId.optional(),
});
export type ImportJobInput = z.infer<typeof ImportJobInput>;

/** Messages from the worker to the service. */
export type WorkerMessage =
  | { type: 'progress'; progress: import('../pipeline/import.js').ImportProgress }
  | { type: 'done'; report: import('../pipeline/import.js').ImportReport }
  | { type: 'error'; message: string };

void runJobThread<WorkerMessage>('import-worker', async ({ signal, post, openStore }) => {
  const input = ImportJobInput.parse(workerData);
  // Read before the store opens: a bad casebook.yaml fails the job with its line, importing nothing.
  const config = loadEvalFolder(input.evalDir).config.redaction;
  const store = openStore(input.dbPath);
  const report = await importPaths(store, input.paths, {
    format: input.format,
    redaction: { config },
    signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', report });
});
