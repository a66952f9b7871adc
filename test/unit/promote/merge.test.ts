import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LeakError } from '../../../core/config/eval-folder.js';
import { ConfigError } from '../../../core/config/yaml-config.js';
import { buildCases } from '../../../core/promote/build.js';
import type { Case } from '../../../core/promote/case.js';
import { assertNotStale, mergeCasesDocument, parseCasesFile, StaleWriteError, textHash } from '../../../core/promote/merge.js';
import { readCases, writeCases } from '../../../core/promote/write.js';
import { tempDir } from '../../helpers/temp.js';
import { answer, call, failedRule, item, refundTimeout, user } from './crafted.js';

const run1 = { runId: 'run_1', date: '2026-11-26' };
const run2 = { runId: 'run_2', date: '2026-12-03' };
const caseA = (): Case => buildCases([refundTimeout('conv-a', '4521', 3)], run1).cases[0] as Case;
const caseB = (): Case => buildCases([refundTimeout('conv-b', '4521', 3, ['create_refund'])], run1).cases[0] as Case;

describe('mergeCasesDocument', () => {
  it('writes a new file with the schema modeline, version and the cases sorted by case_id', () => {
    const [a, b] = [caseA(), caseB()];
    const m = mergeCasesDocument('', [a, b], { schemaRef: '../resources/schemas/cases_from_prod.schema.json' });
    expect(m.text.split('\n')[0]).toBe('# yaml-language-server: $schema=../resources/schemas/cases_from_prod.schema.json');
    const doc = parseCasesFile(m.text);
    expect(doc.cases.map((c) => c.case_id)).toEqual([a.case_id, b.case_id].sort());
    expect(doc.cases.find((c) => c.case_id === a.case_id)).toEqual(a);
    expect(m.added.sort()).toEqual([a.case_id, b.case_id].sort());
  });

  it('writes texts that start with blanks so that the file reads back, and a rerun changes nothing', () => {
    // The yaml library writes these as block scalars it cannot read back (eemeli/yaml#692): a whitespace-only
    // tool output once made the cases file unreadable to every later promote.
    const texts = [' \n\t\n', '    def refund(order):\n        return api.refund(order)\n', ' \n\tx\n', '  a\n  b', '\n\n  indented after blank lines'];
    const cases = texts.map((t, i) => {
      const msgs = [user(`Question about my ${['refund', 'parcel', 'invoice', 'login', 'warranty'][i]}`), call('get_order', { order_id: String(i) }, t), answer(t), user('thanks')];
      return buildCases([item(`blank-${i}`, 'refund', msgs, [failedRule('empty-result-denied', 'false_not_found', 'x', 3, 'y')], 'fail')], run1).cases[0] as Case;
    });
    const first = mergeCasesDocument('', cases);
    const read = parseCasesFile(first.text);
    for (const c of cases) expect(read.cases.find((r) => r.case_id === c.case_id)).toEqual(c);
    expect(read.cases.map((c) => c.input.messages[2]?.content)).toEqual(expect.arrayContaining(texts));
    // An ordinary multi-line text keeps the readable block style.
    expect(mergeCasesDocument('', [caseA()]).text).toContain('expected_behavior: |-\n      Tell the user the tool failed');
    const again = mergeCasesDocument(first.text, cases);
    expect(again.changed).toBe(false);
    expect(again.text).toBe(first.text);
  });

  it('a rerun with nothing new returns the text byte for byte', () => {
    const first = mergeCasesDocument('', [caseA(), caseB()]);
    const again = mergeCasesDocument(first.text, [caseB(), caseA()]);
    expect(again.changed).toBe(false);
    expect(again.text).toBe(first.text);
  });

  it('keeps comments and hand edits, and only appends the new run to the history of a known case', () => {
    const a = caseA();
    const first = mergeCasesDocument('', [a]).text;
    const edited = first
      .replace(`  - case_id: ${a.case_id}\n`, `  # Seen in the Black Friday incident: keep.\n  - case_id: ${a.case_id}\n`)
      .replace(/expected_behavior: .*\n(?:\s{6}.*\n)*/, 'expected_behavior: Say the refund could not be confirmed and offer to retry. # hand-written\n')
      .replace('    stakes: high\n', '    stakes: high\n    notes: owned by the payments team\n');
    expect(edited).not.toBe(first);
    // A recurrence in a later run brings the generated expected behaviour again: it must not win.
    const again = buildCases([refundTimeout('conv-z', '77', 1)], run2, { existing: parseCasesFile(edited).cases }).cases;
    const m = mergeCasesDocument(edited, again);
    expect(m.appended).toEqual([a.case_id]);
    expect(m.text).toContain('  # Seen in the Black Friday incident: keep.\n');
    expect(m.text).toContain('expected_behavior: Say the refund could not be confirmed and offer to retry. # hand-written\n');
    expect(m.text).toContain('    stakes: high\n    notes: owned by the payments team\n');
    const parsed = parse(m.text) as { cases: Array<{ history: unknown[] }> };
    expect(parsed.cases[0]?.history).toEqual([
      { run: 'run_1', date: '2026-11-26', verdict: 'fail' },
      { run: 'run_2', date: '2026-12-03', verdict: 'fail' },
    ]);
    // Everything before the history is untouched, line for line.
    const head = (t: string): string => t.slice(0, t.indexOf('    history:'));
    expect(head(m.text)).toBe(head(edited));
  });

  it('keeps the spacing of the flow lists a team typed when it appends a run', () => {
    const a = caseA();
    for (const list of ['[payments, refunds]', '[ payments, refunds ]']) {
      const edited = mergeCasesDocument('', [a]).text.replace('    stakes: high\n', `    stakes: high\n    tags: ${list}\n`);
      const again = buildCases([refundTimeout('conv-z', '77', 1)], run2, { existing: parseCasesFile(edited).cases }).cases;
      const m = mergeCasesDocument(edited, again);
      expect(m.appended).toEqual([a.case_id]);
      expect(m.text).toContain(`    tags: ${list}\n`);
    }
  });

  it('stops on a hand edit that broke the file, naming the line', () => {
    const text = mergeCasesDocument('', [caseA()]).text.replace('    stakes: high\n', '    stakes: [high\n');
    expect(() => mergeCasesDocument(text, [caseA()])).toThrow(ConfigError);
    const broken = mergeCasesDocument('', [caseA()]).text.replace(/verdict: fail/, 'verdict: failed');
    expect(() => mergeCasesDocument(broken, [caseA()])).toThrow(/Invalid cases file cases_from_prod\.yaml, line 57: key "cases\.0\.history\.0\.verdict"/);
    const typo = mergeCasesDocument('', [caseA()]).text.replace('    stakes: high\n', '    stakes: high\n    note: typo\n');
    expect(() => mergeCasesDocument(typo, [caseA()])).toThrow(/line 10: key "cases\.0\.note": unknown key \(known keys: case_id, intent, stakes, failure_mode, category, input, expected_behavior, checks, source, history, notes, tags\)/);
  });
});


