// Migration 3: grading runs, their per-conversation results, and the judgment cache keyed by
// (conversation content hash, judge pin) so a rerun with the same pin makes no judge call.
export default `
CREATE TABLE runs (
  id           TEXT PRIMARY KEY,
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
  config       TEXT NOT NULL,
  config_hash  TEXT NOT NULL,
  judge_pin    TEXT,
  window_from  INTEGER,
  window_to    INTEGER,
  summary      TEXT
);
CREATE INDEX runs_by_config ON runs (config_hash, started_at);

CREATE TABLE run_items (
  run_id           TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  conversation_key TEXT NOT NULL,
  trace_ids        TEXT NOT NULL,
  intent           TEXT NOT NULL,
  stakes           TEXT NOT NULL,
  weight           REAL NOT NULL,
  content_hash     TEXT NOT NULL,
  rules            TEXT,
  judge            TEXT,
  verdict          TEXT CHECK (verdict IN ('pass', 'fail', 'borderline', 'ungraded')),
  reasons          TEXT,
  PRIMARY KEY (run_id, conversation_key)
) WITHOUT ROWID;

CREATE TABLE judgments (
  content_hash TEXT NOT NULL,
  pin_key      TEXT NOT NULL,
  result       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (content_hash, pin_key)
) WITHOUT ROWID;
`;
