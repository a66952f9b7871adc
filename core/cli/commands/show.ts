/** `casebook show TRACE_ID`: one trace's conversation, readable in a terminal. */
import type { Json, Message, Trace } from '../../model/trace.js';
import type { TraceSummary } from '../../model/query.js';
import type { Store } from '../../store/index.js';
import { ExitCode, type CliIo } from '../io.js';
import { formatTime, indent, truncate } from '../format-text.js';
import { UsageError } from './traces.js';

function jsonText(value: Json | undefined, max: number): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters; --full shows all)` : text;
}

function renderMessage(m: Message, max: number): string {
  const who = m.role === 'tool' ? `TOOL${m.name ? ` ${m.name}` : ''}` : m.role.toUpperCase();
  const out: string[] = [`── ${who}${m.time !== undefined ? `  ${formatTime(m.time)}` : ''}`];
  if (m.text) out.push(indent(m.text.length > max ? `${m.text.slice(0, max)}…` : m.text, '   '));
  for (const c of m.toolCalls) {
    const status = c.status === 'unknown' ? '' : ` [${c.status}${c.latencyMs !== undefined ? `, ${Math.round(c.latencyMs)} ms` : ''}]`;
    out.push(`   → call ${c.name}${c.id ? ` (${c.id})` : ''}${status}`);
    out.push(indent(jsonText(c.arguments, max), '       '));
    if (c.error) out.push(`     ✗ ${c.error}`);
    if (c.result !== undefined && m.role === 'assistant') {
      out.push('     ← result');
      out.push(indent(jsonText(c.result, max), '       '));
    }
  }
  for (const d of m.documents) out.push(`   📄 ${d.title ?? d.uri ?? d.id ?? 'document'}${d.text ? `: ${truncate(d.text, 100)}` : ''}`);
  for (const d of m.citations) out.push(`   ↗ cites ${d.title ?? d.uri ?? d.id ?? 'source'}`);
  return out.join('\n');
}

/** Render a trace (and where it sits in its conversation) for the terminal. */
export function renderTrace(t: Trace, conversation: readonly TraceSummary[], full: boolean): string {
  const max = full ? Number.POSITIVE_INFINITY : 2000;
  const lines: string[] = [];
  lines.push(`Trace ${t.id}`);
  lines.push(`  source      ${t.source.format}  ${t.source.file}  (source id ${t.source.sourceTraceId})`);
  lines.push(`  time        ${formatTime(t.startTime)}${t.latencyMs !== undefined ? `  (${Math.round(t.latencyMs)} ms)` : ''}`);
  const agent = [t.agent.name, t.agent.version, t.agent.model].filter(Boolean).join(' · ');
  if (agent) lines.push(`  agent       ${agent}`);
  if (t.conversationId) lines.push(`  conversation ${t.conversationId} (${conversation.length} trace(s))`);
  if (t.userId) lines.push(`  user        ${t.userId}`);
  if (t.intent || t.stakes) lines.push(`  intent      ${t.intent ?? '-'}  stakes ${t.stakes ?? '-'}`);
  lines.push(`  status      ${t.status}${t.error ? `: ${t.error}` : ''}`);
  if (t.outcome.reward !== undefined) lines.push(`  reward      ${t.outcome.reward}`);
  for (const f of t.outcome.feedback) lines.push(`  feedback    ${f.name ?? ''} ${f.score ?? ''} ${f.comment ?? ''}`.trimEnd());
  const tok = t.tokens;
  if (tok.input !== undefined || tok.output !== undefined) lines.push(`  tokens      in ${tok.input ?? '-'}  out ${tok.output ?? '-'}`);
  lines.push(`  spans       ${t.spans.length}`);
  lines.push('');
  for (const m of t.messages) lines.push(renderMessage(m, max));
  if (conversation.length > 1) {
    lines.push('');
    lines.push('Conversation:');
    for (const s of conversation) lines.push(`  ${s.id === t.id ? '▶' : ' '} ${s.id}  ${formatTime(s.startTime)}  ${truncate(s.title, 60)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Find a trace by full id or unique id prefix. */
export function resolveTraceId(store: Store, idOrPrefix: string): string {
  if (store.traces.has(idOrPrefix)) return idOrPrefix;
  const matches = store.traces.idsWithPrefix(idOrPrefix, 5);
  if (matches.length === 1) return matches[0] as string;
  if (matches.length === 0) throw new UsageError(`no trace with id ${idOrPrefix} (see \`casebook traces\`)`);
  throw new UsageError(`${idOrPrefix} matches several traces: ${matches.join(', ')}…; give more characters`);
}

/** Run the show command. */
export function runShow(store: Store, id: string, o: { json?: boolean; full?: boolean }, io: CliIo): number {
  const trace = store.traces.get(resolveTraceId(store, id));
  if (!trace) throw new UsageError(`no trace with id ${id}`);
  const conversation = trace.conversationId ? store.traces.conversation(trace.conversationId) : [];
  if (o.json) io.stdout(`${JSON.stringify({ trace, conversation }, null, 2)}\n`);
  else io.stdout(renderTrace(trace, conversation, Boolean(o.full)));
  return ExitCode.ok;
}
