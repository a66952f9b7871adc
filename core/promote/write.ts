/**
 * The file adapter of promotion: read the eval folder's cases and failure-mode files, merge, leak-scan
 * and write them atomically, refusing when a file changed on disk since it was read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeakError, writeEvalFile } from '../config/eval-folder.js';
import { FAILURE_MODES_FILE, mergeFailureModesDocument, parseFailureModes } from '../failures/document.js';
import type { FailureModeTaxonomy } from '../failures/taxonomy.js';
import type { Case, CasesFile } from './case.js';
import { describeLeaks, findCaseLeaks } from './leak.js';
import { assertNotStale, CASES_FILE, mergeCasesDocument, parseCasesFile, textHash, type MergeResult } from './merge.js';

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** A file as read: its text (empty when missing) and the hash a later write is checked against. */
export interface ReadFile<T> {
  path: string;
  text: string;
  hash: string;
  value: T;
}

/** Read and validate eval/cases_from_prod.yaml (an empty file when missing). */
export function readCases(dir: string): ReadFile<CasesFile> {
  const path = join(dir, CASES_FILE);
  const text = readIfExists(path) ?? '';
  return { path, text, hash: textHash(text), value: parseCasesFile(text, path) };
}

/** Read and validate eval/failure_modes.yaml (the starter taxonomy when missing). */
export function readFailureModes(dir: string): ReadFile<FailureModeTaxonomy> {
  const path = join(dir, FAILURE_MODES_FILE);
  const text = readIfExists(path) ?? '';
  return { path, text, hash: textHash(text), value: parseFailureModes(text, path) };
}

/** Options for the writers. */
export interface WriteOptions {
  /** Schema reference for the modeline of a newly created file. */
  schemaRef?: string;
}

/**
 * Merge `cases` into the cases file read earlier (`read`) and write it. Blocks on a leak (naming case
 * and field) and on a file changed since it was read; writes nothing when nothing changed.
 */
export function writeCases(dir: string, read: ReadFile<CasesFile>, cases: readonly Case[], options: WriteOptions = {}): MergeResult {
  const leaks = findCaseLeaks(cases);
  if (leaks.length > 0) throw new LeakError(describeLeaks(leaks, read.path));
  const merged = mergeCasesDocument(read.text, cases, { schemaRef: options.schemaRef, file: read.path });
  if (!merged.changed) return merged;
  assertNotStale(read.hash, readIfExists(read.path), read.path);
  writeEvalFile(dir, CASES_FILE, merged.text);
  return merged;
}

/** Write the taxonomy into the failure-modes file read earlier; same guarantees as writeCases. */
export function writeFailureModes(dir: string, read: ReadFile<FailureModeTaxonomy>, taxonomy: FailureModeTaxonomy, options: WriteOptions = {}): boolean {
  const merged = mergeFailureModesDocument(read.text, taxonomy, options.schemaRef);
  if (!merged.changed) return false;
  assertNotStale(read.hash, readIfExists(read.path), read.path);
  writeEvalFile(dir, FAILURE_MODES_FILE, merged.text);
  return true;
}
