/**
 * One grading run: the content of the one-page summary (core/report/summary-markdown.ts) as a screen. Rule
 * ids, reasons and intents come from traces and are rendered as text, never as HTML; bar widths are set
 * through the CSSOM (React's style prop), which the CSP allows, never as style attributes in markup.
 */
import { useEffect, useState } from 'react';
import type { CasebookApi, RunDetail } from '../../../core/api/contract.js';
import type { RunSummary } from '../../../core/model/run.js';
import { errorMessage } from '../api/index.js';
import { formatDuration, formatPct, formatTime } from '../format.js';

interface Props {
  api: CasebookApi;
  runId: string;
  /** Open a conversation (its first trace) in the trace detail view. */
  onOpenTrace: (traceId: string) => void;
}

const VERDICTS = ['fail', 'borderline', 'ungraded', 'pass'] as const;

/** The run page. */
export function RunPage({ api, runId, onOpenTrace }: Props) {
  const [detail, setDetail] = useState<RunDetail | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setDetail(undefined);
    setError(undefined);
    let current = true;
    api.runs
      .get({ id: runId })
      .then((d) => current && setDetail(d))
      .catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [api, runId]);

  if (error)
    return (
      <div className="alert error" role="alert">
        {error}
      </div>
    );
  if (!detail) return <p className="hint">Loading run…</p>;
  const s = detail.summary;
  if (!s) {
    return (
      <section className="run-page" data-testid="run-page" data-run-id={runId}>
        <h2>Run {runId}</h2>
        <p className="alert">
          {detail.run.status === 'running'
            ? 'This run is still in progress (or was interrupted without a summary).'
            : `This run has no summary (status: ${detail.run.status}).`}
        </p>
      </section>
    );
  }
  return (
    <section className="run-page" data-testid="run-page" data-run-id={runId} aria-label={`Run ${runId}`}>
      <header>
        <h2 className="run-title">Run {s.runId}</h2>
        {s.status === 'cancelled' ? (
          <p className="alert" data-testid="run-cancelled">
            Cancelled before the end: the figures cover what was graded.
          </p>
        ) : null}
        <p className="hint" data-testid="run-window">
          Window {s.window.label} ({s.window.from === null || s.window.from <= 0 ? `up to ${formatTime(s.window.to)}` : `${formatTime(s.window.from)} to ${formatTime(s.window.to)}`}); started {formatTime(s.startedAt)}, took{' '}
          {formatDuration(s.finishedAt - s.startedAt)}.
        </p>
      </header>

      <table className="run-table" data-testid="run-counts">
        <thead>
          <tr>
            <th />
            <th className="num">traces</th>
            <th className="num">conversations</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">in the window</th>
            <td className="num" data-testid="window-traces">
              {s.population.traces}
            </td>
            <td className="num" data-testid="window-conversations">
              {s.population.conversations}
            </td>
          </tr>
          <tr>
            <th scope="row">sampled ({s.sampling.mode === 'all' ? 'every conversation' : `stratified, seed ${s.sampling.seed}`})</th>
            <td className="num" data-testid="sample-traces">
              {s.sample.traces}
            </td>
            <td className="num" data-testid="sample-conversations">
              {s.sample.conversations}
            </td>
          </tr>
        </tbody>
      </table>

      <h3>Verdicts</h3>
      <p className="hint">Bars show each verdict's share projected to the whole window with the sampling weights.</p>
      <ul className="verdict-bars" data-testid="verdicts">
        {VERDICTS.map((v) => (
          <li key={v} className="verdict-bar" data-testid="verdict-row" data-verdict={v}>
            <span className={`verdict-label verdict-${v}`}>{v}</span>
            <span className="bar-track" aria-hidden="true">
              <span className={`bar-fill fill-${v}`} style={{ width: `${Math.min(100, Math.max(0, s.projected[v] * 100))}%` }} />
            </span>
            <span className="num" data-testid="verdict-count">
              {s.verdicts[v]}
            </span>
            <span className="num" data-testid="verdict-projected">
              {formatPct(s.projected[v])}
            </span>
          </li>
        ))}
      </ul>

      <Promotion runId={s.runId} promotion={s.promotion} />

      <h3>Failures by rule</h3>
      {s.rules.length === 0 ? (
        <p data-testid="no-rules">No rule fired.</p>
      ) : (
        <table className="run-table" data-testid="run-rules">
          <thead>
            <tr>
              <th>rule</th>
              <th>severity</th>
              <th>failure mode</th>
              <th className="num">failures</th>
              <th className="num">projected rate</th>
            </tr>
          </thead>
          <tbody>
            {s.rules.map((r) => (
              <tr key={r.ruleId} data-testid="rule-row" data-rule-id={r.ruleId}>
                <td className="mono">{r.ruleId}</td>
                <td>{r.severity}</td>
                <td>{r.failureMode ?? '–'}</td>
                <td className="num" data-testid="rule-failures">
                  {r.failures}
                </td>
                <td className="num">{formatPct(r.projectedRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Failures by rubric axis</h3>
      {s.axes.length === 0 ? (
        <p data-testid="no-axes">
          The judge did not grade this run ({s.judge.status}
          {s.judge.message ? `: ${s.judge.message}` : ''}).
        </p>
      ) : (
        <table className="run-table" data-testid="run-axes">
          <thead>
            <tr>
              <th>axis</th>
              <th className="num">graded</th>
              <th className="num">failures</th>
              <th className="num">mean score</th>
              <th className="num">projected fail rate</th>
            </tr>
          </thead>
          <tbody>
            {s.axes.map((a) => (
              <tr key={a.axis} data-testid="axis-row" data-axis={a.axis}>
                <td>{a.axis}</td>
                <td className="num">{a.graded}</td>
                <td className="num">{a.failures}</td>
                <td className="num">{a.meanScore === null ? '–' : a.meanScore.toFixed(2)}</td>
                <td className="num">{formatPct(a.projectedFailRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Judge</h3>
      <JudgeFacts judge={s.judge} />

      <h3>Intents</h3>
      <table className="run-table" data-testid="run-intents">
        <thead>
          <tr>
            <th>intent</th>
            <th className="num">in the window</th>
            <th className="num">sampled</th>
          </tr>
        </thead>
        <tbody>
          {s.intents.map((i) => (
            <tr key={i.intent} data-testid="intent-row" data-intent={i.intent}>
              <td>{i.intent}</td>
              <td className="num">{i.window}</td>
              <td className="num">{i.sample}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Failed and borderline conversations ({s.failures.length})</h3>
      {s.failures.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="failure-list" data-testid="failures">
          {s.failures.map((f) => (
            <li key={f.conversationKey}>
              <button
                type="button"
                className="failure"
                data-testid="failed-conversation"
                data-conversation-key={f.conversationKey}
                disabled={f.traceIds.length === 0}
                onClick={() => {
                  const first = f.traceIds[0];
                  if (first) onOpenTrace(first);
                }}
              >
                <span className="failure-head">
                  <span className={`verdict-label verdict-${f.verdict}`}>{f.verdict}</span>
                  <span className="mono">{f.conversationKey}</span>
                  <span className="hint">
                    {f.intent} · {f.traceIds.length} {f.traceIds.length === 1 ? 'trace' : 'traces'}
                  </span>
                </span>
                {/* Spans, not a list: a button may hold phrasing content only. */}
                {f.reasons.map((r, i) => (
                  <span key={i} className="reason" data-testid="failure-reason">
                    {r}
                  </span>
                ))}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const TITLE_SOURCE = { judge: 'named by the judge', suggestion: "the judge's suggested mode", terms: 'named from its terms' } as const;
const plural = (n: number, one: string): string => `${n} ${n === 1 ? one : `${one}s`}`;

/** What `casebook promote` made of the run: regressions first, marked as such; or that it was not promoted. */
function Promotion({ runId, promotion: p }: { runId: string; promotion: RunSummary['promotion'] }) {
  if (!p) {
    return (
      <>
        <h3>Promotion</h3>
        <p data-testid="not-promoted">
          Not promoted yet: <code>casebook promote --run {runId}</code> turns the failures into eval cases.
        </p>
      </>
    );
  }
  return (
    <>
      <h3>Promotion</h3>
      <p data-testid="promotion-counts">
        {plural(p.newCaseIds.length, 'new case')}, {plural(p.regressions.length, 'regression')}, {p.reviewCount} queued for review,{' '}
        {plural(p.proposals.length, 'proposed failure mode')}.
      </p>
      {p.regressions.length > 0 ? (
        <table className="run-table" data-testid="run-regressions">
          <caption>Regressions: known cases that failed again</caption>
          <thead>
            <tr>
              <th />
              <th>case</th>
              <th>failure mode</th>
              <th>conversation</th>
              <th>last seen before</th>
            </tr>
          </thead>
          <tbody>
            {p.regressions.map((r) => (
              <tr key={r.caseId} data-testid="regression-row" data-case-id={r.caseId}>
                <td>
                  <span className="verdict-label verdict-fail">regression</span>
                </td>
                <td className="mono">{r.caseId}</td>
                <td>{r.failureMode}</td>
                <td className="mono">{r.conversationKey ?? '–'}</td>
                <td>{r.previousDate ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {p.proposals.length > 0 ? (
        <ul data-testid="run-proposals">
          {p.proposals.map((m) => (
            <li key={m.id} data-testid="proposal-row" data-proposal-id={m.id}>
              <span className="mono">{m.id}</span> {m.title}: {plural(m.size, 'failure')}, {TITLE_SOURCE[m.titleSource]}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function JudgeFacts({ judge }: { judge: RunSummary['judge'] }) {
  const ungraded = Object.entries(judge.ungraded).sort(([a], [b]) => a.localeCompare(b));
  return (
    <dl className="stats" data-testid="run-judge">
      <dt>Status</dt>
      <dd data-testid="judge-status">
        {judge.status}
        {judge.message ? ` (${judge.message})` : ''}
      </dd>
      {judge.model ? (
        <>
          <dt>Model</dt>
          <dd className="mono">
            {judge.model}
            {judge.digest ? ` @ ${judge.digest.slice(0, 12)}` : ''}
          </dd>
        </>
      ) : null}
      <dt>Calls</dt>
      <dd data-testid="judge-calls">{judge.calls}</dd>
      <dt>Cache hits</dt>
      <dd data-testid="judge-cache-hits">{judge.cacheHits}</dd>
      <dt>Tokens</dt>
      <dd>
        {judge.promptTokens} in / {judge.completionTokens} out
      </dd>
      <dt>Time</dt>
      <dd>{formatDuration(judge.durationMs)}</dd>
      <dt>Ungraded</dt>
      <dd data-testid="judge-ungraded">{ungraded.length === 0 ? '0' : ungraded.map(([k, n]) => `${n} ${k}`).join(', ')}</dd>
    </dl>
  );
}
