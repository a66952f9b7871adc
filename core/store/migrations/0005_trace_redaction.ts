// Migration 5: how each trace was redacted when it was stored: `raw` (imported with redaction off), or the
// redactor version and a hash of the redaction configuration (`v1:3f9a...`). NULL for traces stored before
// this was recorded. It lets the CLI say which stored traces predate a stricter configuration or a redactor fix.
// And which import stored each trace's current bytes, so a run summary can count what those imports masked.
export default `
ALTER TABLE traces ADD COLUMN redaction TEXT;
ALTER TABLE traces ADD COLUMN import_id INTEGER;
`;
