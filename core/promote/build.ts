/**
 * Turning a run's graded conversations into eval cases: one case per (conversation, failure mode), with
 * a stable id so a recurrence of a known case appends to its history (a regression). Clear-cut failures
 * are promoted; borderline ones become review-queue entries. Pure: the caller supplies the traces.
 */
import type { GradedItem } from '../report/summarize.js';
import type { Message } from '../model/trace.js';
import type { RuleVerdict } from '../model/grade.js';
import type { RuleSpec } from '../rules/config.js';
import { conversationTranscript } from '../ingest/transcript.js';
import { assignFailureModes, starterTaxonomy, UNCLASSIFIED, type FailureMode, type FailureModeTaxonomy } from '../failures/taxonomy.js';
import { modeByTerms, type UnmatchedFailure } from '../failures/cluster.js';
import { caseId, normalizeRequest } from './case-id.js';
import type { Case, CaseCheck, CaseHistoryEntry, CaseMessage, CaseToolCall } from './case.js';

/** The trace fields promotion reads (a stored Trace has them all). */
export interface PromotableTrace {
  id: string;
  contentHash: string;
  startTime?: number;
  messages: readonly Message[];
}

/** A graded conversation with its (redacted) traces. */
export interface PromotableItem extends GradedItem {
  traces: readonly PromotableTrace[];
  /** The conversation's content hash (conversationContentHash), recorded in the case's source. */
  contentHash?: string;
}

/** The run the cases come from. */
export interface PromotionRun {
  runId: string;
  /** YYYY-MM-DD: the only time written into the eval folder. */
  date: string;
  /** Hash of the judge pin (pinKey), when a judge graded this run. */
  judgePin?: string;
}

/** Options for buildCases. */
export interface BuildOptions {
  taxonomy?: FailureModeTaxonomy;
  /** Cases already in eval/cases_from_prod.yaml: a new sighting of one of them is a recurrence. */
  existing?: readonly Case[];
  /** The configured rules, so checks can carry their forbidden phrases and tool lists. */
  rules?: readonly RuleSpec[];
  /**
   * True for a conversation (by content hash) that an earlier run already graded: re-grading it is no
   * new sighting of a known case. Without it, only the case's own source conversation is recognised.
   */
  seenBefore?: (conversationHash: string) => boolean;
  /**
   * False for a conversation an earlier promote already handled (this run promoted again, or a run before
   * it): it keeps the mode it had then instead of joining a mode accepted since, so promoting again after
   * a decision changes nothing. Without it, every conversation that is no existing case's source may join.
   */
  mayJoinByTerms?: (conversationHash: string) => boolean;
  /** Keep system messages in a case's input (off: the harness supplies its own system prompt). */
  includeSystem?: boolean;
}

/** A borderline failure waiting for a human: the case it would become and why it is not clear-cut. */
export interface ReviewEntry {
  case: Case;
  reasons: string[];
  /** True when the case id already exists in the eval folder. */
  known: boolean;
}

/** A known case seen failing again. */
export interface Recurrence {
  case_id: string;
  failure_mode: string;
  /** The case's last history entry before this run. */
  previous?: CaseHistoryEntry;
  entry: CaseHistoryEntry;
}

/** What buildCases returns. */
export interface BuildResult {
  /** Cases to merge into the file: new ones and known ones with this run's history entry. Sorted by id. */
  cases: Case[];
  newCaseIds: string[];
  /** Known cases failing again: regressions. */
  recurrences: Recurrence[];
  review: ReviewEntry[];
  /** Failures with no known mode (cases with failure_mode `unclassified`), for clustering. */
  unmatched: UnmatchedFailure[];
  /** New sightings per mode in this run (new cases and recurrences; for the taxonomy's counts). */
  modeCounts: Map<string, number>;
}

/** The tool names called in the messages, in order, consecutive repeats (retries) collapsed. */
export function toolSequence(messages: readonly Message[]): string[] {
  const seq: string[] = [];
  for (const m of messages) for (const c of m.toolCalls) if (seq[seq.length - 1] !== c.name) seq.push(c.name);
  return seq;
}

/** The index of the last message of the turn holding `index`: up to (not including) the next user message. */
export function endOfTurn(messages: readonly Message[], index: number): number {
  let end = Math.min(index, messages.length - 1);
  while (end + 1 < messages.length && messages[end + 1]?.role !== 'user') end++;
  return end;
}

function failingIndex(rules: readonly RuleVerdict[]): number | undefined {
  let max: number | undefined;
  for (const r of rules) for (const e of r.evidence) if (e.messageIndex !== undefined && (max === undefined || e.messageIndex > max)) max = e.messageIndex;
  return max;
}

