/**
 * Reading the generic format's field mapping from a YAML file. `parseMapping` is pure; `loadMapping`
 * is the file-reading adapter. Errors (ConfigError) name the file, the key, the reason and, where known, the line.
 */
import { readFileSync } from 'node:fs';
import { parseYamlConfig } from '../config/yaml-config.js';
import { FieldMapping, FIELD_MAPPING_KEYS } from './formats/generic.js';

/** Sub-keys of the nested mapping keys, so a typo inside them gets the same help as at the top. */
const NESTED_KEYS: Record<string, readonly string[]> = {
  tokens: ['input', 'output', 'total'],
  feedback: ['score', 'comment', 'name'],
  toolCalls: ['path', 'id', 'name', 'arguments', 'result', 'error', 'latencyMs'],
};

/** Parse and validate mapping YAML text; `file` is only used in error messages. Throws ConfigError. */
export function parseMapping(text: string, file: string): FieldMapping {
  return parseYamlConfig(text, file, FieldMapping, {
    what: 'field mapping',
    knownKeys: (parent) => (parent === '' ? FIELD_MAPPING_KEYS : NESTED_KEYS[parent]),
    stringMeans: 'a dotted path (text)',
    mappingHint: 'of field → path (e.g. "userText: prompt")',
  });
}

/** Read and validate a YAML field-mapping file (the `--map` option). */
export function loadMapping(path: string): FieldMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read field mapping ${path}: ${(e as Error).message}`);
  }
  return parseMapping(text, path);
}
