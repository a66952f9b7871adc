/**
 * Merging cases into eval/cases_from_prod.yaml through the `yaml` package's document API, so comments,
 * hand edits and key order survive. Known cases only get new history entries; new cases are added;
 * cases stay sorted by case_id. When nothing is new the input text is returned unchanged, byte for byte.
 * Pure: the caller reads and writes the file (write.ts).
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { sha256Hex } from '../failures/hash.js';
import { ConfigError, parseYamlConfig, yamlOutputFor, yamlText } from '../config/yaml-config.js';
import { Case, CasesFile, type CaseHistoryEntry } from './case.js';

/** The eval folder file the cases live in. */
export const CASES_FILE = 'cases_from_prod.yaml';

/** Options for mergeCasesDocument. */
export interface MergeOptions {
  /** Schema reference written as a yaml-language-server modeline when the file is created. */
  schemaRef?: string;
  /** File name for error messages. */
  file?: string;
}

/** What a merge did. */
export interface MergeResult {
  text: string;
  changed: boolean;
  added: string[];
  /** Case ids that got a new history entry. */
  appended: string[];
}

const HEADER = [
  ' Eval cases Casebook promoted from production failures (casebook promote).',
  ' You may change this file by hand: comments, hand edits and key order survive a rewrite. Casebook only',
  " adds new cases and appends to a case's history; it never changes expected_behavior, checks or input.",
];

/** Parse and validate cases file text; an empty text is an empty file. Throws ConfigError naming the line. */
export function parseCasesFile(text: string, file = CASES_FILE): CasesFile {
  if (text.trim() === '') return CasesFile.parse({});
  return parseYamlConfig(text, file, CasesFile, { what: 'cases file', knownKeys: (p) => (p === '' ? ['$schema', 'version', 'cases'] : /^cases\.\d+$/.test(p) ? Object.keys(Case.shape) : undefined),
  });
}

function newDocument(schemaRef: string | undefined): Document {
  const doc = new Document({ version: 1, cases: [] });
  doc.commentBefore = [...(schemaRef ? [` yaml-language-server: $schema=${schemaRef}`] : []), ...HEADER].join('\n');
  return doc;
}

function caseIdOf(node: unknown): string {
  if (!isMap(node)) return '';
  const v = node.get('case_id');
  return typeof v === 'string' ? v : String(v ?? '');
}

/**
 * Merge `cases` into the document text. A case whose id is in the file gets the history entries whose
 * run it does not hold yet (nothing else of it changes); other cases are appended; items are then kept
 * in case_id order. The text is validated first (a hand edit that broke the file stops the merge with
 * its line, rather than being overwritten).
 */
export function mergeCasesDocument(existingYamlText: string, cases: readonly Case[], options: MergeOptions = {}): MergeResult {
  const file = options.file ?? CASES_FILE;
  parseCasesFile(existingYamlText, file);
  const fresh = existingYamlText.trim() === '';
  const doc = fresh ? newDocument(options.schemaRef) : parseDocument(existingYamlText);
  // A file holding only comments parses to no contents: keep its comments, add the mapping.
  if (doc.contents === null) doc.contents = doc.createNode({ version: 1, cases: [] }) as YAMLMap;
  if (!isMap(doc.contents)) throw new ConfigError(`Invalid cases file ${file}: expected a YAML mapping`, file);
  let seq = doc.get('cases', true);
  if (!isSeq(seq)) {
    seq = doc.createNode([]) as YAMLSeq;
    doc.set('cases', seq);
  }
  const items = (seq as YAMLSeq).items;
  const index = new Map<string, YAMLMap>();
  for (const it of items) if (isMap(it)) index.set(caseIdOf(it), it);
  const added: string[] = [];
  const appended: string[] = [];
  for (const c of [...cases].sort((a, b) => (a.case_id < b.case_id ? -1 : a.case_id > b.case_id ? 1 : 0))) {
    const node = index.get(c.case_id);
    if (!node) {
      const created = doc.createNode(c) as YAMLMap;
      items.push(created);
      index.set(c.case_id, created);
      added.push(c.case_id);
      continue;
    }
    const found: unknown = node.get('history', true);
    let history: YAMLSeq;
    if (isSeq(found)) history = found;
    else {
      history = doc.createNode([]) as YAMLSeq;
      node.set('history', history);
    }
    const runs = new Set(
      history.items.map((h) => (isMap(h) ? String(h.get('run') ?? '') : isScalar(h) ? String(h.value) : '')),
    );
    const missing: CaseHistoryEntry[] = c.history.filter((h) => !runs.has(h.run));
    if (missing.length === 0) continue;
    for (const h of missing) history.items.push(doc.createNode(h) as Node);
    appended.push(c.case_id);
  }
  const sortedBefore = items.map(caseIdOf);
  const order = [...sortedBefore].sort();
  const reordered = sortedBefore.some((id, i) => id !== order[i]);
  if (reordered) items.sort((a, b) => (caseIdOf(a) < caseIdOf(b) ? -1 : caseIdOf(a) > caseIdOf(b) ? 1 : 0));
  const changed = fresh || added.length > 0 || appended.length > 0 || reordered;
  if (!changed) return { text: existingYamlText, changed: false, added, appended };
  return { text: yamlText(doc, yamlOutputFor(doc, existingYamlText)), changed: true, added, appended };
}

/** A short content hash of file text: what was read, to compare with what is on disk before writing. */
export function textHash(text: string): string {
  return sha256Hex(text);
}

/** The file changed on disk between reading and writing; writing would lose someone's edit. */
export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}

/**
 * Refuse a write when the file on disk is no longer what was read (hash of the text read vs the text
 * on disk now). `current` is undefined when the file does not exist.
 */
export function assertNotStale(readHash: string, current: string | undefined, file: string): void {
  if (textHash(current ?? '') === readHash) return;
  throw new StaleWriteError(
    `${file} changed on disk while Casebook was working (someone edited or a second promote ran); nothing was written. Run the command again to merge with the current file.`,
  );
}
