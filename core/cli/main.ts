/**
 * The `casebook` command line. `main(argv, io)` parses arguments, opens the database and runs one
 * command; it returns the exit code instead of exiting so tests can run it in-process.
 */
import { Command, CommanderError, Option } from 'commander';
import { FormatId } from '../model/trace.js';
import { VERSION } from '../version.js';
import { FileReadError } from '../ingest/read-records.js';
import { MigrationError } from '../store/database.js';
import { ConfigError } from '../config/yaml-config.js';
import { Store } from '../store/index.js';
import { defaultDatabasePath } from '../store/location.js';
import { ExitCode, processIo, type CliIo } from './io.js';
import { runImport } from './commands/import.js';
import { runTraces, UsageError, type TracesCommandOptions } from './commands/traces.js';
import { runShow } from './commands/show.js';
import { runFormats } from './commands/formats.js';
import { runRedactPreview, runRedactScore } from './commands/redact.js';
import { runRun, type RunCommandOptions } from './commands/run.js';
import { runJudgeCommand } from './commands/judge.js';
import { runExport, runPromote } from './commands/promote.js';
import { runReview, type ReviewOptions } from './commands/review.js';
import { runModes, type ModesOptions } from './commands/modes.js';
import { NoRunError } from '../pipeline/promote.js';
import { GitRefusedError } from '../promote/git.js';
import { StaleWriteError } from '../promote/merge.js';
import { JudgeRefusedError } from '../pipeline/run.js';
import { LeakError, loadEvalFolder } from '../config/eval-folder.js';
import { QUALITY_BARS } from '../redact/index.js';


