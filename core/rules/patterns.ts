/**
 * Turning configured phrases and regexes into one compiled RegExp, once per configuration.
 * A phrase is matched case-insensitively on word boundaries; an entry written `/.../` is a regex.
 */
import { z } from 'zod';
import { configuredRegexProblem } from '../model/regex-safety.js';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An entry written `/.../`: its regex is group 1. */
const REGEX_ENTRY = /^\/(.+)\/$/s;

function entrySource(entry: string): string {
  const m = REGEX_ENTRY.exec(entry);
  if (m) return `(?:${m[1]})`;
  const t = entry.trim();
  const body = escapeRegExp(t).replace(/\s+/g, '\\s+');
  return `${/^\w/.test(t) ? '\\b' : ''}${body}${/\w$/.test(t) ? '\\b' : ''}`;
}

// The `u` flag makes case-insensitive matching several times slower in V8; use it only when a pattern
// needs it (\p{...} classes, \u{...} escapes).
const NEEDS_UNICODE = /\\[pP]\{|\\u\{/;

/** One regex matching any of the entries (phrases or `/regex/`), or undefined for an empty list. */
export function compilePhrases(entries: readonly string[]): RegExp | undefined {
  if (entries.length === 0) return undefined;
  const source = entries.map(entrySource).join('|');
  return new RegExp(source, NEEDS_UNICODE.test(source) ? 'iu' : 'i');
}

/** A list of phrases or `/regex/` entries, each checked to compile. */
export const PhraseList = z.array(z.string().min(1)).superRefine((entries, ctx) => {
  for (const e of entries) {
    const problem = configuredRegexProblem(entrySource(e), 'iu', REGEX_ENTRY.test(e) ? e : JSON.stringify(e));
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }
});
