/**
 * A minimal in-memory import for parser unit tests: frames a small file into records the way the
 * streaming reader does (JSON Lines, or a JSON document whose array elements / single object are the
 * records), runs the parser, and assembles fragments per trace key. The real streaming pipeline is
 * tested separately in test/integration.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FormatParser, ParseContext, RecordLocation } from '../../core/ingest/format.js';
import type { Json, TraceDraft } from '../../core/model/trace.js';

/** Split file text into JSON records with their locations. */
export function frameJsonRecords(text: string, file = 'test.json'): Array<{ value: unknown; location: RecordLocation }> {
  const lines = text.split('\n');
  const firstLine = lines[0] ?? '';
  let jsonl = false;
  try {
    JSON.parse(firstLine);
    jsonl = lines.filter((l) => l.trim() !== '').length > 1;
  } catch {
    jsonl = false;
  }
  if (jsonl) {
    let offset = 0;
    const out: Array<{ value: unknown; location: RecordLocation }> = [];
    lines.forEach((line, i) => {
      if (line.trim() !== '') {
        out.push({ value: JSON.parse(line), location: { file, line: i + 1, byteOffset: offset, index: out.length } });
      }
      offset += Buffer.byteLength(line) + 1;
    });
    return out;
  }
  const doc: unknown = JSON.parse(text);
  const values = Array.isArray(doc) ? doc : [doc];
  return values.map((value, index) => ({ value, location: { file, line: 1, byteOffset: 0, index } }));
}

/** A ParseContext for tests. */
export function testContext(file = 'test.json'): ParseContext {
  return { file, hash: (t) => createHash('sha256').update(t).digest('hex') };
}

/** Parse a fixture file with one parser and return every assembled draft. */
export function parseFile(parser: FormatParser, path: string): TraceDraft[] {
  return parseText(parser, readFileSync(path, 'utf8'), path);
}

/** Parse text with one parser and return every assembled draft. */
export function parseText(parser: FormatParser, text: string, file = 'test.json'): TraceDraft[] {
  const ctx = testContext(file);
  const drafts: TraceDraft[] = [];
  const staged = new Map<string, Map<string, Json>>();
  for (const { value, location } of frameJsonRecords(text, file)) {
    const result = parser.parse(value, location, ctx);
    drafts.push(...result.traces);
    for (const f of result.fragments) {
      const byId = staged.get(f.traceKey) ?? new Map<string, Json>();
      if (!byId.has(f.fragmentId)) byId.set(f.fragmentId, f.payload);
      staged.set(f.traceKey, byId);
    }
  }
  for (const [key, byId] of staged) {
    if (!parser.assemble) throw new Error(`${parser.id} emitted fragments but has no assemble()`);
    drafts.push(...parser.assemble(key, [...byId.values()], ctx));
  }
  return drafts;
}
