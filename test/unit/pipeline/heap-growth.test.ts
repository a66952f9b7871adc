import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../../core/pipeline/import.js';
import { Store } from '../../../core/store/index.js';
import { repoDir } from '../../helpers/fixtures.js';
import { DEFAULT_HEAP_GROWING_PERCENT, limitHeapGrowth, resetHeapGrowthForTests } from '../../../core/pipeline/heap-growth.js';

describe('heap growth limit', () => {
  it('sets the V8 flag once per process, 50% unless CASEBOOK_HEAP_GROWING_PERCENT says otherwise', () => {
    const set: string[] = [];
    resetHeapGrowthForTests();
    expect(limitHeapGrowth({}, (f) => set.push(f))).toBe('--heap-growing-percent=50');
    expect(limitHeapGrowth({}, (f) => set.push(f))).toBeUndefined();
    expect(set).toEqual(['--heap-growing-percent=50']);
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(50);
    resetHeapGrowthForTests();
    expect(limitHeapGrowth({ CASEBOOK_HEAP_GROWING_PERCENT: '0' }, (f) => set.push(f))).toBe('--heap-growing-percent=0');
    resetHeapGrowthForTests();
    expect(limitHeapGrowth({ CASEBOOK_HEAP_GROWING_PERCENT: 'lots' }, (f) => set.push(f))).toBe('--heap-growing-percent=50');
    resetHeapGrowthForTests();
  });

  it('every import applies it', async () => {
    resetHeapGrowthForTests();
    const store = Store.open(':memory:');
    await importPaths(store, [join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl')], { redaction: 'off' });
    store.close();
    // Already applied by the import: a second call does nothing.
    expect(limitHeapGrowth({}, () => undefined)).toBeUndefined();
  });

  it('this Node accepts the flag, and a heap whose garbage outlives a few collections stays smaller with it', () => {
    // Like an import: each batch lives a few rounds (so it is promoted), then is garbage. Report the largest heap.
    const script = `
      const v8 = require('node:v8');
      if (process.argv[1] === 'limit') v8.setFlagsFromString('--heap-growing-percent=50');
      const ring = [null, null, null, null];
      let peak = 0;
      for (let round = 0; round < 60; round++) {
        const batch = [];
        for (let j = 0; j < 10000; j++) batch.push({ j, s: 'y'.repeat(200) + j + round });
        ring[round % ring.length] = batch;
        peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
      }
      process.stdout.write(String(Math.round(peak / 1e6)));
    `;
    const run = (mode: string): { mb: number; err: string } => {
      const r = spawnSync(process.execPath, ['-e', script, mode], { encoding: 'utf8' });
      return { mb: Number(r.stdout), err: r.stderr };
    };
    const limited = run('limit');
    const free = run('default');
    // An unknown flag would make V8 complain on stderr.
    expect(limited.err).toBe('');
    // About 85 MB against about 120 MB on the build machine.
    expect(limited.mb).toBeGreaterThan(40);
    expect(limited.mb).toBeLessThan(free.mb * 0.85);
  });
});
