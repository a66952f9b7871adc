import { describe, expect, it } from 'vitest';
import { FragmentWindow, type WindowEntry } from '../../../core/pipeline/fragment-window.js';
import { otlpParser } from '../../../core/ingest/formats/otlp.js';

function collect(limits = { idleRecords: 2, maxBytes: 1000 }) {
  const closed: WindowEntry[] = [];
  const w = new FragmentWindow(limits, (e) => closed.push(e));
  return { w, closed };
}

describe('FragmentWindow', () => {
  it('assembles a trace once it has been idle for more than the record limit, oldest first', () => {
    const { w, closed } = collect();
    w.add(otlpParser, 'f', 'A', 's1', 1, 10, 1, false);
    w.add(otlpParser, 'f', 'B', 's1', 2, 10, 2, false);
    w.add(otlpParser, 'f', 'A', 's2', 3, 10, 3, false);
    w.evict(4);
    expect(closed).toEqual([]);
    w.evict(5);
    expect(closed.map((e) => e.traceKey)).toEqual(['B']);
    w.evict(6);
    expect(closed.map((e) => e.traceKey)).toEqual(['B', 'A']);
    expect([...(closed[1]?.fragments.keys() ?? [])]).toEqual(['s1', 's2']);
    expect(w.size).toBe(0);
  });

  it('closes one entry at a time, least recently touched first (the import interleaves them with redaction)', () => {
    const { w, closed } = collect({ idleRecords: 1000, maxBytes: 1000 });
    w.add(otlpParser, 'f', 'A', 's1', 1, 10, 1, false);
    w.add(otlpParser, 'f', 'B', 's1', 2, 10, 2, false);
    w.add(otlpParser, 'f', 'A', 's2', 3, 10, 3, false);
    expect(w.closeOldest()).toBe(true);
    expect(closed.map((e) => e.traceKey)).toEqual(['B']);
    expect(w.size).toBe(1);
    expect(w.closeOldest()).toBe(true);
    expect(w.closeOldest()).toBe(false);
    expect(closed.map((e) => e.traceKey)).toEqual(['B', 'A']);
    expect(closed[1]?.fragments.get('s2')).toBe(3);
  });

  it('assembles the least recently touched traces when the byte cap is passed', () => {
    const { w, closed } = collect({ idleRecords: 1000, maxBytes: 25 });
    w.add(otlpParser, 'f', 'A', 's1', 1, 10, 1, false);
    w.add(otlpParser, 'f', 'B', 's1', 1, 10, 2, false);
    w.add(otlpParser, 'f', 'C', 's1', 1, 10, 3, false);
    w.evict(3);
    expect(closed.map((e) => e.traceKey)).toEqual(['A']);
  });

  it('keeps no payloads for a key whose fragments were already stored: it is assembled from the store', () => {
    const { w, closed } = collect();
    w.add(otlpParser, 'f', 'A', 's1', 1, 10, 1, true);
    w.add(otlpParser, 'f', 'A', 's2', 2, 10, 1, false);
    w.flush();
    expect(closed[0]?.fromStore).toBe(true);
    expect(closed[0]?.fragments.size).toBe(0);
  });

  it('counts a repeated fragment id once', () => {
    const { w, closed } = collect();
    w.add(otlpParser, 'f', 'A', 's1', 1, 10, 1, false);
    w.add(otlpParser, 'f', 'A', 's1', 1, 10, 2, false);
    w.flush();
    expect(closed[0]?.bytes).toBe(10);
  });
});
