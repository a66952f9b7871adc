/**
 * The Review tab: the borderline cases queued in eval/review_queue.yaml, as `casebook review` walks them.
 * Selecting one shows why it is borderline, how its conversation ended and its expected behaviour (which
 * the reviewer may edit before accepting); Accept, Reject and Skip save through the service.
 * Conversation text is rendered as React text nodes only, never as HTML.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CasebookApi, ReviewDecideRequest, ReviewItem } from '../../../core/api/contract.js';
import { errorMessage } from '../api/index.js';

type Decision = ReviewDecideRequest['decision'];

const DONE: Record<Decision, string> = {
  accept: 'Accepted',
  reject: 'Rejected',
  skip: 'Skipped',
};

/** The review view. */
export function ReviewView({ api }: { api: CasebookApi }) {
  const [items, setItems] = useState<ReviewItem[] | undefined>();
  const [listError, setListError] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    api.review
      .list()
      .then((list) => {
        if (!current) return;
        setItems(list);
        setListError(undefined);
        // Keep the selection while it is still queued; otherwise open the first case.
        setSelected((s) => (s !== undefined && list.some((i) => i.caseId === s) ? s : list[0]?.caseId));
      })
      .catch((err: unknown) => current && setListError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [api, version]);

  const onDecided = useCallback(
    (caseId: string, decision: Decision, next: string | undefined) => {
      setNotice(`${DONE[decision]} ${caseId}.`);
      // A skipped case stays queued: move on to the next one, as the terminal review does.
      setSelected(next);
      setVersion((v) => v + 1);
    },
    [],
  );

  const current = items?.find((i) => i.caseId === selected);
  const index = items && current ? items.indexOf(current) : -1;
  const next = items && index >= 0 ? (items[index + 1] ?? items.find((i) => i.caseId !== selected))?.caseId : undefined;

  return (
    <div className="review" data-testid="review-view">
      <aside className="review-side">
        <h2 className="side-title">Review queue</h2>
        <p className="hint">Borderline failures from eval/review_queue.yaml, waiting for a decision.</p>
        {listError ? (
          <div className="alert error" role="alert" data-testid="review-list-error">
            {listError}
          </div>
        ) : null}
        {notice ? (
          <p className="review-notice" role="status" data-testid="review-notice">
            {notice}
          </p>
        ) : null}
        {items && items.length === 0 ? (
          <p className="empty" data-testid="review-empty">
            The review queue is empty.
          </p>
        ) : null}
        <ol className="run-list" data-testid="review-list">
          {(items ?? []).map((i) => (
            <li key={i.caseId}>
              <button
                type="button"
                className={i.caseId === selected ? 'run-item selected' : 'run-item'}
                data-testid="review-item"
                data-case-id={i.caseId}
                onClick={() => setSelected(i.caseId)}
              >
                <span className="run-item-head">
                  <span className="mono">{i.caseId}</span>
                  {i.known ? <span className="run-status">known case</span> : null}
                </span>
                <span className="row-meta">
                  <span data-testid="review-item-mode">{i.failureMode}</span>
                  <span>intent {i.intent}</span>
                  <span>stakes {i.stakes}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      </aside>
      <div className="review-main">
        {current ? (
          <ReviewCase key={current.caseId} api={api} item={current} next={next === current.caseId ? undefined : next} onDecided={onDecided} />
        ) : items && items.length > 0 ? (
          <p className="empty">Choose a case to review it.</p>
        ) : null}
      </div>
    </div>
  );
}

interface CaseProps {
  api: CasebookApi;
  item: ReviewItem;
  next: string | undefined;
  onDecided: (caseId: string, decision: Decision, next: string | undefined) => void;
}

/** One queued case: what failed, why it is borderline, the last turns, and the decision form. */
function ReviewCase({ api, item, next, onDecided }: CaseProps) {
  const [expected, setExpected] = useState(item.expectedBehavior);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const edited = expected.trim() !== item.expectedBehavior.trim();

  const submit = (decision: Decision) => {
    setBusy(true);
    setError(undefined);
    const request: ReviewDecideRequest =
      decision === 'accept' && edited ? { caseId: item.caseId, decision, expectedBehavior: expected.trim() } : { caseId: item.caseId, decision };
    api.review
      .decide(request)
      .then(() => onDecided(item.caseId, decision, decision === 'skip' ? next : undefined))
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      });
  };

  return (
    <section className="review-case" data-testid="review-case" data-case-id={item.caseId}>
      <h2 className="run-title">
        <span className="mono">{item.caseId}</span> · <span data-testid="review-failure-mode">{item.failureMode}</span>
      </h2>
      <p className="row-meta">
        <span>intent {item.intent}</span>
        <span>stakes {item.stakes}</span>
        {item.known ? <span>already in the cases file</span> : null}
      </p>

      <h3>Why borderline</h3>
      <ul className="review-reasons" data-testid="review-reasons">
        {item.reasons.map((r, i) => (
          <li key={i} className="reason" data-testid="review-reason">
            {r}
          </li>
        ))}
      </ul>

      <h3>How the conversation ended</h3>
      <ol className="messages" data-testid="review-messages">
        {item.lastMessages.map((m, i) => (
          <li key={i} className={`message role-${m.role}`} data-testid="review-message" data-role={m.role}>
            <div className="message-role">{m.role}</div>
            {m.content ? (
              <pre className={m.role === 'tool' ? 'message-text json' : 'message-text'} data-testid="review-message-text">
                {m.content}
              </pre>
            ) : null}
            {m.toolCalls.length > 0 ? (
              <p className="review-tool-calls" data-testid="review-tool-calls">
                calls {m.toolCalls.join(', ')}
              </p>
            ) : null}
          </li>
        ))}
      </ol>

      <h3>
        <label htmlFor="review-expected">Expected behaviour</label>
      </h3>
      <textarea
        id="review-expected"
        className="input review-expected"
        data-testid="review-expected"
        value={expected}
        rows={5}
        disabled={busy}
        onChange={(e) => setExpected(e.target.value)}
      />
      <p className="hint">{edited ? 'Accepting saves the case with this edited text.' : 'Edit the text before accepting to change what the case expects.'}</p>
      {error ? (
        <div className="alert error" role="alert" data-testid="review-error">
          {error}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="button primary" data-testid="review-accept" disabled={busy || expected.trim() === ''} onClick={() => submit('accept')}>
          Accept
        </button>
        <button type="button" className="button danger" data-testid="review-reject" disabled={busy} onClick={() => submit('reject')}>
          Reject
        </button>
        <button type="button" className="button" data-testid="review-skip" disabled={busy} onClick={() => submit('skip')}>
          Skip
        </button>
      </div>
    </section>
  );
}
