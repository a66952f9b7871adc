// Migration 2: pseudonymizer state per scope (conversation or trace), so placeholders stay consistent
// across import runs. The state holds keyed hashes and placeholders only, never raw values.
export default `
CREATE TABLE pseudonym_scopes (
  scope TEXT PRIMARY KEY,
  state TEXT NOT NULL
) WITHOUT ROWID;
`;
