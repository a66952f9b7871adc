/** The numbered migrations, in order. Append only: never edit or renumber one that has shipped. */
import m0001 from './0001_traces.js';
import m0002 from './0002_redaction.js';
import m0003 from './0003_runs.js';
import m0004 from './0004_promotions.js';
import m0005 from './0005_trace_redaction.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'traces', sql: m0001 },
  { version: 2, name: 'redaction', sql: m0002 },
  { version: 3, name: 'runs', sql: m0003 },
  { version: 4, name: 'promotions', sql: m0004 },
  { version: 5, name: 'trace redaction', sql: m0005 },
];
