/** The numbered migrations, in order. Append only: never edit or renumber one that has shipped. */
import m0001 from './0001_traces.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [{ version: 1, name: 'traces', sql: m0001 }];
