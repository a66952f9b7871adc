// Migration 1: traces, their full-text index, staged fragments and import bookkeeping.
// Applied migrations are immutable: their checksum is recorded and verified on every open.
export default `
CREATE TABLE traces (
  id              TEXT PRIMARY KEY,
  format          TEXT NOT NULL,
  source_file     TEXT NOT NULL,
  source_trace_id TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  start_time      INTEGER,
  end_time        INTEGER,
  agent_name      TEXT,
  model           TEXT,
  conversation_id TEXT,
  user_id         TEXT,
  intent          TEXT,
  stakes          TEXT,
  status          TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error           TEXT,
  tokens_input    INTEGER,
  tokens_output   INTEGER,
  latency_ms      REAL,
  reward          REAL,
  message_count   INTEGER NOT NULL,
  tool_call_count INTEGER NOT NULL,
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,
  imported_at     INTEGER NOT NULL
);
CREATE INDEX traces_by_time ON traces (start_time);
CREATE INDEX traces_by_conversation ON traces (conversation_id, start_time);
CREATE INDEX traces_by_intent ON traces (intent, start_time);
CREATE INDEX traces_by_status ON traces (status, start_time);

-- One row per trace (rowid = traces.rowid): all message text, for search. Contentless: the text lives in body.
CREATE VIRTUAL TABLE trace_text USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

-- Spans/runs that only make a trace together, staged (already redacted) until assembly.
CREATE TABLE fragments (
  format      TEXT NOT NULL,
  trace_key   TEXT NOT NULL,
  fragment_id TEXT NOT NULL,
  payload     TEXT NOT NULL,
  PRIMARY KEY (format, trace_key, fragment_id)
) WITHOUT ROWID;

CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  paths         TEXT NOT NULL,
  report        TEXT
);

CREATE TABLE import_errors (
  import_id    INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  file         TEXT NOT NULL,
  line         INTEGER,
  byte_offset  INTEGER,
  record_index INTEGER,
  reason       TEXT NOT NULL
);
CREATE INDEX import_errors_by_import ON import_errors (import_id);
`;
