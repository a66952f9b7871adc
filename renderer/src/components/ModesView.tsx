/**
 * The Failure modes tab: the taxonomy of eval/failure_modes.yaml and the modes clustering proposed, as
 * `casebook modes` lists them. Each proposal can be accepted, renamed (showing the id it will get), merged
 * into an existing mode or rejected; decisions save through the service and the list reloads.
 * File content is rendered as React text nodes only, never as HTML.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CasebookApi, ModeItem, ModesDecideRequest, ModesList, ProposalItem } from '../../../core/api/contract.js';
import { errorMessage } from '../api/index.js';

/** How long the rename title must rest before its id is asked for, so typing does not flood the service. */
const PREVIEW_DELAY_MS = 200;

const TITLE_SOURCE: Record<NonNullable<ProposalItem['titleSource']>, string> = {
  judge: 'Title and description suggested by the judge.',
  suggestion: "Title from the judge's suggested failure mode.",
  terms: "Title from the cluster's most distinctive words.",
};

/** A labelled line of short items (terms, conversation keys), each its own element so the line can wrap between them. */
function ChipRow(props: { label: string; items: readonly string[]; className: string; itemTestId: string; rowTestId?: string; title?: string }) {
  return (
    <p className="row-meta" data-testid={props.rowTestId} title={props.title}>
      <span>{props.label}</span>
      {props.items.map((item) => (
        <span key={item} className={props.className} data-testid={props.itemTestId}>
          {item}
        </span>
      ))}
    </p>
  );
}

