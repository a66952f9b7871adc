/**
 * Reading and writing traces, their search index and staged fragments. Statements are prepared once.
 */
import type { Json, Trace } from '../model/trace.js';
import { Trace as TraceSchema } from '../model/trace.js';
import type { TraceFilter, TracePage, TraceSummary } from '../model/query.js';
import { traceContentJson } from '../model/content.js';
import type { Db } from './database.js';

/** What an upsert did. */
export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

interface SummaryRow {
  id: string;
  format: TraceSummary['format'];
  source_file: string;
  source_trace_id: string;
  start_time: number | null;
  agent_name: string | null;
  model: string | null;
  conversation_id: string | null;
  intent: string | null;
  status: 'ok' | 'error';
  reward: number | null;
  message_count: number;
  tool_call_count: number;
  title: string;
}

const SUMMARY_COLUMNS = `t.id, t.format, t.source_file, t.source_trace_id, t.start_time, t.agent_name, t.model,
  t.conversation_id, t.intent, t.status, t.reward, t.message_count, t.tool_call_count, t.title`;

function toSummary(r: SummaryRow): TraceSummary {
  return {
    id: r.id,
    format: r.format,
    sourceFile: r.source_file,
    sourceTraceId: r.source_trace_id,
    startTime: r.start_time,
    agentName: r.agent_name,
    model: r.model,
    conversationId: r.conversation_id,
    intent: r.intent,
    status: r.status,
    reward: r.reward,
    messageCount: r.message_count,
    toolCallCount: r.tool_call_count,
    title: r.title,
  };
}

/**
 * Characters of scripts written without spaces between words (Chinese, Japanese) and Korean, whose particles
 * attach to the word ("주문을"). The tokenizer would make a whole run one token, so the search text gives
 * each such character its own token and a query looks for them as a phrase: any substring is found.
 */
const UNSPACED_SCRIPT = /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]/gu;

/** `text` with each character of an unspaced script set apart by spaces (see UNSPACED_SCRIPT). */
function spaceOutUnspacedScripts(text: string): string {
  return text.replace(UNSPACED_SCRIPT, ' $& ');
}

/** The version of searchableText's output the code writes (the search_index table records what is stored). */
export const SEARCH_TEXT_VERSION = 2;

/**
 * Turn free text into an FTS5 query that matches rows containing every word (no FTS syntax leaks through).
 * A word with Chinese, Japanese or Korean in it becomes a phrase of its characters: "退货" finds "我想退货".
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return undefined;
  return words.map((w) => `"${spaceOutUnspacedScripts(w).trim().split(/\s+/).join(' ')}"`).join(' ');
}

/** The text indexed for search: every message's text and tool call names/arguments/results. */
export function searchableText(trace: Pick<Trace, 'messages'>): string {
  const parts: string[] = [];
  for (const m of trace.messages) {
    if (m.text) parts.push(m.text);
    for (const c of m.toolCalls) {
      parts.push(c.name);
      parts.push(typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments));
      if (c.result !== undefined) parts.push(typeof c.result === 'string' ? c.result : JSON.stringify(c.result));
    }
  }
  return spaceOutUnspacedScripts(parts.join('\n'));
}

/**
 * A one-line title for lists. A trace that is one turn of a conversation usually repeats the earlier
 * turns as history, so its own request is its last user message; a whole-conversation trace is best
 * named by its first.
 */
