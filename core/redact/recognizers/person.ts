/**
 * Person names. A fast first pass collects runs of capitalised tokens; each run is then judged with the
 * name gazetteers, name shape (initials, diacritics, surname endings) and the words around it
 * ("my name is", "Dear", honorifics, "says"), with negative context for common words and sentence starts.
 */
import type { Finding } from '../types.js';
import { BoundedCache, isAlnum, isAsciiLetter } from './context.js';
import { hasKnownName, lexicon, normWord } from './lexicon.js';
import { eachMatchAt, type TextIndex } from './text-index.js';

const CAP_TOKEN_AT = /(?<![\p{L}\p{M}\p{N}_@#/\\-])\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*(?:-\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*)*\.?/uy;
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'von', 'da', 'di', 'del', 'della', 'la', 'le', 'du', 'dos', 'das', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'y', 'zu', 'af']);
const STRONG_ENDINGS =
  /(?:ová|ski|ska|sky|cki|cka|wicz|czyk|inen|ainen|sson|dóttir|dottir|enko|chuk|escu|eanu|vić|ović|ević|vič|poulos|poulou|idis|akis|oglu|oğlu|shvili|dze|ayev|iyev|ova|eva|ov|ev|nen|sen|ić)$/;
/** Letters of Latin beyond ASCII (Vietnamese's stacked marks, U+1E00-U+1EFF, included), Greek and Cyrillic: a name's shape. */
const NON_ASCII_LETTER = /[À-ÖØ-öø-ɏͰ-ϿЀ-ӿ\u1E00-\u1EFF]/;
/**
 * "My name is" and its kin in Vietnamese, German, French, Spanish, Italian, Portuguese, Dutch and Polish,
 * shared by BEFORE_STRONG and NAMING_BEFORE.
 */
const NAMING_PHRASES = String.raw`\btên tôi là|\bname ist|\bhei(?:ß|ss)e|\bm'appelle|\bnom est|\bme llamo|\bnombre es|\bmi chiamo|\bnome [éèe]|\bik heet|\bnaam is|\bchamo-me|\bnazywam się`;
/** Phrases right before a capitalised word that make it a name even when no gazetteer knows it. */
const BEFORE_STRONG = new RegExp(
  String.raw`(?:\bmy name is|\bname['’]s|\bname is|\bname,|name\?|\b(?:mr|mrs|ms|miss|mx|dr|prof)\.?|\bnamed|\bcalled|\bcall me|\bi am|\bi'm|\bthis is|\bdear|\bhi,?|\bhello,?|\bhey,?|\bthanks,?|\bthank you,?|\bthx,?|\bthnx,?|\bregards,?|\bsincerely,?|\bcheers,?|(?:^|\n)[ \t>]*(?:best|love|warmly|yours(?: truly)?|xoxo|hugs|respectfully|cordially|tia),|\bname\s*[:\-–—]|\bunder the name|\bin the name of|\bbooked under|\bsays|\bsaid|\bwrote|\basked|\btold|\bspoke (?:with|to)|\bspeak (?:with|to)|\btalk(?:ed)? to|\bfollow up with|\bcustomer|\bpatient|\bclient|\bhusband|\bwife|\bson|\bdaughter|\bbrother|\bsister|\bmother|\bfather|\bfriend|\bpartner's name|\bcolleague|\bmanager|\bboss|\bproducer|\bauthor|\bsinger|\bsongwriter|\bcommenter|\bdirected by|\bstarring|\bfeaturing|\battn:?|\bsigned,?|\buser:|\bagent:|\bcc:|\b(?:customer|client|patient|passenger|guest|contact|recipient|travell?er|card ?holder|account holder|policy ?holder|caller|applicant|beneficiary|payee|tenant|attendee|member)(?: name)?(?:[ \t]*#?\d{1,2})?[ \t]*:|\b(?:customer|client|patient|passenger|guest|recipient|travell?er|card ?holder|account holder|policy ?holder|caller|applicant|beneficiary|payee)(?:'s name)? is|\bmaiden name is|\b(?:change|correct|update|set)(?: it| the name| my name)? to|\badd|\bkid|\bchild|\bbaby|\bgrandson|\bgranddaughter|\bnephew|\bniece|\bcousin|\buncle|\baunt|\bnamed (?:him|her|them)|\bassistant to|\btôi là|${NAMING_PHRASES}|\bhier (?:ist|spricht)|\bsehr geehrte[r]?|\bliebe[r]?|\bhallo|\bgrüße,?|\bgruß,?)\s*$`,
);
/** The noun of an institution or a place right after a run of capitalised words. */
const INSTITUTION_AFTER =
  /^[ \t]+(?:international[ \t]+)?(?:airport|airlines?|airways|university|college|hospital|clinic|hotel|station|stadium|arena|museum|library|school|academy|cathedral|mall|county|city|institute|theat(?:er|re))\b/;
/** Weaker phrases: they help a capitalised word that already looks like a name. */
const BEFORE_MEDIUM = /(?:\bby|\bwith|\bfrom|\bto|\bfor|\bat|\band|\bof|\bcontact|\bver(?:sion)?|\bfounders?:?|\bcalled|\bdear)\s*$/;
/**
 * Field labels of headers, tickets, bookings and meeting notes that a person's name follows ("To:", "Ship
 * to:", "Requested by:", "Driver:", "Attendees:"). Two words no list knows after one are a name; one word
 * is not (a product: "Owner: Stripe"). German writes such labels as compounds ("Teilnehmer:", "Kontaktperson:"), matched by
 * their last part (a leading [a-zäöüß]* made the pattern try every suffix at every letter). A list of
 * names after a plural label continues through listNeighbours.
 */
const LABEL_BEFORE =
  /(?:\b(?:to|from|by|cc|bcc|ship to|bill to|sold to|deliver to|owners?|drivers?|senders?|employees?|manager|technician|spouse|next of kin|students?|insured|borrower|doctor|physician|nurse|representative|rep|hosts?|organi[sz]ers?|attendees|participants?|invitees?|guests|passengers|travell?ers|recipients|members|contacts|reviewers?|assignees?|approvers?|request[eo]rs?|reporters?|witness(?:es)?|signator(?:y|ies)|speakers?|panelists?|moderators?|stakeholders?|point of contact|emergency contact|primary contact|account manager|on behalf of|required(?: attendees)?|optional(?: attendees)?|organi[sz]ers?|kundin|mitarbeiter(?:in)?|kollegin|kollege)|(?:nehmer|partner|person|leiter|berater|betreuer|halter|inhaber|empfänger|absender|besteller|vertreter|bearbeiter|steller)(?:in)?)[ \t]*:[ \t]*$/;
/** True when the token before `word` in `toks` is one capital and a full stop, then a space ("T. Moyo"; not "G.APhb" or "Annex C."). */
function initialBefore(text: string, toks: readonly Tok[], word: Tok): boolean {
  const at = toks.indexOf(word);
  const prev = toks[at - 1];
  if (prev === undefined || prev.word.length !== 2 || !prev.word.endsWith('.') || prev.end + 1 !== word.start || text.charCodeAt(prev.end) !== 32) return false;
  // After a word of the language no name list knows, the letter names a thing and its full stop ends the
  // sentence ("Plan B. Zendesk was slow", "Vitamin D. Take it").
  const lead = /(\p{Lu}\p{Ll}+) $/u.exec(text.slice(Math.max(0, prev.start - 24), prev.start));
  if (lead === null) return true;
  const lx = lexicon();
  const n = normWord(lead[1] as string);
  return !(lx.dictionary.has(n) && !lx.first.has(n) && !lx.last.has(n));
}

/** True when token `n` of `run` is a weekday or month abbreviation beside another, or beside a digit. */
function inDate(text: string, run: readonly Tok[], n: number): boolean {
  const dates = lexicon().dateAbbreviation;
  const t = run[n] as Tok;
  if (!dates.has(t.norm)) return false;
  const prev = run[n - 1];
  const next = run[n + 1];
  if ((prev !== undefined && dates.has(prev.norm)) || (next !== undefined && dates.has(next.norm))) return true;
  return (next === undefined && digitAfter(text, t)) || (prev === undefined && digitBefore(text, t));
}

/** A day or a year right after a token ("Jun 3", "Sat, 01"), or a day right before it ("01 Jun"). */
function digitAfter(text: string, t: Tok): boolean {
  return /^,?[ \t]+\d/.test(text.slice(t.end, t.end + 4));
}
function digitBefore(text: string, t: Tok): boolean {
  return /\d[ \t]+$/.test(text.slice(Math.max(0, t.start - 3), t.start));
}

