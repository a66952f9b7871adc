/**
 * Regexes that run in linear time. Configured regexes (redaction's custom patterns, the sampling
 * classifier's patterns, rule phrases and JSON-schema patterns) run over trace text, and JavaScript cannot
 * interrupt a running regex: a pattern that takes quadratic or exponential time on a long run of one
 * character ("\w+@acme\.com" on 50 KB of a hex blob: 4.6 s; "(a+)+$": forever) would stall an import on a
 * single record. scslre finds such patterns in milliseconds, before any trace is read. It looks for attack
 * strings that repeat one character, which is how real inputs (hex and base64 blobs, padding, indentation)
 * trigger these patterns. `trimEndOf` is the linear stand-in for the trailing-run regexes our own code had.
 */
import { analyse, type Report } from 'scslre';

/** How a report's pattern part is quoted in a message: its source text, e.g. `\w+`. */
function part(r: Report): string {
  if (r.type === 'Trade') return `\`${r.startQuant.raw}\` and \`${r.endQuant.raw}\``;
  return `\`${r.quant.raw}\``;
}

/** What a report means for a user, in one clause. */
function explain(r: Report, run: string): string {
  if (r.exponential) return `takes exponential time on a long run of ${run}: ${part(r)} can match it in exponentially many ways`;
  if (r.type === 'Move') return `takes quadratic time on a long run of ${run} with no match in it: ${part(r)} is retried from every position of the run`;
  return `takes polynomial time on a long run of ${run}: ${part(r)} can split it in many ways`;
}

/**
 * Why the regex `source` with `flags` can take super-linear time on some input ("takes quadratic time on …"),
 * with a fix where one is known; undefined when no such input exists. `source` must compile.
 */
export function backtrackingProblem(source: string, flags: string): string | undefined {
  const { reports } = analyse({ source, flags: flags.replace('g', '') });
  // The worst report is the one to fix first: exponential, then within one match, then across start positions.
  const worst = [...reports].sort((a, b) => rank(a) - rank(b))[0];
  if (worst === undefined) return undefined;
  const run = `characters matching /${worst.character.literal.source}/`;
  const fixed = worst.fix();
  // scslre fixes one report at a time; a fix that leaves another would only move the error.
  const clean = fixed !== undefined && fixed.source !== source && analyse(fixed, { maxReports: 1 }).reports.length === 0;
  const hint = clean ? `; /${fixed.source}/ matches the same text in linear time` : HINTS[worst.type];
  return `${explain(worst, run)}${hint}`;
}

/**
 * Why a configured regex cannot be used, or undefined: it does not compile with `flags`, or it can backtrack
 * super-linearly. `shown` is how the message names the pattern.
 */
export function configuredRegexProblem(source: string, flags: string, shown: string): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (e) {
    return `invalid regular expression ${shown}: ${(e as Error).message}`;
  }
  const slow = backtrackingProblem(source, flags);
  return slow === undefined ? undefined : `${shown} ${slow}`;
}

const HINTS: Record<Report['type'], string> = {
  Self: '; repeat either the group or the part inside it, not both',
  Trade: '; make the two parts unable to match the same characters',
  Move: '; anchor its start (e.g. \\b) or bound the repetition (e.g. {1,64})',
};

function rank(r: Report): number {
  if (r.exponential) return 0;
  return r.type === 'Move' ? 2 : 1;
}

/**
 * `text` without the trailing characters `char` (a one-character class such as /[\s,;]/) matches. A loop:
 * `/[\s,;]+$/` retries from every start of a long run that something else follows, which is quadratic.
 */
export function trimEndOf(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
