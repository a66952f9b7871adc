/**
 * JSON Schemas of the eval folder's files, generated from the zod schemas Casebook validates with, so
 * an editor flags the same mistakes Casebook would. scripts/gen-schemas.mjs writes them into
 * resources/schemas/; a test checks the committed files are current. Pure.
 */
import { z } from 'zod';
import { EvalConfig } from '../config/eval-config.js';
import { FailureModeTaxonomy } from '../failures/taxonomy.js';
import { CasesFile } from './case.js';

const SCHEMAS = [
  { file: 'casebook.schema.json', schema: EvalConfig, title: 'Casebook eval config (eval/casebook.yaml)' },
  { file: 'failure_modes.schema.json', schema: FailureModeTaxonomy, title: 'Casebook failure modes (eval/failure_modes.yaml)' },
  { file: 'cases_from_prod.schema.json', schema: CasesFile, title: 'Casebook eval cases (eval/cases_from_prod.yaml)' },
] as const;

/** File name → JSON text (2-space indent, trailing newline) of every eval-folder schema. */
export function evalFolderSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of SCHEMAS) {
    // Input side: what a person may write (defaults make keys optional), not what Casebook fills in.
    const json = z.toJSONSchema(s.schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
    out[s.file] = `${JSON.stringify({ ...json, title: s.title }, null, 2)}\n`;
  }
  return out;
}
