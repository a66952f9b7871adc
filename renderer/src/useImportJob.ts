/**
 * The state of the current import job, fed by `import.onProgress`. It lives in App, above the views, so a
 * job keeps being tracked while the user looks at the trace list.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CasebookApi, ImportEvent, ImportProgress, ImportReport } from '../../core/api/contract.js';
import { errorMessage } from './api/index.js';

/** Where the import view is. */
export type ImportState =
  | { phase: 'idle' }
  | { phase: 'starting'; paths: string[] }
  | { phase: 'running'; jobId: string; paths: string[]; progress?: ImportProgress; cancelling: boolean }
  | { phase: 'finished'; paths: string[]; report: ImportReport }
  | { phase: 'failed'; paths: string[]; error: string };

/** Track one import at a time; `onFinished` runs after each job that stored something. */
export function useImportJob(api: CasebookApi, onFinished: () => void) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const stateRef = useRef(state);
  stateRef.current = state;
  // Events that arrive before `import.start` has told us the job id are replayed once we know it.
  const early = useRef<ImportEvent[]>([]);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const apply = useCallback((event: ImportEvent) => {
    setState((current) => {
      if (current.phase !== 'running' || current.jobId !== event.jobId) return current;
      switch (event.kind) {
        case 'progress':
          return { ...current, progress: event.progress };
        case 'done':
          return { phase: 'finished', paths: current.paths, report: event.report };
        case 'error':
          return { phase: 'failed', paths: current.paths, error: event.error };
      }
    });
    if (event.kind !== 'progress') onFinishedRef.current();
  }, []);

  useEffect(
    () =>
      api.import.onProgress((event) => {
        if (stateRef.current.phase === 'starting') early.current.push(event);
        else apply(event);
      }),
    [api, apply],
  );

  const start = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) return;
      early.current = [];
      setState({ phase: 'starting', paths });
      stateRef.current = { phase: 'starting', paths };
      try {
        const { jobId } = await api.import.start({ paths });
        const running: ImportState = { phase: 'running', jobId, paths, cancelling: false };
        stateRef.current = running;
        setState(running);
        for (const event of early.current.splice(0)) apply(event);
      } catch (err) {
        setState({ phase: 'failed', paths, error: errorMessage(err) });
      }
    },
    [api, apply],
  );

  const cancel = useCallback(async () => {
    const current = stateRef.current;
    if (current.phase !== 'running') return;
    setState({ ...current, cancelling: true });
    try {
      await api.import.cancel({ jobId: current.jobId });
    } catch (err) {
      setState({ phase: 'failed', paths: current.paths, error: errorMessage(err) });
    }
  }, [api]);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, start, cancel, reset };
}
