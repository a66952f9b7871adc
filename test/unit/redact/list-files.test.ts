import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvalFolder } from '../../../core/config/eval-folder.js';
import { ConfigError } from '../../../core/config/yaml-config.js';
import { redactionMark } from '../../../core/pipeline/redaction-mark.js';
import { createRedactor, listFileEntries, parseRedactionConfig, Pseudonymizer } from '../../../core/redact/index.js';
import { tempDir } from '../../helpers/temp.js';

/** An eval folder with casebook.yaml and the given extra files. */
function evalFolder(yaml: string, files: Record<string, string | Buffer> = {}): string {
  const dir = join(tempDir('casebook-lists-'), 'eval');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'casebook.yaml'), yaml);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('deny-list and allow-list files', () => {
  it('reads one value per line with its line number: BOM, CRLF, blank lines and # comments handled', () => {
    expect(listFileEntries('\uFEFFAcme Widgets\r\n\r\n# customers exported 2026-11\r\n  Zqxette Vrumple  \r\nNorthwind Traders')).toEqual([
      { value: 'Acme Widgets', line: 1 },
      { value: 'Zqxette Vrumple', line: 4 },
      { value: 'Northwind Traders', line: 5 },
    ]);
  });

  it('the eval folder reads the files into denyList (with their type) and allowList, relative to the folder', () => {
    const dir = evalFolder(
      [
        'redaction:',
        '  denyList: [Project Falcon]',
        '  denyListFiles:',
        '    - customers.txt',
        '    - { path: lists/products.txt, type: PRODUCT }',
        '  allowListFiles: [allow.txt]',
        '',
      ].join('\n'),
      { 'customers.txt': 'Zqxette Vrumple\nNorthwind Traders\n', 'allow.txt': 'support@example.com\n' },
    );
    mkdirSync(join(dir, 'lists'));
    writeFileSync(join(dir, 'lists/products.txt'), '# our products\nOutfitters Plus\n');
    const r = loadEvalFolder(dir).config.redaction;
    expect(r.denyList).toEqual([
      'Project Falcon',
      { value: 'Zqxette Vrumple', type: 'PERSON' },
      { value: 'Northwind Traders', type: 'PERSON' },
      { value: 'Outfitters Plus', type: 'PRODUCT' },
    ]);
    expect(r.allowList).toEqual(['support@example.com']);
    expect(r.denyListFiles).toBeUndefined();
    expect(r.allowListFiles).toBeUndefined();

    const redactor = createRedactor(r);
    const text = 'Zqxette Vrumple ordered Outfitters Plus boots; write to support@example.com or jane.doe@example.com.';
    expect(redactor.redactText(text, new Pseudonymizer((s) => s))).toBe(
      '<PERSON_1> ordered <PRODUCT_1> boots; write to support@example.com or <EMAIL_1>.',
    );
  });

  it('the redaction mark follows the file contents, and is unchanged for configurations without files', () => {
    const yaml = 'redaction:\n  denyListFiles: [customers.txt]\n';
    const before = evalFolder(yaml, { 'customers.txt': 'Zqxette Vrumple\n' });
    const after = evalFolder(yaml, { 'customers.txt': 'Zqxette Vrumple\nNorthwind Traders\n' });
    expect(redactionMark(loadEvalFolder(before).config.redaction)).not.toBe(redactionMark(loadEvalFolder(after).config.redaction));
    // The same values inline give the same mark as from a file: the mark is about what is masked.
    const inline = evalFolder('redaction:\n  denyList: [{ value: Zqxette Vrumple, type: PERSON }]\n');
    expect(redactionMark(loadEvalFolder(inline).config.redaction)).toBe(redactionMark(loadEvalFolder(before).config.redaction));
    // Adding the optional keys did not change the JSON of a configuration without them (stored marks stay current).
    expect(JSON.stringify(parseRedactionConfig({}))).toBe(
      '{"recognizers":{},"urls":"all","customPatterns":[],"allowList":[],"denyList":[],"sensitiveKeys":[]}',
    );
  });

  it('a missing, binary, oversized file or a folder stops the load, naming the line that lists it', () => {
    const missing = evalFolder('redaction:\n  urls: all\n  denyListFiles:\n    - nope.txt\n');
    expect(() => loadEvalFolder(missing)).toThrow(ConfigError);
    expect(() => loadEvalFolder(missing)).toThrow(
      new RegExp(`casebook\\.yaml, line 4: key "redaction\\.denyListFiles\\.0": cannot read ${join(missing, 'nope.txt').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: no such file`),
    );
    const binary = evalFolder('redaction:\n  allowListFiles: [list.xlsx]\n', { 'list.xlsx': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) });
    expect(() => loadEvalFolder(binary)).toThrow(/line 2: key "redaction\.allowListFiles\.0": cannot read .*list\.xlsx: not a text file \(one value per line\)/);
    const big = evalFolder('redaction:\n  denyListFiles: [dump.txt]\n', { 'dump.txt': '' });
    truncateSync(join(big, 'dump.txt'), 40 * 1024 * 1024);
    expect(() => loadEvalFolder(big)).toThrow(/cannot read .*dump\.txt: 41943040 bytes; a list file holds at most 33554432 bytes/);
    const folder = evalFolder('redaction:\n  denyListFiles: [lists]\n');
    mkdirSync(join(folder, 'lists'));
    expect(() => loadEvalFolder(folder)).toThrow(/line 2: key "redaction\.denyListFiles\.0": cannot read .*lists: a folder, not a file/);
  });

  it('a deny value of one letter or digit stops the load, naming the file and its line (it would mask every such word)', () => {
    const dir = evalFolder('redaction:\n  denyListFiles:\n    - customers.txt\n', { 'customers.txt': '# exported\nZqxette Vrumple\n\nJ.\nNorthwind Traders\n' });
    expect(() => loadEvalFolder(dir)).toThrow(ConfigError);
    expect(() => loadEvalFolder(dir)).toThrow(
      /casebook\.yaml, line 3: key "redaction\.denyListFiles\.0": .*customers\.txt, line 4: deny-list value "J\." has only one letter or digit: it would mask that word in every trace/,
    );
    const dashes = evalFolder('redaction:\n  denyListFiles: [customers.txt]\n', { 'customers.txt': 'Zqxette Vrumple\n---\n' });
    expect(() => loadEvalFolder(dashes)).toThrow(/customers\.txt, line 2: deny-list value "---" has no letter or digit/);
    // Inline values are held to the same rule, with the line of casebook.yaml.
    const inline = evalFolder('redaction:\n  denyList:\n    - Zqxette Vrumple\n    - { value: "x", type: PRODUCT }\n');
    expect(() => loadEvalFolder(inline)).toThrow(/line 4.*deny-list value "x" has only one letter or digit/);
    expect(() => createRedactor({ denyList: ['a'] })).toThrow(/denyList\.0|deny-list value "a"/);
    // Two letters are a name ("Li", "Wu"), and a short allow-list value only leaves a word unmasked: both load.
    const ok = evalFolder('redaction:\n  denyList: [Li]\n  allowListFiles: [allow.txt]\n', { 'allow.txt': 'X\n' });
    expect(loadEvalFolder(ok).config.redaction.denyList).toEqual(['Li']);
    expect(loadEvalFolder(ok).config.redaction.allowList).toEqual(['X']);
  });

  it('the pure redactor refuses a configuration whose files were not read (their values would go unmasked)', () => {
    expect(() => createRedactor({ denyListFiles: ['customers.txt'] })).toThrow(/read by the eval folder loader/);
  });

  it('a 100,000-name customer list loads and masks quickly', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `Customer ${i.toString(36)} Holdings`);
    const dir = evalFolder('redaction:\n  denyListFiles: [customers.txt]\n', { 'customers.txt': names.join('\n') });
    const t0 = performance.now();
    const redactor = createRedactor(loadEvalFolder(dir).config.redaction);
    const out = redactor.redactText(`Invoice for ${names[99_999]} and ${names[1295]}, not Customer Holdings.`, new Pseudonymizer((s) => s));
    expect(out).toBe('Invoice for <PERSON_1> and <PERSON_2>, not Customer Holdings.');
    // Building the matcher sorted each first word's list on every insert: quadratic in a list sharing a first word.
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
