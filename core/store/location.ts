/** Where the database lives when the user does not say: the per-user data directory. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The default database path: $CASEBOOK_DB, else $CASEBOOK_DATA_DIR/casebook.db, else the OS's data dir. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CASEBOOK_DB) return env.CASEBOOK_DB;
  return join(defaultDataDir(env, platform), 'casebook.db');
}

/** The per-user data directory for Casebook on this OS. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CASEBOOK_DATA_DIR) return env.CASEBOOK_DATA_DIR;
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Casebook');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Casebook');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'casebook');
}
