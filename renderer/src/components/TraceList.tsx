/**
 * The virtualized trace list with text search and a status filter. Pages are fetched as the user scrolls,
 * so a database of a million traces costs one page of rows in the DOM.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { CasebookApi } from '../../../core/api/contract.js';
import type { TraceSummary } from '../../../core/model/query.js';
import { errorMessage } from '../api/index.js';
import { formatTime } from '../format.js';

const PAGE = 200;
const ROW_HEIGHT = 64;

type StatusFilter = 'all' | 'ok' | 'error';

interface Props {
  api: CasebookApi;
  dataVersion: number;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

/** The list pane. */
export function TraceList({ api, dataVersion, selectedId, onSelect }: Props) {
  const [input, setInput] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [items, setItems] = useState<TraceSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // Each new query gets a number; answers to older queries are dropped.
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Search as the user types, but not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setText(input.trim()), 250);
    return () => clearTimeout(timer);
  }, [input]);

  const filter = (offset: number) => ({
    text: text === '' ? undefined : text,
    status: status === 'all' ? undefined : status,
    limit: PAGE,
    offset,
  });

  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    api.traces
      .list(filter(0))
      .then((page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setTotal(page.total);
        scrollRef.current?.scrollTo({ top: 0 });
      })
      .catch((err: unknown) => mine === generation.current && setError(errorMessage(err)))
      .finally(() => mine === generation.current && setLoading(false));
    // filter() reads exactly text and status, listed here.
  }, [api, text, status, dataVersion]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRow = rows[rows.length - 1];

  // Fetch the next page when the last loaded row scrolls into view.
  useEffect(() => {
    if (!lastRow || loading || lastRow.index < items.length - 1 || items.length >= total) return;
    const mine = generation.current;
    setLoading(true);
    api.traces
      .list(filter(items.length))
      .then((page) => {
        if (mine !== generation.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setTotal(page.total);
      })
      .catch((err: unknown) => mine === generation.current && setError(errorMessage(err)))
      .finally(() => mine === generation.current && setLoading(false));
    // filter() reads the current query; a query change resets items and so re-runs this.
  }, [lastRow?.index, items.length, total, loading, api]);

  return (
    <section className="trace-list" aria-label="Traces">
      <div className="list-controls">
        <input
          type="search"
          className="search"
          placeholder="Search messages and tool calls"
          aria-label="Search traces"
          data-testid="trace-search"
          value={input}
          onChange={(e) => setInput(e.target.value)}
        />
        <select
          className="status-filter"
          aria-label="Status"
          data-testid="status-filter"
          value={status}
          onChange={(e) => setStatus(e.target.value as StatusFilter)}
        >
          <option value="all">All</option>
          <option value="ok">OK</option>
          <option value="error">Error</option>
        </select>
      </div>
      <div className="list-summary" data-testid="trace-total">
        {loading && items.length === 0 ? 'Loading…' : `${total} ${total === 1 ? 'trace' : 'traces'}`}
      </div>
      {error ? (
        <div className="alert error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="list-scroll" ref={scrollRef} data-testid="trace-list">
        {/* Geometry is set through the CSSOM (React's style prop), which the CSP's style-src allows. */}
        <div className="list-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const t = items[row.index];
            if (!t) return null;
            return (
              <button
                type="button"
                key={t.id}
                className={t.id === selectedId ? 'trace-row selected' : 'trace-row'}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                data-testid="trace-row"
                data-trace-id={t.id}
                onClick={() => onSelect(t.id)}
              >
                <span className="row-title">{t.title}</span>
                <span className="row-meta">
                  <span className={`status status-${t.status}`}>{t.status}</span>
                  <span>{t.format}</span>
                  {t.reward !== null ? <span>reward {t.reward}</span> : null}
                  <span>{t.messageCount} msgs</span>
                  <span>{t.toolCallCount} tools</span>
                  {t.startTime !== null ? <span>{formatTime(t.startTime)}</span> : null}
                  {t.model ? <span>{t.model}</span> : null}
                </span>
              </button>
            );
          })}
        </div>
        {!loading && items.length === 0 && !error ? (
          <p className="empty" data-testid="trace-list-empty">
            {text || status !== 'all' ? 'No trace matches.' : 'No traces yet. Import a file to begin.'}
          </p>
        ) : null}
      </div>
    </section>
  );
}
