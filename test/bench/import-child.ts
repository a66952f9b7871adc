/**
 * One measured import in its own process (so peak RSS belongs to this import alone):
 * `node dist/test/bench/import-child.js FILE DB` prints a JSON line with timings and counts.
 */
import { Store } from '../../core/store/index.js';
import { importPaths } from '../../core/pipeline/import.js';

const [file, db] = process.argv.slice(2);
if (!file || !db) throw new Error('usage: import-child FILE DB');
const store = Store.open(db);
const t0 = performance.now();
const report = await importPaths(store, [file]);
const ms = performance.now() - t0;
const fragments = store.db.prepare('SELECT COUNT(*) FROM fragments').pluck().get() as number;
store.close();
process.stdout.write(
  `${JSON.stringify({
    ms,
    bytes: report.bytes,
    records: report.records,
    traces: report.traces.added + report.traces.updated + report.traces.unchanged,
    fragments,
    errors: report.errorCount,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
