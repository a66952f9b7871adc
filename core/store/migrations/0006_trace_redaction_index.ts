// Migration 6: an index on traces.redaction. The per-mark counts (every CLI import and app refresh asks)
// come from it without reading trace bodies: the column comes after the body, so a table scan would read
// every overflow page (55 ms at 100 MB, warm). IF NOT EXISTS: one shipped build created this index in
// migration 5 itself (see formerChecksums in index.ts).
export default `
CREATE INDEX IF NOT EXISTS traces_redaction ON traces (redaction);
`;
