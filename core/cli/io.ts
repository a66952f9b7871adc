/** The CLI's view of the outside world, injected so commands are testable in-process. */

/** Where the CLI writes and what it knows of its terminal and environment. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
  columns: number;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Ask the user a question on the terminal; undefined when there is no interactive input. */
  ask?: (question: string) => Promise<string | undefined>;
}

/** The real process's IO, with Ctrl-C wired to an AbortSignal (a second Ctrl-C exits at once). */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ninterrupted: finishing the current batch (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  const ask = async (question: string): Promise<string | undefined> => {
    if (!process.stdin.isTTY) return undefined;
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
  // The reader of stdout can go away (`casebook traces --json | head`): stop as after Ctrl-C, quietly,
  // instead of dying on an unhandled EPIPE with a stack trace.
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
    controller.abort();
  });
  return {
    ask,
    stdout: (t) => {
      if (!stdoutClosed) process.stdout.write(t);
    },
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns ?? 100,
    env: process.env,
    signal: controller.signal,
  };
}

/** Exit codes: documented in the README. */
export const ExitCode = {
  ok: 0,
  /** The command ran but some input could not be used (e.g. records that failed to import). */
  partial: 1,
  /** Bad arguments or an unusable input file. */
  usage: 2,
  /** `promote --fail-on-regression`: a known case failed again. */
  regression: 3,
  /** `redact --score --check`: a precision, recall or F2 figure fell below its bar. */
  belowBar: 4,
  interrupted: 130,
} as const;
