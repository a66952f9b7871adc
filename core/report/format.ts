/** Small pure formatters shared by the Markdown and HTML summaries. */
import type { RunRedaction } from '../model/run.js';

/** A share 0..1 as a percentage with one decimal. */
export function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Epoch ms as an ISO timestamp to the minute (UTC). */
export function isoMinute(ms: number | null): string {
  return ms === null ? '-' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A run's window as a range of UTC minutes; "all time" has no start worth printing (it is the epoch). */
export function windowRange(w: { from: number | null; to: number | null }): string {
  return w.from === null || w.from <= 0 ? `up to ${isoMinute(w.to)}` : `${isoMinute(w.from)} to ${isoMinute(w.to)}`;
}

/** Milliseconds as seconds or minutes. */
export function duration(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "1 regression" / "2 regressions": counts in the summaries read as sentences. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How a proposal got its title, for the summaries. */
export const TITLE_SOURCE_TEXT = { judge: 'named by the judge', suggestion: "the judge's suggested mode", terms: 'named from its terms' } as const;

/** New case ids listed in a summary; the rest are counted. */
export const MAX_LISTED_CASES = 20;

/** The summaries' redaction section as plain sentences (the renderers escape them). */
export function redactionSentences(r: RunRedaction): string[] {
  const t = r.traces;
  const total = t.current + t.stale + t.unknown + t.raw;
  const out: string[] = [];
  if (total === t.current) out.push(`All ${plural(total, 'graded trace')} were redacted under the configuration in force (${r.mark}).`);
  else {
    const parts = [`${t.current} under the configuration in force (${r.mark})`];
    if (t.stale > 0) parts.push(`${t.stale} under another configuration or an older redactor`);
    if (t.unknown > 0) parts.push(`${t.unknown} before Casebook recorded how`);
    if (t.raw > 0) parts.push(`${t.raw} NOT redacted (imported with --keep-raw)`);
    out.push(`Of ${plural(total, 'graded trace')}, ${parts.join(', ')}.`);
  }
  const masked = Object.entries(r.maskedByType);
  const where = Object.entries(r.maskedByField);
  const list = (counts: Array<[string, number]>): string => counts.map(([name, n]) => `${name} ${n}`).join(', ');
  out.push(
    masked.length === 0
      ? `The ${plural(r.imports, 'import')} that stored them masked nothing.`
      : `The ${plural(r.imports, 'import')} that stored them masked ${list(masked)}${where.length > 0 ? `, in ${list(where)}` : ''} (counts only, never values).`,
  );
  return out;
}
