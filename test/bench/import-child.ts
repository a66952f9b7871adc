/**
 * One measured import in its own process (so peak RSS belongs to this import alone):
 * `node dist/test/bench/import-child.js FILE DB [raw|redacted]` prints a JSON line with timings and counts.
 */
import { peakRssMb } from '../helpers/peak-rss.js';
import { Store } from '../../core/store/index.js';
import { importPaths } from '../../core/pipeline/import.js';

const [file, db, mode] = process.argv.slice(2);
if (!file || !db) throw new Error('usage: import-child FILE DB [raw|redacted]');
const store = Store.open(db);
const t0 = performance.now();
const c0 = process.cpuUsage();
// A fixed key keeps the run free of the user's key file.
const report = await importPaths(store, [file], { redaction: mode === 'redacted' ? { secretKey: Buffer.alloc(32, 1) } : 'off' });
const ms = performance.now() - t0;
// CPU time is the steadier figure on a shared machine: the wall clock also counts other processes.
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const fragments = store.db.prepare('SELECT COUNT(*) FROM fragments').pluck().get() as number;
store.close();
process.stdout.write(
  `${JSON.stringify({
    ms,
    cpuMs,
    bytes: report.bytes,
    records: report.records,
    traces: report.traces.added + report.traces.updated + report.traces.unchanged,
    fragments,
    errors: report.errorCount,
    redacted: report.redaction?.total ?? 0,
    peakRssMb: peakRssMb(),
  })}\n`,
);
