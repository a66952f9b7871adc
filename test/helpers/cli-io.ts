/** An in-memory CliIo for running the CLI in-process in tests. */
import type { CliIo } from '../../core/cli/io.js';

/** A CliIo that records what the CLI prints; `answers` are typed at its prompts, in order. */
export function captureIo(env: NodeJS.ProcessEnv = {}, answers?: string[]): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const pending = answers ? [...answers] : undefined;
  return {
    ask: pending
      ? async (question: string) => {
          out += question;
          return pending.shift();
        }
      : undefined,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    columns: 160,
    env,
    signal: new AbortController().signal,
    out: () => out,
    err: () => err,
  };
}
