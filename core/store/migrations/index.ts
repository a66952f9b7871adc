/** The numbered migrations, in order. Append only: never edit or renumber one that has shipped. */
import m0001 from './0001_traces.js';
import m0002 from './0002_redaction.js';
import m0003 from './0003_runs.js';
import m0004 from './0004_promotions.js';
import m0005 from './0005_trace_redaction.js';
import m0006 from './0006_trace_redaction_index.js';
import m0007 from './0007_search_index_version.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Checksums of an earlier text of this migration that shipped and was applied to users' databases, which
   * the runner accepts as well. Only to repair a migration edited after shipping; never edit one again.
   */
  formerChecksums?: readonly string[];
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'traces', sql: m0001 },
  { version: 2, name: 'redaction', sql: m0002 },
  { version: 3, name: 'runs', sql: m0003 },
  { version: 4, name: 'promotions', sql: m0004 },
  // One build shipped migration 5 with migration 6's index folded into it; its databases stay openable.
  { version: 5, name: 'trace redaction', sql: m0005, formerChecksums: ['eb12da360cec38fd91a686c18fe7cbdf4d851a4fc618d49a6679407d992a77fd'] },
  { version: 6, name: 'trace redaction index', sql: m0006 },
  { version: 7, name: 'search index version', sql: m0007 },
];
