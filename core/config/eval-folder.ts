/**
 * The eval folder on disk: reading its configuration and pin, and writing files into it. Every write
 * first passes the redactor's leak scan (design.md invariant 3) and is atomic (temp file + rename).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, lineOf, toYaml } from './yaml-config.js';
import { denyValueProblem, leakScan, listFileEntries, MAX_LIST_FILE_BYTES, type RedactionConfig } from '../redact/index.js';
import type { JudgePin } from '../judge/pin.js';
import type { Json } from '../model/trace.js';
import { EvalConfig, parseEvalConfig, parseJudgePinFile } from './eval-config.js';

/** The eval folder as Casebook sees it. */
export interface EvalFolder {
  dir: string;
  /** Path of casebook.yaml (it may not exist: then `config` is the defaults). */
  configFile: string;
  configExists: boolean;
  config: EvalConfig;
  /** The recorded judge pin, if `casebook judge pin` has been run. */
  pin?: JudgePin;
}

/** A write into the eval folder refused because the content still holds PII. */
export class LeakError extends Error {
  override readonly name = 'LeakError';
}

/** Read eval/casebook.yaml and eval/judge-pin.yaml (both optional). */
export function loadEvalFolder(dir: string): EvalFolder {
  const configFile = join(dir, 'casebook.yaml');
  const configExists = existsSync(configFile);
  const text = configExists ? readFileSync(configFile, 'utf8') : '';
  const parsed = configExists ? parseEvalConfig(text, configFile) : EvalConfig.parse({});
  const config = { ...parsed, redaction: withListFiles(parsed.redaction, dir, configFile, text) };
  const pinFile = join(dir, 'judge-pin.yaml');
  const pin = existsSync(pinFile) ? parseJudgePinFile(readFileSync(pinFile, 'utf8'), pinFile).pin : undefined;
  return { dir, configFile, configExists, config, pin };
}

/**
 * The redaction section with its list files read into `denyList` and `allowList`, and the file keys dropped
 * (so the redaction mark follows the values: editing the customer list marks stored traces as redacted
 * under another configuration). A file that cannot be read, or a deny-list file with a value too short to
 * mask safely, stops the load, naming the line that lists it (and the file's own line).
 */
function withListFiles(redaction: RedactionConfig, dir: string, configFile: string, text: string): RedactionConfig {
  const { denyListFiles, allowListFiles, ...rest } = redaction;
  if (denyListFiles === undefined && allowListFiles === undefined) return redaction;
  /** Stops the load, naming the line of casebook.yaml that lists the file. */
  const fail = (key: string, i: number, message: string): never => {
    const lines = new LineCounter();
    const line = lineOf(parseDocument(text, { lineCounter: lines }), ['redaction', key, i], lines);
    throw new ConfigError(`Invalid eval config ${configFile}${line !== undefined ? `, line ${line}` : ''}: key "redaction.${key}.${i}": ${message}`, configFile, line, `redaction.${key}`);
  };
  const read = (key: string, i: number, path: string): Array<{ value: string; line: number }> => {
    const full = resolve(dir, path);
    let content: string;
    try {
      const stat = statSync(full);
      if (stat.isDirectory()) throw new Error('a folder, not a file');
      const size = stat.size;
      if (size > MAX_LIST_FILE_BYTES) throw new Error(`${size} bytes; a list file holds at most ${MAX_LIST_FILE_BYTES} bytes`);
      content = readFileSync(full, 'utf8');
      if (content.includes('\u0000')) throw new Error('not a text file (one value per line)');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      return fail(key, i, `cannot read ${full}: ${reason}`);
    }
    const entries = listFileEntries(content);
    if (key === 'denyListFiles') {
      for (const e of entries) {
        const problem = denyValueProblem(e.value);
        if (problem !== undefined) fail(key, i, `${full}, line ${e.line}: ${problem}`);
      }
    }
    return entries;
  };
  const deny = [...rest.denyList];
  (denyListFiles ?? []).forEach((f, i) => {
    const { path, type } = typeof f === 'string' ? { path: f, type: 'PERSON' } : f;
    for (const { value } of read('denyListFiles', i, path)) deny.push({ value, type });
  });
  const allow = [...rest.allowList];
  (allowListFiles ?? []).forEach((path, i) => allow.push(...read('allowListFiles', i, path).map((e) => e.value)));
  return { ...rest, denyList: deny, allowList: allow };
}

/**
 * Write a file into the eval folder: leak-scanned, then atomically. Returns the path written.
 * `scanned` is what the leak scan reads when the file wraps data in markup of our own (an HTML page's
 * xmlns and CSP are URLs, not leaks): pass the data the page shows.
 */
export function writeEvalFile(dir: string, relPath: string, content: string, scanned: string | Json = content): string {
  const path = join(dir, relPath);
  const hits = leakScan(scanned);
  if (hits.length > 0) {
    const kinds = [...new Set(hits.map((h) => h.type))].join(', ');
    const first = hits[0];
    const where =
      typeof scanned === 'string' ? `line ${first ? scanned.slice(0, first.offset).split('\n').length : 0}` : `field ${first?.path || '(root)'}`;
    throw new LeakError(
      `refused to write ${relative(process.cwd(), path) || path}: the leak scan found ${hits.length} possible PII value(s) (${kinds}), first at ${where}; nothing was written`,
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
  return path;
}

/** Record the judge pin in eval/judge-pin.yaml. */
export function writeJudgePin(dir: string, pin: JudgePin): string {
  const header = '# Written by `casebook judge pin`: the judge every run of this eval folder is held to.\n# A run refuses to start when the installed model differs; re-pin (and recalibrate) on purpose.\n';
  return writeEvalFile(dir, 'judge-pin.yaml', header + toYaml({ pin }));
}
