/**
 * Committing the eval folder's changed files with git, as a child process with argument arrays (never
 * a shell string). No push. Refuses when unrelated changes are staged, so a commit holds exactly what
 * Casebook wrote.
 */
import { execFileSync } from 'node:child_process';
import { dirname, relative, resolve } from 'node:path';

/** The outcome of a commit attempt. */
export type CommitOutcome =
  | { kind: 'committed'; sha: string; files: string[] }
  | { kind: 'nothing' }
  | { kind: 'not-a-repo'; message: string }
  | { kind: 'git-missing'; message: string };

/** A commit Casebook must not make; the message says why. */
export class GitRefusedError extends Error {
  override readonly name = 'GitRefusedError';
}

/** The git argv for a commit of exactly these paths (exported so tests can check one argument stays one). */
export function commitArgs(message: string, paths: readonly string[]): string[] {
  return ['commit', '--quiet', '--message', message, '--', ...paths];
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Commit `files` (absolute paths) with `message` in the repository that holds them. */
export function commitFiles(files: readonly string[], message: string): CommitOutcome {
  if (files.length === 0) return { kind: 'nothing' };
  const cwd = dirname(resolve(files[0] as string));
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { kind: 'git-missing', message: 'git is not installed (or not on PATH): the files were written but not committed' };
    return { kind: 'not-a-repo', message: `${cwd} is not in a git repository: the files were written but not committed` };
  }
  const rel = files.map((f) => relative(top, resolve(f)));
  const staged = git(top, ['diff', '--cached', '--name-only']).split('\n').filter((l) => l !== '');
  const unrelated = staged.filter((s) => !rel.includes(s));
  if (unrelated.length > 0) {
    throw new GitRefusedError(
      `refusing to commit: unrelated changes are staged (${unrelated.slice(0, 5).join(', ')}${unrelated.length > 5 ? ', ...' : ''}); commit or unstage them first`,
    );
  }
  git(top, ['add', '--', ...rel]);
  const changed = git(top, ['diff', '--cached', '--name-only', '--', ...rel]).split('\n').filter((l) => l !== '');
  if (changed.length === 0) return { kind: 'nothing' };
  git(top, commitArgs(message, changed));
  return { kind: 'committed', sha: git(top, ['rev-parse', 'HEAD']), files: changed };
}
