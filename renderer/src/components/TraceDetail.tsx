/**
 * One trace: its messages with roles, tool calls with arguments and results, and the other turns of its
 * conversation. Everything from the trace is untrusted text and is rendered as text, never as HTML.
 */
import { useEffect, useState } from 'react';
import type { CasebookApi, TraceDetail } from '../../../core/api/contract.js';
import type { Message, ToolCall } from '../../../core/model/trace.js';
import { errorMessage } from '../api/index.js';
import { formatTime, hiddenIdNote, prettyJson } from '../format.js';

interface Props {
  api: CasebookApi;
  traceId: string | undefined;
  onSelect: (id: string) => void;
}

/** The detail pane. */
export function TraceDetailView({ api, traceId, onSelect }: Props) {
  const [detail, setDetail] = useState<TraceDetail | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setDetail(undefined);
    setError(undefined);
    if (!traceId) return;
    let current = true;
    api.traces
      .get({ id: traceId })
      .then((d) => current && setDetail(d))
      .catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [api, traceId]);

  if (!traceId) return <section className="detail empty-detail">Select a trace to see its conversation.</section>;
  if (error)
    return (
      <section className="detail">
        <div className="alert error" role="alert">
          {error}
        </div>
      </section>
    );
  if (!detail) return <section className="detail">Loading…</section>;

  const { trace, conversation } = detail;
  // Results already shown under their call: the tool message repeating them is folded away.
  const joined = new Set(
    trace.messages.flatMap((m) => m.toolCalls.filter((c) => c.result !== undefined && c.id !== undefined).map((c) => c.id)),
  );
  const title = trace.messages.find((m) => m.role === 'user')?.text ?? trace.source.sourceTraceId;
  return (
    <section className="detail" data-testid="trace-detail" aria-label="Trace detail">
      <header className="detail-header">
        <h2 className="detail-title" data-testid="detail-title">
          {title}
        </h2>
        <dl className="facts">
          <dt>Status</dt>
          <dd className={`status status-${trace.status}`}>{trace.status}</dd>
          {trace.outcome.reward !== undefined ? (
            <>
              <dt>Reward</dt>
              <dd data-testid="detail-reward">{trace.outcome.reward}</dd>
            </>
          ) : null}
          <dt>Format</dt>
          <dd>{trace.source.format}</dd>
          <dt>Source</dt>
          <dd className="mono">
            {trace.source.file} ·{' '}
            <span data-testid="source-id" title={hiddenIdNote(trace.source.sourceTraceId)}>
              {trace.source.sourceTraceId}
            </span>
          </dd>
          {trace.agent.model ? (
            <>
              <dt>Model</dt>
              <dd>{trace.agent.model}</dd>
            </>
          ) : null}
          {trace.agent.name ? (
            <>
              <dt>Agent</dt>
              <dd>{trace.agent.name}</dd>
            </>
          ) : null}
          {trace.startTime !== undefined ? (
            <>
              <dt>Started</dt>
              <dd>{formatTime(trace.startTime)}</dd>
            </>
          ) : null}
        </dl>
        {trace.error ? <p className="alert error">{trace.error}</p> : null}
      </header>

      {conversation.length > 1 ? (
        <nav className="turns" aria-label="Conversation turns" data-testid="conversation-turns">
          <h3>
            Conversation{' '}
            <span className="mono" data-testid="conversation-id" title={hiddenIdNote(trace.conversationId)}>
              {trace.conversationId}
            </span>
          </h3>
          <ol>
            {conversation.map((turn) => (
              <li key={turn.id}>
                <button
                  type="button"
                  className={turn.id === trace.id ? 'turn current' : 'turn'}
                  disabled={turn.id === trace.id}
                  onClick={() => onSelect(turn.id)}
                >
                  {formatTime(turn.startTime)} {turn.title}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}

      <ol className="messages" data-testid="messages">
        {trace.messages.map((m, i) => (
          <MessageView key={i} message={m} echoed={m.role === 'tool' && m.toolCallId !== undefined && joined.has(m.toolCallId)} />
        ))}
      </ol>

      {Object.keys(trace.metadata).length > 0 ? (
        <details className="metadata">
          <summary>Metadata</summary>
          <pre className="json">{prettyJson(trace.metadata)}</pre>
        </details>
      ) : null}
    </section>
  );
}

function MessageView({ message, echoed }: { message: Message; echoed: boolean }) {
  const text = message.role === 'tool' ? prettyJson(message.text) : message.text;
  if (echoed) {
    return (
      <li className="message role-tool folded" data-testid="message" data-role="tool">
        <details>
          <summary className="message-role">
            tool{message.name ? ` · ${message.name}` : ''} — result shown with its call above
          </summary>
          <pre className="message-text json" data-testid="message-text">
            {text}
          </pre>
        </details>
      </li>
    );
  }
  return (
    <li className={`message role-${message.role}`} data-testid="message" data-role={message.role}>
      <div className="message-role">
        {message.role}
        {message.name ? <span className="message-name"> · {message.name}</span> : null}
      </div>
      {text !== '' ? (
        <pre className={message.role === 'tool' ? 'message-text json' : 'message-text'} data-testid="message-text">
          {text}
        </pre>
      ) : null}
      {message.toolCalls.map((call, i) => (
        <ToolCallView key={call.id ?? i} call={call} />
      ))}
    </li>
  );
}

function ToolCallView({ call }: { call: ToolCall }) {
  return (
    <div className="tool-call" data-testid="tool-call" data-tool-name={call.name}>
      <div className="tool-call-head">
        <span className="tool-name">{call.name}</span>
        <span className={`status status-${call.status}`}>{call.status}</span>
        {call.latencyMs !== undefined ? <span>{call.latencyMs} ms</span> : null}
      </div>
      <div className="tool-section">Arguments</div>
      <pre className="json" data-testid="tool-call-arguments">
        {prettyJson(call.arguments)}
      </pre>
      {call.result !== undefined ? (
        <>
          <div className="tool-section">Result</div>
          <pre className="json" data-testid="tool-call-result">
            {prettyJson(call.result)}
          </pre>
        </>
      ) : null}
      {call.error ? <p className="alert error">{call.error}</p> : null}
    </div>
  );
}
