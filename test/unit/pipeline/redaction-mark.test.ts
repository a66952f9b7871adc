import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../../core/store/index.js';
import { importPaths } from '../../../core/pipeline/import.js';
import { redactionMark, storedRedaction, summarizeRedaction } from '../../../core/pipeline/redaction-mark.js';
import { parseRedactionConfig } from '../../../core/redact/index.js';
import { REDACTOR_VERSION } from '../../../core/redact/version.js';
import { redactionSentences } from '../../../core/report/format.js';
import { repoDir } from '../../helpers/fixtures.js';
import { tempDir } from '../../helpers/temp.js';

const SAMPLE = join(repoDir, 'resources', 'samples', 'support-agent.otlp.jsonl');
const key = Buffer.alloc(32, 4);

describe('redaction marks', () => {
  it('change with the configuration and not otherwise', () => {
    const plain = redactionMark(parseRedactionConfig({}));
    expect(plain).toMatch(new RegExp(`^v${REDACTOR_VERSION}:[0-9a-f]{12}$`));
    expect(redactionMark(parseRedactionConfig({}))).toBe(plain);
    expect(redactionMark(parseRedactionConfig({ denyList: ['Ann Lee'] }))).not.toBe(plain);
  });

  it('stored traces are compared with whichever configuration is asked about, and asking again is cheap', async () => {
    const store = Store.open(':memory:');
    const deny = { denyList: Array.from({ length: 100_000 }, (_, i) => ({ value: `Customer ${i} Holdings`, type: 'PERSON' })) };
    await importPaths(store, [SAMPLE], { redaction: { secretKey: key, config: parseRedactionConfig(deny) } });
    expect(storedRedaction(store, deny)).toEqual({ current: 62, stale: 0, unknown: 0, raw: 0 });
    expect(storedRedaction(store, {})).toEqual({ current: 0, stale: 62, unknown: 0, raw: 0 });
    expect(storedRedaction(store, undefined)).toEqual({ current: 0, stale: 62, unknown: 0, raw: 0 });
    expect(storedRedaction(store, deny)).toEqual({ current: 62, stale: 0, unknown: 0, raw: 0 });
    // The app asks on every refresh: validating 100,000 entries again each time cost as much as the first call.
    storedRedaction(store, {});
    const t0 = performance.now();
    storedRedaction(store, deny);
    const first = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 5; i++) storedRedaction(store, deny);
    const again = (performance.now() - t1) / 5;
    expect(again).toBeLessThan(first / 2);
    store.close();
  });

  it("say how a run's traces were redacted, and what only the imports that stored them masked", async () => {
    const store = Store.open(':memory:');
    const dir = tempDir();
    const chat = (id: string, name: string): string =>
      `${JSON.stringify({ id, messages: [{ role: 'user', content: `I am ${name}, mail me at ${id}@example.com` }, { role: 'assistant', content: 'Done.' }] })}\n`;
    writeFileSync(join(dir, 'raw.jsonl'), chat('raw1', 'Ann Lee'));
    writeFileSync(join(dir, 'other.jsonl'), chat('other1', 'Bo Chen'));
    const config = parseRedactionConfig({});
    await importPaths(store, [SAMPLE], { redaction: { secretKey: key, config } });
    await importPaths(store, [join(dir, 'raw.jsonl')], { redaction: 'off' });
    // An import whose traces the run did not grade: its counts must not be added.
    await importPaths(store, [join(dir, 'other.jsonl')], { redaction: { secretKey: key, config } });
    const ids = (store.db.prepare("SELECT id FROM traces WHERE source_file <> ?").pluck().all(join(dir, 'other.jsonl')) as string[]);
    expect(ids.length).toBe(63);

    const r = summarizeRedaction(store, ids, config);
    expect(r.traces).toEqual({ current: 62, stale: 0, unknown: 0, raw: 1 });
    expect(r.imports).toBe(2);
    const sampleReport = (store.db.prepare('SELECT report FROM imports ORDER BY id LIMIT 1').pluck().get() as string);
    const sample = (JSON.parse(sampleReport) as { redaction: { byType: Record<string, number>; byField: Record<string, number> } }).redaction;
    expect(r.maskedByType).toEqual(sample.byType);
    expect(r.maskedByField).toEqual(sample.byField);
    expect(r.maskedByField).toEqual({ 'span.attributes': sample.byType.EMAIL! + sample.byType.PERSON! + sample.byType.ADDRESS! + sample.byType.PHONE! + sample.byType.USER! });
    expect(redactionSentences(r)[1]).toBe(
      `The 2 imports that stored them masked ${Object.entries(sample.byType)
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}, in span.attributes ${r.maskedByField['span.attributes']} (counts only, never values).`,
    );
    expect(redactionSentences(r)[0]).toBe(`Of 63 graded traces, 62 under the configuration in force (${r.mark}), 1 NOT redacted (imported with --keep-raw).`);
    store.close();
  });
});
