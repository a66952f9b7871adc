/** `casebook formats`: the import formats and how each is detected. */
import { detectableFormats } from '../../ingest/registry.js';
import { ExitCode, type CliIo } from '../io.js';

/** The formats table. */
export function renderFormats(): string {
  const lines = ['Formats (auto-detected from the first records of each file; override with --format):', ''];
  for (const p of detectableFormats()) lines.push(`  ${p.id.padEnd(14)}${p.title}\n  ${''.padEnd(14)}detected by: ${p.detection}`);
  lines.push(
    `  ${'generic'.padEnd(14)}Your own JSONL/JSON/CSV logs, with a field mapping\n  ${''.padEnd(14)}never auto-detected: use --format generic --map mapping.yaml`,
  );
  lines.push('', 'Files may be gzip-compressed (.gz); a folder imports every file in it.');
  return `${lines.join('\n')}\n`;
}

/** Run the formats command. */
export function runFormats(io: CliIo): number {
  io.stdout(renderFormats());
  return ExitCode.ok;
}