describe('stale-write detection', () => {
  it('passes when the disk holds what was read and refuses when it changed', () => {
    const h = textHash('version: 1\n');
    expect(() => assertNotStale(h, 'version: 1\n', 'eval/cases_from_prod.yaml')).not.toThrow();
    expect(() => assertNotStale(h, 'version: 1\n# edited\n', 'eval/cases_from_prod.yaml')).toThrow(StaleWriteError);
    expect(() => assertNotStale(textHash(''), undefined, 'x')).not.toThrow();
  });
});

describe('writeCases (eval folder)', () => {
  it('writes, then writes nothing on a rerun, and refuses to overwrite a file edited since it was read', () => {
    const dir = tempDir();
    const read = readCases(dir);
    expect(writeCases(dir, read, [caseA()]).changed).toBe(true);
    const written = readFileSync(join(dir, 'cases_from_prod.yaml'), 'utf8');
    expect(writeCases(dir, readCases(dir), [caseA()]).changed).toBe(false);
    expect(readFileSync(join(dir, 'cases_from_prod.yaml'), 'utf8')).toBe(written);
    const stale = readCases(dir);
    writeFileSync(join(dir, 'cases_from_prod.yaml'), `${written}# someone else\n`);
    expect(() => writeCases(dir, stale, [caseB()])).toThrow(/cases_from_prod\.yaml changed on disk .* nothing was written/);
    expect(readFileSync(join(dir, 'cases_from_prod.yaml'), 'utf8')).toBe(`${written}# someone else\n`);
  });

  it('blocks a case holding a raw email, naming the case and the field, and writes nothing', () => {
    const dir = tempDir();
    const a = caseA();
    const leaky: Case = { ...a, input: { messages: [{ role: 'user', content: 'Refund please, I am jane.doe@example.com' }, ...a.input.messages.slice(1)] } };
    let error: unknown;
    try {
      writeCases(dir, readCases(dir), [leaky]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeakError);
    expect((error as Error).message).toContain(`case ${a.case_id} field input.messages[0].content: possible EMAIL`);
    expect(() => readFileSync(join(dir, 'cases_from_prod.yaml'))).toThrow(/ENOENT/);
  });
});