/** Case messages from transcript messages; a call's result is inlined only when no tool message carries it. */
export function toCaseMessages(messages: readonly Message[], includeSystem = false): CaseMessage[] {
  const answeredIds = new Set<string>();
  const answeredNames = new Set<string>();
  for (const m of messages) {
    if (m.role !== 'tool') continue;
    if (m.toolCallId) answeredIds.add(m.toolCallId);
    else if (m.name) answeredNames.add(m.name);
  }
  const out: CaseMessage[] = [];
  for (const m of messages) {
    if (m.role === 'system' && !includeSystem) continue;
    const msg: CaseMessage = { role: m.role, content: m.text };
    if (m.name) msg.name = m.name;
    if (m.toolCallId) msg.tool_call_id = m.toolCallId;
    if (m.toolCalls.length > 0) {
      msg.tool_calls = m.toolCalls.map((c) => {
        const call: CaseToolCall = { ...(c.id ? { id: c.id } : {}), name: c.name, arguments: c.arguments, status: c.status };
        const answered = c.id ? answeredIds.has(c.id) : answeredNames.has(c.name);
        if (!answered && c.result !== undefined) call.result = c.result;
        if (c.error) call.error = c.error;
        return call;
      });
    }
    out.push(msg);
  }
  return out;
}

const isPattern = (p: string): boolean => p.length > 2 && p.startsWith('/') && p.endsWith('/');

function checkFor(r: RuleVerdict, mode: FailureMode | undefined, intent: string, specs: readonly RuleSpec[]): CaseCheck {
  const check: CaseCheck = {
    rule: r.ruleId,
    severity: r.severity,
    assertion: mode?.expected ?? `Rule ${r.ruleId} must not find this again: ${r.message}`,
    observed: r.message,
  };
  const spec = specs.find((s) => s.id === r.ruleId);
  const phrases = (list: readonly string[]): void => {
    const plain = list.filter((p) => !isPattern(p));
    const patterns = list.filter(isPattern).map((p) => p.slice(1, -1));
    if (plain.length > 0) check.forbid_phrases = [...plain];
    if (patterns.length > 0) check.forbid_patterns = patterns;
  };
  if (spec?.type === 'tool_policy') {
    const set = spec.params.intents[intent] ?? spec.params.intents['*'];
    if (set && set.required.length > 0) check.require_tools = [...set.required];
    if (set && set.forbidden.length > 0) check.forbid_tools = [...set.forbidden];
  } else if (spec?.type === 'response_policy') {
    phrases(spec.params.forbiddenPhrases);
  } else if (spec?.type === 'prompt_injection') {
    phrases(spec.params.compliance);
    if (spec.params.forbiddenTools.length > 0) check.forbid_tools = [...spec.params.forbiddenTools];
  }
  return check;
}

function expectedBehavior(item: GradedItem, mode: FailureMode | undefined, rules: readonly RuleVerdict[]): string {
  const lines: string[] = [];
  lines.push(mode?.expected ?? mode?.description ?? 'Handle the request correctly: the original answer failed grading.');
  for (const r of rules) lines.push(`Rule ${r.ruleId} must pass (it found: ${r.message}).`);
  if (item.judge.kind === 'judged' && item.judge.result.status === 'graded') {
    for (const a of item.judge.result.axes) {
      if (!a.pass || a.score < a.threshold) lines.push(`Judge axis ${a.axis} must reach ${a.threshold} (it gave ${a.score}: ${a.rationale}).`);
    }
    if (item.judge.result.summary) lines.push(`Judge summary: ${item.judge.result.summary}`);
  }
  return lines.join('\n');
}

function byId<T extends { case_id: string }>(a: T, b: T): number {
  return a.case_id < b.case_id ? -1 : a.case_id > b.case_id ? 1 : 0;
}

/**
 * Build the cases of a run. Items are processed in conversation-key order, so when two conversations
 * map to one case the first one's input is kept; either way the result is deterministic.
 */
