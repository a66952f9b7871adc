/** `casebook import PATH...`: read trace exports into the database, with progress and a final report. */
import type { FormatId } from '../../model/trace.js';
import { importPaths, type ImportProgress, type ImportReport } from '../../pipeline/import.js';
import { loadMapping } from '../../ingest/mapping-file.js';
import type { Store } from '../../store/index.js';
import { ExitCode, type CliIo } from '../io.js';
import { formatBytes, formatDuration } from '../format-text.js';
import { renderImportProgress } from '../progress-line.js';
import { renderRedactionReport } from './redact.js';
import type { RedactionConfigInput } from '../../redact/index.js';
import { storedRedaction, type StoredRedaction } from '../../pipeline/redaction-mark.js';

export interface ImportCommandOptions {
  format?: FormatId;
  map?: string;
  json?: boolean;
  /** Store raw payloads without redaction (explicit opt-in). */
  keepRaw?: boolean;
  /** The eval folder's `redaction:` section. */
  redactionConfig?: RedactionConfigInput;
}

/** The final report as the terminal shows it. */
export function renderImportReport(r: ImportReport): string {
  const lines: string[] = [];
  const t = r.traces;
  lines.push(
    `${r.status === 'cancelled' ? 'Import cancelled' : 'Imported'} ${r.files.length} file(s), ${formatBytes(r.bytes)} in ${formatDuration(r.durationMs)}: ` +
      `${r.records} records, ${t.added} new traces, ${t.updated} updated, ${t.unchanged} unchanged.`,
  );
  for (const f of r.files) {
    lines.push(`  ${f.file}  [${f.format ?? 'unknown format'}]  ${f.records} records${f.errors > 0 ? `, ${f.errors} failed` : ''}`);
  }
  if (r.redaction) lines.push(renderRedactionReport(r.redaction).trimEnd());
  else lines.push('Redaction was OFF (--keep-raw): raw payloads are stored.');
  if (r.errorCount > 0) {
    lines.push(`${r.errorCount} record(s) could not be imported${r.errorCount > r.errors.length ? ` (first ${r.errors.length} shown)` : ''}:`);
    for (const e of r.errors) {
      const where = e.line !== undefined ? `:${e.line}` : '';
      const off = e.byteOffset !== undefined ? ` (byte ${e.byteOffset})` : '';
      lines.push(`  ${e.file}${where}${off}: ${e.reason}`);
    }
    lines.push('Every other record was imported.');
  }
  return `${lines.join('\n')}\n`;
}

/** Notes about stored traces the current redaction did not produce (none when every trace is current). */
export function renderStoredRedaction(s: StoredRedaction): string[] {
  const lines: string[] = [];
  if (s.stale > 0) {
    lines.push(
      `note: ${s.stale} stored trace(s) were redacted under another redaction configuration or an older redactor; import their exports again to redact them as configured now.`,
    );
  }
  if (s.unknown > 0) {
    lines.push(`note: ${s.unknown} stored trace(s) predate the record of how traces were redacted; import their exports again to be sure they are redacted as configured now.`);
  }
  if (s.raw > 0) lines.push(`WARNING: ${s.raw} stored trace(s) are raw (imported with --keep-raw): their PII is in the database.`);
  return lines;
}

/** Run the import command; returns the exit code. */
export async function runImport(store: Store, paths: string[], opts: ImportCommandOptions, io: CliIo): Promise<number> {
  const mapping = opts.map ? loadMapping(opts.map) : undefined;
  if (mapping && !opts.format) opts = { ...opts, format: 'generic' };
  let lastFile: string | undefined;
  const onProgress = (p: ImportProgress): void => {
    if (io.isTTY) {
      io.stderr(`\r\x1b[2K${renderImportProgress(p, io.columns)}`);
      if (p.phase === 'done') io.stderr('\r\x1b[2K');
    } else if (p.file && p.file !== lastFile && !opts.json) {
      lastFile = p.file;
      io.stderr(`reading ${p.file}\n`);
    }
  };
  if (opts.keepRaw) {
    io.stderr('WARNING: --keep-raw stores trace payloads WITHOUT redacting PII; raw values will be on disk in the database.\n');
  }
  const report = await importPaths(store, paths, {
    format: opts.format,
    mapping,
    redaction: opts.keepRaw ? 'off' : { config: opts.redactionConfig },
    signal: io.signal,
    onProgress,
    progressIntervalMs: io.isTTY ? 100 : 1000,
  });
  const stored = storedRedaction(store, opts.redactionConfig);
  if (opts.json) io.stdout(`${JSON.stringify({ ...report, stored }, null, 2)}\n`);
  else io.stdout(renderImportReport(report) + renderStoredRedaction(stored).map((l) => `${l}\n`).join(''));
  if (report.status === 'cancelled') return ExitCode.interrupted;
  return report.errorCount > 0 ? ExitCode.partial : ExitCode.ok;
}
