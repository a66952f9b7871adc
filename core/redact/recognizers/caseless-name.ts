/**
 * Person names in scripts without letter case (Arabic, Hebrew, the scripts of India, Thai, Georgian,
 * Ethiopic …), where no capital marks a name: found only after a cue that says a name follows, in English
 * ("my name is محمد علي", "Dear राहुल") or in the name's language ("اسمي أحمد حسن", "שמי דוד כהן",
 * "मेरा नाम राहुल शर्मा है"). Up to three words of the script follow the cue; words that end the phrase
 * ("is", "and", "number" in those languages) are not part of the name. Without a cue such names are not
 * found, as in Chinese, Japanese and Korean text (cjk-name.ts).
 */
import type { Finding } from '../types.js';

/** Scripts without letter case whose names are found here. */
const SCRIPTS = String.raw`\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Georgian}\p{Script=Ethiopic}`;
/** A word of such a script, with its combining marks. */
const WORD = String.raw`[${SCRIPTS}][${SCRIPTS}\p{M}]*`;

/**
 * Cues before a name: English ones (the name written in its own script inside English text), then Arabic
 * and Persian ("my name", "Mr.", "Mrs.", "name:"), Hebrew ("my name", "they call me", "Mr."), Hindi ("my
 * name", "Mr.", "Mrs.") and Thai ("name", "Khun"). Group 1 is set for a cue that introduces a whole name;
 * the others are titles. Not "hello", "this is" or "I am": in a bilingual text the other language's
 * greeting or sentence follows them ("Hello مرحبا").
 */
const CUE = String.raw`(?<![\p{L}\p{M}\p{N}])(?:(my name is|my name's|name\s*:|call me|dear|اسمي|إسمي|اسم من|الاسم\s*:|שמי|קוראים לי|मेरा नाम|नाम\s*:|ชื่อ)|mrs\.?|mr\.?|ms\.?|dr\.?|السيدة|السيد|מר|श्रीमती|श्री|คุณ)(?![\p{L}\p{M}])`;
// One run of blanks around the colon: two optional runs side by side would split a long run in every way.
const NAME_AFTER_CUE = new RegExp(`${CUE}[ \\t]*(?::[ \\t]*)?(${WORD}(?:[ \\t]${WORD}){0,2})`, 'giu');
/** After a title or "Dear" a name has two words at most (given name and surname, or a surname and what follows). */
const MAX_AFTER_TITLE = 2;

/**
 * Words that end the phrase rather than continue the name: Hindi "is", "am", "and" and case endings;
 * Arabic "number", "my phone", "address", "and", "from", "in", "said"; Hebrew "and", "from", "phone", "said".
 */
const STOP_WORDS = new Set(['है', 'हूँ', 'हूं', 'और', 'का', 'की', 'के', 'ने', 'رقم', 'هاتفي', 'هاتف', 'عنواني', 'عنوان', 'و', 'من', 'في', 'أنا', 'قال', 'قالت', 'ו', 'מ', 'הטלפון', 'טלפון', 'אמר', 'אמרה']);

/** A word glued to the conjunction "and" (Arabic و, Hebrew ו) after the first word of a name starts the next phrase. */
const GLUED_AND = /^[وו]/u;

/** Finds names in scripts without case after a cue (call only on text that has such a script: TextIndex.caseless). */
export function findCaselessNames(text: string, out: Finding[]): void {
  NAME_AFTER_CUE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME_AFTER_CUE.exec(text)) !== null) {
    const run = m[2] as string;
    const words = run.split(/[ \t]/);
    const most = m[1] !== undefined ? words.length : MAX_AFTER_TITLE;
    let kept = 0;
    for (const w of words) {
      if (kept === most || STOP_WORDS.has(w) || (kept > 0 && GLUED_AND.test(w) && words.length > 2)) break;
      kept++;
    }
    if (kept === 0) continue;
    const name = words.slice(0, kept).join(' ');
    const start = m.index + m[0].length - run.length;
    out.push({ start, end: start + name.length, type: 'PERSON', score: 0.8 });
  }
}
