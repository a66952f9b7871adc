/**
 * On-device clustering of failures that match no known mode, into proposed new modes, and applying a
 * human's decision on a proposal. TF-IDF over the redacted user request, the tool sequence and the rule
 * evidence; average-linkage agglomerative clustering with a cosine threshold. Deterministic: the same
 * failures give the same proposals with the same ids. Pure.
 */
import { trimEndOf } from '../model/regex-safety.js';
import type { Message } from '../model/trace.js';
import type { RuleVerdict } from '../model/grade.js';
import type { JudgeDisposition } from '../grade/verdict.js';
import { sha256Hex } from './hash.js';
import { FailureModeTaxonomy, judgeSuggestion, type FailureMode, type ProposalEntry } from './taxonomy.js';

/** A failure with no known mode, as clustering sees it. */
export interface UnmatchedFailure {
  /** Conversation key (shown as a representative example). */
  key: string;
  /** The redacted merged transcript (conversationTranscript). */
  transcript: readonly Message[];
  rules: readonly RuleVerdict[];
  judge: JudgeDisposition;
}

/** Share of a mode's terms a failure must carry to be assigned to it by modeByTerms (and at least two). */
const TERM_MATCH = 0.6;

/**
 * The mode a failure no rule or judge names belongs to by its terms: the mode (made from accepted
 * proposals) whose indicators.terms the failure's tokens cover best, when they cover at least 60% of
 * them; ties go to the lower id. Undefined when no mode has terms or none is covered enough.
 */
export function modeByTerms(f: UnmatchedFailure, taxonomy: FailureModeTaxonomy): string | undefined {
  let tokens: Set<string> | undefined;
  let best: { id: string; share: number } | undefined;
  for (const m of taxonomy.modes) {
    const terms = m.indicators.terms;
    if (terms.length === 0) continue;
    tokens ??= new Set(failureTokens(f));
    let shared = 0;
    for (const t of terms) if (tokens.has(t)) shared++;
    const share = shared / terms.length;
    if (shared < 2 || share < TERM_MATCH) continue;
    if (best === undefined || share > best.share || (share === best.share && m.id < best.id)) best = { id: m.id, share };
  }
  return best?.id;
}

/** A proposed new failure mode. */
export interface Proposal {
  /** Stable: a hash of the member keys, so the same cluster gets the same id on every run. */
  id: string;
  title: string;
  /** Where the title came from: the judge naming the cluster, the judge's suggested mode, or the terms. */
  titleSource: 'judge' | 'suggestion' | 'terms';
  /** The judge's description, when it named the cluster. */
  description?: string;
  /** The id the mode gets when accepted as is. */
  suggestedId: string;
  size: number;
  /** Distinctive terms, most distinctive first. */
  terms: string[];
  /** Representative conversation keys, closest to the cluster's centre first. */
  examples: string[];
  /** Every member key, sorted. */
  members: string[];
}

/** Clustering knobs. */
export interface ClusterOptions {
  /** Two clusters merge while their average cosine similarity is at least this. */
  threshold?: number;
  /** Clusters smaller than this are not proposed (a one-off is noise, not a mode). */
  minSize?: number;
  maxExamples?: number;
}

const STOP = new Set(
  'a an and are as at be but by can could did do does for from had has have how i if in into is it its me my no not of on or our please so that the their them then there these they this to was we were what when where which who why will with would you your yes ok okay hi hello thanks thank just also can\'t don\'t i\'m it\'s'.split(' '),
);

/** Lowercase word tokens, placeholders (`<EMAIL_2>`) kept as their type, numbers and stop words dropped. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const t = text.replace(/<([A-Z][A-Z0-9_]*?)_\d+>/g, ' ph_$1 ').toLowerCase();
  for (const m of t.matchAll(/[\p{L}][\p{L}\p{N}_'-]*/gu)) {
    const w = trimEndOf(m[0], /['-]/);
    if (w.length < 3 || STOP.has(w)) continue;
    out.push(w);
  }
  return out;
}

function firstUserText(transcript: readonly Message[]): string {
  return transcript.find((m) => m.role === 'user' && m.text.trim() !== '')?.text ?? '';
}

/** The feature tokens of one failure: request words, `tool:name` per call, evidence words, failed rule ids. */
export function failureTokens(f: UnmatchedFailure): string[] {
  const tokens = tokenize(firstUserText(f.transcript));
  for (const m of f.transcript) for (const c of m.toolCalls) tokens.push(`tool:${c.name}`);
  for (const r of f.rules) {
    if (r.outcome !== 'fail') continue;
    tokens.push(`rule:${r.ruleId}`);
    for (const e of r.evidence) tokens.push(...tokenize(e.quote));
  }
  return tokens;
}

type Vec = Map<string, number>;

function cosine(a: Vec, b: Vec): number {
  let dot = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const [k, v] of small) dot += v * (big.get(k) ?? 0);
  return dot; // vectors are unit length
}

