/** The one-page run summary as Markdown (pure). */
import type { RunSummary } from '../model/run.js';
import { duration, isoMinute, MAX_LISTED_CASES, pct, plural, redactionSentences, TITLE_SOURCE_TEXT, windowRange } from './format.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The Promotion section: what `casebook promote` made of the run, regressions first. */
export function promotionMarkdown(s: RunSummary): string[] {
  const out = ['## Promotion', ''];
  const p = s.promotion;
  if (!p) {
    out.push(`Not promoted yet: \`casebook promote --run ${s.runId}\` turns the failures into eval cases.`, '');
    return out;
  }
  out.push(
    `Promoted into the eval folder: ${plural(p.newCaseIds.length, 'new case')}, ${plural(p.regressions.length, 'regression')}, ` +
      `${p.reviewCount} queued for review, ${plural(p.proposals.length, 'proposed failure mode')}.`,
  );
  out.push('');
  if (p.regressions.length > 0) {
    out.push('**Regressions**: known cases that failed again.');
    out.push('');
    out.push('| regression | failure mode | conversation | last seen before |');
    out.push('|---|---|---|---|');
    for (const r of p.regressions) {
      out.push(`| REGRESSION \`${r.caseId}\` | ${escapeCell(r.failureMode)} | ${r.conversationKey ? `\`${escapeCell(r.conversationKey)}\`` : '-'} | ${r.previousDate ?? '-'} |`);
    }
    out.push('');
  }
  if (p.newCaseIds.length > 0) {
    const listed = p.newCaseIds.slice(0, MAX_LISTED_CASES).map((id) => `\`${id}\``);
    const more = p.newCaseIds.length - listed.length;
    out.push(`New cases: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`);
    out.push('');
  }
  if (p.proposals.length > 0) {
    out.push('Proposed failure modes (decide with `casebook modes`):');
    out.push('');
    for (const m of p.proposals) out.push(`- \`${m.id}\` ${escapeCell(m.title)}: ${plural(m.size, 'failure')}, ${TITLE_SOURCE_TEXT[m.titleSource]}`);
    out.push('');
  }
  return out;
}

/** Render a run summary as Markdown. Deterministic: the same summary gives the same bytes. */
export function renderSummaryMarkdown(s: RunSummary): string {
  const out: string[] = [];
  out.push(`# Casebook run ${s.runId}`);
  out.push('');
  out.push(
    `${s.status === 'cancelled' ? '**Cancelled before the end.** ' : ''}Window ${s.window.label} (${windowRange(s.window)}); ` +
      `run started ${isoMinute(s.startedAt)}, took ${duration(s.finishedAt - s.startedAt)}.`,
  );
  out.push('');
  out.push('| | traces | conversations |');
  out.push('|---|---:|---:|');
  out.push(`| in the window | ${s.population.traces} | ${s.population.conversations} |`);
  out.push(`| sampled (${s.sampling.mode === 'all' ? 'every conversation' : `stratified, seed ${s.sampling.seed}`}) | ${s.sample.traces} | ${s.sample.conversations} |`);
  out.push('');
  out.push('## Verdicts');
  out.push('');
  out.push('| verdict | sampled | projected to the window |');
  out.push('|---|---:|---:|');
  for (const v of ['fail', 'borderline', 'ungraded', 'pass'] as const) out.push(`| ${v} | ${s.verdicts[v]} | ${pct(s.projected[v])} |`);
  out.push('');
  out.push(...promotionMarkdown(s));
  out.push('## Failures by rule');
  out.push('');
  if (s.rules.length === 0) out.push('No rule fired.');
  else {
    out.push('| rule | severity | failure mode | failures | projected rate |');
    out.push('|---|---|---|---:|---:|');
    for (const r of s.rules) out.push(`| ${r.ruleId} | ${r.severity} | ${r.failureMode ?? '-'} | ${r.failures} | ${pct(r.projectedRate)} |`);
  }
  out.push('');
  out.push('## Failures by rubric axis');
  out.push('');
  if (s.axes.length === 0) out.push(`The judge did not grade this run (${s.judge.status}${s.judge.message ? `: ${s.judge.message}` : ''}).`);
  else {
    out.push('| axis | graded | failures | mean score | projected fail rate |');
    out.push('|---|---:|---:|---:|---:|');
    for (const a of s.axes) out.push(`| ${a.axis} | ${a.graded} | ${a.failures} | ${a.meanScore === null ? '-' : a.meanScore.toFixed(2)} | ${pct(a.projectedFailRate)} |`);
  }
  out.push('');
  out.push('## Judge');
  out.push('');
  const j = s.judge;
  out.push(`- status: ${j.status}${j.message ? ` (${j.message})` : ''}`);
  if (j.model) out.push(`- model: ${j.model}${j.digest ? ` @ ${j.digest.slice(0, 12)}` : ''}`);
  out.push(`- calls: ${j.calls}, cache hits: ${j.cacheHits}, tokens: ${j.promptTokens} in / ${j.completionTokens} out, time: ${duration(j.durationMs)}`);
  const ungraded = Object.entries(j.ungraded).sort(([a], [b]) => a.localeCompare(b));
  out.push(`- ungraded: ${ungraded.length === 0 ? '0' : ungraded.map(([k, n]) => `${n} ${k}`).join(', ')}`);
  out.push('');
  if (s.redaction) {
    out.push('## Redaction');
    out.push('');
    for (const line of redactionSentences(s.redaction)) out.push(`- ${escapeCell(line)}`);
    out.push('');
  }
  out.push('## Intents');
  out.push('');
  out.push('| intent | in the window | sampled |');
  out.push('|---|---:|---:|');
  for (const i of s.intents) out.push(`| ${escapeCell(i.intent)} | ${i.window} | ${i.sample} |`);
  out.push('');
  if (s.failures.length > 0) {
    out.push('## Failed conversations (first 20)');
    out.push('');
    for (const f of s.failures.slice(0, 20)) {
      out.push(`- \`${f.conversationKey}\` (${f.intent}, ${f.verdict}): ${escapeCell(f.reasons.join('; '))}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
