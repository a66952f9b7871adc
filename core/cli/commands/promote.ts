/** `casebook promote` and `casebook export`: the run's failures into the eval folder, and cases out to harnesses. */
import { writeFileSync } from 'node:fs';
import { loadEvalFolder } from '../../config/eval-folder.js';
import { promoteRun } from '../../pipeline/promote.js';
import { readCases } from '../../promote/write.js';
import { toInspectJsonl, toJsonl, toPromptfoo } from '../../promote/export.js';
import type { Store } from '../../store/index.js';
import { TITLE_SOURCE_TEXT } from '../../report/format.js';
import { ExitCode, type CliIo } from '../io.js';

/** Run `casebook promote`. With --fail-on-regression, a recurrence of a known case exits 3 (for CI). */
export async function runPromote(
  store: Store,
  o: { evalDir: string; run?: string; commit?: boolean; failOnRegression?: boolean; json?: boolean; judge?: boolean },
  io: CliIo,
): Promise<number> {
  const folder = loadEvalFolder(o.evalDir);
  const r = await promoteRun(store, folder, { runId: o.run, commit: o.commit, judge: o.judge === false ? 'off' : 'auto', onWarning: (m) => io.stderr(`warning: ${m}\n`) });
  if (o.json) io.stdout(`${JSON.stringify(r, null, 2)}\n`);
  else {
    const lines = [
      `Promoted run ${r.runId}: ${r.newCaseIds.length} new case(s), ${r.recurrences.length} recurrence(s) of known cases, ${r.reviewCount} borderline for review, ${r.proposals} proposed failure mode(s).`,
    ];
    for (const rec of r.recurrences) lines.push(`  regression: ${rec.case_id} (${rec.failure_mode}) failed again${rec.previous ? ` (last seen ${rec.previous.date})` : ''}`);
    for (const p of r.proposed) lines.push(`  proposed failure mode ${p.id}: "${p.title}" (${p.size} failures, ${TITLE_SOURCE_TEXT[p.titleSource]}); decide with \`casebook modes\``);
    if (r.written.length > 0) lines.push(`Wrote ${r.written.join(', ')}`);
    else lines.push(r.summaryFiles.length > 0 ? 'No case, failure mode or review entry changed.' : 'Nothing changed in the eval folder.');
    if (r.summaryFiles.length > 0) lines.push(`Summary: ${r.summaryFiles.join(', ')}`);
    if (r.commit?.kind === 'committed') lines.push(`Committed ${r.commit.files.length} file(s) as ${r.commit.sha.slice(0, 10)}.`);
    else if (r.commit && r.commit.kind !== 'nothing') io.stderr(`warning: ${r.commit.message}\n`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return o.failOnRegression && r.recurrences.length > 0 ? ExitCode.regression : ExitCode.ok;
}

/** Run `casebook export --to promptfoo|inspect|jsonl [--out FILE]`. */
export function runExport(o: { evalDir: string; to: 'promptfoo' | 'inspect' | 'jsonl'; out?: string }, io: CliIo): number {
  const cases = readCases(o.evalDir).value.cases;
  const text = o.to === 'promptfoo' ? toPromptfoo(cases) : o.to === 'inspect' ? toInspectJsonl(cases) : toJsonl(cases);
  if (o.out) {
    writeFileSync(o.out, text);
    io.stderr(`wrote ${cases.length} case(s) to ${o.out}\n`);
  } else io.stdout(text);
  return ExitCode.ok;
}
