/**
 * Parsing a YAML configuration file against a zod schema with errors a human can act on: the file,
 * the line, the key and the reason, and the known keys when a key is unknown (a likely typo).
 * Pure: the caller reads the file.
 */
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type ToStringOptions, visit } from 'yaml';
import type { z } from 'zod';

/** How Casebook renders the YAML files it writes into the eval folder: fixed, so the same document always gives the same text. */
export const YAML_OUTPUT: Readonly<ToStringOptions> = { lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: false };

/**
 * Whether the yaml library would write `s` as a block scalar it cannot read back: a multi-line string whose
 * first line with content starts with a blank (eemeli/yaml#692; a whitespace-only first line fails too).
 */
function blockUnsafe(s: string): boolean {
  return s.includes('\n') && /^\n*[ \t]/.test(s);
}

/**
 * Text of `doc` in the eval folder's style (YAML_OUTPUT or yamlOutputFor), which reads back as the same data.
 * Strings the library would write as unreadable block scalars are marked double-quoted in `doc`: a trace's tool output
 * of blank lines once made the cases file unreadable to every later promote and to the team's CI.
 */
export function yamlText(doc: Document, options: Readonly<ToStringOptions> = YAML_OUTPUT): string {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && blockUnsafe(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(options);
}

/** `value` as YAML text in the eval folder's style (see yamlText). */
export function toYaml(value: unknown): string {
  return yamlText(new Document(value));
}

/**
 * YAML_OUTPUT for rewriting `doc`, parsed from `source`, a file a team may have typed: the library re-renders every flow
 * collection of a document it writes, so the padding inside them (`[a, b]` or `[ a, b ]`) follows what
 * most of the file's own flow collections use, and a rewrite does not re-space the lists around an edit.
 */
export function yamlOutputFor(doc: Document, source: string): Readonly<ToStringOptions> {
  let padded = 0;
  let tight = 0;
  visit(doc, {
    Collection(_key, node) {
      if (!node.flow || node.items.length === 0 || node.range == null) return;
      const after = source.charCodeAt(node.range[0] + 1);
      if (after === 32) padded++;
      else if (after !== 10 && after !== 13) tight++;
    },
  });
  return padded > tight ? { ...YAML_OUTPUT, flowCollectionPadding: true } : YAML_OUTPUT;
}

type PathKey = PropertyKey;

/** A configuration file that cannot be used; the message names file, line, key and reason. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly key?: string,
  ) {
    super(message);
  }
}

/** The 1-based line of the key (or sequence item) at `path`, as far down as the document has it. */
export function lineOf(doc: Document, path: readonly PathKey[], lines: LineCounter): number | undefined {
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

function valueAt(value: unknown, path: readonly PathKey[]): unknown {
  let cur = value;
  for (const seg of path) cur = typeof cur === 'object' && cur !== null ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
  return cur;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Options for parseYamlConfig. */
export interface YamlConfigOptions {
  /** What the file is, for messages ("field mapping", "eval config"). */
  what: string;
  /** Known keys per parent path ('' for the top level), listed when a key is unknown. */
  knownKeys?: (parentPath: string) => readonly string[] | undefined;
  /** Wording for an expected string (e.g. 'a dotted path (text)'). */
  stringMeans?: string;
  /** Text appended when the document is not a mapping. */
  mappingHint?: string;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown, o: YamlConfigOptions): { path: PathKey[]; key: string; reason: string } {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0] ?? '';
    const knownKeys = o.knownKeys?.(path.map(String).join('.'));
    const known = knownKeys ? ` (known keys: ${knownKeys.join(', ')})` : '';
    return { path: [...path, unknown], key: [...path, unknown].join('.'), reason: `unknown key${known}` };
  }
  const key = path.map(String).join('.');
  if (issue.code === 'invalid_type') {
    const found = valueAt(value, path);
    if (found === undefined) return { path, key, reason: 'is required' };
    const expected = issue.expected === 'string' && o.stringMeans ? o.stringMeans : issue.expected;
    return { path, key, reason: `expected ${expected}, got ${typeName(found)}` };
  }
  return { path, key, reason: issue.message };
}

/** Parse and validate YAML text with a schema; `file` is only used in messages. Throws ConfigError. */
export function parseYamlConfig<S extends z.ZodType>(text: string, file: string, schema: S, o: YamlConfigOptions): z.infer<S> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new ConfigError(
      `Invalid ${o.what} ${file}${line ? `, line ${line}` : ''}: not valid YAML: ${(yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      file,
      line,
    );
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`Invalid ${o.what} ${file}: expected a YAML mapping${o.mappingHint ? ` ${o.mappingHint}` : ''}`, file);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.infer<S>;
  const issue = parsed.error.issues[0];
  if (!issue) throw new ConfigError(`Invalid ${o.what} ${file}`, file);
  const { path, key, reason } = describeIssue(issue, value, o);
  const line = lineOf(doc, path, lines);
  const where = line !== undefined && path.length > 0 ? `, line ${line}` : '';
  const what = key ? `key "${key}": ${reason}` : reason;
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
  throw new ConfigError(`Invalid ${o.what} ${file}${where}: ${what}${more}`, file, line, key || undefined);
}
