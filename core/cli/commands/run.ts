/** `casebook run [PATH...]`: (import, then) sample, grade with rules and the judge, write the summary. */
import type { FormatId } from '../../model/trace.js';
import type { RunSummary } from '../../model/run.js';
import { windowFromSince, type SamplingWindow } from '../../sample/index.js';
import { loadEvalFolder } from '../../config/eval-folder.js';
import { runGrading, type RunProgress } from '../../pipeline/run.js';
import type { Store } from '../../store/index.js';
import { ExitCode, type CliIo } from '../io.js';
import { formatDuration } from '../format-text.js';
import { renderStoredRedaction, runImport } from './import.js';
import { storedRedaction } from '../../pipeline/redaction-mark.js';
import { runPromote } from './promote.js';
import { UsageError } from './traces.js';

export interface RunCommandOptions {
  since?: string;
  from?: string;
  to?: string;
  sample?: string;
  all?: boolean;
  seed?: string;
  evalDir: string;
  judge?: boolean;
  format?: FormatId;
  json?: boolean;
  /** Promote the run's failures into the eval folder afterwards. */
  promote?: boolean;
}

/** The window from the flags, or undefined to use the eval folder's. */
export function windowFromFlags(o: Pick<RunCommandOptions, 'since' | 'from' | 'to'>): { window: SamplingWindow; label: string } | undefined {
  if (o.since !== undefined) {
    const w = windowFromSince(o.since);
    if (!w) throw new UsageError(`--since: "${o.since}" is not a duration (use e.g. 24h, 7d, or all)`);
    return w;
  }
  if (o.from !== undefined) {
    for (const [flag, v] of [['--from', o.from], ['--to', o.to]] as const) {
      if (v !== undefined && Number.isNaN(Date.parse(v))) throw new UsageError(`${flag}: "${v}" is not a date (use e.g. 2026-11-01)`);
    }
    return { window: { from: o.from, to: o.to }, label: `${o.from} to ${o.to ?? 'now'}` };
  }
  if (o.to !== undefined) throw new UsageError('--to needs --from');
  return undefined;
}

/** The end-of-run report for the terminal. */
export function renderRunReport(s: RunSummary, files: { markdown: string; html: string }): string {
  const v = s.verdicts;
  const lines = [
    `${s.status === 'cancelled' ? 'Run interrupted' : 'Run'} ${s.runId}: graded ${s.sample.conversations} conversation(s) (${s.sample.traces} traces) of ${s.population.conversations} in the window (${s.window.label}).`,
    `  fail ${v.fail} · borderline ${v.borderline} · ungraded ${v.ungraded} · pass ${v.pass}`,
  ];
  if (s.population.conversations === 0) {
    lines.push(`  Nothing to grade: no conversation in the window. Import an export first (casebook import FILE, or give it to casebook run), or widen the window (--since 30d, --since all).`);
  }
  for (const r of s.rules.slice(0, 8)) lines.push(`  rule ${r.ruleId}: ${r.failures} failure(s) (${(r.projectedRate * 100).toFixed(1)}% of the window)`);
  const j = s.judge;
  if (j.status === 'used') {
    lines.push(`  judge ${j.model}: ${j.calls} call(s), ${j.cacheHits} cached, ${j.promptTokens}+${j.completionTokens} tokens, ${formatDuration(j.durationMs)}`);
  } else lines.push(`  judge ${j.status}: ${j.message ?? ''}`);
  lines.push(`Summary: ${files.markdown}`, `         ${files.html}`);
  return `${lines.join('\n')}\n`;
}

function progressLine(p: RunProgress): string {
  return `${p.phase}: ${p.done}/${p.total}${p.message ? ` ${p.message}` : ''}`;
}

/** Run the run command. */
export async function runRun(store: Store, paths: string[], o: RunCommandOptions, io: CliIo): Promise<number> {
  const folder = loadEvalFolder(o.evalDir);
  const win = windowFromFlags(o);
  const sampleSize = o.sample !== undefined ? Number(o.sample) : undefined;
  if (sampleSize !== undefined && (!Number.isInteger(sampleSize) || sampleSize < 1)) throw new UsageError(`--sample: "${o.sample}" is not a positive whole number`);
  if (sampleSize !== undefined && o.all) throw new UsageError('--sample and --all exclude each other');
  if (paths.length > 0) {
    // With --json, stdout carries the run's JSON alone: the import's report goes to stderr.
    const importIo = o.json ? { ...io, stdout: io.stderr } : io;
    const code = await runImport(store, paths, { format: o.format, json: false, redactionConfig: folder.config.redaction }, importIo);
    if (code === ExitCode.interrupted) return code;
  } else {
    // The judge and the eval folder will see stored traces: say which were not redacted as configured now.
    for (const line of renderStoredRedaction(storedRedaction(store, folder.config.redaction))) io.stderr(`${line}\n`);
  }
  const result = await runGrading(store, folder, {
    window: win?.window,
    windowLabel: win?.label,
    sampleSize,
    all: o.all,
    seed: o.seed !== undefined ? Number(o.seed) : undefined,
    judge: o.judge === false ? 'off' : 'auto',
    signal: io.signal,
    onWarning: (m) => io.stderr(`warning: ${m}\n`),
    onProgress: (p) => {
      if (io.isTTY) io.stderr(`\r\x1b[2K${progressLine(p)}`);
    },
  });
  if (io.isTTY) io.stderr('\r\x1b[2K');
  if (o.json) io.stdout(`${JSON.stringify({ ...result.summary, files: result.files }, null, 2)}\n`);
  else io.stdout(renderRunReport(result.summary, result.files));
  if (result.summary.status === 'cancelled') return ExitCode.interrupted;
  if (o.promote) return await runPromote(store, { evalDir: o.evalDir, run: result.runId, json: o.json, judge: o.judge }, io);
  return ExitCode.ok;
}
