/**
 * The grading run's thread: it opens its own SQLite connection, reads the eval folder, runs sampling, rules
 * and the judge, and posts progress and the final summary to the service. The rules layer is synchronous
 * and the judge waits on the network; neither may stall Electron's main process or the web bridge.
 */
import { workerData } from 'node:worker_threads';
import { z } from 'zod';
import { loadEvalFolder } from '../config/eval-folder.js';
import type { RunSummary } from '../model/run.js';
import { runGrading, type RunProgress } from '../pipeline/run.js';
import { runJobThread } from './worker-job.js';
import { windowFromSince } from '../sample/config.js';

/** What the service hands the worker. */
export const RunJobInput = z.object({
  dbPath: z.string(),
  evalDir: z.string(),
  /** `7d`, `24h`… or `all`; absent: the eval folder's own window. */
  since: z.string().optional(),
  sampleSize: z.number().int().positive().optional(),
  all: z.boolean().optional(),
  judge: z.enum(['auto', 'off']),
  /** The run's start time, chosen by the service so it can find the run's row if this thread dies. */
  now: z.number(),
});
export type RunJobInput = z.infer<typeof RunJobInput>;

/** Messages from the worker to the service. */
export type RunWorkerMessage =
  | { type: 'progress'; progress: RunProgress }
  | { type: 'warning'; message: string }
  | { type: 'done'; runId: string; summary: RunSummary }
  | { type: 'error'; message: string };

void runJobThread<RunWorkerMessage>('run-worker', async ({ signal, post, openStore }) => {
  const input = RunJobInput.parse(workerData);
  const folder = loadEvalFolder(input.evalDir);
  const store = openStore(input.dbPath);
  const window = input.since === undefined ? undefined : windowFromSince(input.since);
  const result = await runGrading(store, folder, {
    window: window?.window,
    windowLabel: window?.label,
    sampleSize: input.sampleSize,
    all: input.all,
    judge: input.judge,
    now: input.now,
    signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
    onWarning: (message) => post({ type: 'warning', message }),
  });
  post({ type: 'done', runId: result.runId, summary: result.summary });
});
