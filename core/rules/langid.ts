/**
 * On-device language identification for the language-mismatch rule.
 *
 * tinyld (normal profile) is the detector: on short support texts it was right 51/51 in our check where
 * franc-min got 36/51, but it costs ~0.3-0.7 ms per text, more than the whole rules budget of a
 * conversation. So a cheap gate decides the clear cases: the writing system, then function-word votes
 * (same vote on both sides: same language; two strong votes that differ: different). tinyld decides the
 * rest: different scripts, short or mixed texts. Results are memoized per text.
 */
import { detect } from 'tinyld';

type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'han' | 'kana' | 'hangul' | 'devanagari' | 'thai' | 'other';

/** The dominant writing system of a text (letters only), or undefined when it has too few letters. */
export function dominantScript(text: string): Script | undefined {
  const counts: Partial<Record<Script, number>> = {};
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let s: Script | undefined;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) s = 'latin';
    else if (c < 0x370) continue;
    else if (c < 0x400) s = 'greek';
    else if (c < 0x530) s = 'cyrillic';
    else if (c >= 0x590 && c < 0x600) s = 'hebrew';
    else if (c >= 0x600 && c < 0x700) s = 'arabic';
    else if (c >= 0x900 && c < 0x980) s = 'devanagari';
    else if (c >= 0xe00 && c < 0xe80) s = 'thai';
    else if (c >= 0x3040 && c < 0x3100) s = 'kana';
    else if (c >= 0x4e00 && c < 0xa000) s = 'han';
    else if (c >= 0xac00 && c < 0xd7b0) s = 'hangul';
    else continue;
    counts[s] = (counts[s] ?? 0) + 1;
    letters++;
  }
  if (letters < 3) return undefined;
  // Japanese mixes kana and kanji: any real share of kana makes it Japanese.
  if ((counts.kana ?? 0) * 5 >= letters) return 'kana';
  let best: Script | undefined;
  let bestN = 0;
  for (const [s, n] of Object.entries(counts) as Array<[Script, number]>) if (n > bestN) [best, bestN] = [s, n];
  return best;
}

// Function words of the Latin-script languages support traffic is mostly in. A word may vote for several.
const FUNCTION_WORDS: Record<string, string> = {
  en: 'the and is are was were you your my i to of it for in on this that with have has be please can could would will not what where how do does we our me thanks thank an at from there here been any',
  es: 'el la los las de que y en un una es por para mi su con no se del al está gracias favor lo le muy pero como dónde cómo qué ha sido hola quiero puedo usted sus mis',
  fr: 'le la les de des et est un une je vous mon ma mes votre pour pas ne que qui dans sur avec au aux merci été ce il elle bonjour nous vos sont où',
  de: 'der die das und ist ich sie nicht ein eine mein meine ihr ihre zu mit auf für wie wo bitte danke wurde den dem von es kann haben hallo sind wir',
  it: 'il lo la gli le di che e è un una per non mio mia suo con sono grazie ciao del della stato ho mi posso',
  pt: 'o a os as de que e é um uma para não meu minha seu sua com por obrigado foi do da em você olá está',
  nl: 'de het een en is ik mijn uw niet van op voor met naar dank waar kan zijn wordt die dat bedankt hallo',
};
const LANGS = Object.keys(FUNCTION_WORDS);
// word → indexes into LANGS
const WORD_LANGS = new Map<string, number[]>();
LANGS.forEach((lang, index) => {
  for (const w of (FUNCTION_WORDS[lang] as string).split(' ')) WORD_LANGS.set(w, [...(WORD_LANGS.get(w) ?? []), index]);
});

/** True for a letter of any script, close enough for counting and tokenizing (no regex, no allocation). */
export function isLetterCode(c: number): boolean {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
  // General punctuation, CJK symbols and punctuation, full-width forms' punctuation, surrogates (emoji).
  if ((c >= 0x2000 && c < 0x2c00) || (c >= 0x3000 && c < 0x3040) || (c >= 0xd800 && c < 0xe000) || (c >= 0xff00 && c < 0xff21)) return false;
  return true;
}

