/** The first window: a header with the views' tabs, the import view, the trace browser, the runs view, the review queue and the failure modes. */
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, CasebookApi } from '../../core/api/contract.js';
import { errorMessage } from './api/index.js';
import { ImportView } from './components/ImportView.js';
import { ModesView } from './components/ModesView.js';
import { ReviewView } from './components/ReviewView.js';
import { RunsView } from './components/RunsView.js';
import { TraceBrowser } from './components/TraceBrowser.js';
import { useImportJob } from './useImportJob.js';
import { useRunJob } from './useRunJob.js';

type View = 'traces' | 'import' | 'runs' | 'review' | 'modes';

/** The whole app, given the api it talks through. */
export function App({ api }: { api: CasebookApi }) {
  const [view, setView] = useState<View>('traces');
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [infoError, setInfoError] = useState<string | undefined>();
  // Bumped after each import so the list reloads.
  const [dataVersion, setDataVersion] = useState(0);

  const refreshInfo = useCallback(() => {
    api.app
      .info()
      .then((i) => {
        setInfo(i);
        setInfoError(undefined);
      })
      .catch((err: unknown) => setInfoError(errorMessage(err)));
  }, [api]);

  const job = useImportJob(api, () => {
    setDataVersion((v) => v + 1);
    refreshInfo();
  });

  // Bumped after each run so the list of past runs reloads; a finished run opens its page.
  const [runsVersion, setRunsVersion] = useState(0);
  const [selectedRun, setSelectedRun] = useState<string | undefined>();
  const runJob = useRunJob(api, (runId) => {
    setRunsVersion((v) => v + 1);
    if (runId) setSelectedRun(runId);
  });

  useEffect(() => {
    refreshInfo();
  }, [refreshInfo]);

  // An empty database has nothing to browse: start on the import view.
  useEffect(() => {
    if (info && info.traceCount === 0 && dataVersion === 0) setView('import');
  }, [info, dataVersion]);

  // A file dropped outside the drop zone would make the window navigate to it.
  useEffect(() => {
    const block = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  const running = job.state.phase === 'running' || job.state.phase === 'starting';
  const grading = runJob.state.phase === 'running' || runJob.state.phase === 'starting';

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">Casebook</h1>
        <nav className="tabs" aria-label="Views">
          <button
            type="button"
            className={view === 'traces' ? 'tab active' : 'tab'}
            data-testid="tab-traces"
            onClick={() => setView('traces')}
          >
            Traces{info ? <span className="count" data-testid="trace-count">{info.traceCount}</span> : null}
          </button>
          <button
            type="button"
            className={view === 'import' ? 'tab active' : 'tab'}
            data-testid="tab-import"
            onClick={() => setView('import')}
          >
            Import{running ? <span className="busy-dot" aria-label="import running" /> : null}
          </button>
          <button
            type="button"
            className={view === 'runs' ? 'tab active' : 'tab'}
            data-testid="tab-runs"
            onClick={() => setView('runs')}
          >
            Runs{grading ? <span className="busy-dot" aria-label="run in progress" /> : null}
          </button>
          <button
            type="button"
            className={view === 'review' ? 'tab active' : 'tab'}
            data-testid="tab-review"
            onClick={() => setView('review')}
          >
            Review
          </button>
          <button
            type="button"
            className={view === 'modes' ? 'tab active' : 'tab'}
            data-testid="tab-modes"
            onClick={() => setView('modes')}
          >
            Failure modes
          </button>
        </nav>
        <div className="db-path" title={info?.dbPath}>
          {infoError ? <span className="error-text">{infoError}</span> : info ? `${info.dbPath} · v${info.version}` : ''}
        </div>
      </header>
      <RedactionBanner info={info} />
      <main className="content">
        {view === 'import' ? (
          <ImportView api={api} job={job} onShowTraces={() => setView('traces')} />
        ) : view === 'review' ? (
          <ReviewView api={api} />
        ) : view === 'modes' ? (
          <ModesView api={api} />
        ) : view === 'runs' ? (
          <RunsView api={api} job={runJob} runsVersion={runsVersion} selectedRun={selectedRun} onSelectRun={setSelectedRun} />
        ) : (
          <TraceBrowser api={api} dataVersion={dataVersion} />
        )}
      </main>
    </div>
  );
}

/** Says when stored traces were not redacted as the eval folder is configured now (or not at all). */
function RedactionBanner({ info }: { info: AppInfo | undefined }) {
  const r = info?.storedRedaction;
  if (!r) return null;
  const lines: string[] = [];
  if (r.stale > 0) lines.push(`${r.stale} stored trace(s) were redacted under another redaction configuration or an older redactor.`);
  if (r.unknown > 0) lines.push(`${r.unknown} stored trace(s) predate the record of how traces were redacted.`);
  if (r.raw > 0) lines.push(`${r.raw} stored trace(s) are raw (imported with redaction off): their PII is in the database.`);
  if (lines.length === 0) return null;
  return (
    <div className="alert banner" role="status" data-testid="redaction-banner">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      {r.stale + r.unknown > 0 ? <p>Import their exports again to redact them as configured now.</p> : null}
    </div>
  );
}
