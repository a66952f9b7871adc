import { describe, expect, it } from 'vitest';
import type { Json } from '../../../core/model/trace.js';
import { keepsEveryValue, rewriteJsonText } from '../../../core/redact/json-text.js';

/** JSON.parse(text), and a copy of it changed by `change` (the redactor's copy has the same keys, changed leaves only). */
function redacted(text: string, change: (v: Json) => Json): { before: Json; after: Json } {
  const before = JSON.parse(text) as Json;
  return { before, after: change(structuredClone(before)) };
}

describe('rewriteJsonText', () => {
  it('replaces only the changed values, keeping whitespace, escapes, number spellings and key order', () => {
    const text = '{\n  "name": "Ren\\u00e9e",\n  "10": 1.50,\n  "note" : "ok",\n  "list": [ "a" , 2e3 ]\n}';
    const { before, after } = redacted(text, (v) => {
      (v as Record<string, Json>).name = '<PERSON_1>';
      ((v as Record<string, Json[]>).list as Json[])[1] = '<X_1>';
      return v;
    });
    // Object.keys puts "10" first; the walk follows the text's order.
    expect(rewriteJsonText(text, before, after)).toBe('{\n  "name": "<PERSON_1>",\n  "10": 1.50,\n  "note" : "ok",\n  "list": [ "a" , "<X_1>" ]\n}');
  });

  it('writes renamed keys back in place (a key that held PII, now its placeholder), the text keeping its layout', () => {
    const text = '{\n  "jane@example.com": {"tier": "gold"},\n  "<EMAIL_1>": "already masked",\n  "note": "x"\n}';
    const before = JSON.parse(text) as Record<string, Json>;
    // As the redactor renames: in place, the clash with an existing key settled by a suffix.
    const after: Json = { '<EMAIL_1>': before['jane@example.com'] as Json, '<EMAIL_1> (2)': 'already masked', note: 'x' };
    expect(rewriteJsonText(text, before, after)).toBe('{\n  "<EMAIL_1>": {"tier": "gold"},\n  "<EMAIL_1> (2)": "already masked",\n  "note": "x"\n}');
    // Keys that are array indices come first in an object whatever the text says; they stay matched while unrenamed.
    const indexed = '{"jane@example.com": 1, "7": 2}';
    expect(rewriteJsonText(indexed, JSON.parse(indexed) as Json, Object.fromEntries([['7', 2], ['<EMAIL_1>', 1]]) as Json)).toBe('{"<EMAIL_1>": 1, "7": 2}');
    // A phone number as a key is an index too: renamed, it moves, and the walk gives up (the caller serialises again).
    const phoneKey = '{"a": 1, "4155550100": 2}';
    expect(rewriteJsonText(phoneKey, JSON.parse(phoneKey) as Json, Object.fromEntries([['a', 1], ['<PHONE_1>', 2]]) as Json)).toBeUndefined();
  });

  it('returns the very text when nothing changed, and handles empty containers and literals', () => {
    const text = '[{}, [], true, false, null, -0.0, "x"]';
    const v = JSON.parse(text) as Json;
    expect(rewriteJsonText(text, v, v)).toBe(text);
  });

  it('refuses text it cannot walk safely: a key given twice, or nesting deeper than 256', () => {
    const twice = '{"email": "a@example.com", "email": "b@example.com"}';
    const v = JSON.parse(twice) as Json;
    expect(rewriteJsonText(twice, v, { email: '<EMAIL_1>' })).toBeUndefined();
    const deep = '['.repeat(300) + '"x"' + ']'.repeat(300);
    const d = JSON.parse(deep) as Json;
    expect(rewriteJsonText(deep, d, d)).toBeUndefined();
  });

  it('refuses text that is not the parsed value', () => {
    const v = JSON.parse('{"a": "x"}') as Json;
    expect(rewriteJsonText('{"b": "x"}', v, v)).toBeUndefined();
    expect(rewriteJsonText('{"a": "x"} trailing', v, v)).toBeUndefined();
  });
});

describe('keepsEveryValue', () => {
  const check = (text: string): boolean => keepsEveryValue(text, JSON.parse(text) as Json);
  it('is true when every key of the text is in the parse, whatever the layout and escapes', () => {
    expect(check('{"a": {"b" : [1, {"c":"x\\":y"}]}, "d\\"e": "\\\\", "f": ":"}')).toBe(true);
    expect(check('[{"__proto__": 1}, {}, "k:", {"k\\\\": ":"}]')).toBe(true);
    expect(check('{\n  "a":\n    "b"\n}')).toBe(true);
  });
  it('is false when an object gives a key twice, at any depth', () => {
    expect(check('{"note": "call me", "note": "ok"}')).toBe(false);
    expect(check('[1, {"a": {"b": 1, "b": 2}}]')).toBe(false);
    // Escapes spell the same key differently: JSON.parse still keeps one.
    expect(check('{"a": 1, "\\u0061": 2}')).toBe(false);
  });
});