function tfidf(docs: readonly string[][]): Vec[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vec = new Map();
    let norm = 0;
    for (const [t, c] of [...tf.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const w = (1 + Math.log(c)) * (Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

/** A readable mode id from a title: lowercase words joined by `_`. */
export function slugId(title: string): string {
  const s = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    // eslint-disable-next-line regexp/no-super-linear-move -- the replace above leaves runs of one "_" only
    .replace(/^_+|_+$/g, '')
    .slice(0, 48)
    // eslint-disable-next-line regexp/no-super-linear-move -- on at most 48 characters
    .replace(/_+$/, '');
  return /^[a-z0-9]/.test(s) ? s : `mode_${s || 'new'}`;
}

function humanize(id: string): string {
  const s = id.replace(/[_.-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Cluster failures with no known mode into proposals, largest first (ties by id). A cluster's title is
 * the judge's suggested mode when most of its members got one the taxonomy lacks, else its top terms.
 * Clusters whose id the taxonomy already decided on (rejected, or in a mode's indicators.proposals) are left out.
 */
export function clusterUnmatched(items: readonly UnmatchedFailure[], options: ClusterOptions = {}, taxonomy?: FailureModeTaxonomy): Proposal[] {
  const threshold = options.threshold ?? 0.3;
  const minSize = options.minSize ?? 2;
  const maxExamples = options.maxExamples ?? 3;
  const sorted = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const vecs = tfidf(sorted.map(failureTokens));
  const sim = vecs.map((a) => vecs.map((b) => cosine(a, b)));
  let clusters: number[][] = sorted.map((_, i) => [i]);
  // Average linkage, merging the most similar pair first; ties go to the lowest indexes, so the result
  // does not depend on anything but the input.
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const ci = clusters[i] as number[];
        const cj = clusters[j] as number[];
        let s = 0;
        for (const x of ci) for (const y of cj) s += sim[x]?.[y] ?? 0;
        s /= ci.length * cj.length;
        if (s > best + 1e-12) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < threshold) break;
    const merged = [...(clusters[bi] as number[]), ...(clusters[bj] as number[])].sort((x, y) => x - y);
    clusters = clusters.filter((_, k) => k !== bi && k !== bj);
    clusters.push(merged);
    clusters.sort((x, y) => (x[0] as number) - (y[0] as number));
  }
  // A cluster a human already decided on (rejected, accepted or merged) is not proposed again.
  const decided = new Set([...(taxonomy?.rejected ?? []), ...(taxonomy?.modes.flatMap((m) => m.indicators.proposals) ?? [])]);
  const known = new Set(taxonomy?.modes.flatMap((m) => [m.id, ...m.indicators.aliases]) ?? []);
  const proposals: Proposal[] = [];
  for (const c of clusters) {
    if (c.length < minSize) continue;
    const members = c.map((i) => (sorted[i] as UnmatchedFailure).key);
    const id = `p_${sha256Hex(members.join('\n')).slice(0, 10)}`;
    if (decided.has(id)) continue;
    const centroid: Vec = new Map();
    for (const i of c) for (const [t, w] of vecs[i] as Vec) centroid.set(t, (centroid.get(t) ?? 0) + w / c.length);
    const terms = [...centroid.entries()]
      .filter(([t]) => !t.startsWith('rule:'))
      .sort(([ta, a], [tb, b]) => b - a || (ta < tb ? -1 : 1))
      .slice(0, 5)
      .map(([t]) => t);
    const score = (i: number): number => {
      let s = 0;
      for (const [t, w] of vecs[i] as Vec) s += w * (centroid.get(t) ?? 0);
      return s;
    };
    const examples = [...c].sort((x, y) => score(y) - score(x) || x - y).slice(0, maxExamples).map((i) => (sorted[i] as UnmatchedFailure).key);
    const votes = new Map<string, number>();
    for (const i of c) {
      const s = judgeSuggestion((sorted[i] as UnmatchedFailure).judge);
      if (s && !known.has(s)) votes.set(s, (votes.get(s) ?? 0) + 1);
    }
    const [topVote] = [...votes.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    // Title words in the order the most representative request uses them, so it reads like the request.
    const firstExample = examples[0] === undefined ? [] : failureTokens(sorted.find((f) => f.key === examples[0]) as UnmatchedFailure);
    const words = terms.filter((t) => !t.startsWith('ph_') && !t.startsWith('tool:')).slice(0, 3);
    const pos = (t: string): number => (firstExample.indexOf(t) < 0 ? Number.MAX_SAFE_INTEGER : firstExample.indexOf(t));
    words.sort((a, b) => pos(a) - pos(b) || (a < b ? -1 : 1));
    const suggested = topVote !== undefined && topVote[1] * 2 > c.length;
    const title = suggested ? humanize(topVote[0]) : humanize(words.join(' ')) || 'Unnamed failure';
    proposals.push({ id, title, titleSource: suggested ? 'suggestion' : 'terms', suggestedId: slugId(title), size: c.length, terms, examples, members });
  }
  return proposals.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
}

/** A proposal retitled by the judge: its suggested id follows the new title, its id (the members) stays. */
export function nameProposal(p: Proposal, title: string, description: string): Proposal {
  return { ...p, title, titleSource: 'judge', description, suggestedId: slugId(title) };
}

/** What the judge is shown to name a proposal: its representative examples' requests, tools and failed rules. */
export function proposalExamples(p: Proposal, items: readonly UnmatchedFailure[]): Array<{ request: string; tools: string[]; failedRules: string[] }> {
  const byKey = new Map(items.map((f) => [f.key, f]));
  return p.examples.flatMap((key) => {
    const f = byKey.get(key);
    if (!f) return [];
    const tools: string[] = [];
    for (const m of f.transcript) for (const c of m.toolCalls) if (tools[tools.length - 1] !== c.name) tools.push(c.name);
    const failedRules = [...new Set(f.rules.filter((r) => r.outcome === 'fail').map((r) => r.ruleId))];
    return [{ request: firstUserText(f.transcript), tools, failedRules }];
  });
}

/** A proposal as stored in eval/failure_modes.yaml (members are not written: they are conversation keys). */
export function proposalEntry(p: Proposal): ProposalEntry {
  return {
    id: p.id,
    title: p.title,
    title_source: p.titleSource,
    ...(p.description ? { description: p.description } : {}),
    suggested_id: p.suggestedId,
    size: p.size,
    terms: p.terms,
    examples: p.examples,
  };
}

/** A human's decision on a proposal. */
export type ProposalDecision =
  | { action: 'accept' }
  | { action: 'rename'; title: string; id?: string }
  | { action: 'merge'; into: string }
  | { action: 'reject' };

function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * Apply a decision. Accept/rename add a mode whose id is the slug of its title (suffixed `_2`, `_3`
 * when taken) and never changes afterwards; merge counts the proposal into an existing mode; the mode
 * records the proposal id (indicators.proposals) and reject remembers it (rejected), so the same cluster
 * is not proposed again whatever the decision was. Returns the new taxonomy and
 * the id of the mode the proposal's failures now belong to (undefined on reject).
 */
export function applyProposal(
  taxonomy: FailureModeTaxonomy,
  proposal: Pick<Proposal, 'id' | 'title' | 'suggestedId' | 'size' | 'terms'> & { description?: string },
  decision: ProposalDecision,
  date?: string,
): { taxonomy: FailureModeTaxonomy; modeId?: string } {
  const proposals = taxonomy.proposals.filter((p) => p.id !== proposal.id);
  if (decision.action === 'reject') {
    const rejected = [...new Set([...taxonomy.rejected, proposal.id])].sort();
    return { taxonomy: { ...taxonomy, proposals, rejected } };
  }
  if (decision.action === 'merge') {
    const target = taxonomy.modes.find((m) => m.id === decision.into || m.indicators.aliases.includes(decision.into));
    if (!target) throw new Error(`cannot merge proposal ${proposal.id}: no failure mode "${decision.into}"`);
    const merged = {
      ...target,
      count: target.count + proposal.size,
      indicators: {
        ...target.indicators,
        proposals: [...new Set([...target.indicators.proposals, proposal.id])].sort(),
        terms: [...new Set([...target.indicators.terms, ...proposal.terms])],
      },
    };
    const modes = taxonomy.modes.map((m) => (m === target ? sighted(merged, date) : m));
    return { taxonomy: { ...taxonomy, modes, proposals }, modeId: target.id };
  }
  const title = decision.action === 'rename' ? decision.title : proposal.title;
  const taken = new Set(taxonomy.modes.flatMap((m) => [m.id, ...m.indicators.aliases]));
  const base = decision.action === 'rename' ? (decision.id ?? slugId(title)) : proposal.suggestedId;
  const id = freeId(slugId(base), taken);
  const mode: FailureMode = sighted(
    {
      id,
      title,
      description:
        proposal.description !== undefined
          ? `${proposal.description} (Proposed from ${proposal.size} similar failures; description written by the judge: check it.)`
          : `Proposed from ${proposal.size} similar failures (terms: ${proposal.terms.join(', ') || 'none'}). Replace this with a description of the failure.`,
      category: 'other',
      indicators: { rules: [], axes: [], aliases: [], proposals: [proposal.id], terms: [...proposal.terms] },
      count: proposal.size,
    },
    date,
  );
  const modes = [...taxonomy.modes, mode];
  return { taxonomy: FailureModeTaxonomy.parse({ ...taxonomy, modes, proposals }), modeId: id };
}

function sighted(m: FailureMode, date: string | undefined): FailureMode {
  if (date === undefined) return m;
  return {
    ...m,
    first_seen: m.first_seen === undefined || date < m.first_seen ? date : m.first_seen,
    last_seen: m.last_seen === undefined || date > m.last_seen ? date : m.last_seen,
  };
}
