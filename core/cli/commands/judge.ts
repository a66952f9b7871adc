/** `casebook judge check|pin`: is the configured judge ready, and recording its pin in the eval folder. */
import { checkJudge } from '../../judge/ollama-judge.js';
import { loadEvalFolder, writeJudgePin } from '../../config/eval-folder.js';
import { ExitCode, type CliIo } from '../io.js';
import { UsageError } from './traces.js';

/** Check the judge (and the pin, when there is one); `pin` records the current judge as the pin. */
export async function runJudgeCommand(action: 'check' | 'pin', evalDir: string, io: CliIo): Promise<number> {
  const folder = loadEvalFolder(evalDir);
  const j = folder.config.judge;
  if (!j) throw new UsageError(`no judge configured: add a judge: section (model: ...) to ${folder.configFile}; see docs/judge.md`);
  const check = await checkJudge({
    model: j.model,
    rubric: folder.config.rubric,
    host: j.host,
    allowRemoteHost: j.allowRemoteHost,
    options: j.options,
    // Re-pinning is the explicit way past a digest change, so the old pin is not enforced here.
    pinned: action === 'pin' ? undefined : folder.pin,
  });
  for (const w of check.warnings) io.stderr(`warning: ${w}\n`);
  if (!check.ok) {
    io.stderr(`casebook: ${check.problem}${check.fix ? `: ${check.fix}` : ''}\n`);
    return ExitCode.usage;
  }
  const p = check.pin;
  io.stdout(`judge ready: ${p.model} @ ${p.digest.slice(0, 12)} on Ollama ${p.serverVersion} at ${check.host}\n`);
  if (action === 'check') {
    io.stdout(folder.pin ? `pinned: ${folder.pin.model} @ ${folder.pin.digest.slice(0, 12)} (matches)\n` : 'not pinned yet: run `casebook judge pin`\n');
    return ExitCode.ok;
  }
  const file = writeJudgePin(evalDir, p);
  io.stdout(`pinned in ${file}: model ${p.model}, digest ${p.digest}, prompt ${p.promptSha.slice(0, 12)}, rubric ${p.rubricVersion}\n`);
  return ExitCode.ok;
}
