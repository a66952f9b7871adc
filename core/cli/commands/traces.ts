/** `casebook traces`: list stored traces with filters. */
import { existsSync } from 'node:fs';
import { TraceFilter, type TraceSummary } from '../../model/query.js';
import { loadOrCreateSecretKey, secretKeyPath } from '../../pipeline/secret-key.js';
import { createKeyedHash, createRedactor, storedId, type RedactionConfigInput } from '../../redact/index.js';
import type { Store } from '../../store/index.js';
import { ExitCode, type CliIo } from '../io.js';
import { cell, formatTime, parseDuration, truncate } from '../format-text.js';

export interface TracesCommandOptions {
  since?: string;
  from?: string;
  to?: string;
  intent?: string;
  status?: string;
  text?: string;
  format?: string;
  conversation?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

/** Parse a --from/--to value: an ISO date/time. */
function parseTime(flag: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag}: "${value}" is not a date (use e.g. 2026-11-01 or 2026-11-01T12:00Z)`);
  return ms;
}

/** A mistake in the command line, reported with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Build a TraceFilter from command-line flags (throws UsageError on bad values). */
export function filterFromFlags(o: TracesCommandOptions, now = Date.now()): TraceFilter {
  let from = o.from !== undefined ? parseTime('--from', o.from) : undefined;
  if (o.since !== undefined) {
    const d = parseDuration(o.since);
    if (d === undefined) throw new UsageError(`--since: "${o.since}" is not a duration (use e.g. 24h, 7d, 2w)`);
    from = now - d;
  }
  const parsed = TraceFilter.safeParse({
    from,
    to: o.to !== undefined ? parseTime('--to', o.to) : undefined,
    intent: o.intent,
    status: o.status,
    text: o.text,
    format: o.format,
    conversationId: o.conversation,
    limit: o.limit !== undefined ? Number(o.limit) : 50,
    offset: o.offset !== undefined ? Number(o.offset) : 0,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? 'filter')}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}

/** Render trace summaries as a table fitting `columns`. */
export function renderTraceTable(items: readonly TraceSummary[], total: number, columns: number): string {
  const header = `${cell('ID', 27)} ${cell('TIME (UTC)', 16)} ${cell('FORMAT', 12)} ${cell('STATUS', 6)} ${cell('MSGS', 4)} ${cell('TOOLS', 5)} TITLE`;
  const fixed = header.length - 'TITLE'.length;
  const rows = items.map(
    (t) =>
      `${cell(t.id, 27)} ${cell(formatTime(t.startTime), 16)} ${cell(t.format, 12)} ${cell(t.status, 6)} ${cell(String(t.messageCount), 4)} ${cell(String(t.toolCallCount), 5)} ${truncate(t.title, Math.max(20, columns - fixed))}`,
  );
  const footer = `${items.length} of ${total} trace(s)`;
  return `${[header, ...rows, footer].join('\n')}\n`;
}

/**
 * The stored form of a conversation id typed on the command line: an id with PII in it was stored as its
 * type and a keyed hash (core/redact/stored-id.ts), so `--conversation whatsapp:+1415…` still finds it.
 */
function storedFormOf(id: string, redaction: RedactionConfigInput | undefined): string {
  const path = secretKeyPath();
  if (!existsSync(path)) return id;
  return storedId('conversation', id, (t) => createRedactor(redaction).detect(t), createKeyedHash(loadOrCreateSecretKey(path))).id;
}

/** Run the traces command; `redaction` is the eval folder's section the import used (custom patterns find ids too). */
export function runTraces(store: Store, o: TracesCommandOptions, io: CliIo, redaction?: RedactionConfigInput): number {
  const filter = filterFromFlags(o.conversation !== undefined ? { ...o, conversation: storedFormOf(o.conversation, redaction) } : o);
  const page = store.traces.list(filter);
  if (o.json) io.stdout(`${JSON.stringify(page, null, 2)}\n`);
  else io.stdout(renderTraceTable(page.items, page.total, io.columns));
  return ExitCode.ok;
}
