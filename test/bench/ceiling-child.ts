/**
 * The ceiling for the import benchmark: how fast better-sqlite3 inserts the very rows an import
 * produced, with no reading or parsing. Loads every final row of an imported database into memory
 * (outside the timer, already serialised), then times inserting them into a fresh database with the
 * store's own statements, in the same batches and the same order as the import. `node dist/test/bench/ceiling-child.js IMPORTED_DB FRESH_DB`.
 */
import { Store } from '../../core/store/index.js';
import type { Trace } from '../../core/model/trace.js';
import { traceRow } from '../../core/store/trace-repository.js';

const [source, target, order = 'arrival'] = process.argv.slice(2);
if (!source || !target) throw new Error('usage: ceiling-child IMPORTED_DB FRESH_DB [arrival|sorted]');
const src = Store.open(source);
// `arrival` (the comparison): same rows, same order as the import wrote them, since a streaming import
// cannot sort its inserts and B-tree inserts in key order are much cheaper than in arrival order; traces
// by rowid (insertion order), fragments by the insertion order of their trace. `sorted`: key order, the
// best case any writer could get, printed for reference.
const fragments = src.db
  .prepare(
    order === 'sorted'
      ? 'SELECT format, trace_key, fragment_id, payload FROM fragments ORDER BY format, trace_key, fragment_id'
      : `SELECT f.format, f.trace_key, f.fragment_id, f.payload FROM fragments f
         LEFT JOIN traces t ON t.format = f.format AND t.source_trace_id = f.trace_key
         ORDER BY t.rowid, f.fragment_id`,
  )
  .raw()
  .all() as Array<[string, string, string, string]>;
const fragmentRows = fragments.map(([f, k, id, payload]) => ({ f, k, id, payload }));
// Rows are serialised before the timer starts: the ceiling is SQLite inserting, nothing else.
const ids = src.db.prepare(`SELECT id FROM traces ORDER BY ${order === 'sorted' ? 'id' : 'rowid'}`).pluck().all() as string[];
const rows = ids.map((id) => traceRow(src.traces.get(id) as Trace, Date.now()));
src.close();

const dst = Store.open(target);
const BATCH = 500;
const t0 = performance.now();
const c0 = process.cpuUsage();
let n = 0;
dst.db.exec('BEGIN');
for (const r of fragmentRows) {
  dst.traces.stageFragmentText(r.f, r.k, r.id, r.payload);
  if (++n % BATCH === 0) dst.db.exec('COMMIT; BEGIN');
}
for (const row of rows) {
  dst.traces.writeRow(row, false);
  if (++n % BATCH === 0) dst.db.exec('COMMIT; BEGIN');
}
dst.db.exec('COMMIT');
const ms = performance.now() - t0;
// CPU time is the steadier figure on a shared machine: the wall clock also counts other processes.
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000;
dst.close();
process.stdout.write(`${JSON.stringify({ ms, cpuMs, rows: fragmentRows.length + rows.length })}\n`);
