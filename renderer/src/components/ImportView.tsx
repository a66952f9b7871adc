/** Choosing files (dialog or drag-and-drop), the running import's progress, and its final report. */
import { useState, type DragEvent } from 'react';
import type { CasebookApi, ImportReport } from '../../../core/api/contract.js';
import { errorMessage } from '../api/index.js';
import { formatBytes, formatRate } from '../format.js';
import type { useImportJob } from '../useImportJob.js';

interface Props {
  api: CasebookApi;
  job: ReturnType<typeof useImportJob>;
  onShowTraces: () => void;
}

/** The import view. */
export function ImportView({ api, job, onShowTraces }: Props) {
  const { state } = job;
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();

  const pick = async () => {
    setNotice(undefined);
    try {
      await job.start(await api.import.pickFiles());
    } catch (err) {
      setNotice(errorMessage(err));
    }
  };

  const drop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    setNotice(undefined);
    const paths = Array.from(e.dataTransfer.files)
      .map((file) => api.import.pathForFile(file))
      .filter((p) => p !== '');
    if (paths.length === 0) {
      setNotice('The dropped files have no path here (a browser hides it). Use “Import files…” instead.');
      return;
    }
    void job.start(paths);
  };

  if (state.phase === 'starting' || state.phase === 'running') {
    const progress = state.phase === 'running' ? state.progress : undefined;
    const total = progress?.bytesTotal ?? 0;
    const done = progress?.bytesRead ?? 0;
    return (
      <section className="panel import-progress" data-testid="import-progress">
        <h2>Importing {state.paths.length === 1 ? state.paths[0] : `${state.paths.length} paths`}</h2>
        <progress className="progress-bar" data-testid="import-progress-bar" max={total || 1} value={Math.min(done, total || 1)} />
        <dl className="stats">
          <dt>Phase</dt>
          <dd data-testid="import-phase">{progress?.phase ?? 'starting'}</dd>
          <dt>File</dt>
          <dd>{progress ? `${progress.fileIndex + 1} of ${progress.fileCount}` : '–'}</dd>
          <dt>Read</dt>
          <dd>
            {formatBytes(done)} of {formatBytes(total)}
          </dd>
          <dt>Records</dt>
          <dd data-testid="import-records">{progress?.records ?? 0}</dd>
          <dt>Speed</dt>
          <dd>{progress ? formatRate(done, progress.elapsedMs) : '–'}</dd>
          <dt>Errors</dt>
          <dd data-testid="import-errors">{progress?.errors ?? 0}</dd>
        </dl>
        <button
          type="button"
          className="button danger"
          data-testid="import-cancel"
          disabled={state.phase !== 'running' || state.cancelling}
          onClick={() => void job.cancel()}
        >
          {state.phase === 'running' && state.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </section>
    );
  }

  return (
    <section className="panel import-view">
      {state.phase === 'finished' ? <Report report={state.report} onShowTraces={onShowTraces} /> : null}
      {state.phase === 'failed' ? (
        <div className="alert error" role="alert" data-testid="import-failed">
          Import failed: {state.error}
        </div>
      ) : null}
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <p>Drop trace exports here</p>
        <p className="hint">OTLP, OpenInference, Langfuse, LangSmith, OpenAI-chat JSONL, tau-bench… detected automatically</p>
        <button type="button" className="button primary" data-testid="import-pick" onClick={() => void pick()}>
          Import files…
        </button>
      </div>
      {notice ? (
        <p className="alert" role="status" data-testid="import-notice">
          {notice}
        </p>
      ) : null}
    </section>
  );
}

/**
 * Counts as "NAME n, NAME n", most first (ties by name): what the report shows by type and by field, in
 * the order of core's countsMostFirst (the renderer imports only the contract's types from core).
 */
function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}

function Report({ report, onShowTraces }: { report: ImportReport; onShowTraces: () => void }) {
  return (
    <div className="report" data-testid="import-report">
      <h2>{report.status === 'cancelled' ? 'Import cancelled' : 'Import finished'}</h2>
      <dl className="stats">
        <dt>Traces added</dt>
        <dd data-testid="report-added">{report.traces.added}</dd>
        <dt>Updated</dt>
        <dd>{report.traces.updated}</dd>
        <dt>Unchanged</dt>
        <dd>{report.traces.unchanged}</dd>
        <dt>Records</dt>
        <dd>{report.records}</dd>
        <dt>Read</dt>
        <dd>
          {formatBytes(report.bytes)} in {(report.durationMs / 1000).toFixed(1)} s ({formatRate(report.bytes, report.durationMs)})
        </dd>
        <dt>Errors</dt>
        <dd data-testid="report-errors">{report.errorCount}</dd>
        <dt>Redacted</dt>
        <dd data-testid="report-redaction">
          {report.redaction === null
            ? 'OFF: raw payloads are stored'
            : `${report.redaction.total} value(s)${Object.keys(report.redaction.byType).length > 0 ? `: ${countsText(report.redaction.byType)}` : ''}`}
        </dd>
        {report.redaction !== null && report.redaction.total > 0 ? (
          <>
            <dt>Masked in</dt>
            <dd data-testid="report-redaction-fields">{countsText(report.redaction.byField)}</dd>
          </>
        ) : null}
      </dl>
      <ul className="file-list">
        {report.files.map((f) => (
          <li key={f.file}>
            <span className="mono">{f.file}</span> — {f.format ?? 'unknown format'}, {f.records} records, {f.errors} errors
          </li>
        ))}
      </ul>
      {report.errors.length > 0 ? (
        <>
          <h3>Errors{report.errorCount > report.errors.length ? ` (first ${report.errors.length} of ${report.errorCount})` : ''}</h3>
          <ol className="error-list" data-testid="report-error-list">
            {report.errors.map((e, i) => (
              <li key={i}>
                <span className="mono">
                  {e.file}
                  {e.line !== undefined ? `:${e.line}` : ''}
                </span>{' '}
                {e.reason}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <button type="button" className="button primary" data-testid="show-traces" onClick={onShowTraces}>
        Show traces
      </button>
    </div>
  );
}
