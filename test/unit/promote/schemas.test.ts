import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalFolderSchemas } from '../../../core/promote/schemas.js';
import { repoDir } from '../../helpers/fixtures.js';

const dir = join(repoDir, 'resources', 'schemas');

describe('resources/schemas', () => {
  it('the committed JSON Schemas are what scripts/gen-schemas.mjs generates now (run it after changing a schema)', () => {
    const generated = evalFolderSchemas();
    expect(readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, text] of Object.entries(generated)) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
  });

  it('the cases schema pins the case_id shape, the verdicts and refuses unknown keys in a case', () => {
    const s = JSON.parse(evalFolderSchemas()['cases_from_prod.schema.json'] as string) as {
      properties: { cases: { items: { properties: Record<string, { pattern?: string; items?: { properties: { verdict: { enum: string[] } } } }>; additionalProperties: boolean; required: string[] } } };
    };
    const item = s.properties.cases.items;
    expect(item.properties.case_id?.pattern).toBe('^c_[0-9a-f]{12}$');
    expect(item.properties.history?.items?.properties.verdict.enum).toEqual(['pass', 'fail', 'borderline', 'ungraded']);
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(['case_id', 'intent', 'stakes', 'failure_mode', 'category', 'input', 'expected_behavior', 'source', 'history']);
  });

  it('the casebook.yaml schema lists the top-level sections', () => {
    const s = JSON.parse(evalFolderSchemas()['casebook.schema.json'] as string) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(s.properties)).toEqual(['$schema', 'redaction', 'sampling', 'rules', 'rubric', 'judge']);
    expect(s.additionalProperties).toBe(false);
  });
});