/** Number of letters in a text. */
export function letterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isLetterCode(text.charCodeAt(i))) n++;
  return n;
}

/** The function-word vote on a text's language. `strong`: enough hits and a clear lead to stand alone. */
export interface Vote {
  lang: string;
  strong: boolean;
}

/** The language the function words vote for, when the vote is clear (≥ 2 hits and a lead), else undefined. */
export function functionWordVote(text: string): Vote | undefined {
  const votes = new Array<number>(LANGS.length).fill(0);
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (isLetterCode(c) || (c === 39 && start >= 0)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      // Function words are short: skip the lookup (and the slice) for long words.
      if (i - start <= 8) {
        const langs = WORD_LANGS.get(lower.slice(start, i));
        if (langs) for (const l of langs) votes[l] = (votes[l] as number) + 1;
      }
      start = -1;
    }
  }
  let best = -1;
  let bestN = 0;
  let second = 0;
  for (let l = 0; l < votes.length; l++) {
    const n = votes[l] as number;
    if (n > bestN) {
      second = bestN;
      [best, bestN] = [l, n];
    } else if (n > second) second = n;
  }
  if (best < 0 || bestN < 2 || bestN <= second) return undefined;
  return { lang: LANGS[best] as string, strong: bestN >= 4 && bestN >= 2 * second };
}

const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

// Identification cost grows with length; the opening of a message says which language it is in.
const DETECT_CHARS = 400;
// Ids, numbers, URLs, e-mail addresses and markdown carry no language and mislead n-gram models
// (a flight list came out as Berber).
// eslint-disable-next-line regexp/no-super-linear-move -- run on at most DETECT_CHARS (400) characters
const NOISE = /\S*[\d@/\\_]\S*|[*#>|`~=[\](){}-]+/g;

/**
 * The languages tinyld may answer with: the ones support traffic is in and it tells apart reliably.
 * Restricting it avoids rare-language false positives on short texts.
 */
export const DETECTABLE_LANGUAGES = [
  'en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'cs', 'hu', 'ro', 'tr', 'el', 'ru',
  'uk', 'bg', 'ar', 'he', 'fa', 'hi', 'bn', 'th', 'vi', 'id', 'ja', 'zh', 'ko',
];
const DETECT_OPTIONS = { only: DETECTABLE_LANGUAGES };

/** ISO 639-1 code of the text's language from tinyld, or '' when it cannot tell. Memoized. */
export function detectLanguage(text: string): string {
  let lang = cache.get(text);
  if (lang === undefined) {
    const clean = (text.length > DETECT_CHARS ? text.slice(0, DETECT_CHARS) : text).replace(NOISE, ' ');
    lang = detect(clean, DETECT_OPTIONS);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(text, lang);
  }
  return lang;
}

/**
 * Languages of the user's text and the answer when they differ, or undefined when they match or either
 * cannot be told. A strong function-word vote stands for its side; tinyld decides a side without one.
 */
export function languagesDiffer(user: string, answer: string): { user: string; answer: string } | undefined {
  const su = dominantScript(user);
  const sa = dominantScript(answer);
  if (!su || !sa) return undefined;
  let vu: Vote | undefined;
  let va: Vote | undefined;
  if (su === sa) {
    if (su !== 'latin' && su !== 'cyrillic' && su !== 'arabic' && su !== 'han') return undefined;
    if (su === 'latin') {
      vu = functionWordVote(user);
      va = functionWordVote(answer);
      if (vu !== undefined && vu.lang === va?.lang) return undefined;
    }
  }
  const la = va?.strong ? va.lang : detectLanguage(answer);
  if (!la) return undefined;
  if (vu !== undefined && vu.lang === la) return undefined;
  const lu = vu?.strong ? vu.lang : detectLanguage(user);
  if (!lu || lu === la) return undefined;
  return { user: lu, answer: la };
}

/** Forget memoized identifications (benchmarks measure cold texts; long-lived processes may free memory). */
export function clearLanguageCache(): void {
  cache.clear();
}
