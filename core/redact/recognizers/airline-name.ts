/**
 * Names as airline and travel systems write them: `MOYO/TENDAI MR`, `CHIKWANHA/FARAI RUTENDO MS` (the
 * IATA order: surname, a slash, given names, an optional title), in capitals. "TCP/IP" and "AND/OR" have
 * the same shape, so a name needs the title after it, or a word before it that says a traveller follows
 * ("passenger", "pax", "name", "guest").
 */
import type { Finding } from '../types.js';
import { eachMatch } from './context.js';

/** SURNAME/GIVEN NAMES, then an optional title (group 3). */
const SLASHED_NAME = /(?<![\p{L}\p{N}/'-])([A-Z][A-Z'-]{1,29})\/([A-Z][A-Z'-]{1,29}(?: [A-Z][A-Z'-]{1,29}){0,2})(?![\p{L}\p{N}/'-])/gu;
const TITLES = new Set(['MR', 'MRS', 'MS', 'MISS', 'MSTR', 'DR', 'PROF', 'REV', 'CHD', 'INF']);
const CUE_BEFORE = /\b(?:passengers?|pax|name|guests?|travell?ers?|booked for|ticketed to)\b[^\n]{0,30}$/i;

/** Finds IATA-style names (see SLASHED_NAME); the title, when there is one, is not part of the name. */
export function findAirlineNames(text: string, out: Finding[]): void {
  eachMatch(SLASHED_NAME, text, (m) => {
    const given = (m[2] as string).split(' ');
    const title = given.length > 1 && TITLES.has(given[given.length - 1] as string);
    if (title) given.pop();
    if (TITLES.has(given[0] as string)) return;
    if (!title && !CUE_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) return;
    const end = m.index + (m[1] as string).length + 1 + given.join(' ').length;
    out.push({ start: m.index, end, type: 'PERSON', score: 0.8 });
  });
}