export function buildCases(items: readonly PromotableItem[], run: PromotionRun, options: BuildOptions = {}): BuildResult {
  const taxonomy = options.taxonomy ?? starterTaxonomy;
  const specs = options.rules ?? [];
  const modes = new Map(taxonomy.modes.map((m) => [m.id, m]));
  const existing = new Map((options.existing ?? []).map((c) => [c.case_id, c]));
  const promoted = new Map<string, Case>();
  const review = new Map<string, ReviewEntry>();
  const unmatched: UnmatchedFailure[] = [];
  const modeCounts = new Map<string, number>();
  const sorted = [...items].sort((a, b) => (a.ref.key < b.ref.key ? -1 : a.ref.key > b.ref.key ? 1 : 0));
  // Conversations some case was already made from: they keep the mode that case has.
  const caseSources = new Set([...existing.values()].flatMap((c) => (c.source.conversation ? [c.source.conversation] : [])));

  for (const item of sorted) {
    if (item.verdict !== 'fail' && item.verdict !== 'borderline') continue;
    const transcript = conversationTranscript(item.traces);
    if (transcript.length === 0) continue;
    let assignment = assignFailureModes(item, taxonomy);
    const failed = item.rules.filter((r) => r.outcome === 'fail');
    if (assignment.modes.length === 0) {
      const failure: UnmatchedFailure = { key: item.ref.key, transcript, rules: item.rules, judge: item.judge };
      // A failure like the ones a person accepted as a mode belongs to it; a conversation that already has
      // a case keeps that case (and its id) rather than gaining a second one under the new mode.
      const hash = item.contentHash;
      const mayJoin = hash === undefined || (!caseSources.has(hash) && (options.mayJoinByTerms?.(hash) ?? true));
      const byTerms = mayJoin ? modeByTerms(failure, taxonomy) : undefined;
      if (byTerms !== undefined) assignment = { modes: [byTerms], source: 'terms', unknown: [] };
      else unmatched.push(failure);
    }
    const modeIds = assignment.modes.length > 0 ? assignment.modes : [UNCLASSIFIED];
    const request = transcript.find((m) => m.role === 'user')?.text ?? '';
    for (const modeId of modeIds) {
      const mode = modes.get(modeId);
      // The rules behind this mode; with the judge as the source, every failed rule (weak ones) still counts.
      const own = assignment.source === 'rules' ? failed.filter((r) => modeOf(r, taxonomy) === modeId) : failed;
      const at = failingIndex(own);
      const input = at === undefined ? transcript : transcript.slice(0, endOfTurn(transcript, at) + 1);
      const id = caseId(modeId, item.ref.intent, toolSequence(input), normalizeRequest(request));
      const entry: CaseHistoryEntry = { run: run.runId, date: run.date, verdict: item.verdict };
      if (run.judgePin && item.judge.kind === 'judged') entry.judge_pin = run.judgePin;
      const known = existing.get(id);
      // The very conversation the case was made from, graded again (a rerun over the same window), is no
      // new sighting: the case, its history and the taxonomy's counts stay as they are, so the eval folder
      // does not change and CI does not fail on data it has already seen.
      if (known && item.contentHash !== undefined && (known.source.conversation === item.contentHash || options.seenBefore?.(item.contentHash))) continue;
      const fresh: Case = {
        case_id: id,
        intent: item.ref.intent,
        stakes: item.ref.stakes,
        failure_mode: modeId,
        category: mode?.category ?? UNCLASSIFIED,
        input: { messages: toCaseMessages(input, options.includeSystem) },
        expected_behavior: expectedBehavior(item, mode, own),
        checks: own.map((r) => checkFor(r, mode, item.ref.intent, specs)),
        source: {
          traces: [...item.traces].sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0)).map((t) => t.contentHash),
          ...(item.contentHash ? { conversation: item.contentHash } : {}),
        },
        history: [...(known?.history ?? []).filter((h) => h.run !== run.runId), entry],
      };
      if (fresh.input.messages.length === 0) continue;
      if (item.verdict === 'borderline') {
        if (!review.has(id) && !promoted.has(id)) review.set(id, { case: fresh, reasons: item.reasons, known: known !== undefined });
        continue;
      }
      if (promoted.has(id)) continue;
      review.delete(id);
      promoted.set(id, fresh);
    }
  }

  const cases = [...promoted.values()].sort(byId);
  const newCaseIds = cases.filter((c) => !existing.has(c.case_id)).map((c) => c.case_id);
  const recurrences: Recurrence[] = [];
  for (const c of cases) {
    const known = existing.get(c.case_id);
    // Counted once per case and run, so rerunning the same run does not inflate the taxonomy's counts.
    if (!known?.history.some((h) => h.run === run.runId)) modeCounts.set(c.failure_mode, (modeCounts.get(c.failure_mode) ?? 0) + 1);
    // A case already holding this run is a rerun of the same run, not a new sighting.
    if (!known || known.history.some((h) => h.run === run.runId)) continue;
    const entry = c.history[c.history.length - 1] as CaseHistoryEntry;
    recurrences.push({ case_id: c.case_id, failure_mode: c.failure_mode, previous: known.history[known.history.length - 1], entry });
  }
  return { cases, newCaseIds, recurrences, review: [...review.values()].sort((a, b) => byId(a.case, b.case)), unmatched, modeCounts };
}

function modeOf(r: RuleVerdict, taxonomy: FailureModeTaxonomy): string | undefined {
  return assignFailureModes({ rules: [r], judge: { kind: 'skipped', reason: '' } }, taxonomy).modes[0];
}
