// Regenerates the bundled sample export in resources/samples/ from the deterministic synthetic
// generator (test/helpers/synthetic-traces.ts). Run after `npm run build:core`:
//   node scripts/make-samples.mjs
import { writeFileSync } from 'node:fs';
import { generateExports } from '../dist/test/helpers/synthetic-traces.js';

const otlp = [];
const chat = [];
const stats = generateExports(800 * 1024, 7, (l) => otlp.push(l), (l) => chat.push(l));
writeFileSync(new URL('../resources/samples/support-agent.otlp.jsonl', import.meta.url), `${otlp.join('\n')}\n`);
console.log(`wrote ${stats.traces} traces (${stats.spans} spans, ${stats.conversations} conversations)`);
