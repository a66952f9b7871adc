/**
 * The frame every job thread shares (imports, grading runs): it listens for the service's cancel message,
 * opens the job's own SQLite connection, turns a thrown error into an error message, and always closes
 * the connection and the port, so the thread can end.
 */
import { parentPort } from 'node:worker_threads';
import { Store } from '../store/index.js';

/** Messages from the service to a job thread. */
export type ServiceMessage = { type: 'cancel' };

/** What a job gets from the frame. */
export interface JobContext<M> {
  /** Aborted when the service asks the job to cancel. */
  signal: AbortSignal;
  post: (message: M) => void;
  /** Open the job's own connection (closed by the frame when the job ends). */
  openStore: (dbPath: string) => Store;
}

/** Run `job` in this worker thread; `name` is for the error when it is not one. */
export async function runJobThread<M>(name: string, job: (ctx: JobContext<M | { type: 'error'; message: string }>) => Promise<void>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error(`${name} must run in a worker thread`);
  const post = (m: M | { type: 'error'; message: string }): void => port.postMessage(m);
  const controller = new AbortController();
  port.on('message', (m: ServiceMessage) => {
    if (m.type === 'cancel') controller.abort();
  });
  let store: Store | undefined;
  try {
    await job({
      signal: controller.signal,
      post,
      openStore: (dbPath) => (store = Store.open(dbPath)),
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    store?.close();
    // The message listener would keep this thread alive forever.
    port.close();
  }
}
