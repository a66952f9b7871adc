/**
 * The import job's thread: it opens its own SQLite connection, runs the import pipeline, and posts progress
 * and the final report to the service. Running here keeps the caller's thread (Electron's main process, the
 * web bridge's event loop) responsive while a large file is parsed and written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { FormatId } from '../model/trace.js';
import { importPaths } from '../pipeline/import.js';
import { Store } from '../store/index.js';

/** What the service hands the worker. */
export const ImportJobInput = z.object({
  dbPath: z.string(),
  paths: z.array(z.string()).min(1),
  format: FormatId.optional(),
});
export type ImportJobInput = z.infer<typeof ImportJobInput>;

/** Messages from the worker to the service. */
export type WorkerMessage =
  | { type: 'progress'; progress: import('../pipeline/import.js').ImportProgress }
  | { type: 'done'; report: import('../pipeline/import.js').ImportReport }
  | { type: 'error'; message: string };

/** Messages from the service to the worker. */
export type ServiceMessage = { type: 'cancel' };

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('import-worker must run in a worker thread');
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const controller = new AbortController();
  port.on('message', (m: ServiceMessage) => {
    if (m.type === 'cancel') controller.abort();
  });
  let store: Store | undefined;
  try {
    const input = ImportJobInput.parse(workerData);
    store = Store.open(input.dbPath);
    const report = await importPaths(store, input.paths, {
      format: input.format,
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', report });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    store?.close();
    // The message listener would keep this thread alive forever.
    port.close();
  }
}

void run();
