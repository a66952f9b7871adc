/**
 * Reading and rewriting eval/failure_modes.yaml with the `yaml` document API: a team's edits (titles,
 * descriptions, comments, key order) survive; Casebook only updates counts, dates and the proposal ids
 * a mode came from, adds accepted modes and rewrites the proposal lists. Unchanged content returns the
 * input text byte for byte. Pure.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYamlConfig, yamlOutputFor, yamlText } from '../config/yaml-config.js';
import { FailureModeTaxonomy, starterTaxonomy, type FailureMode } from './taxonomy.js';

/** The eval folder file the taxonomy lives in. */
export const FAILURE_MODES_FILE = 'failure_modes.yaml';

/** Parse and validate the taxonomy; an empty text is the starter taxonomy. Throws ConfigError naming the line. */
export function parseFailureModes(text: string, file = FAILURE_MODES_FILE): FailureModeTaxonomy {
  if (text.trim() === '') return starterTaxonomy;
  return parseYamlConfig(text, file, FailureModeTaxonomy, {
    what: 'failure modes file',
    knownKeys: (p) => (p === '' ? ['$schema', 'version', 'modes', 'proposals', 'rejected'] : undefined),
  });
}

/** Strip defaults nobody needs to read: empty lists, zero counts of never-seen modes. */
function plainMode(m: FailureMode): Record<string, unknown> {
  const out: Record<string, unknown> = { id: m.id, title: m.title, category: m.category, description: m.description };
  if (m.expected) out.expected = m.expected;
  const ind: Record<string, string[]> = {};
  if (m.indicators.rules.length) ind.rules = m.indicators.rules;
  if (m.indicators.axes.length) ind.axes = m.indicators.axes;
  if (m.indicators.aliases.length) ind.aliases = m.indicators.aliases;
  if (m.indicators.proposals.length) ind.proposals = m.indicators.proposals;
  if (m.indicators.terms.length) ind.terms = m.indicators.terms;
  if (Object.keys(ind).length) out.indicators = ind;
  if (m.first_seen) out.first_seen = m.first_seen;
  if (m.last_seen) out.last_seen = m.last_seen;
  out.count = m.count;
  return out;
}

/**
 * Keep a mode's indicators.proposals and indicators.terms (a proposal merged into it) in step. An empty
 * list is never written, so files that never decided a proposal keep their bytes.
 */
function setDecided(doc: Document, node: YAMLMap, key: 'proposals' | 'terms', ids: readonly string[]): void {
  if (ids.length === 0) return;
  const cur = node.getIn(['indicators', key], true) as Node | undefined;
  if (cur !== undefined && JSON.stringify(cur.toJSON()) === JSON.stringify(ids)) return;
  const seq = doc.createNode([...ids]) as YAMLSeq;
  // A list the team wrote inline stays inline.
  if (isSeq(cur)) seq.flow = cur.flow;
  let indicators: unknown = node.get('indicators', true);
  if (!isMap(indicators)) {
    // Placed where a new mode has it (before the dates and count), so the file reads the same either way.
    const made = doc.createPair('indicators', {});
    indicators = made.value;
    const at = node.items.findIndex((p) => ['first_seen', 'last_seen', 'count'].includes(String(isScalar(p.key) ? p.key.value : p.key)));
    node.items.splice(at < 0 ? node.items.length : at, 0, made);
  }
  (indicators as YAMLMap).set(key, seq);
}

/**
 * Write `taxonomy` into the document text. Modes already in the file keep everything but count,
 * first_seen, last_seen and indicators.proposals and terms; new modes are appended; `proposals` and `rejected`
 * are replaced.
 */
export function mergeFailureModesDocument(existingYamlText: string, taxonomy: FailureModeTaxonomy, schemaRef?: string): { text: string; changed: boolean } {
  parseFailureModes(existingYamlText);
  const fresh = existingYamlText.trim() === '';
  let doc: Document;
  if (fresh) {
    doc = new Document({ version: 1, modes: [] });
    doc.commentBefore = [
      ...(schemaRef ? [` yaml-language-server: $schema=${schemaRef}`] : []),
      ' Failure modes of this agent. Titles and descriptions are yours to change; Casebook updates count,',
      ' first_seen and last_seen, and adds the proposals you accept (casebook review).',
    ].join('\n');
  } else doc = parseDocument(existingYamlText);
  if (doc.contents === null) doc.contents = doc.createNode({ version: 1, modes: [] }) as YAMLMap;
  const output = yamlOutputFor(doc, existingYamlText);
  const before = fresh ? '' : yamlText(doc, output);
  let modes: unknown = doc.get('modes', true);
  if (!isSeq(modes)) {
    modes = doc.createNode([]);
    doc.set('modes', modes);
  }
  const seq = modes as YAMLSeq;
  const index = new Map<string, YAMLMap>();
  for (const it of seq.items) if (isMap(it)) index.set(String(it.get('id')), it);
  for (const m of taxonomy.modes) {
    const node = index.get(m.id);
    if (!node) {
      seq.items.push(doc.createNode(plainMode(m)) as Node);
      continue;
    }
    if (node.get('count') !== m.count) node.set('count', m.count);
    for (const key of ['first_seen', 'last_seen'] as const) if (m[key] !== undefined && node.get(key) !== m[key]) node.set(key, m[key]);
    setDecided(doc, node, 'proposals', m.indicators.proposals);
    setDecided(doc, node, 'terms', m.indicators.terms);
  }
  const setList = (key: 'proposals' | 'rejected', value: unknown[]): void => {
    const cur = doc.get(key, true);
    const same = cur !== undefined && JSON.stringify((cur as Node).toJSON()) === JSON.stringify(value);
    if (same || (cur === undefined && value.length === 0)) return;
    if (value.length === 0) doc.delete(key);
    else doc.set(key, doc.createNode(value));
  };
  setList('proposals', taxonomy.proposals);
  setList('rejected', taxonomy.rejected);
  const text = yamlText(doc, output);
  if (!fresh && text === before) return { text: existingYamlText, changed: false };
  return { text, changed: true };
}
