/** An eval folder with a real review queue, made by running the CLI in-process as a user would. */
import { join } from 'node:path';
import { main } from '../../core/cli/main.js';
import { captureIo } from './cli-io.js';
import { repoDir } from './fixtures.js';
import { tempDir } from './temp.js';

/** The bundled sample export. */
export const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');

/**
 * `casebook run SAMPLE --since all --promote --no-judge` in a fresh directory: its eval folder holds the
 * promoted cases and exactly one borderline case (user_dissatisfied) in review_queue.yaml.
 */
export async function promotedEvalFolder(): Promise<string> {
  const dir = tempDir('casebook-review-');
  const args = ['run', SAMPLE, '--since', 'all', '--db', join(dir, 'casebook.db'), '--promote', '--no-judge'];
  const io = captureIo();
  const before = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(args, io);
    if (code !== 0) throw new Error(`casebook ${args.join(' ')} exited ${code}: ${io.err()}`);
  } finally {
    process.chdir(before);
  }
  return join(dir, 'eval');
}