/** The failure modes view. */
export function ModesView({ api }: { api: CasebookApi }) {
  const [list, setList] = useState<ModesList | undefined>();
  const [listError, setListError] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [newMode, setNewMode] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    api.modes
      .list()
      .then((l) => {
        if (!current) return;
        setList(l);
        setListError(undefined);
      })
      .catch((err: unknown) => current && setListError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [api, version]);

  const onDecided = useCallback((proposalId: string, modeId: string | null) => {
    setNotice(modeId ? `${proposalId} → failure mode ${modeId}.` : `${proposalId} rejected; it will not be proposed again.`);
    setNewMode(modeId ?? undefined);
    setVersion((v) => v + 1);
  }, []);

  return (
    <div className="modes" data-testid="modes-view">
      <h2 className="run-title">Failure modes</h2>
      <p className="hint">
        The taxonomy in <span className="mono">{list?.path ?? 'eval/failure_modes.yaml'}</span>. Failures that matched no known mode are
        clustered into proposals; accepted modes keep their id for good.
      </p>
      {listError ? (
        <div className="alert error" role="alert" data-testid="modes-list-error">
          {listError}
        </div>
      ) : null}
      {notice ? (
        <p className="review-notice" role="status" data-testid="modes-notice">
          {notice}
        </p>
      ) : null}

      <h3>Proposed modes</h3>
      {list && list.proposals.length === 0 ? (
        <p className="empty" data-testid="modes-no-proposals">
          No proposals: every failure matched a known mode, or none has been promoted yet.
        </p>
      ) : null}
      <ol className="proposal-list" data-testid="proposal-list">
        {(list?.proposals ?? []).map((p) => (
          <li key={p.id}>
            <ProposalCard api={api} proposal={p} modes={list?.modes ?? []} onDecided={onDecided} />
          </li>
        ))}
      </ol>

      <h3>Known modes</h3>
      <table className="run-table" data-testid="mode-table">
        <thead>
          <tr>
            <th>id</th>
            <th>title</th>
            <th>category</th>
            <th className="num">count</th>
            <th>last seen</th>
          </tr>
        </thead>
        <tbody>
          {(list?.modes ?? []).map((m) => (
            <tr key={m.id} className={m.id === newMode ? 'mode-new' : undefined} data-testid="mode-row" data-mode-id={m.id}>
              <td className="mono" data-testid="mode-id">
                {m.id}
              </td>
              <td>
                <span data-testid="mode-title">{m.title}</span>
                {m.terms.length > 0 ? (
                  <ChipRow
                    label="joins by"
                    items={m.terms}
                    className="term"
                    rowTestId="mode-terms"
                    itemTestId="mode-term"
                    title="A failure no rule or judge names joins this mode when it carries most of these terms"
                  />
                ) : null}
              </td>
              <td>{m.category}</td>
              <td className="num" data-testid="mode-count">
                {m.count}
              </td>
              <td data-testid="mode-last-seen">{m.lastSeen ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ProposalProps {
  api: CasebookApi;
  proposal: ProposalItem;
  modes: ModeItem[];
  onDecided: (proposalId: string, modeId: string | null) => void;
}

/** One proposal: its size, title, terms and examples, and the four decisions. */
function ProposalCard({ api, proposal, modes, onDecided }: ProposalProps) {
  const [title, setTitle] = useState('');
  const [renameId, setRenameId] = useState<string | undefined>();
  const [into, setInto] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const trimmed = title.trim();

  // The id a rename gives comes from the service's dry run, so it is exactly what will be written.
  useEffect(() => {
    setRenameId(undefined);
    if (trimmed === '') return;
    let current = true;
    const timer = setTimeout(() => {
      api.modes
        .decide({ proposalId: proposal.id, decision: 'rename', title: trimmed, dryRun: true })
        .then((r) => current && setRenameId(r.modeId ?? undefined))
        .catch((err: unknown) => current && setError(errorMessage(err)));
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, proposal.id, trimmed]);

  const submit = (request: ModesDecideRequest) => {
    setBusy(true);
    setError(undefined);
    api.modes
      .decide(request)
      .then((r) => onDecided(r.proposalId, r.modeId))
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      });
  };

  return (
    <section className="proposal" data-testid="proposal" data-proposal-id={proposal.id}>
      <h4 className="proposal-head">
        <span data-testid="proposal-title">{proposal.title}</span>
        <span className="row-meta">
          <span data-testid="proposal-size">
            {proposal.size} failure{proposal.size === 1 ? '' : 's'}
          </span>
          <span className="mono">{proposal.id}</span>
        </span>
      </h4>
      {proposal.titleSource ? (
        <p className="hint" data-testid="proposal-title-source">
          {TITLE_SOURCE[proposal.titleSource]}
        </p>
      ) : null}
      {proposal.description ? (
        <p className="proposal-description" data-testid="proposal-description">
          {proposal.description}
        </p>
      ) : null}
      <ChipRow label="terms" items={proposal.terms} className="term" itemTestId="proposal-term" />
      <ChipRow label="examples" items={proposal.examples} className="mono" itemTestId="proposal-example" />

      {error ? (
        <div className="alert error" role="alert" data-testid="proposal-error">
          {error}
        </div>
      ) : null}
      <div className="proposal-actions">
        <div className="actions">
          <button type="button" className="button primary" data-testid="proposal-accept" disabled={busy} onClick={() => submit({ proposalId: proposal.id, decision: 'accept' })}>
            Accept
          </button>
          <span className="hint">
            as <span className="mono" data-testid="proposal-accept-id">{proposal.acceptId}</span>
          </span>
        </div>
        <div className="actions">
          <input
            className="input"
            aria-label={`New title for ${proposal.id}`}
            placeholder="A better title"
            data-testid="proposal-rename-title"
            value={title}
            maxLength={200}
            disabled={busy}
            onChange={(e) => setTitle(e.target.value)}
          />
          <button
            type="button"
            className="button"
            data-testid="proposal-rename"
            disabled={busy || trimmed === ''}
            onClick={() => submit({ proposalId: proposal.id, decision: 'rename', title: trimmed })}
          >
            Rename
          </button>
          {trimmed !== '' ? (
            <span className="hint">
              as <span className="mono" data-testid="proposal-rename-id">{renameId ?? '…'}</span>
            </span>
          ) : null}
        </div>
        <div className="actions">
          <select className="input" aria-label={`Mode to merge ${proposal.id} into`} data-testid="proposal-merge-into" value={into} disabled={busy} onChange={(e) => setInto(e.target.value)}>
            <option value="">Merge into…</option>
            {modes.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} · {m.title}
              </option>
            ))}
          </select>
          <button type="button" className="button" data-testid="proposal-merge" disabled={busy || into === ''} onClick={() => submit({ proposalId: proposal.id, decision: 'merge', into })}>
            Merge
          </button>
        </div>
        <div className="actions">
          <button type="button" className="button danger" data-testid="proposal-reject" disabled={busy} onClick={() => submit({ proposalId: proposal.id, decision: 'reject' })}>
            Reject
          </button>
        </div>
      </div>
    </section>
  );
}