/** Run the CLI with arguments (without `node casebook`); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = ExitCode.ok;
  const dbPath = (cmd: Command): string => {
    const o = cmd.optsWithGlobals<{ db?: string }>();
    return o.db ?? defaultDatabasePath(io.env);
  };
  const withStore = async (cmd: Command, fn: (store: Store) => Promise<number> | number): Promise<void> => {
    const store = Store.open(dbPath(cmd));
    try {
      code = await fn(store);
    } finally {
      store.close();
    }
  };

  const program = new Command('casebook')
    .description('Turn an LLM agent\'s production traces into graded eval cases, on your own machine.')
    .version(VERSION)
    .addOption(new Option('--db <file>', 'database file').env('CASEBOOK_DB'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('import')
    .description('import trace export files or folders (format auto-detected; .gz read transparently)')
    .argument('<paths...>', 'files or folders to import')
    .addOption(new Option('--format <format>', 'skip detection and read every file as this format').choices(FormatId.options))
    .option('--map <mapping.yaml>', 'field mapping for your own JSONL/CSV logs (implies --format generic)')
    .option('--json', 'print the report as JSON')
    .option('--keep-raw', 'store raw payloads WITHOUT redacting PII (explicit opt-in; never for shared data)')
    .option('--eval-dir <dir>', "the eval folder whose redaction: section applies (patterns, allow and deny lists)", 'eval')
    .action(async (paths: string[], o: { format?: FormatId; map?: string; json?: boolean; keepRaw?: boolean; evalDir: string }, cmd: Command) => {
      const redactionConfig = loadEvalFolder(o.evalDir).config.redaction;
      await withStore(cmd, (store) => runImport(store, paths, { ...o, redactionConfig }, io));
    });

  program
    .command('redact')
    .description('preview the redacted output of an export without importing it, or score the redactor on a labeled corpus')
    .argument('[paths...]', 'files or folders to preview (redacted traces are printed as JSON Lines)')
    .option('--score <corpus.jsonl>', 'print precision, recall and F2 per PII type for a labeled corpus')
    .option('--check', `with --score: exit 4 when a figure is below its bar (recall per type, overall precision ${QUALITY_BARS.precision}, F2 ${QUALITY_BARS.f2})`)
    .option('--errors', 'with --score: also list each missed span and each false positive, with its record and context')
    .addOption(new Option('--format <format>', 'skip detection and read every file as this format').choices(FormatId.options))
    .option('--map <mapping.yaml>', 'field mapping for your own JSONL/CSV logs (implies --format generic)')
    .option('--eval-dir <dir>', "the eval folder whose redaction: section applies", 'eval')
    .action(async (paths: string[], o: { score?: string; check?: boolean; errors?: boolean; format?: FormatId; map?: string; evalDir: string }) => {
      const config = loadEvalFolder(o.evalDir).config.redaction;
      if (o.check && !o.score) throw new UsageError('--check goes with --score CORPUS.jsonl');
      if (o.errors && !o.score) throw new UsageError('--errors goes with --score CORPUS.jsonl');
      if (o.score) code = runRedactScore(o.score, config, io, o.check === true, o.errors === true);
      else if (paths.length === 0) throw new UsageError('give files to preview, or --score CORPUS.jsonl');
      else code = await runRedactPreview(paths, { ...o, config }, io);
    });

  program
    .command('traces')
    .description('list imported traces, newest first')
    .option('--since <duration>', 'only traces from the trailing window, e.g. 24h, 7d')
    .option('--from <date>', 'only traces at or after this time (ISO 8601)')
    .option('--to <date>', 'only traces before this time (ISO 8601)')
    .option('--intent <intent>', 'only traces with this intent')
    .addOption(new Option('--status <status>', 'only traces with this status').choices(['ok', 'error']))
    .option('--text <words>', 'only traces whose messages contain every word')
    .addOption(new Option('--format <format>', 'only traces imported from this format').choices(FormatId.options))
    .option('--conversation <id>', 'only the traces of one conversation')
    .option('--limit <n>', 'how many to show (default 50)')
    .option('--offset <n>', 'skip this many')
    .option('--json', 'print JSON')
    .option('--eval-dir <dir>', 'the eval folder whose redaction: section the import used (how a conversation id with PII was stored)', 'eval')
    .action(async (o: TracesCommandOptions & { evalDir: string }, cmd: Command) => {
      // Only a conversation id needs it: the id is found in the form the import's recognizers stored it in.
      const redaction = o.conversation !== undefined ? loadEvalFolder(o.evalDir).config.redaction : undefined;
      await withStore(cmd, (store) => runTraces(store, o, io, redaction));
    });

  program
    .command('show')
    .description('show one trace as a readable conversation')
    .argument('<trace-id>', 'a trace id (or a unique prefix of one)')
    .option('--full', 'do not shorten long texts and tool results')
    .option('--json', 'print the trace as JSON')
    .action(async (id: string, o: { json?: boolean; full?: boolean }, cmd: Command) =>
      withStore(cmd, (store) => runShow(store, id, o, io)),
    );

  program
    .command('run')
    .description('sample the conversations of a window, grade them with the rules and the pinned judge, write the summary')
    .argument('[paths...]', 'trace exports to import first (optional)')
    .option('--since <duration>', 'the trailing window, e.g. 24h, 7d, or all (default: the eval folder\'s sampling.window)')
    .option('--from <date>', 'window start (ISO 8601)')
    .option('--to <date>', 'window end (ISO 8601; default now)')
    .option('--sample <n>', 'sample size (stratified by intent and stakes)')
    .option('--all', 'grade every conversation in the window')
    .option('--seed <n>', 'sampling seed')
    .option('--eval-dir <dir>', 'the eval folder (configuration in, summaries out)', 'eval')
    .option('--no-judge', 'grade with the rules only')
    .option('--promote', "then promote the run's failures into the eval folder (see `casebook promote`)")
    .addOption(new Option('--format <format>', 'format of the files to import').choices(FormatId.options))
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], o: RunCommandOptions, cmd: Command) => withStore(cmd, (store) => runRun(store, paths, o, io)));

  program
    .command('promote')
    .description("turn a run's failures into eval cases in eval/cases_from_prod.yaml (stable case ids, history, review queue)")
    .option('--run <id>', 'the run to promote (default: the latest finished run)')
    .option('--eval-dir <dir>', 'the eval folder', 'eval')
    .option('--commit', 'commit exactly the files it changed, with a message that summarizes the run (no push)')
    .option('--fail-on-regression', 'exit 3 when a known case failed again (for CI)')
    .option('--no-judge', 'do not ask the judge to title proposed failure modes (they are titled from their terms)')
    .option('--json', 'print the result as JSON')
    .action(async (o: { run?: string; evalDir: string; commit?: boolean; failOnRegression?: boolean; json?: boolean; judge?: boolean }, cmd: Command) =>
      withStore(cmd, (store) => runPromote(store, o, io)),
    );

  program
    .command('review')
    .description('walk the borderline cases in eval/review_queue.yaml: accept (into the cases file), reject, edit, skip')
    .option('--eval-dir <dir>', 'the eval folder', 'eval')
    .option('--accept <case-id>', 'accept one queued case without prompting')
    .option('--reject <case-id>', 'reject one queued case without prompting (it is not queued again)')
    .option('--expected <text>', 'with --accept: the expected behaviour to record instead of the suggested one')
    .action(async (o: ReviewOptions) => {
      code = await runReview(o, io);
    });

  program
    .command('modes')
    .description('list failure modes and proposed new ones; accept, rename, merge or reject a proposal')
    .option('--eval-dir <dir>', 'the eval folder', 'eval')
    .option('--accept <proposal>', 'accept a proposal as a new failure mode')
    .option('--rename <proposal>', 'accept it under another title (with --title)')
    .option('--title <title>', 'the title for --rename')
    .option('--merge <proposal>', 'count it into an existing mode (with --into)')
    .option('--into <mode>', 'the mode for --merge')
    .option('--reject <proposal>', 'reject it (never proposed again)')
    .action((o: ModesOptions) => {
      code = runModes(o, io);
    });

  program
    .command('export')
    .description('write the eval cases in a format a harness runs')
    .addOption(new Option('--to <format>', 'promptfoo test file (YAML), Inspect AI dataset (JSONL), or plain JSONL').choices(['promptfoo', 'inspect', 'jsonl']).makeOptionMandatory())
    .option('--eval-dir <dir>', 'the eval folder', 'eval')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((o: { to: 'promptfoo' | 'inspect' | 'jsonl'; evalDir: string; out?: string }) => {
      code = runExport(o, io);
    });

  const judge = program.command('judge').description('check the local judge, or pin it');
  judge
    .command('check')
    .description('check that the configured judge is reachable, pulled and matches the pin')
    .option('--eval-dir <dir>', 'the eval folder', 'eval')
    .action(async (o: { evalDir: string }) => {
      code = await runJudgeCommand('check', o.evalDir, io);
    });
  judge
    .command('pin')
    .description('record the installed judge (model digest, prompt SHA, rubric version, options) in eval/judge-pin.yaml')
    .option('--eval-dir <dir>', 'the eval folder', 'eval')
    .action(async (o: { evalDir: string }) => {
      code = await runJudgeCommand('pin', o.evalDir, io);
    });

  program
    .command('formats')
    .description('list the import formats and how each is detected')
    .action(() => {
      code = runFormats(io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (err instanceof UsageError || err instanceof FileReadError || err instanceof MigrationError || err instanceof ConfigError ||
      err instanceof JudgeRefusedError || err instanceof LeakError || err instanceof NoRunError ||
      err instanceof GitRefusedError || err instanceof StaleWriteError) {
      io.stderr(`casebook: ${err.message}\n`);
      return ExitCode.usage;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e.message === 'string' && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'SQLITE_CANTOPEN')) {
      io.stderr(`casebook: ${e.message}\n`);
      return ExitCode.usage;
    }
    if (err instanceof Error && !(err instanceof TypeError) && !(err instanceof ReferenceError)) {
      io.stderr(`casebook: ${err.message}\n`);
      return ExitCode.usage;
    }
    throw err;
  }
}
