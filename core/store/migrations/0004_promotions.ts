// Migration 4: what `casebook promote` did with each run (new cases, regressions, review, proposals),
// so the run's summary and the app can show it. One row per run; a repeated promote updates it.
export default `
CREATE TABLE run_promotions (
  run_id       TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  promoted_at  INTEGER NOT NULL,
  run_date     TEXT NOT NULL,
  new_case_ids TEXT NOT NULL,
  regressions  TEXT NOT NULL,
  review_count INTEGER NOT NULL CHECK (review_count >= 0),
  proposals    TEXT NOT NULL
) WITHOUT ROWID;
`;
