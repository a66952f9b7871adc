/**
 * Reading the generic format's field mapping from a YAML file. `parseMapping` is pure; `loadMapping`
 * is the file-reading adapter. Errors name the file, the key, the reason and, where known, the line.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { FieldMapping, FIELD_MAPPING_KEYS } from './formats/generic.js';

type PathKey = PropertyKey;

/** The 1-based line of the key (or sequence item) at `path`, as far down as the document has it. */
function lineOf(doc: Document, path: readonly PathKey[], lines: LineCounter): number | undefined {
  let node: unknown = doc.contents;
  let offset = isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (isScalar(item) || isMap(item) || isSeq(item)) offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** Sub-keys of the nested mapping keys, so a typo inside them gets the same help as at the top. */
const NESTED_KEYS: Record<string, readonly string[]> = {
  tokens: ['input', 'output', 'total'],
  feedback: ['score', 'comment', 'name'],
  toolCalls: ['path', 'id', 'name', 'arguments', 'result', 'error', 'latencyMs'],
};

function valueAt(value: unknown, path: readonly PathKey[]): unknown {
  let cur = value;
  for (const seg of path) cur = typeof cur === 'object' && cur !== null ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
  return cur;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): { path: PathKey[]; key: string; reason: string } {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0] ?? '';
    const knownKeys = path.length === 0 ? FIELD_MAPPING_KEYS : NESTED_KEYS[String(path[0])];
    const known = knownKeys ? ` (known keys: ${knownKeys.join(', ')})` : '';
    return { path: [...path, unknown], key: [...path, unknown].join('.'), reason: `unknown key${known}` };
  }
  const key = path.map(String).join('.');
  if (issue.code === 'invalid_type') {
    const found = valueAt(value, path);
    if (found === undefined) return { path, key, reason: 'is required' };
    return { path, key, reason: `expected ${issue.expected === 'string' ? 'a dotted path (text)' : issue.expected}, got ${typeName(found)}` };
  }
  return { path, key, reason: issue.message };
}

/** Parse and validate mapping YAML text; `file` is only used in error messages. Throws a readable Error. */
export function parseMapping(text: string, file: string): FieldMapping {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new Error(`Invalid field mapping ${file}${line ? `, line ${line}` : ''}: not valid YAML: ${(yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Invalid field mapping ${file}: expected a YAML mapping of field → path (e.g. "userText: prompt")`);
  }
  const parsed = FieldMapping.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new Error(`Invalid field mapping ${file}`);
  const { path, key, reason } = describeIssue(issue, value);
  const line = lineOf(doc, path, lines);
  const where = line !== undefined && path.length > 0 ? `, line ${line}` : '';
  const what = key ? `key "${key}": ${reason}` : reason;
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
  throw new Error(`Invalid field mapping ${file}${where}: ${what}${more}`);
}

/** Read and validate a YAML field-mapping file (the `--map` option). */
export function loadMapping(path: string): FieldMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read field mapping ${path}: ${(e as Error).message}`);
  }
  return parseMapping(text, path);
}
