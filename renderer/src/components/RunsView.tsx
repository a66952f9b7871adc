/**
 * The Runs tab: the form that starts a grading run, its progress, the list of past runs, and the selected
 * run's page; a failed conversation opens in the trace detail view, with a way back to its run.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CasebookApi, RunListItem } from '../../../core/api/contract.js';
import { errorMessage } from '../api/index.js';
import { formatTime } from '../format.js';
import type { useRunJob } from '../useRunJob.js';
import { RunPage } from './RunPage.js';
import { TraceDetailView } from './TraceDetail.js';

interface Props {
  api: CasebookApi;
  job: ReturnType<typeof useRunJob>;
  /** Bumped when a run ends, so the list reloads. */
  runsVersion: number;
  selectedRun: string | undefined;
  onSelectRun: (runId: string) => void;
}

/** The runs view. */
export function RunsView({ api, job, runsVersion, selectedRun, onSelectRun }: Props) {
  const [runs, setRuns] = useState<RunListItem[]>([]);
  const [listError, setListError] = useState<string | undefined>();
  const [openTrace, setOpenTrace] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    api.runs
      .list({ limit: 50 })
      .then((r) => {
        if (!current) return;
        setRuns(r);
        setListError(undefined);
      })
      .catch((err: unknown) => current && setListError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [api, runsVersion]);

  // Choosing another run leaves the conversation that was open.
  useEffect(() => setOpenTrace(undefined), [selectedRun]);

  return (
    <div className="runs">
      <aside className="runs-side">
        <RunForm job={job} />
        <RunProgressView job={job} />
        <h2 className="side-title">Past runs</h2>
        {listError ? (
          <div className="alert error" role="alert">
            {listError}
          </div>
        ) : null}
        {runs.length === 0 && !listError ? <p className="hint">No run yet.</p> : null}
        <ol className="run-list" data-testid="run-list">
          {runs.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className={r.id === selectedRun ? 'run-item selected' : 'run-item'}
                data-testid="run-list-item"
                data-run-id={r.id}
                onClick={() => onSelectRun(r.id)}
              >
                <span className="run-item-head">
                  <span>{formatTime(r.startedAt)}</span>
                  <span className={`run-status run-status-${r.status}`}>{r.status}</span>
                </span>
                <span className="row-meta">
                  {r.windowLabel ? <span>{r.windowLabel}</span> : null}
                  {r.sampled !== null ? <span>{r.sampled} graded</span> : null}
                  {r.verdicts ? (
                    <span data-testid="run-list-verdicts">
                      fail {r.verdicts.fail} · borderline {r.verdicts.borderline} · ungraded {r.verdicts.ungraded} · pass {r.verdicts.pass}
                    </span>
                  ) : null}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </aside>
      <div className="runs-main">
        {openTrace ? (
          <div className="run-trace" data-testid="run-trace">
            <button type="button" className="button back" data-testid="back-to-run" onClick={() => setOpenTrace(undefined)}>
              ← Back to the run
            </button>
            <TraceDetailView api={api} traceId={openTrace} onSelect={setOpenTrace} />
          </div>
        ) : selectedRun ? (
          <RunPage api={api} runId={selectedRun} onOpenTrace={setOpenTrace} />
        ) : (
          <p className="empty">Start a run, or choose a past run, to see its summary.</p>
        )}
      </div>
    </div>
  );
}

/** The form: window, sample size or every conversation, judge on or off. */
function RunForm({ job }: { job: ReturnType<typeof useRunJob> }) {
  const [since, setSince] = useState('7d');
  const [all, setAll] = useState(false);
  const [size, setSize] = useState('');
  const [judge, setJudge] = useState(true);
  const busy = job.state.phase === 'starting' || job.state.phase === 'running';

  const submit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      const sampleSize = !all && size.trim() !== '' ? Number(size) : undefined;
      void job.start({
        since: since.trim() === '' ? undefined : since.trim(),
        all: all ? true : undefined,
        sampleSize,
        judge: judge ? 'on' : 'off',
      });
    },
    [job, since, all, size, judge],
  );

  return (
    <form className="run-form" data-testid="run-form" onSubmit={submit}>
      <h2 className="side-title">New run</h2>
      <label className="field">
        <span>Window</span>
        <input
          className="input"
          data-testid="run-since"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          placeholder="the eval folder's window"
          aria-describedby="run-since-hint"
        />
        <span className="hint" id="run-since-hint">
          trailing 24h, 7d, 2w… or all
        </span>
      </label>
      <label className="field">
        <span>Sample size</span>
        <input
          className="input"
          type="number"
          min={1}
          data-testid="run-sample-size"
          value={size}
          disabled={all}
          onChange={(e) => setSize(e.target.value)}
          placeholder="the eval folder's size"
        />
      </label>
      <label className="check">
        <input type="checkbox" data-testid="run-all" checked={all} onChange={(e) => setAll(e.target.checked)} />
        Grade every conversation in the window
      </label>
      <label className="check">
        <input type="checkbox" data-testid="run-judge" checked={judge} onChange={(e) => setJudge(e.target.checked)} />
        Use the judge (local Ollama)
      </label>
      <div className="actions">
        <button type="submit" className="button primary" data-testid="run-start" disabled={busy}>
          Start run
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="run-cancel"
          disabled={job.state.phase !== 'running' || job.state.cancelling}
          onClick={() => void job.cancel()}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The running run's phase and done/total, or how the last one ended. */
function RunProgressView({ job }: { job: ReturnType<typeof useRunJob> }) {
  const { state } = job;
  if (state.phase === 'idle') return null;
  const warnings = state.phase === 'starting' ? [] : state.warnings;
  return (
    <div className="run-progress" data-testid="run-progress">
      {state.phase === 'starting' || state.phase === 'running' ? (
        <>
          <progress
            className="progress-bar"
            max={state.phase === 'running' && state.progress ? Math.max(1, state.progress.total) : 1}
            value={state.phase === 'running' && state.progress ? state.progress.done : 0}
          />
          <p data-testid="run-phase">
            {state.phase === 'running' && state.progress
              ? `${state.progress.phase}: ${state.progress.done} / ${state.progress.total}`
              : 'starting…'}
            {state.phase === 'running' && state.cancelling ? ' · cancelling…' : ''}
          </p>
        </>
      ) : state.phase === 'finished' ? (
        <p data-testid="run-finished">
          Run {state.runId} {state.summary.status === 'cancelled' ? 'was cancelled' : 'finished'}: graded {state.summary.sample.conversations}{' '}
          conversation(s).
        </p>
      ) : (
        <div className="alert error" role="alert" data-testid="run-error">
          {state.error}
        </div>
      )}
      {warnings.length > 0 ? (
        <ul className="warnings" data-testid="run-warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