export function traceTitle(trace: Trace): string {
  const users = trace.messages.filter((m) => m.role === 'user' && m.text.trim() !== '');
  const pick = trace.conversationId ? users[users.length - 1] : users[0];
  const text = ((pick ?? trace.messages[0])?.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text || `(${trace.source.format} trace ${trace.source.sourceTraceId})`;
}

/** The column values of one traces row, plus its search text. */
export interface TraceRow {
  id: string;
  format: string;
  source_file: string;
  source_trace_id: string;
  content_hash: string;
  start_time: number | null;
  end_time: number | null;
  agent_name: string | null;
  model: string | null;
  conversation_id: string | null;
  user_id: string | null;
  intent: string | null;
  stakes: string | null;
  status: 'ok' | 'error';
  error: string | null;
  tokens_input: number | null;
  tokens_output: number | null;
  latency_ms: number | null;
  reward: number | null;
  message_count: number;
  tool_call_count: number;
  title: string;
  body: string;
  imported_at: number;
  search_text: string;
  /** How the trace was redacted (migration 5): `raw`, a redactor version and config hash, or null when unknown. */
  redaction: string | null;
  /** The import that stored these bytes (migration 5), or null when unknown. */
  import_id: number | null;
}

/** Serialise a trace into its row; `contentJson` is its traceContentJson when the caller already has it. */
export function traceRow(
  trace: Trace,
  importedAt: number,
  contentJson = traceContentJson(trace),
  redaction: string | null = null,
  importId: number | null = null,
): TraceRow {
  return {
    id: trace.id,
    format: trace.source.format,
    source_file: trace.source.file,
    source_trace_id: trace.source.sourceTraceId,
    content_hash: trace.contentHash,
    start_time: trace.startTime ?? null,
    end_time: trace.endTime ?? null,
    agent_name: trace.agent.name ?? null,
    model: trace.agent.model ?? null,
    conversation_id: trace.conversationId ?? null,
    user_id: trace.userId ?? null,
    intent: trace.intent ?? null,
    stakes: trace.stakes ?? null,
    status: trace.status,
    error: trace.error ?? null,
    tokens_input: trace.tokens.input ?? null,
    tokens_output: trace.tokens.output ?? null,
    latency_ms: trace.latencyMs ?? null,
    reward: trace.outcome.reward ?? null,
    message_count: trace.messages.length,
    tool_call_count: trace.messages.reduce((n, m) => n + m.toolCalls.length, 0),
    title: traceTitle(trace),
    body: contentJson,
    imported_at: importedAt,
    search_text: searchableText(trace),
    redaction,
    import_id: importId,
  };
}

/** Repository over the traces, trace_text and fragments tables. */
export class TraceRepository {
  private readonly selectHashAndRedaction;
  private readonly updateRedaction;
  private readonly selectRowid;
  private readonly insert;
  private readonly deleteText;
  private readonly deleteTrace;
  private readonly insertText;
  private readonly insertFragment;
  private readonly selectFragments;
  private readonly selectBody;
  private readonly selectAnyFragment;

  constructor(private readonly db: Db) {
    this.selectHashAndRedaction = db.prepare('SELECT content_hash, redaction FROM traces WHERE id = ?');
    this.updateRedaction = db.prepare('UPDATE traces SET redaction = ? WHERE id = ?');
    this.selectRowid = db.prepare('SELECT rowid FROM traces WHERE id = ?').pluck();
    this.insert = db.prepare(`INSERT INTO traces (id, format, source_file, source_trace_id, content_hash, start_time,
        end_time, agent_name, model, conversation_id, user_id, intent, stakes, status, error, tokens_input,
        tokens_output, latency_ms, reward, message_count, tool_call_count, title, body, imported_at, redaction, import_id)
      VALUES (@id, @format, @source_file, @source_trace_id, @content_hash, @start_time, @end_time, @agent_name, @model,
        @conversation_id, @user_id, @intent, @stakes, @status, @error, @tokens_input, @tokens_output, @latency_ms,
        @reward, @message_count, @tool_call_count, @title, @body, @imported_at, @redaction, @import_id)
      ON CONFLICT (id) DO UPDATE SET format = excluded.format, source_file = excluded.source_file,
        source_trace_id = excluded.source_trace_id, content_hash = excluded.content_hash,
        start_time = excluded.start_time, end_time = excluded.end_time, agent_name = excluded.agent_name,
        model = excluded.model, conversation_id = excluded.conversation_id, user_id = excluded.user_id,
        intent = excluded.intent, stakes = excluded.stakes, status = excluded.status, error = excluded.error,
        tokens_input = excluded.tokens_input, tokens_output = excluded.tokens_output,
        latency_ms = excluded.latency_ms, reward = excluded.reward, message_count = excluded.message_count,
        tool_call_count = excluded.tool_call_count, title = excluded.title, body = excluded.body,
        imported_at = excluded.imported_at, redaction = excluded.redaction, import_id = excluded.import_id
      RETURNING rowid`);
    this.deleteText = db.prepare('DELETE FROM trace_text WHERE rowid = ?');
    this.deleteTrace = db.prepare('DELETE FROM traces WHERE rowid = ?');
    this.insertText = db.prepare('INSERT INTO trace_text (rowid, text) VALUES (?, ?)');
    this.insertFragment = db.prepare(
      // A fragment imported again replaces its staged payload when that changed (a stricter redaction
      // configuration, a better redactor): the trace is then assembled from what this import produced.
      `INSERT INTO fragments (format, trace_key, fragment_id, payload) VALUES (?, ?, ?, ?)
       ON CONFLICT (format, trace_key, fragment_id) DO UPDATE SET payload = excluded.payload WHERE payload <> excluded.payload`,
    );
    this.selectFragments = db
      .prepare('SELECT payload FROM fragments WHERE format = ? AND trace_key = ? ORDER BY fragment_id')
      .pluck();
    this.selectAnyFragment = db.prepare('SELECT 1 FROM fragments WHERE format = ? AND trace_key = ? LIMIT 1').pluck();
    this.selectBody = db.prepare('SELECT id, content_hash, source_file, body FROM traces WHERE id = ?');
  }

  /**
   * Insert a trace row (`traceRow`; the import's redaction thread builds them), or replace the stored one when
   * its content changed; the same content again writes nothing but a newer redaction mark.
   */
  upsertRow(row: TraceRow): UpsertOutcome {
    const existing = this.selectHashAndRedaction.get(row.id) as { content_hash: string; redaction: string | null } | undefined;
    if (existing?.content_hash === row.content_hash) {
      // The same bytes under a newer redaction: the trace is current, and says so.
      if (row.redaction !== null && existing.redaction !== row.redaction) this.updateRedaction.run(row.redaction, row.id);
      return 'unchanged';
    }
    this.writeRow(row, existing !== undefined);
    return existing === undefined ? 'added' : 'updated';
  }

  /** The redaction mark and storing import of each of `ids` that exists (in chunks: SQLite bounds a statement's parameters). */
  redactionOf(ids: readonly string[]): Array<{ redaction: string | null; importId: number | null }> {
    const out: Array<{ redaction: string | null; importId: number | null }> = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT redaction, import_id FROM traces WHERE id IN (${chunk.map(() => '?').join(',')})`)
        .all(...chunk) as Array<{ redaction: string | null; import_id: number | null }>;
      for (const r of rows) out.push({ redaction: r.redaction, importId: r.import_id });
    }
    return out;
  }

  /** How many traces were stored under each redaction (`raw`, a version and config hash, or null: not recorded). */
  redactionCounts(): Map<string | null, number> {
    const rows = this.db.prepare('SELECT redaction, COUNT(*) AS n FROM traces GROUP BY redaction').all() as Array<{ redaction: string | null; n: number }>;
    return new Map(rows.map((r) => [r.redaction, r.n]));
  }

  /** Delete a trace and its search text; false when there is none with this id. */
  remove(id: string): boolean {
    const rowid = this.selectRowid.get(id) as number | undefined;
    if (rowid === undefined) return false;
    this.deleteText.run(rowid);
    this.deleteTrace.run(rowid);
    return true;
  }

  /** Write a prepared row and its search text (the benchmark's insert-only ceiling calls this directly). */
  writeRow(row: TraceRow, replacing: boolean): void {
    const rowid = (this.insert.get(row) as { rowid: number }).rowid;
    if (replacing) this.deleteText.run(rowid);
    this.insertText.run(rowid, row.search_text);
  }

  /** Stage a fragment; returns false when one with the same id was already staged. */
  stageFragment(format: string, traceKey: string, fragmentId: string, payload: Json): boolean {
    return this.stageFragmentText(format, traceKey, fragmentId, JSON.stringify(payload));
  }

  /** Stage an already-serialised fragment, or replace a staged one whose payload differs; true when anything was written (the benchmark's ceiling calls this directly). */
  stageFragmentText(format: string, traceKey: string, fragmentId: string, payload: string): boolean {
    return this.insertFragment.run(format, traceKey, fragmentId, payload).changes > 0;
  }

  /** Every staged fragment of one trace key, in fragment-id order. */
  fragments(format: string, traceKey: string): Json[] {
    return (this.selectFragments.all(format, traceKey) as string[]).map((p) => JSON.parse(p) as Json);
  }

  /** True when any fragment of this format is staged. */
  hasAnyFragments(format: string): boolean {
    return this.db.prepare('SELECT 1 FROM fragments WHERE format = ? LIMIT 1').pluck().get(format) !== undefined;
  }

  /** True when any fragment of this trace key is staged. */
  hasFragments(format: string, traceKey: string): boolean {
    return this.selectAnyFragment.get(format, traceKey) !== undefined;
  }

  /** One trace with its messages and spans, or undefined. */
  get(id: string): Trace | undefined {
    const row = this.selectBody.get(id) as { id: string; content_hash: string; source_file: string; body: string } | undefined;
    if (row === undefined) return undefined;
    // The body is the content JSON: identity and file live in their columns.
    const content = JSON.parse(row.body) as { source: Record<string, unknown> };
    return TraceSchema.parse({
      ...content,
      id: row.id,
      contentHash: row.content_hash,
      source: { ...content.source, file: row.source_file },
    });
  }

  /** True when a trace with this id is stored. */
  has(id: string): boolean {
    return this.selectRowid.get(id) !== undefined;
  }

  /**
   * Rebuild the search index from the stored bodies when it holds an older searchableText than the code
   * writes (see search_index, migration 7); returns how many traces were indexed again. A stale version is
   * read again inside one IMMEDIATE transaction, so two processes opening the database do not both rebuild.
   */
  refreshSearchIndex(): number {
    const version = this.db.prepare('SELECT version FROM search_index WHERE id = 1').pluck();
    const current = (): boolean => ((version.get() as number | undefined) ?? 0) >= SEARCH_TEXT_VERSION;
    // The usual case, read without a write lock: opening the store must not wait on another process's import.
    if (current()) return 0;
    return this.db.transaction((): number => {
      if (current()) return 0;
      this.db.prepare("INSERT INTO trace_text (trace_text) VALUES ('delete-all')").run();
      // In pages, not one iterator: the connection cannot insert while a statement of it is still reading.
      const page = this.db.prepare('SELECT rowid, body FROM traces WHERE rowid > ? ORDER BY rowid LIMIT 500');
      let n = 0;
      for (let after = -1; ; ) {
        const rows = page.all(after) as Array<{ rowid: number; body: string }>;
        if (rows.length === 0) break;
        for (const row of rows) {
          // The body is the trace's content JSON: its messages are all searchableText reads.
          this.insertText.run(row.rowid, searchableText(JSON.parse(row.body) as Pick<Trace, 'messages'>));
          after = row.rowid;
          n++;
        }
      }
      this.db.prepare('INSERT INTO search_index (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version').run(SEARCH_TEXT_VERSION);
      return n;
    }).immediate();
  }

  /** A filtered, newest-first page of trace summaries and the total that match. */
  list(filter: TraceFilter): TracePage {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const add = (sql: string, key: string, value: string | number | undefined): void => {
      if (value === undefined) return;
      where.push(sql);
      params[key] = value;
    };
    add('t.start_time >= @from', 'from', filter.from);
    add('t.start_time < @to', 'to', filter.to);
    add('t.intent = @intent', 'intent', filter.intent);
    add('t.status = @status', 'status', filter.status);
    add('t.format = @format', 'format', filter.format);
    add('t.conversation_id = @conversationId', 'conversationId', filter.conversationId);
    if (filter.text !== undefined) {
      const q = ftsQuery(filter.text);
      if (q === undefined) return { total: 0, items: [] };
      where.push('t.rowid IN (SELECT rowid FROM trace_text WHERE trace_text MATCH @fts)');
      params.fts = q;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) FROM traces t ${clause}`).pluck().get(params) as number) ?? 0;
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM traces t ${clause}
         ORDER BY t.start_time IS NULL, t.start_time DESC, t.id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: filter.limit, offset: filter.offset }) as SummaryRow[];
    return { total, items: rows.map(toSummary) };
  }

  /**
   * Every trace that started in [from, to), oldest first, plus (when asked) those with no start time,
   * read one at a time.
   */
  *inWindow(from: number, to: number, includeUndated: boolean): Generator<Trace> {
    const ids = this.db
      .prepare(
        `SELECT id FROM traces WHERE (start_time >= ? AND start_time < ?) ${includeUndated ? 'OR start_time IS NULL' : ''}
         ORDER BY start_time, id`,
      )
      .pluck()
      .all(from, to) as string[];
    for (const id of ids) {
      const t = this.get(id);
      if (t) yield t;
    }
  }

  /** Summaries of every trace of one conversation, oldest first. */
  conversation(conversationId: string): TraceSummary[] {
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM traces t WHERE t.conversation_id = ? ORDER BY t.start_time, t.id`)
      .all(conversationId) as SummaryRow[];
    return rows.map(toSummary);
  }

  /** Ids that start with a prefix (for short ids on the command line). */
  idsWithPrefix(prefix: string, limit: number): string[] {
    return this.db
      .prepare("SELECT id FROM traces WHERE id >= ? AND id < ? ORDER BY id LIMIT ?")
      .pluck()
      .all(prefix, `${prefix}\uffff`, limit) as string[];
  }

  /** Number of stored traces. */
  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM traces').pluck().get() as number;
  }
}
