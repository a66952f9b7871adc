/** An in-memory CliIo for running the CLI in-process in tests. */
import type { CliIo } from '../../core/cli/io.js';

/** A CliIo that records what the CLI prints. */
export function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
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
