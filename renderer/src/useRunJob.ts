/**
 * The state of the current grading run, fed by `runs.onProgress`. It lives in App, above the views, so a run
 * keeps being tracked while the user looks at traces.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CasebookApi, RequestOf, RunEvent, RunProgress } from '../../core/api/contract.js';
import type { RunSummary } from '../../core/model/run.js';
import { errorMessage } from './api/index.js';

/** Where the run form is. */
export type RunState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; jobId: string; progress?: RunProgress; warnings: string[]; cancelling: boolean }
  | { phase: 'finished'; runId: string; summary: RunSummary; warnings: string[] }
  | { phase: 'failed'; error: string; warnings: string[] };

/** Track one run at a time; `onFinished` gets the new run's id (or undefined when it failed). */
export function useRunJob(api: CasebookApi, onFinished: (runId: string | undefined) => void) {
  const [state, setState] = useState<RunState>({ phase: 'idle' });
  const stateRef = useRef(state);
  stateRef.current = state;
  // Events that arrive before `runs.start` has told us the job id are replayed once we know it.
  const early = useRef<RunEvent[]>([]);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const apply = useCallback((event: RunEvent) => {
    const current = stateRef.current;
    if (current.phase !== 'running' || current.jobId !== event.jobId) return;
    let next: RunState;
    switch (event.kind) {
      case 'progress':
        next = { ...current, progress: event.progress };
        break;
      case 'warning':
        next = { ...current, warnings: [...current.warnings, event.message] };
        break;
      case 'done':
        next = { phase: 'finished', runId: event.runId, summary: event.summary, warnings: current.warnings };
        break;
      case 'error':
        next = { phase: 'failed', error: event.error, warnings: current.warnings };
        break;
    }
    stateRef.current = next;
    setState(next);
    if (event.kind === 'done') onFinishedRef.current(event.runId);
    else if (event.kind === 'error') onFinishedRef.current(undefined);
  }, []);

  useEffect(
    () =>
      api.runs.onProgress((event) => {
        if (stateRef.current.phase === 'starting') early.current.push(event);
        else apply(event);
      }),
    [api, apply],
  );

  const start = useCallback(
    async (request: RequestOf<'runs.start'>) => {
      early.current = [];
      stateRef.current = { phase: 'starting' };
      setState(stateRef.current);
      try {
        const { jobId } = await api.runs.start(request);
        const running: RunState = { phase: 'running', jobId, warnings: [], cancelling: false };
        stateRef.current = running;
        setState(running);
        for (const event of early.current.splice(0)) apply(event);
      } catch (err) {
        stateRef.current = { phase: 'failed', error: errorMessage(err), warnings: [] };
        setState(stateRef.current);
      }
    },
    [api, apply],
  );

  const cancel = useCallback(async () => {
    const current = stateRef.current;
    if (current.phase !== 'running') return;
    stateRef.current = { ...current, cancelling: true };
    setState(stateRef.current);
    try {
      await api.runs.cancel({ jobId: current.jobId });
    } catch (err) {
      stateRef.current = { phase: 'failed', error: errorMessage(err), warnings: current.warnings };
      setState(stateRef.current);
    }
  }, [api]);

  return { state, start, cancel };
}
