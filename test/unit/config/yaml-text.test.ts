import { describe, expect, it } from 'vitest';
import { Document, parse } from 'yaml';
import { toYaml, yamlText } from '../../../core/config/yaml-config.js';

/** Every string of up to `max` characters over `alphabet`. */
function* strings(alphabet: string, max: number, prefix = ''): Generator<string> {
  if (prefix.length === max) return;
  for (const c of alphabet) {
    yield prefix + c;
    yield* strings(alphabet, max, prefix + c);
  }
}

describe('the YAML the eval folder is written in', () => {
  it('reads back as the data written, for every short string of blanks, breaks and YAML punctuation', () => {
    let n = 0;
    const broken: string[] = [];
    for (const s of strings(' \t\na#:-|', 4)) {
      n++;
      const data = { cases: [{ messages: [{ content: s }] }], top: s };
      if (JSON.stringify(parse(yamlText(new Document(data)))) !== JSON.stringify(data)) broken.push(JSON.stringify(s));
    }
    expect(n).toBe(4_680);
    expect(broken).toEqual([]);
  });

  it('keeps the block style for multi-line texts that start with text, and quotes those that start with a blank', () => {
    expect(toYaml({ a: 'line one\nline two' })).toBe('a: |-\n  line one\n  line two\n');
    expect(toYaml({ a: ' \n\t\n' })).toBe('a: "\\ \\n\\t\\n"\n');
    expect(toYaml({ a: '    def f():\n        pass' })).toBe('a: "    def f():\\n        pass"\n');
    expect(parse(toYaml([' \n\t\n', '  a\n  b']))).toEqual([' \n\t\n', '  a\n  b']);
  });
});
