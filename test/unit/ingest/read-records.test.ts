import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FileReadError, readRecords, type ReadItem } from '../../../core/ingest/read-records.js';
import { tempDir } from '../../helpers/temp.js';

async function readAll(path: string, framing: 'json' | 'csv' = 'json'): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readRecords(path, { framing })) out.push(item);
  return out;
}

function file(name: string, content: string | Buffer): string {
  const p = join(tempDir(), name);
  writeFileSync(p, content);
  return p;
}

const values = (items: ReadItem[]): unknown[] => items.flatMap((i) => (i.kind === 'record' ? [i.value] : []));
const errors = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'error' ? [i] : []));

describe('readRecords: JSON Lines', () => {
  it('keeps every good line and reports a truncated last line with its line number', async () => {
    const p = file('t.jsonl', '{"a":1}\n{"a":2}\n{"a":3,"b":"cut');
    const items = await readAll(p);
    expect(values(items)).toEqual([{ a: 1 }, { a: 2 }]);
    const [e] = errors(items);
    expect(e?.location).toMatchObject({ file: p, line: 3, byteOffset: 16 });
    expect(e?.reason).toMatch(/line 3 is not valid JSON.*truncated/);
  });

  it('reports non-JSON lines by line and byte offset and reads the lines after them', async () => {
    const p = file('n.jsonl', '{"a":1}\nnot json at all\n\n{"a":2}\r\n<html>\n{"a":3}\n');
    const items = await readAll(p);
    expect(values(items)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(errors(items).map((e) => [e.location.line, e.location.byteOffset])).toEqual([
      [2, 8],
      [5, 34],
    ]);
  });

  it('reports invalid UTF-8 instead of silently replacing bytes', async () => {
    const bad = Buffer.concat([Buffer.from('{"a":1}\n{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n{"a":2}\n')]);
    const items = await readAll(file('u.jsonl', bad));
    expect(values(items)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(errors(items)[0]?.reason).toBe('line 2 is not valid UTF-8');
  });

  it('reads a gzip file transparently', async () => {
    const p = file('g.jsonl.gz', gzipSync('{"a":1}\n{"a":2}\n'));
    expect(values(await readAll(p))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads a 50 MB single-line record whole', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const p = file('big.jsonl', `{"small":true}\n{"big":"${big}"}\n{"small":false}\n`);
    const items = await readAll(p);
    expect(items).toHaveLength(3);
    const second = values(items)[1] as { big: string };
    expect(second.big.length).toBe(big.length);
  });
});

describe('readRecords: JSON documents', () => {
  it('yields the elements of a pretty-printed top-level array one by one with their lines', async () => {
    const p = file('a.json', JSON.stringify([{ id: 1 }, { id: 2, s: 'a "quoted" ] } [ {' }, [1, 2], 'text', 42, null], null, 2));
    const items = await readAll(p);
    expect(values(items)).toEqual([{ id: 1 }, { id: 2, s: 'a "quoted" ] } [ {' }, [1, 2], 'text', 42, null]);
    expect(items.map((i) => i.location.line)).toEqual([2, 5, 9, 13, 14, 15]);
  });

  it('reads a single top-level object as one record', async () => {
    const p = file('o.json', '{\n  "trace": {"id": "x"},\n  "observations": []\n}\n');
    expect(values(await readAll(p))).toEqual([{ trace: { id: 'x' }, observations: [] }]);
  });

  it('keeps the elements before a truncation and says where the file ends', async () => {
    const text = JSON.stringify([{ id: 1 }, { id: 2 }, { id: 3, long: 'abc' }], null, 2);
    const p = file('cut.json', text.slice(0, text.indexOf('abc')));
    const items = await readAll(p);
    expect(values(items)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(errors(items)[0]?.reason).toMatch(/ends inside array element 3 that starts at line 8 \(truncated file\?\)/);
  });

  it('rejects JSON nested 100,000 levels deep without crashing or hanging', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const p = file('deep.json', `[\n{"ok": 1},\n${deep},\n{"ok": 2}\n]`);
    const started = Date.now();
    const items = await readAll(p);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(values(items)).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(errors(items)[0]?.reason).toMatch(/nested deeper than 1000 levels/);
  });
});

describe('readRecords: whole-file problems', () => {
  it('says an empty file is empty', async () => {
    await expect(readAll(file('e.jsonl', ''))).rejects.toThrowError(FileReadError);
    await expect(readAll(file('e2.jsonl', '\n  \n'))).rejects.toThrowError(/empty file \(only white space\), nothing to import/);
  });

  it('says a YAML or Markdown file is not a JSON export, once for the file instead of once per line', async () => {
    const yamlFile = file('cassette.yaml', 'interactions:\n- request:\n    body: |-\n      {"messages": []}\n    headers:\n      authorization: Bearer x\n');
    await expect(readAll(yamlFile)).rejects.toThrowError(
      new FileReadError(yamlFile, 'not a JSON or JSON Lines trace export: none of its first 6 non-blank line(s) starts a JSON object or array (it starts with "interactions:")'),
    );
    const md = file('notes.md', `# Export notes\n\n${'Some words about the export, long enough to be cut in the message.\n'.repeat(30)}`);
    await expect(readAll(md)).rejects.toThrowError(/notes\.md: not a JSON or JSON Lines trace export: none of its first 20 non-blank line\(s\) starts a JSON object or array \(it starts with "# Export notes"\)/);
  });

  it('still reads a JSON Lines file whose first lines are broken, reporting them one by one', async () => {
    const p = file('late.jsonl', `${'garbage line\n'.repeat(19)}{"a":1}\n`);
    const items = await readAll(p);
    expect(values(items)).toEqual([{ a: 1 }]);
    expect(errors(items)).toHaveLength(19);
    // A broken first line longer than the sniffing window does not condemn the records after it.
    const long = file('long-first.jsonl', `${'x'.repeat(100_000)}\n{"a":2}\n{"a":3}\n`);
    const after = await readAll(long);
    expect(values(after)).toEqual([{ a: 2 }, { a: 3 }]);
    expect(errors(after).map((e) => e.location.line)).toEqual([1]);
  });

  it('says a binary file is binary', async () => {
    const bin = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe]);
    await expect(readAll(file('x.zip', bin))).rejects.toThrowError(/binary file \(NUL byte at offset 4\)/);
  });
});

describe('readRecords: CSV', () => {
  it('yields header-keyed rows with line numbers and reports a malformed row', async () => {
    const p = file('l.csv', 'id,text\n1,hello\n2,"unclosed\n3,bye\n');
    const items = await readAll(p, 'csv');
    expect(values(items)[0]).toEqual({ id: '1', text: 'hello' });
    expect(items[0]?.location.line).toBe(2);
  });
});