/** What comes before a package's name in code: an import, a require, an install command. */
const CODE_BEFORE = /(?:\bfrom|\brequire\(|\bimport|\binstall|\bnpm i|\badd)\s*['"`]?$/;

/**
 * True when `norm` (a lower-case word) stands in `text` as code: in backticks, before "(" or a method's
 * call ("keyv.set("), or after an import, a require or an install command ("from 'keyv'", "npm i undici").
 * Not as part of an address or a login ("zqxette.vrumple@acme.io").
 */
function writtenAsCode(text: string, norm: string): boolean {
  if (norm.length < 3) return false;
  // Once per word and text: a text repeating one unknown word would otherwise scan all of it per mention.
  if (codeWordsText !== text) {
    codeWordsText = text;
    codeWords.clear();
  }
  let known = codeWords.get(norm);
  if (known === undefined) {
    known = scanAsCode(text, norm);
    codeWords.set(norm, known);
  }
  return known;
}
let codeWordsText = '';
const codeWords = new Map<string, boolean>();

/** writtenAsCode's scan of `text`. */
function scanAsCode(text: string, norm: string): boolean {
  for (let at = text.indexOf(norm); at >= 0; at = text.indexOf(norm, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = text.charCodeAt(at + norm.length);
    if (isWordCode(before) || isWordCode(after) || before === 64) continue;
    // Part of an address or a login ("zqxette.vrumple@acme.io", "zqxette-v@…"), not code.
    let e = at + norm.length;
    while (e < text.length && (isWordCode(text.charCodeAt(e)) || text.charCodeAt(e) === 46 || text.charCodeAt(e) === 45 || text.charCodeAt(e) === 43)) e++;
    if (text.charCodeAt(e) === 64) continue;
    if (before === 96 || after === 96 || after === 40) return true;
    // "keyv.set(": a method of the library's object is called (a login "zqxette.vrumple" has no call).
    if (after === 46 && text.charCodeAt(e) === 40) return true;
    if (CODE_BEFORE.test(text.slice(Math.max(0, at - 12), at))) return true;
  }
  return false;
}

/** A letter, digit or "_" (ASCII): part of an identifier. */
function isWordCode(c: number): boolean {
  return isAlnum(c) || c === 95;
}

/** Words after a name that make it an organisation's ("the Langfuse team", "Acme folks"). */
const TEAM_AFTER = /\s(?:team|teams|folks|crew|community|devs|developers|maintainers|staff|org|organi[sz]ation|company|inc|ltd|llc|gmbh)\b/iy;
/** "it's" right before a word: with SELF_INTRO_AFTER, a caller saying who they are ("it's Priyanka from accounts"). */
const IT_IS_BEFORE = /\bit(?:['’]s| is)\s*$/;
const SELF_INTRO_AFTER = /^\s(?:from|here|speaking|calling|again)\b/;
/** A role in apposition, then a verb of saying: "Hijacinta Godina, the technical writer, said". */
const ROLE_THEN_SAID = /^,[ \t]+(?:the|a|an|our|their|his|her)[ \t]+[\p{L} -]{2,40},[ \t]+(?:said|says|wrote|told|explained|added|noted|replied|asked)\b/iu;
/** Verbs and vocatives right after a word that make it a person. */
const AFTER_STRONG =
  /^(?:'s|’s)?\s*(?:,\s*(?:can|could|would|please|i|we|you|thanks|thank|how|are|do|did)\b|\s(?:said|says|shouted|screamed|yelled|whispered|replied|asked|wrote|told|explained|announced|lives|lived|had given|was born|emailed|texted|called|complained|mentioned|reported|requested|responded|stated|claimed|insisted|apologi[sz]ed|confirmed that|noted that|agreed)\b)/;
const AFTER_MEDIUM =
  /^(?:'s|’s)?\s*(?:\s(?:had|has|was|is|will|would|who|began|started|spent|became|joined|went|came|got|made|took|just|also|then|never|always|did|does|can|could|should|might|must)\b|['’]s\s)/;
/**
 * Within three lines below, a line that starts with a house number and a capitalised word: the address
 * of a letterhead or signature block ("Tzigane Lantos\n>Fritz-Armstrong\n>76556 29 Rue de Tanger").
 */
const ADDRESS_LINE_BELOW = /^[^\n]*(?:\n[^\n]*){0,2}\n[ \t>]*\d{1,6}[A-Za-z]?[ \t]+(?:\d{1,6}[ \t]+)?\p{Lu}/u;
/**
 * The next line (past one blank line) is a job title, as a signature block or a résumé writes it under the
 * name ("Tendai Moyo\nSenior Support Engineer", "Einojuhani Pyysalo\n\nLocal transit bus driver").
 */
const JOB_LINE_BELOW =
  /^[ \t]*\r?\n(?:[ \t>]*\r?\n)?[ \t>]*(?:[\p{L}&-]+[ \t]+){0,4}(?:manager|engineer|director|consultant|writer|developer|officer|assistant|analyst|designer|specialist|coordinator|technician|driver|nurse|teacher|representative|lead|president|founder|ceo|cto|cfo|coo|administrator|accountant|attorney|advisor|adviser|associate|architect|scientist|editor|producer|recruiter|supervisor|agent|(?:head|vp|vice president|director) of [\p{L}&-]+)[ \t]*(?:\r?\n|$|,|\|)/iu;

/** True when the words from `start` to `end` fill their line (a quote's ">" and indentation aside). */
function onLineOfItsOwn(text: string, start: number, end: number): boolean {
  let s = start;
  while (s > 0 && /[ \t>]/.test(text[s - 1] as string)) s--;
  if (s > 0 && text[s - 1] !== '\n') return false;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return e === text.length || text[e] === '\n' || text[e] === '\r';
}

/** The words right before a run that say a name follows, for words that are also common words. */
const NAMING_BEFORE = new RegExp(String.raw`(?:\bname(?:'s| is|\s*:|\?)|\bnamed|\bcalled|\bcall me|${NAMING_PHRASES})\s*$`);
/** A list item's marker ("- ", "* ", "2. ") or a table cell's "|" opening a line, right before a run. */
const ITEM_START = /(?:^|\n)[ \t>]*(?:[-*•]|\d{1,3}[.)]|(?:\|[^|\n]*)*\|)[ \t]+$/;
/**
 * What may follow a name that is all its item holds: the line's end, a cell's "|", or a note ("(VIP)",
 * ", room 4", "- gold"). Not a colon: "- Non-free Baggages: 0" is a field's label.
 */
const ITEM_END = /^[ \t]*(?:$|[\r\n|(,;–—]|-[ \t])/;

/**
 * True when the words from `start` to `end` are all of a list item or a table cell ("- Tendai Moyo (VIP)",
 * "| Farai Chikwanha | Gold |"): lists of attendees, passengers and contacts put names there alone.
 */
function aloneInItem(text: string, start: number, end: number): boolean {
  return ITEM_START.test(text.slice(Math.max(0, start - 80), start)) && ITEM_END.test(text.slice(end, end + 3));
}

/** True when `t` is its text's only word, or right after a quote mark. */
function quotedOrAlone(text: string, t: Tok): boolean {
  const p = text.charCodeAt(t.start - 1);
  return p === 34 || p === 39 || p === 0x201c || p === 0x2018 || text.trim().length === t.end - t.start;
}

/** True when the words right before `at` say a name follows ("my name is", "call me"). */
function namedBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  // Every phrase ends in "s", ":", "?", "d", "e", "t", "o", "é", "è" or "ę" (most capitalised words follow something else).
  const c = text.charCodeAt(i) | 32;
  if (c !== 115 && c !== 58 && c !== 63 && c !== 100 && c !== 101 && c !== 116 && c !== 111 && c !== 233 && c !== 232 && c !== 0x119) return false;
  return NAMING_BEFORE.test(text.slice(Math.max(0, at - 16), at).toLowerCase());
}
/** First words of place names: with the word after them they are a place ("New York", "Los Angeles"). */
const PLACE_PREFIXES = new Set(['new', 'san', 'santa', 'los', 'las', 'fort', 'port', 'saint', 'st', 'mount', 'mt', 'lake', 'north', 'south', 'east', 'west']);
/** Abbreviations that are a title before a name and a street type after a street's name ("Dr", "St"). */
const STREET_OR_TITLE = new Set(['dr', 'st']);
/** Words before a capitalised word that make it a thing ("your MasterCard, I"), not someone addressed. */
const THING_BEFORE = /\b(?:the|a|an|your|my|our|their|his|her|its|on|in|at|into|via|using|to|from)\s+$/;
/**
 * After an unknown sentence-initial word, what says it is someone: "is from", "is very", "was always", and
 * a life's events ("began writing", "grew up", "was born"; not "began rolling out", said of software).
 */
const SUBJECT_AFTER = /^\s(?:(?:is|was)\s(?:from|very|so|really|always|never|quite|extremely|such)\b|began\s(?:writing|working|studying|painting|singing|acting|teaching|performing|his|her)\b|grew up\b|was born\b|graduated\b|retired\b|passed away\b)/;
/** Words before a capitalised word that make it a place or a thing rather than the subject of a verb. */
const PLACE_BEFORE = /(?:\b(?:the|a|an|your|of|in|at|on|from|to|into|near|via|visit|visiting|across|around|through)\s+)$/;
// eslint-disable-next-line regexp/no-super-linear-move -- run on the 3 characters before a name
const SENTENCE_START = /(?:^|[.!?:;"“”()\[\]{}>*#-]\s*|\n\s*|^\s*)$/;
const ROMAN_OR_SUFFIX = /^(?:II|III|IV|VI|VII|VIII|Jr\.?|Sr\.?|Jnr|Snr)$/;
const LOWER_CONTEXT =
  /\b(?:my name is|name is|my name's|call me|i am|i'm|im|this is|dear|hi|hello|hey|thanks|thank you|follow up with|speak to|talk to|spoke with|name:|user:|mr\.|mrs\.|ms\.|dr\.)\s+(\p{Ll}[\p{Ll}\p{M}'’-]{1,30}(?:\s+\p{Ll}\.?(?=\s))?(?:\s+\p{Ll}[\p{Ll}\p{M}'’-]{1,30}){0,2})/giu;

interface Tok {
  start: number;
  end: number;
  word: string;
  norm: string;
}

/** `noun`: a word German prose capitalises that no name list knows (nounsInGerman); a name only beside a given name or after a cue. */
type Kind = 'initial' | 'honorific' | 'first' | 'last' | 'firstlast' | 'common' | 'commonlast' | 'word' | 'noun' | 'shape' | 'unknown' | 'caps' | 'suffix';

/** A capitalised token with its kind, as findPersons collects them. */
interface CapTok extends Tok {
  kind: Kind;
  /** The kind before nounsInGerman made it a noun. */
  was?: Kind;
}

const wordCache = new BoundedCache<{ norm: string; kind: Kind }>();

/** normWord and the kind of a spelling, cached together (the same words recur across a trace: one lookup per token). */
function wordInfo(w: string): { norm: string; kind: Kind } {
  return wordCache.get(w, computeWordInfo, w);
}

function computeWordInfo(word: string): { norm: string; kind: Kind } {
  const norm = normWord(word);
  // French and Italian elide an article into the word ("L'Équipe", "d'Accord", "L'Ufficio"): the word decides.
  const elided = ELISION.exec(word);
  if (elided !== null) return { norm, kind: computeKind(word.slice(elided[0].length), normWord(word.slice(elided[0].length))) };
  return { norm, kind: computeKind(word, norm) };
}
const ELISION = /^[LlDd]['’](?=\p{Lu}\p{Ll})/u;

/** The kind of a capitalised spelling, from the word lists and its shape; `n` is its normWord. */
function computeKind(word: string, n: string): Kind {
  const lx = lexicon();
  const w = word.replace(/['’]s$/, '').replace(/\.$/, '');
  if (ROMAN_OR_SUFFIX.test(word)) return 'suffix';
  if (w.length === 1) return 'initial';
  if (lx.honorific.has(n)) return 'honorific';
  const isCaps = w === w.toUpperCase();
  const f = lx.first.has(n);
  const l = lx.last.has(n);
  if (lx.common.has(n) || lx.street.has(n) || UNIT_WORDS.has(n)) return (f || l) && !UNIT_WORDS.has(n) ? 'commonlast' : 'common';
  // The plural of an acronym ("SDKs", "APIs", "LLMs") is a thing.
  if (/^[A-Z]{2,}s$/.test(w)) return 'common';
  if (isCaps && n.length > 1 && (!(f || l) || n.length <= 3)) return 'caps';
  if (f && l) return 'firstlast';
  if (f) return 'first';
  if (l) return 'last';
  // A double given name ("Mary-Kate", "Jean-Luc") is a given name (a double-barrelled surname stays a
  // word no list knows, which needs a cue: "Mercedes-Benz" is a brand); an Irish "O'" before a name's
  // letters is a surname ("O'Neil").
  if (n.includes('-')) {
    const parts = n.split('-');
    if (parts.length <= 3 && parts.every((p) => p.length >= 2 && lx.first.has(p) && !lx.common.has(p) && !lx.dictionary.has(p))) return 'first';
  }
  if (IRISH_SURNAME.test(n)) return 'last';
  // A Korean given name romanised with its hyphen ("Min-jun", "Seo-yeon"): two syllables of Korean names.
  if (KOREAN_GIVEN.test(n)) return 'first';
  // "SyntaxError", "MasterCard": a capital after four lower-case letters is an identifier's ("McDonald",
  // "DeShawn" and "FitzGerald" have at most three before theirs). With fewer, the part from the inner
  // capital decides: a word of the language is a product's ("YouTube", "RegExp", "JavaScript"), a name is
  // a name's ("McDonald", "MacArthur"). Capitals before lower case are an acronym's ("ESLint", "OAuth").
  if (CAMEL_CASE.test(w) || ACRONYM_WORD.test(w)) return 'common';
  const inner = INNER_CAPITAL.exec(w);
  if (inner !== null) {
    const tail = w.slice(inner[0].length - 1).toLowerCase();
    if ((lx.dictionary.has(tail) || lx.common.has(tail)) && !lx.first.has(tail) && !lx.last.has(tail)) return 'common';
  }
  if (n.length >= 4 && (NON_ASCII_LETTER.test(n) || STRONG_ENDINGS.test(n))) return 'shape';
  // A dictionary word no name list knows ("Unfortunately", "Upgrade", "Trending"): see judgeRun.
  if (lx.dictionary.has(n)) return 'word';
  return 'unknown';
}
const CAMEL_CASE = /\p{Ll}{4}\p{Lu}/u;
/** Two syllables of Korean given names joined by a hyphen, lower-cased ("min-jun", "seo-yeon", "ji-woo"). */
const KOREAN_SYLLABLE = '(?:min|jun|joon|seo|yeon|ji|woo|hyun|jin|su|soo|young|yeong|ho|eun|hee|hye|na|ra|ri|rin|ha|bin|yun|yoon|won|jae|sung|seong|chan|kyung|gyeong|mi|seok|hwan|sik|cheol|chul|jung|jeong|gyu|yeol|hun|hoon|da|ye|yu|tae|dong|sang|kwang|myung|myeong|hyuk|gi|ki|seung|han|hae|byung|chang|hyo|sun|yong|il|kyu|nam|ok|ae|hwa|sook|ja|kyoung|jee|mee|hyeon)';
const KOREAN_GIVEN = new RegExp(`^${KOREAN_SYLLABLE}-${KOREAN_SYLLABLE}$`);
/** "O'Neil", "O’Sullivan" (lower-cased). */
const IRISH_SURNAME = /^o['’]\p{L}{3,}$/u;
/** Two capitals or more, then lower case: an acronym run into a word ("ESLint", "SQLite", "OAuth"). */
const ACRONYM_WORD = /^\p{Lu}{2,}\p{Ll}/u;
/** A capital after one to three lower-case letters that open the word ("YouTube", "McDonald"). */
const INNER_CAPITAL = /^\p{Lu}\p{Ll}{1,3}\p{Lu}/u;

/** The kind of a word in capitals as if written in title case ("NDLOVU" as "Ndlovu"). */
function titleCaseKind(word: string): Kind {
  return wordInfo(word.slice(0, 1) + word.slice(1).toLowerCase()).kind;
}
const UNIT_WORDS = new Set(['apt', 'suite', 'ste', 'unit', 'box', 'floor', 'room', 'po', 'p.o']);
/** The last part of a German or Dutch compound that names a form field ("Zahlungs|art", "Bestell|nummer", "Fout|melding"). */
const FIELD_LABEL = /^\p{L}{4,}(?:art|nummer|adresse|datum|zeit|status|meldung|melding|betrag|bedrag|weise|stelle|angaben|gegevens|daten|hinweis|methode|gebühr|kosten|summe|menge|typ|soort|wijze)$/u;
/** Form fields of Russian and Ukrainian, lower-cased: before a colon they label a value, they are no speaker ("Имя: Иван"). */
const CYRILLIC_FIELD_LABELS = new Set(['имя', 'фамилия', 'отчество', 'фио', 'адрес', 'телефон', 'почта', 'дата', 'город', 'страна', 'клиент', 'пароль', 'логин', "ім'я", 'прізвище', 'адреса', 'місто']);
/**
 * A German compound naming a person's role ("Teilnehmer", "Ansprechpartner", "Kontaktperson", "Karteninhaberin"):
 * before a colon it labels the name that follows, it is not the speaker.
 */
const ROLE_LABEL = /^\p{L}{3,}(?:nehmer|partner|person|leiter|berater|betreuer|halter|inhaber|empfänger|absender|besteller|vertreter|bearbeiter|steller)(?:in)?$/u;
/**
 * True when a word no list knows is two English dictionary words run together, as technical English coins
 * its nouns ("Trace|back", "Work|around", "Change|log", "Health|check"): before a colon it labels a field,
 * not a speaker. Surnames made that way ("Blackwell", "Newton") are in the name lists and never get here.
 */
function englishCompound(norm: string): boolean {
  if (norm.length < 6) return false;
  const dict = lexicon().dictionary;
  for (let i = 3; i <= norm.length - 3; i++) if (dict.has(norm.slice(0, i)) && dict.has(norm.slice(i))) return true;
  return false;
}
/**
 * A speaker's colon after a name, with the speaker's role or the time between them ("Zqxette (customer): hi",
 * "Zqxette [10:02]: hi"), then the words said. Read on the lower-cased text after the name.
 */
const SPEAKER_AFTER = /^(?:[ \t]*(?:\((?:customer|client|caller|guest|user|patient|member|visitor|buyer)\)|\[[\d:. apm]{4,12}\]))?[ \t]*:[ \t]*["“]?\p{L}/u;
/** The commonest Vietnamese surnames and middle names, without their diacritics. */
const VIETNAMESE_SURNAMES = new Set(['nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly', 'truong', 'dinh', 'doan', 'luong', 'trinh', 'lam', 'mai', 'cao', 'ha', 'chau', 'tang']);
const VIETNAMESE_MIDDLE = new Set(['van', 'thi', 'duc', 'huu', 'ngoc', 'xuan', 'quang', 'dinh', 'cong', 'gia', 'bao', 'kim', 'thanh', 'minh', 'quoc', 'hong', 'tuan', 'trung', 'manh', 'nhu', 'khanh', 'phuong', 'hoai', 'thu']);

/** Diacritics off, "đ" as "d": how the lists above spell the words. */
function plainVietnamese(norm: string): string {
  return norm.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

/** True when a run of three or four words opens with a Vietnamese surname and a middle name follows it. */
function vietnameseName(run: readonly CapTok[]): boolean {
  return run.length <= 4 && VIETNAMESE_SURNAMES.has(plainVietnamese((run[0] as CapTok).norm)) && VIETNAMESE_MIDDLE.has(plainVietnamese((run[1] as CapTok).norm));
}

/** Kinds whose trailing full stop is an abbreviation, not the end of a sentence. */
const SENTENCE_SAFE_KINDS = new Set<Kind>(['initial', 'honorific', 'suffix', 'caps']);
/** Kinds a lone token can have without ever being judged a name (judgeRun trims or scores them to nothing). */
const TRIVIAL_KINDS = new Set<Kind>(['common', 'commonlast', 'word', 'noun', 'caps', 'suffix', 'honorific', 'initial']);
/** Kinds of tokens that can be part of a name, for a dictionary word beside them. */
const NAME_LIKE_KINDS = new Set<Kind | undefined>(['first', 'firstlast', 'last', 'shape', 'unknown', 'initial']);

/** Kinds that name someone: a given name, a surname, or a name's shape. */
const NAME_KINDS = new Set<Kind>(['first', 'last', 'firstlast', 'shape']);
/** Kinds a name may also hold without counting for it ("Dr.", "J.", "Jr.", "Rose" in "Rose Smith"). */
const NAME_PART_KINDS = new Set<Kind>(['initial', 'honorific', 'suffix', 'commonlast']);

/**
 * True when a value read on its own could be a person's name: one to four capitalised words, none an
 * ordinary word, with a known name or a name's shape among them, or two words or more that no list knows
 * ("Mia Li", "Dr. Zqxette Vrumple"); not "Wireless Headphones", "Retrieval", "New York" or "exception".
 * A word of a script without case (王小明) counts as a name: nothing here tells it from a word. In lower
 * case, a value is a name when a known given name or surname is among its words ("jane doe").
 */
export function looksLikePersonName(value: string): boolean {
  const words = value.trim().split(/\s+/);
  if (words.length > 4) return false;
  // Typed in lower case ("jane doe"): a name when a known one is among its words.
  if (words.every((w) => /^\p{Ll}[\p{Ll}\p{M}'’.-]*$/u.test(w))) return hasKnownName(value);
  let named = 0;
  let unknown = 0;
  for (const w of words) {
    // Scripts without case (王小明, محمد): nothing tells a name from a word here, so it may be one.
    if (/^[\p{Lo}\p{M}]+$/u.test(w)) {
      named++;
      continue;
    }
    if (!/^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(w)) return false;
    const k = wordInfo(w).kind;
    if (NAME_KINDS.has(k)) named++;
    else if (k === 'unknown') unknown++;
    else if (!NAME_PART_KINDS.has(k)) return false;
  }
  return named > 0 || unknown >= 2;
}

function endsPossessive(w: string): boolean {
  const n = w.length;
  return n >= 2 && w.charCodeAt(n - 1) === 115 && (w.charCodeAt(n - 2) === 39 || w.charCodeAt(n - 2) === 0x2019);
}

/** True when `next` continues the run of `prev`: one or two spaces, a no-break space, glued after an initial, or particles. */
function joins(text: string, prev: CapTok, next: CapTok): boolean {
  const gap = next.start - prev.end;
  // A full stop after a whole word ends a sentence ("Thanks, Maria. I checked"); after an initial,
  // an honorific or a suffix ("J. Smith", "Dr. Lee", "Jr.") it does not.
  if (gap > 0 && prev.word.length > 2 && prev.word.endsWith('.') && !SENTENCE_SAFE_KINDS.has(prev.kind)) return false;
  if (gap === 1) {
    const c = text.charCodeAt(prev.end);
    return c === 32 || c === 0xa0;
  }
  if (gap === 2) return text.charCodeAt(prev.end) === 32 && text.charCodeAt(prev.end + 1) === 32;
  if (gap === 0) return prev.word.endsWith('.');
  if (gap > 12 || text.charCodeAt(prev.end) !== 32) return false;
  return isParticleGap(text.slice(prev.end, next.start));
}

/**
 * CAP_TOKEN_AT for the common all-ASCII case, by hand: the end of the token starting at `i`, 0 when no
 * token starts there, -1 when a non-ASCII character is involved (the caller runs the Unicode pattern).
 */
function asciiCapToken(text: string, i: number): number {
  const c0 = text.charCodeAt(i);
  if (c0 < 65 || c0 > 90) return -1;
  if (i > 0) {
    const p = text.charCodeAt(i - 1);
    if (p >= 128) return -1;
    // The look-behind: no letter, digit, _ @ # / \ or - right before.
    if (isAsciiLetter(p) || (p >= 48 && p <= 57) || p === 95 || p === 64 || p === 35 || p === 47 || p === 92 || p === 45) return 0;
  }
  const n = text.length;
  let e = i + 1;
  for (;;) {
    while (e < n) {
      const c = text.charCodeAt(e);
      if (isAsciiLetter(c)) e++;
      else if (c === 39 || c === 0x2019) {
        // An apostrophe inside a name ("O'Brien", "Kwame's"); a closing quote after one is not part of it.
        const next = e + 1 < n ? text.charCodeAt(e + 1) : 0;
        if (next >= 128) return -1;
        if (!isAsciiLetter(next)) break;
        e++;
      } else if (c >= 128) return -1;
      else break;
    }
    // "-Letter" continues the token (double-barrelled names).
    if (e + 1 < n && text.charCodeAt(e) === 45) {
      const c = text.charCodeAt(e + 1);
      if (c >= 128) return -1;
      if (isAsciiLetter(c)) {
        e += 2;
        continue;
      }
    }
    break;
  }
  if (e < n && text.charCodeAt(e) === 46) e++;
  return e;
}

/**
 * Finds person names. Lower-case ones ("name: jane doe") only in a text without capitals; `capitalsOutside`
 * says `text` is a window of a longer string that has some.
 */
export function findPersons(text: string, out: Finding[], ix: TextIndex, capitalsOutside = false): void {
  const toks: CapTok[] = [];
  // Same tokens as a global scan of CAP_TOKEN, but the (Unicode, look-behind) pattern only runs where the
  // shared first pass saw a capital that can start a word.
  let done = 0;
  for (const i of ix.capStarts) {
    if (i < done) continue;
    let end = asciiCapToken(text, i);
    if (end === 0) continue;
    if (end < 0) {
      CAP_TOKEN_AT.lastIndex = i;
      const m = CAP_TOKEN_AT.exec(text);
      if (m === null) continue;
      end = i + m[0].length;
    }
    done = end;
    // A word glued to a digit is an identifier or a version ("Blake3", "Vue3", "Web3"), and one glued to
    // "(" or "<" a constructor or a generic type ("Map<string>", "Keyv()"), not a name.
    // (Read only inside the text: an out-of-bounds charCodeAt deoptimises a hot loop.)
    const next = end < text.length ? text.charCodeAt(end) : 32;
    if ((next >= 48 && next <= 57) || next === 40 || next === 60) continue;
    const w = text.slice(i, end);
    const info = wordInfo(w);
    toks.push({ start: i, end, word: w, norm: info.norm, kind: info.kind });
  }
  nounsInGerman(text, toks);
  const found: Found[] = [];
  // Capitalised names are found from the tokens; lower-case ones only matter where the text has no capitals.
  if (!capitalsOutside && toks.length === 0 && text.length >= 3 && !/\p{Lu}/u.test(text)) {
    lowerCaseNames(text, found);
    allLowerCaseNames(text, found);
  } else if (ix.space && text.length >= 12 && ix.has('nameCue')) cuedLowerNames(text, ix, found);
  let i = 0;
  while (i < toks.length) {
    // Build a run of tokens separated by single spaces (or a particle such as "van der").
    const head = toks[i] as CapTok;
    let j = i + 1;
    let prev = head;
    while (j < toks.length) {
      const next = toks[j] as CapTok;
      if (!joins(text, prev, next)) break;
      if (endsPossessive(prev.word)) break;
      prev = next;
      j++;
    }
    // Most runs are one sentence-initial or all-caps word ("I", "Thanks", "SKU"): judging them finds nothing.
    if (j === i + 1 && TRIVIAL_KINDS.has(head.kind) && !((head.kind === 'word' || head.kind === 'noun' || head.kind === 'commonlast') && namedBefore(text, head.start))) {
      i = j;
      continue;
    }
    const run = toks.slice(i, j);
    i = j;
    judgeRun(text, run, found);
  }
  listNeighbours(text, toks, found);
  // A name seen once marks its other capitalised occurrences in the same text ("... early Yefremova").
  const lx = lexicon();
  const seen = new Set<string>();
  for (const f of found) for (const w of f.words) if (!lx.common.has(w) && w.length > 2) seen.add(w);
  if (seen.size === 0) return flush(found, out);
  const sorted = [...found].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const t of toks) {
    while (k < sorted.length && (sorted[k] as { end: number }).end <= t.start) k++;
    const f = sorted[k];
    const covered = f !== undefined && t.start >= f.start && t.start < f.end;
    // A name's other occurrences, except as a date ("meeting with Jan" does not make "Jan 5" someone).
    if (seen.has(t.norm) && !covered && !(lx.dateAbbreviation.has(t.norm) && (digitAfter(text, t) || digitBefore(text, t)))) {
      const end = t.word.match(/['’]s$/) ? t.end - 2 : t.word.endsWith('.') ? t.end - 1 : t.end;
      found.push({ start: t.start, end, score: 0.6, words: [t.norm] });
    }
  }
  flush(found, out);
}

/**
 * German capitalises every noun, so in German prose a capitalised word no name list knows is a noun
 * ("Rückerstattung", "Lieferadresse"), and an umlaut is no sign of a name: such tokens are nouns there
 * (after a given name, "Herr" or "mein Name ist" they are still part of a name, and judgeRun gives them
 * back their kind where a German cue says a person is meant). A surname's ending ("Kowalczyk", "Petrović")
 * still marks a name, but not one German words end with too. Each token is judged by the prose within
 * GERMAN_RADIUS of it, so a German message quoted in an English text changes only its own part.
 */
function nounsInGerman(text: string, toks: CapTok[]): void {
  let prose: GermanWords | null | undefined;
  for (const t of toks) {
    const unlisted = t.kind === 'unknown' || (t.kind === 'shape' && (!STRONG_ENDINGS.test(t.norm) || GERMAN_WORD_ENDINGS.test(t.norm)));
    // A surname that is also a German noun ("im Keller", "der Koch", "der Richter"), or any name after a
    // number ("3 Tage"), is the noun; a given name after an article is still someone ("mit dem Thomas").
    const listed = !unlisted && NAME_KINDS.has(t.kind) && articleOrNumberBefore(text, t.start, t.kind === 'last' || t.kind === 'commonlast');
    if (!unlisted && !listed) continue;
    if (prose === undefined) prose = germanWords(text);
    if (prose === null) return;
    if (!germanAround(prose, t.start)) continue;
    t.was = t.kind;
    t.kind = 'noun';
  }
}

/** German articles and article-prepositions that stand before a noun. */
const GERMAN_ARTICLES = new Set(['der', 'die', 'das', 'dem', 'den', 'des', 'im', 'am', 'zum', 'zur', 'vom', 'beim', 'ein', 'eine', 'einen', 'einem', 'einer', 'kein', 'keine']);

/** True when the word right before `at` is a number, or (with `articles`) a German article. */
function articleOrNumberBefore(text: string, at: number, articles: boolean): boolean {
  let e = at;
  while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  if (e === at) return false;
  const c = text.charCodeAt(e - 1);
  if (c >= 48 && c <= 57) return true;
  if (!articles) return false;
  let s = e;
  while (s > 0 && isAsciiLetter(text.charCodeAt(s - 1))) s--;
  return e - s >= 2 && e - s <= 5 && GERMAN_ARTICLES.has(text.slice(s, e).toLowerCase());
}

/** Surname endings that end German words as often ("Ihnen", "Informationen", "Adressen"). */
const GERMAN_WORD_ENDINGS = /(?:nen|sen)$/;
/** How far either side of a token nounsInGerman reads the prose. */
const GERMAN_RADIUS = 100;
/**
 * Words German prose is full of and English, Dutch, French and Spanish prose are not (lower-case, and the
 * capitalised forms of polite address, which only German writes mid-sentence).
 */
const GERMAN_FUNCTION_WORDS = new Set([
  'und', 'nicht', 'ist', 'ich', 'wir', 'für', 'mit', 'bitte', 'auf', 'sich', 'wurde', 'wurden', 'werden', 'haben', 'sind', 'eine', 'einen',
  'einem', 'einer', 'bei', 'auch', 'noch', 'oder', 'dass', 'leider', 'gerne', 'der', 'dem', 'zu', 'nach', 'aus', 'uns', 'unser', 'unsere',
  'unseren', 'kein', 'keine', 'wenn', 'vielen', 'dank', 'danke', 'ihnen', 'können', 'kann', 'wird', 'wie', 'schon', 'jetzt', 'aber', 'nur',
  'sehr', 'mehr', 'hier', 'diese', 'dieser', 'dieses', 'ein', 'sie', 'zum', 'zur', 'vom', 'im', 'habe', 'hatte', 'möchte', 'müssen', 'soll',
  'sollte', 'damit', 'weil', 'denn', 'doch', 'gibt', 'mein', 'meine', 'meinen', 'meinem', 'meiner', 'dein', 'deine', 'ihre', 'ihr', 'sein',
  'seine', 'nein', 'heute', 'gestern', 'immer', 'wieder', 'über', 'durch', 'gegen', 'ohne', 'seit', 'beim', 'warum', 'wann', 'wo', 'wer',
  'welche', 'diesem', 'diesen', 'muss', 'würde', 'wäre', 'hätte', 'geht', 'kommt', 'Sie', 'Ihr', 'Ihre', 'Ihren', 'Ihrem', 'Ihrer', 'Ihres',
  'Ihnen',
]);
/**
 * A German function word as a word of its own (the commonest ones: every German sentence has one). As
 * substrings they were in most English text and code ("being", "list ", "commit ", "written").
 */
const GERMAN_HINT =
  /(?<![\p{L}\p{N}_])(?:und|ist|sie|ihr|ihre|ihren|ihrem|ihnen|der|die|das|nicht|für|ich|wir|mit|bitte|zu|ein|eine|einen|einem|einer|noch|unser|unsere|unseren|unserem|unserer|bei|auf|aus|diese|dieser|dieses|diesem|diesen)(?![\p{L}\p{N}_])/iu;
/** English words as frequent, none of them a German word: where they outnumber the German ones, the prose is English. */
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'and', 'to', 'of', 'is', 'that', 'for', 'you', 'it', 'with', 'on', 'are', 'be', 'this', 'have', 'not', 'your', 'our', 'we', 'they',
  'he', 'she', 'please', 'thank', 'thanks', 'would', 'can', 'from', 'at', 'by', 'or', 'my', 'me', 'has', 'had', 'been', 'were', 'there',
  'which', 'their', 'what', 'about', 'if', 'as', 'do', 'does', 'did', 'just', 'all', 'a', 'I', 'The',
]);
const WORD_IN_PROSE = /[A-Za-zÄÖÜäöüß]+/g;

/** Where a text's words start, and which of them are German and English function words (as indexes into `words`). */
interface GermanWords {
  words: number[];
  hits: number[];
  hitWords: string[];
  english: number[];
}

/** The words of `text` for germanAround, or null when it holds no German prose at all. */
function germanWords(text: string): GermanWords | null {
  if (!GERMAN_HINT.test(text)) return null;
  const out: GermanWords = { words: [], hits: [], hitWords: [], english: [] };
  WORD_IN_PROSE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_IN_PROSE.exec(text)) !== null) {
    // A function word opening a sentence is capitalised ("Unser Team", "Dieser Link").
    const w = GERMAN_FUNCTION_WORDS.has(m[0]) ? m[0] : m[0].toLowerCase();
    if (GERMAN_FUNCTION_WORDS.has(w)) {
      out.hits.push(out.words.length);
      out.hitWords.push(w);
    } else if (ENGLISH_FUNCTION_WORDS.has(w)) out.english.push(out.words.length);
    out.words.push(m.index);
  }
  return out.hits.length >= 2 ? out : null;
}

/** Index of the first element of ascending `xs` that is at least `v`. */
function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when, within GERMAN_RADIUS of `at`, two words or more, two of them different, are German function
 * words, and more of them than English ones (an English sentence beside a German one stays English); with
 * any English function word there, three (a short German message has two: "Wo bleibt meine Bestellung?").
 */
function germanAround(g: GermanWords, at: number): boolean {
  const w0 = lowerBound(g.words, at - GERMAN_RADIUS);
  const w1 = lowerBound(g.words, at + GERMAN_RADIUS);
  const h0 = lowerBound(g.hits, w0);
  const h1 = lowerBound(g.hits, w1);
  const hits = h1 - h0;
  const english = lowerBound(g.english, w1) - lowerBound(g.english, w0);
  if (hits < (english === 0 ? 2 : 3) || hits <= english) return false;
  for (let k = h0 + 1; k < h1; k++) if (g.hitWords[k] !== g.hitWords[h0]) return true;
  return false;
}

/** German nouns of a person's role: capitalised, they stand in the run of the name they announce ("Kundin Svetlana Wójcik"). */
const GERMAN_PERSON_NOUNS = new Set([
  'kunde', 'kundin', 'patient', 'patientin', 'mitarbeiter', 'mitarbeiterin', 'kollege', 'kollegin', 'ansprechpartner', 'ansprechpartnerin',
  'sachbearbeiter', 'sachbearbeiterin', 'vorname', 'nachname',
]);
/** The same words written before the run in lower case, as labels often are ("vorname: "). */
// eslint-disable-next-line regexp/no-super-linear-backtracking -- run on the 40 characters before a name
const GERMAN_PERSON_BEFORE = new RegExp(String.raw`\b(?:${[...GERMAN_PERSON_NOUNS].join('|')})\s*:?\s*$`);
/** Verbs right after a run in German that say it is someone ("hat angerufen", "schrieb"). */
const GERMAN_PERSON_AFTER = /^,?\s(?:hat (?:angerufen|geschrieben|gesagt|gefragt|bestellt|sich gemeldet)|sagte|schrieb|fragte|meinte|rief|bestellte|wohnt|meldete sich)\b/;

function flush(found: Array<{ start: number; end: number; score: number }>, out: Finding[]): void {
  for (const f of found) out.push({ start: f.start, end: f.end, type: 'PERSON', score: f.score });
}

function isParticleGap(gap: string): boolean {
  if (gap.length < 3 || gap.length > 12 || gap[0] !== ' ' || gap[gap.length - 1] !== ' ') return false;
  const parts = gap.trim().split(' ');
  return parts.length <= 2 && parts.every((p) => PARTICLES.has(p));
}

type Found = { start: number; end: number; score: number; words: string[] };

function judgeRun(text: string, run: CapTok[], found: Found[], honorIn = false): void {
  let kinds = run.map((t) => t.kind);
  // German nouns are names again where a German cue says a person is meant ("Kunde Zorbit Kühnapfel hat angerufen").
  if (kinds.includes('noun')) {
    const first = run[0] as CapTok;
    const last = run[run.length - 1] as CapTok;
    const cue =
      GERMAN_PERSON_BEFORE.test(text.slice(Math.max(0, first.start - 40), first.start).toLowerCase()) ||
      GERMAN_PERSON_AFTER.test(text.slice(last.end, last.end + 40).toLowerCase());
    if (cue) kinds = run.map((t) => t.was ?? t.kind);
    // A noun that names a role ("Kundin", "Kollege") announces the name after it, as an honorific does.
    const role = run.findIndex((t) => GERMAN_PERSON_NOUNS.has(t.norm));
    if (role >= 0 && role < run.length - 1) kinds = kinds.map((k, n) => (n < role ? k : n === role ? 'honorific' : ((run[n] as CapTok).was ?? k)));
  }
  // A name in capitals after an honorific or a word that announces one ("Customer: THANDIWE NDLOVU", "Dear
  // KWAME MENSAH"): its words are judged as written in title case. Capitals alone are headings and codes.
  if (!honorIn && run.length >= 2 && kinds.includes('caps') && run.every((t) => t.word === t.word.toUpperCase())) {
    const at = (run[0] as CapTok).start;
    const before = text.slice(Math.max(0, at - 40), at).toLowerCase();
    if (kinds[0] === 'honorific' || BEFORE_STRONG.test(before) || LABEL_BEFORE.test(before)) kinds = kinds.map((k, n) => (k === 'caps' ? titleCaseKind((run[n] as CapTok).word) : k));
  }
  // "1742 Brookhaven Dr Emergency contact": "Dr" and "St" after a house number and a street's name are the
  // street's type, not a title announcing a name.
  if (!honorIn && run.length >= 3 && kinds.some((k, n) => n > 0 && k === 'honorific' && STREET_OR_TITLE.has((run[n] as CapTok).norm)) && digitBefore(text, run[0] as CapTok)) {
    kinds = kinds.map((k, n) => (n > 0 && k === 'honorific' && STREET_OR_TITLE.has((run[n] as CapTok).norm) ? 'common' : k));
  }
  // "Mon Jun 3 10:00:00 2024", "Sat, 01 Jun 2024": weekday and month abbreviations beside a digit or each
  // other are a date ("Jan" and "Jun" alone are names).
  if (run.some((t) => lexicon().dateAbbreviation.has(t.norm))) kinds = kinds.map((k, n) => (inDate(text, run, n) ? 'common' : k));
  // Vietnamese order, surname, middle name, given name ("Nguyễn Văn An", "Phạm Đức Long"): the given name
  // may be an English word ("An", "Long") and would be trimmed as one.
  if (run.length >= 3 && vietnameseName(run)) kinds = kinds.map((k, n) => (n === 0 || k === 'common' || k === 'commonlast' || k === 'word' ? 'last' : k));
  let toks = run;
  let honor = honorIn;
  // A surname that is also a common word ("Young", "White") counts as a name only beside a given name, or
  // where the words before say a name follows ("Mr. White", "my name is Young"). A dictionary word no name
  // list knows counts the same way, and beside another unlisted word it is judged as one ("Moira Pagan");
  // alone, or among common words, it is not a name ("Unfortunately, I", "Total Checked Bags").
  let leading = honor || (kinds[0] === 'commonlast' || kinds[0] === 'word' || kinds[0] === 'noun' ? namedBefore(text, (run[0] as CapTok).start) : false);
  kinds = kinds.map((k, n) => {
    if (k !== 'commonlast' && k !== 'word' && k !== 'noun') {
      leading = k === 'honorific';
      return k;
    }
    const prev = kinds[n - 1];
    const next = kinds[n + 1];
    // A dictionary word before a name is more often a title than a given name ("Producer Vilhjálmur Georgsson").
    // A surname that is also a word before a Korean given name is the surname, as Korea orders them ("Park Seo-yeon").
    const koreanGivenNext = k === 'commonlast' && next === 'first' && KOREAN_GIVEN.test((run[n + 1] as CapTok).norm);
    const nearName = prev === 'first' || prev === 'firstlast' || prev === 'initial' || (k === 'commonlast' && (next === 'last' || next === 'shape')) || koreanGivenNext;
    if (nearName || leading) return 'last';
    // A German noun joins no unknown word or name shape ("Bestellung von Zalewczyk").
    if (k === 'noun') return 'common';
    // A word of the language before a given name opens the run: an imperative or a title, not a name
    // ("Contact Anne today", "Invite Mary-Kate").
    if (n === 0 && k === 'word' && (next === 'first' || next === 'firstlast')) return 'common';
    return k === 'word' && (NAME_LIKE_KINDS.has(prev) || NAME_LIKE_KINDS.has(next)) ? 'unknown' : 'common';
  });
  // Honorifics announce a name but are not part of it; leading and trailing non-names are trimmed. A place
  // prefix takes the word after it along ("New York", "San Francisco", "West Coast").
  for (;;) {
    const k0 = kinds[0];
    if (toks.length >= 2 && PLACE_PREFIXES.has((toks[0] as CapTok).norm)) {
      honor = false;
      toks = toks.slice(2);
      kinds = kinds.slice(2);
    } else if (k0 === 'honorific' || k0 === 'common' || k0 === 'caps' || k0 === 'suffix') {
      honor = k0 === 'honorific';
      toks = toks.slice(1);
      kinds = kinds.slice(1);
    } else break;
  }
  while (toks.length > 0 && ['common', 'honorific', 'caps'].includes(kinds[kinds.length - 1] as Kind)) {
    toks = toks.slice(0, -1);
    kinds = kinds.slice(0, -1);
  }
  const split = kinds.findIndex((k) => k === 'common' || k === 'honorific' || k === 'caps');
  if (split > 0) {
    judgeRun(text, toks.slice(0, split), found, honor);
    judgeRun(text, toks.slice(split), found);
    return;
  }
  if (toks.length === 0) return;
  const first = toks[0] as Tok;
  const last = toks[toks.length - 1] as Tok;
  // Context checks cost regex runs, so each is computed on first use only.
  let cb: string | undefined;
  // Markdown's emphasis is not part of a label ("**Name:** Zqxette Vrumple", "- **Passenger:** …").
  const ctxBefore = (): string => (cb ??= text.slice(Math.max(0, first.start - 40), first.start).toLowerCase().replace(/\*+|_{2,}/g, ''));
  let ct: string | undefined;
  const tail = (): string => (ct ??= text.slice(last.end, last.end + 30).toLowerCase());
  let ss: boolean | undefined;
  const sentenceStart = (): boolean => (ss ??= !honor && SENTENCE_START.test(text.slice(Math.max(0, first.start - 3), first.start)));
  let sb: boolean | undefined;
  const strongBefore = (): boolean => (sb ??= honor || BEFORE_STRONG.test(ctxBefore()));
  let mb: boolean | undefined;
  const mediumBefore = (): boolean => (mb ??= strongBefore() || BEFORE_MEDIUM.test(ctxBefore()));
  let sa: boolean | undefined;
  const strongAfter = (): boolean => (sa ??= AFTER_STRONG.test(tail()));
  let ma: boolean | undefined;
  const mediumAfter = (): boolean => (ma ??= strongAfter() || AFTER_MEDIUM.test(tail()));
  const saidAfterRole = (): boolean => ROLE_THEN_SAID.test(text.slice(last.end, last.end + 70));
  const speaker = (): boolean => SPEAKER_AFTER.test(tail()) && (opensLine(text, first.start) || afterTimestamp(text, first.start));
  // A name before the noun of an institution or a place names that ("Kennedy International Airport",
  // "Wayne County", "Johns Hopkins Hospital"). Not "Park", "Hall" or "Church": they are surnames too.
  if (!honor && INSTITUTION_AFTER.test(tail())) return;
  // A sentence-initial unknown word before a name ("Producer Jane Roe") is not part of the name.
  if (toks.length >= 3 && kinds[0] === 'unknown' && kinds[1] !== 'initial' && sentenceStart() && !strongBefore()) {
    judgeRun(text, toks.slice(1), found);
    return;
  }
  let words = 0;
  let known = 0;
  let shapes = 0;
  let initials = 0;
  let k1: Kind | undefined;
  for (const k of kinds) {
    if (k === 'initial') initials++;
    else if (k !== 'suffix') {
      words++;
      k1 ??= k;
      if (k === 'first' || k === 'last' || k === 'firstlast') known++;
      else if (k === 'shape') shapes++;
    }
  }
  const names = known + shapes;
  let score = 0;
  if (words >= 2) {
    if (kinds[0] === 'first' || kinds[0] === 'firstlast') score = 0.85;
    else if (known >= 1 && names >= 2) score = 0.85;
    else if (names >= 1 && (initials > 0 || mediumBefore() || mediumAfter() || speaker())) score = 0.8;
    else if (names >= 2) score = 0.7;
    else if (toks.some((t, n) => n > 0 && isParticleGap(text.slice((toks[n - 1] as Tok).end, t.start)))) score = 0.7;
    else if (initials > 0 && words <= 3) score = 0.7;
    else if (strongBefore() || strongAfter() || saidAfterRole()) score = 0.6;
    else if (words <= 3 && onLineOfItsOwn(text, first.start, last.end) && (ADDRESS_LINE_BELOW.test(text.slice(last.end, last.end + 240)) || JOB_LINE_BELOW.test(text.slice(last.end, last.end + 100)))) score = 0.6;
    else if (names >= 1 && words === 2) score = 0.55;
    // Two words no list or dictionary knows after "to", "by", "with", "from" ("forward this to Kwame Mensah",
    // "opened by Oluwaseun Adeyemi") or a field label ("Ship to: Kwame Mensah"): a given name and a surname
    // the lists lack. Not a dictionary word beside an unknown one ("from Zendesk Sunshine": a product).
    else if (words === 2 && toks.length === 2 && toks.every((t) => t.kind === 'unknown') && ((!sentenceStart() && mediumBefore()) || LABEL_BEFORE.test(ctxBefore()) || aloneInItem(text, first.start, last.end))) score = 0.55;
    else if (known >= 1 && !sentenceStart()) score = 0.55;
  } else if (words === 1) {
    const k = k1 as Kind;
    const sole = toks.find((_, n) => kinds[n] !== 'initial' && kinds[n] !== 'suffix') as Tok;
    if (honor) score = 0.8;
    else if (sole.word === sole.word.toUpperCase()) score = 0;
    else if ((k === 'first' || k === 'firstlast' || k === 'last') && /\b(?:in|near|via|visiting|across|around|through)\s+$/.test(ctxBefore())) score = 0;
    // "from Houston to Dallas": a big city named like a person, where a place goes.
    else if (lexicon().city.has(sole.norm) && PLACE_BEFORE.test(ctxBefore()) && !strongBefore()) score = 0;
    // A given name that is also an English word ("Sunny, 75°F", "Will do") opening a sentence needs a cue;
    // alone in its string, or quoted (a JSON value such as "Martin"), it is a name.
    else if ((k === 'first' || k === 'firstlast') && sentenceStart() && !quotedOrAlone(text, sole) && lexicon().dictionary.has(sole.norm) && !mediumBefore() && !mediumAfter() && !speaker()) score = 0;
    else if (k === 'first' || k === 'firstlast') score = 0.75;
    // A two-letter surname opening a sentence with nothing saying it is someone is more often another
    // language's word ("Su pedido ha sido enviado", "Le colis est parti").
    else if (k === 'last') score = sentenceStart() && !mediumAfter() && !mediumBefore() ? (sole.word.length <= 2 ? 0 : 0.5) : 0.7;
    // A word no name list knows that is a big city's name is the city ("while Berlin is cooler", "Kraków").
    else if ((k === 'unknown' || k === 'shape') && lexicon().bigCity.has(sole.norm) && !strongBefore()) score = 0;
    else if (k === 'shape') score = sentenceStart() && !mediumBefore() && !mediumAfter() && !speaker() ? 0 : 0.6;
    else if (k === 'unknown') {
      // A German or Dutch compound before a colon is a form field, not a speaker ("Zahlungsart: Kreditkarte",
      // "Foutmelding: bestelling is niet bekend"): its last part says what kind of field.
      if (strongBefore() || ((strongAfter() || (speaker() && !FIELD_LABEL.test(sole.norm) && !ROLE_LABEL.test(sole.norm) && !GERMAN_PERSON_NOUNS.has(sole.norm) && !CYRILLIC_FIELD_LABELS.has(sole.norm) && !englishCompound(sole.norm))) && !THING_BEFORE.test(ctxBefore()))) score = 0.55;
      // "Shovda is very reliable", "Tomomi is from Acme": a sentence about someone, by its first word.
      else if (sentenceStart() && first.word.length >= 3 && SUBJECT_AFTER.test(tail())) score = 0.5;
      else if (!sentenceStart() && mediumAfter() && !PLACE_BEFORE.test(ctxBefore()) && first.word.length >= 3) score = 0.5;
      // An initial before it ("T. Moyo"), or a caller saying who they are ("it's Priyanka from accounts").
      else if (sole.word.length >= 3 && (initialBefore(text, toks, sole) || (IT_IS_BEFORE.test(ctxBefore()) && SELF_INTRO_AFTER.test(tail())))) score = 0.6;
    }
  }
  // "Hello Langfuse team", "thanks to the Acme Corp folks": words no list knows before "team" name an organisation.
  if (score > 0 && known === 0) {
    TEAM_AFTER.lastIndex = last.end;
    if (TEAM_AFTER.test(text)) return;
  }
  // A word no list knows that the same text writes as code ("import Keyv from 'keyv'", "`undici`") is a
  // library's or a tool's name, unless a cue says a person is meant ("Dear Keyv").
  if (score > 0 && score < 0.6 && names === 0 && words === 1 && !honor && writtenAsCode(text, (toks.find((_, n) => kinds[n] !== 'initial') as Tok).norm) && !strongBefore()) return;
  if (score < 0.5) return;
  let start = first.start;
  if (honor) {
    const h = /(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Mme|Mlle|Herrn?|Frau|Sr|Sra|Srta|Rev)\.?\s+)$/.exec(text.slice(Math.max(0, start - 8), start));
    if (h !== null) start -= h[0].length;
  }
  let end = last.end;
  const suffix = /^,?\s(?:MD|DDS|PhD|DVM|Esq\.?|Jr\.?|Sr\.?|II|III|IV)(?![\p{L}])/u.exec(text.slice(end, end + 8));
  if (suffix !== null) end += suffix[0].length;
  if (/['’]s$/.test(last.word)) end -= 2;
  else if (last.word.endsWith('.') && kinds[kinds.length - 1] !== 'initial') end -= 1;
  found.push({ start, end, score, words: toks.filter((_, n) => kinds[n] !== 'initial').map((t) => t.norm) });
}

/**
 * True when `i` opens its line, after at most three blanks and a reply's "> " marks: a transcript's
 * speaker. A label indented further is code or a docstring's ("        Dict: the output").
 */
function opensLine(text: string, i: number): boolean {
  let j = i;
  let blanks = 0;
  while (j > 0 && i - j < 10) {
    const c = text[j - 1];
    if (c === '>') blanks = 0;
    else if (c === ' ' || c === '\t') {
      if (++blanks > 3) return false;
    } else break;
    j--;
  }
  return j === 0 || text[j - 1] === '\n';
}

/** True when `t` is a field's label: a word no list knows right before a colon ("Name: Chen Jing, Dept: Finance"). */
function labels(text: string, t: CapTok): boolean {
  return t.kind === 'unknown' && text.charCodeAt(t.end) === 58;
}

/** Words that close a message before the sender's name; some are surnames too ("Best", "Love"), some shapes a name has ("Thx"). */
const SIGN_OFFS = new Set(['best', 'love', 'cheers', 'thanks', 'thx', 'thnx', 'tnx', 'tia', 'xoxo', 'regards', 'warmly', 'yours', 'sincerely', 'hugs', 'respectfully', 'cordially']);

/** True when `t` closes a message: a sign-off word that opens its line or sentence, then a comma ("Best, Sven", "… ok? Thx, Sven"). */
function signOff(text: string, t: Tok): boolean {
  return SIGN_OFFS.has(t.norm) && text.charCodeAt(t.end) === 44 && (opensLine(text, t.start) || /[.?!][ \t]+$/.test(text.slice(Math.max(0, t.start - 4), t.start)));
}

/**
 * A line's time or date and time before a speaker, as chat logs write them: "[10:02] ", "10:02 PM ",
 * "2024-06-01 10:02:11 - ".
 */
const TIMESTAMP_LINE_START =
  /^[ \t]*(?:\[[\d:./ -]{4,25}(?:[ ]?[ap]m)?\]|(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:[ ]?[AaPp][Mm]|Z)?)[ \t]*(?:[-–|][ \t]*)?$/;

/** True when only a timestamp (TIMESTAMP_LINE_START) stands between the start of `i`'s line and `i`. */
function afterTimestamp(text: string, i: number): boolean {
  const lead = text.slice(Math.max(0, i - 40), i);
  const nl = lead.lastIndexOf('\n');
  if (nl < 0 && i > 40) return false;
  return TIMESTAMP_LINE_START.test(lead.slice(nl + 1));
}

/** What joins the items of a list of names ("Kónya, Becker and Vasquez"), right after an item, or right before one. */
const JOIN_AFTER = /^(?:,? and |,? & |, )/;
const JOIN_BEFORE = /(?:,? and |,? & |, )$/;

/** Names joined to a found name by "and", "&" or a comma list ("Kónya, Becker and Vasquez"). */
function listNeighbours(text: string, toks: CapTok[], found: Found[]): void {
  if (found.length === 0) return;
  const lx = lexicon();
  // Tokens are in text order: a binary search finds the one starting at an offset (a Map of every token
  // cost more than the few lookups it served, and held one entry per capital in a huge string).
  const tokenStartingAt = (at: number): number | undefined => {
    let lo = 0;
    let hi = toks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = (toks[mid] as Tok).start;
      if (s === at) return mid;
      if (s < at) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const taken = new Set(found.map((f) => f.start));
  /** True when token `n` can be an item of the list, or a word of one. */
  const item = (n: number): boolean => {
    const t = toks[n] as CapTok;
    const gazetteer = lx.first.has(t.norm) || lx.last.has(t.norm);
    // A German noun before a comma and a name is what was said to them ("für Ihre Nachricht, Herr Pfefferkorn"),
    // and a dictionary word no name list has is a word ("Signed, Thandiwe Ndlovu").
    return !(taken.has(t.start) || (lx.common.has(t.norm) && !gazetteer) || t.word.length < 3 || t.word === t.word.toUpperCase() || t.kind === 'noun' || t.kind === 'word' || signOff(text, t) || labels(text, t));
  };
  // An item of two or three words is taken whole ("Kwame Mensah, Tendai Moyo"): from its first token on
  // (`step` 1) or back from its last (`step` -1), while the tokens join as a name's words do.
  const consider = (n: number | undefined, step: 1 | -1): void => {
    if (n === undefined || !item(n)) return;
    let a = n;
    let b = n;
    for (let k = n + step; k >= 0 && k < toks.length && Math.abs(k - n) < 3; k += step) {
      const [p, q] = step === 1 ? [toks[k - 1] as CapTok, toks[k] as CapTok] : [toks[k] as CapTok, toks[k + 1] as CapTok];
      if (!joins(text, p, q) || endsPossessive(p.word) || !item(k)) break;
      if (step === 1) b = k;
      else a = k;
    }
    const first = toks[a] as CapTok;
    const last = toks[b] as CapTok;
    // "In New York, Maria Rossi": the word after a place prefix is the place's.
    const before = toks[a - 1];
    if (before !== undefined && before.end + 1 === first.start && PLACE_PREFIXES.has(before.norm)) return;
    const end = /['’]s$/.test(last.word) ? last.end - 2 : last.end;
    found.push({ start: first.start, end, score: 0.55, words: toks.slice(a, b + 1).map((t) => t.norm) });
    for (let k = a; k <= b; k++) taken.add((toks[k] as CapTok).start);
  };
  for (let q = 0; q < found.length; q++) {
    const f = found[q] as Found;
    const a = JOIN_AFTER.exec(text.slice(f.end, f.end + 8));
    if (a !== null) consider(tokenStartingAt(f.end + a[0].length), 1);
    const b = JOIN_BEFORE.exec(text.slice(Math.max(0, f.start - 8), f.start));
    if (b !== null) {
      // The token ending right before the joiner.
      const endAt = f.start - b[0].length;
      let lo = 0;
      let hi = toks.length - 1;
      let idx = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const tm = toks[mid] as Tok;
        if (tm.end < endAt - 2) lo = mid + 1;
        else {
          idx = mid;
          hi = mid - 1;
        }
      }
      const tk = toks[idx];
      if (tk !== undefined && (tk.end === endAt || tk.end - 2 === endAt)) consider(idx, -1);
    }
  }
}

/** "it's" (or "its", as chats write it) before a lower-case given name that ends the clause or introduces its speaker ("hey its tendai, can u call"). */
const ITS_NAME = /\bit(?:['’]s|s)\s+(\p{Ll}{3,30})(?=\s*(?:[,.!]|$)|\s+(?:here|from|again|speaking|calling)\b)/gu;

/**
 * A cue, then a name typed in lower case in a text that has capitals: a phone's keyboard capitalises the
 * sentence and "I", not the name ("Hi, my name is priya sharma", "I spoke to priya in billing").
 */
const LOWER_NAME_CUE =
  /(name is|name's|[Cc]all me|[Ss]poke (?:to|with)|[Ss]peak (?:to|with)|[Tt]alk(?:ed)? to|[Mm]y (?:wife|husband|son|daughter|mom|mum|mother|dad|father|brother|sister|friend|partner|colleague|boss|manager))[ \t]+(\p{Ll}[\p{Ll}\p{M}'’-]{1,30}(?:[ \t]+\p{Ll}[\p{Ll}\p{M}'’-]{1,30}){0,2})/uy;

/** A possessive right before "name is": "my", "her", "your", "my wife's". */
const POSSESSIVE_BEFORE = /(?:\b(?:my|his|her|their|your|our)|\p{L}['’]s)[ \t]+$/iu;

/**
 * Lower-case names after LOWER_NAME_CUE in a text with capitals. After "my name is" and "call me" the
 * words up to one of the language are the name ("name is required" is a message); after the others only
 * a given name the lists know, and a surname after it.
 */
function cuedLowerNames(text: string, ix: TextIndex, found: Found[]): void {
  const lx = lexicon();
  const word = (w: string): boolean => lx.dictionary.has(w) || lx.common.has(w);
  const take = (m: RegExpExecArray): void => {
    const cue = (m[1] as string).toLowerCase();
    // Someone's name ("my name is", "her name's"), not a file's, a field's or a host's ("the file name is config.yaml").
    if (cue.startsWith('name') && !POSSESSIVE_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) return;
    const parts = (m[2] as string).split(/[ \t]+/).map((p) => p.replace(/['’]s$/, ''));
    const strong = cue.startsWith('name') || cue.startsWith('call');
    let n = 0;
    for (const p of parts) {
      const named = lx.first.has(p) || lx.last.has(p);
      const ok = n === 0 ? (strong ? named || !word(p) : lx.first.has(p) && !word(p)) : (named && !lx.common.has(p)) || (strong && !word(p));
      if (!ok || p.length < 2) break;
      n++;
    }
    if (n === 0) return;
    const start = m.index + m[0].length - (m[2] as string).length;
    const kept = parts.slice(0, n);
    let end = start;
    for (const k of kept) end = text.indexOf(k, end) + k.length;
    // A word that goes on as an identifier, a path or an address ("zqxette.vrumple@…", "priya_s") is not the name typed.
    const next = text.charCodeAt(end);
    if (next === 64 || next === 47 || next === 95 || next === 40 || (next === 46 && /[\p{L}\p{N}]/u.test(text[end + 1] ?? ''))) return;
    found.push({ start, end, score: 0.6, words: kept });
  };
  const offsets = ix.keywordOffsets('nameCue');
  if (offsets !== null) eachMatchAt(LOWER_NAME_CUE, text, offsets, take);
  else {
    // Text outside ASCII: its keywords were found in its lower case, whose offsets may differ.
    const all = new RegExp(LOWER_NAME_CUE.source, 'gu');
    let m: RegExpExecArray | null;
    while ((m = all.exec(text)) !== null) take(m);
  }
}

/** Lower-case names right after strong context ("my name is lena andersson"). */
function lowerCaseNames(text: string, found: Found[]): void {
  const lx = lexicon();
  ITS_NAME.lastIndex = 0;
  let i: RegExpExecArray | null;
  while ((i = ITS_NAME.exec(text)) !== null) {
    const name = i[1] as string;
    if (!lx.first.has(name) || lx.common.has(name) || lx.dictionary.has(name)) continue;
    const start = i.index + i[0].length - name.length;
    found.push({ start, end: start + name.length, score: 0.55, words: [name] });
  }
  LOWER_CONTEXT.lastIndex = 0;
  let m: RegExpExecArray | null;
  const lower = text;
  while ((m = LOWER_CONTEXT.exec(lower)) !== null) {
    const phrase = m[1] as string;
    const base = m.index + m[0].length - phrase.length;
    const parts = phrase.split(/\s+/);
    let take = 0;
    for (let k = 0; k < parts.length; k++) {
      const w = (parts[k] as string).replace(/['’]s$/, '');
      const n = w.replace(/\.$/, '');
      const nameLike = lx.first.has(n) || lx.last.has(n) || (n.length >= 4 && (NON_ASCII_LETTER.test(n) || STRONG_ENDINGS.test(n)));
      if (n.length === 1 && k > 0) {
        take = k + 1;
        continue;
      }
      if (lx.common.has(n) && !(k === 0 && /name/.test(m[0]))) break;
      // After "name:" every word up to a common one is the name ("name: jane doe"); elsewhere a later
      // word must look like a name itself.
      if (k === 0 ? nameLike || /name|call me/.test(m[0]) : nameLike || (/name/.test(m[0]) && /^\p{L}{2,}$/u.test(n))) take = k + 1;
      else break;
    }
    if (take === 0) continue;
    const kept = parts.slice(0, take).join(' ');
    const s = base;
    let e = base + phrase.indexOf(parts[take - 1] as string, kept.length - (parts[take - 1] as string).length) + (parts[take - 1] as string).length;
    if (/['’]s$/.test(text.slice(s, e))) e -= 2;
    found.push({ start: s, end: e, score: 0.55, words: parts.slice(0, take).map((p) => p.replace(/['’]s$/, '')) });
  }
}

const LOWER_WORD = /(?<![\p{L}\p{N}_@.-])\p{Ll}[\p{Ll}\p{M}'’-]*/gu;

/**
 * In a text with no capital letters at all, capitalisation says nothing; a known given name followed by
 * an optional initial and a non-common word is taken as a name ("olga krylova", "benjamin a seiler").
 */
function allLowerCaseNames(text: string, found: Found[]): void {
  const lx = lexicon();
  const words: Tok[] = [];
  LOWER_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOWER_WORD.exec(text)) !== null) words.push({ start: m.index, end: m.index + m[0].length, word: m[0], norm: normWord(m[0]) });
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Tok;
    if (!lx.first.has(w.norm) || lx.common.has(w.norm) || w.norm.length < 3) continue;
    let j = i + 1;
    let nx = words[j];
    if (nx !== undefined && nx.norm.length === 1 && /^ \p{Ll}\.? $/u.test(text.slice(w.end, nx.end + 2))) nx = words[++j];
    if (nx === undefined || !/^ {1,2}$|^ \p{Ll}\.? $/u.test(text.slice(words[j - 1]?.end ?? w.end, nx.start)) && j === i + 1 && text.slice(w.end, nx.start) !== ' ') continue;
    if (lx.common.has(nx.norm) || nx.norm.length < 3) continue;
    if (!(lx.last.has(nx.norm) || lx.first.has(nx.norm) || /[^\x00-\x7f]/.test(nx.norm) || STRONG_ENDINGS.test(nx.norm))) continue;
    const end = /['’]s$/.test(nx.word) ? nx.end - 2 : nx.end;
    found.push({ start: w.start, end, score: 0.55, words: [w.norm, nx.norm.replace(/['’]s$/, '')] });
    i = j;
  }
  lowerCaseNameLists(text, words, found);
}

/**
 * A list of three or more single words ("silvana, adam, christopher and caleb") of which most are known
 * given names is a list of people: each word is a name, a rarer one among them included. Words that are
 * only common words are left out.
 */
function lowerCaseNameLists(text: string, words: readonly Tok[], found: Found[]): void {
  const lx = lexicon();
  // Words already inside a name found by the other lower-case rules.
  const covered = new Uint8Array(text.length);
  for (const f of found) covered.fill(1, f.start, f.end);
  let i = 0;
  while (i < words.length) {
    // `words` holds every word in text order, "and" included: the item after a joiner is the next word,
    // or the one after an "and".
    const items = [words[i] as Tok];
    let k = i + 1;
    for (;;) {
      const last = items[items.length - 1] as Tok;
      const sep = JOIN_AFTER.exec(text.slice(last.end, last.end + 7));
      if (sep === null) break;
      if (words[k]?.norm === 'and') k++;
      const next = words[k];
      if (next === undefined || next.start !== last.end + sep[0].length) break;
      items.push(next);
      k++;
    }
    i = k;
    if (items.length < 3) continue;
    const known = items.filter((t) => lx.first.has(t.norm)).length;
    if (known < 2 || known < 0.6 * items.length) continue;
    for (const t of items) {
      if (t.norm.length < 2 || (lx.common.has(t.norm) && !lx.first.has(t.norm) && !lx.last.has(t.norm))) continue;
      if (covered[t.start] === 1) continue;
      found.push({ start: t.start, end: t.end, score: 0.55, words: [t.norm] });
    }
  }
}
