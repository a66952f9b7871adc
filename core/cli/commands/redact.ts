/**
 * `casebook redact FILE`: preview the redacted output of an export without importing it (the traces as
 * JSON Lines on stdout, the redaction report on stderr). `casebook redact --score CORPUS.jsonl`: precision,
 * recall and F2 per type on a labeled PII corpus.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { FormatId } from '../../model/trace.js';
import { importPaths } from '../../pipeline/import.js';
import { loadMapping } from '../../ingest/mapping-file.js';
import { describeJsonError } from '../../ingest/read-records.js';
import { belowBars, countsMostFirst, createRedactor, formatScoreErrors, formatScoreTable, type LabeledRecord, type RedactionConfigInput, type RedactionReportJson } from '../../redact/index.js';
import { Store } from '../../store/index.js';
import { ExitCode, type CliIo } from '../io.js';
import { UsageError } from './traces.js';

const CorpusLine = z
  .object({
    id: z.string().optional(),
    text: z.string(),
    spans: z.array(z.object({ start: z.number().int(), end: z.number().int(), type: z.string() })),
  })
  .superRefine((r, ctx) => {
    // A span outside its text, or empty, would be scored as found (nothing to cover) and inflate recall.
    r.spans.forEach((s, k) => {
      if (s.start < 0 || s.start >= s.end || s.end > r.text.length)
        ctx.addIssue({
          code: 'custom',
          path: ['spans', k],
          message: `span ${k + 1} (${s.type} ${s.start}-${s.end}) is not a non-empty range of the text's ${r.text.length} characters`,
        });
    });
  });

/** Read a labeled corpus (JSON Lines, the format of ../shared/fixtures/pii/dev.jsonl). */
export function readCorpus(path: string): LabeledRecord[] {
  const out: LabeledRecord[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new UsageError(`${path}:${i + 1}: not valid JSON: ${describeJsonError(e)}`);
      }
      const parsed = CorpusLine.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const rawId = (value as { id?: unknown } | null)?.id;
        const id = typeof rawId === 'string' ? ` (record ${rawId})` : '';
        const reason = issue?.code === 'custom' ? issue.message : `not a labeled record ({text, spans:[{start,end,type}]}): ${issue?.path.join('.') || 'the line'}: ${issue?.message}`;
        throw new UsageError(`${path}:${i + 1}${id}: ${reason}`);
      }
      out.push(parsed.data);
    });
  return out;
}

/** The redaction report as one line per dimension (counts only, never values). */
export function renderRedactionReport(r: RedactionReportJson): string {
  const list = (m: Record<string, number>): string =>
    countsMostFirst(m)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  if (r.total === 0) return 'Redacted nothing: no PII found.\n';
  return `Redacted ${r.total} value(s). By type: ${list(r.byType)}. By field: ${list(r.byField)}.\n`;
}

/** Run `casebook redact --score`; with `check`, exit ExitCode.belowBar when a figure is below its bar. */
export function runRedactScore(corpus: string, config: RedactionConfigInput | undefined, io: CliIo, check = false, errors = false): number {
  const records = readCorpus(corpus);
  // A perfect score over nothing would pass a CI gate that points at the wrong (or an empty) file.
  if (records.length === 0) throw new UsageError(`${corpus}: no labeled records to score`);
  const report = createRedactor(config ?? {}).scoreCorpus(records, { errors });
  io.stdout(`${records.length} labeled records from ${corpus}\n\n${formatScoreTable(report)}\n`);
  // The corpus is the team's own labeled text on its own machine: showing its values is the point here.
  if (report.errors !== undefined) io.stdout(`\n${formatScoreErrors(report.errors)}\n`);
  if (!check) return ExitCode.ok;
  const below = belowBars(report);
  for (const line of below) io.stderr(`below the bar: ${line}\n`);
  return below.length > 0 ? ExitCode.belowBar : ExitCode.ok;
}

/** Run `casebook redact FILE...`: import into a scratch database (deleted after) and print what would be stored. */
export async function runRedactPreview(
  paths: string[],
  o: { format?: FormatId; map?: string; config?: RedactionConfigInput },
  io: CliIo,
): Promise<number> {
  const mapping = o.map ? loadMapping(o.map) : undefined;
  // A scratch database on disk, not in memory: `casebook redact dump.jsonl > redacted.jsonl` is how an
  // auditor makes a shareable copy of a large export, and only redacted payloads are ever stored.
  const scratch = mkdtempSync(join(tmpdir(), 'casebook-redact-'));
  const store = Store.open(join(scratch, 'preview.db'));
  try {
    const report = await importPaths(store, paths, {
      format: o.format ?? (mapping ? 'generic' : undefined),
      mapping,
      signal: io.signal,
      redaction: { config: o.config },
    });
    for (const t of store.traces.inWindow(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true)) io.stdout(`${JSON.stringify(t)}\n`);
    // "Redacted nothing" is news only when something was read.
    if (report.redaction && report.records > 0) io.stderr(renderRedactionReport(report.redaction));
    for (const e of report.errors) io.stderr(`${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.reason}\n`);
    return report.errorCount > 0 ? ExitCode.partial : ExitCode.ok;
  } finally {
    store.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
