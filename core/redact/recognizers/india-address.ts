/**
 * Postal addresses as India writes them: parts separated by commas or line breaks, most without a house
 * number before a street word ("Flat 302, Sai Residency, 14th Cross, MG Road, Indiranagar, Bengaluru,
 * Karnataka 560038", "H.No. 8-2-293/82/A, Road No. 36, Jubilee Hills, Hyderabad - 500033"). The anchor is
 * the six-digit PIN code right after a city or a state the lists know (or after "PIN"); the address then
 * runs back over the parts before it that read as address parts (capitalised words, numbers, ordinals,
 * "near", "opp."), and stops at a sentence's words, a colon or a part that is only a person's name.
 */
import type { Finding } from '../types.js';
import type { TextIndex } from './text-index.js';
import { isAlnum, isAsciiLetter, isDigit } from './context.js';
import { lexicon } from './lexicon.js';

/** States and union territories, lower-case, old spellings included. */
const STATES = [
  'andhra pradesh', 'arunachal pradesh', 'assam', 'bihar', 'chhattisgarh', 'goa', 'gujarat', 'haryana', 'himachal pradesh', 'jharkhand',
  'karnataka', 'kerala', 'madhya pradesh', 'maharashtra', 'manipur', 'meghalaya', 'mizoram', 'nagaland', 'odisha', 'orissa', 'punjab',
  'rajasthan', 'sikkim', 'tamil nadu', 'telangana', 'tripura', 'uttar pradesh', 'uttarakhand', 'uttaranchal', 'west bengal', 'delhi',
  'new delhi', 'nct of delhi', 'jammu and kashmir', 'jammu & kashmir', 'j&k', 'ladakh', 'puducherry', 'pondicherry', 'chandigarh',
  'andaman and nicobar islands', 'lakshadweep', 'dadra and nagar haveli', 'daman and diu',
];

/** Cities and large towns, lower-case, with their older or shorter names. */
const CITIES = `
mumbai bombay navi-mumbai thane kalyan vasai virar bhiwandi pune poona pimpri chinchwad nagpur nashik aurangabad solapur kolhapur
amravati nanded sangli jalgaon akola latur bengaluru bangalore mysuru mysore mangaluru mangalore hubli hubballi dharwad belgaum belagavi
gulbarga kalaburagi davangere ballari bellary shivamogga shimoga tumakuru tumkur udupi hyderabad secunderabad warangal karimnagar
nizamabad khammam visakhapatnam vizag vijayawada guntur nellore tirupati kurnool rajahmundry kakinada anantapur kadapa chennai madras
coimbatore madurai tiruchirappalli trichy salem tiruppur erode vellore tirunelveli thoothukudi tuticorin thanjavur hosur kanchipuram
kochi cochin ernakulam thiruvananthapuram trivandrum kozhikode calicut thrissur kollam kannur palakkad alappuzha kottayam kolkata
calcutta howrah durgapur asansol siliguri kharagpur ahmedabad surat vadodara baroda rajkot bhavnagar jamnagar gandhinagar anand
jaipur jodhpur kota udaipur ajmer bikaner alwar bhilwara lucknow kanpur ghaziabad agra varanasi benares meerut prayagraj allahabad
bareilly aligarh moradabad saharanpur gorakhpur noida jhansi mathura firozabad ayodhya indore bhopal jabalpur gwalior ujjain sagar
rewa satna patna gaya bhagalpur muzaffarpur darbhanga ranchi jamshedpur dhanbad bokaro bhubaneswar cuttack rourkela berhampur
sambalpur puri raipur bhilai bilaspur korba guwahati dibrugarh silchar jorhat ludhiana amritsar jalandhar patiala bathinda mohali
gurgaon gurugram faridabad panipat ambala karnal rohtak hisar sonipat dehradun haridwar roorkee haldwani rishikesh shimla dharamshala
srinagar jammu panaji margao vasco imphal shillong aizawl agartala kohima itanagar gangtok port-blair daman silvassa kavaratti
`
  .split(/\s+/)
  .filter((w) => w !== '')
  .map((w) => w.replace(/-/g, ' '));

const PLACES = new Set([...STATES, ...CITIES, 'greater noida', 'new delhi', 'navi mumbai']);
/** The last word of every place: most six-digit runs ("SKU-664226") are turned away by one lookup. */
const PLACE_ENDS = new Set([...PLACES].map((p) => p.slice(p.lastIndexOf(' ') + 1)));
/** "PIN", "PIN code", "Pincode", "Postal code" right before the number (tried on the lead's last characters). */
const PIN_CUE = /\b(?:pin ?code|pin|postal code)(?: no\.?)?(?: ?[:.-])? ?$/i;
/** ", India", " (India)" or " - India" after the PIN code. */
const INDIA_AFTER = /^(?:, ?| \(| - | )india\b\)?/i;
/** A word of an address part: capitalised, a number or code ("8-2-293/82/A", "#12", "14th"), or a connector. */
const PART_WORD = /^(?:[\p{Lu}\d#][\p{L}\p{M}\d'’./#&()-]*|near|opp\.?|opposite|behind|beside|off|of|the|and|next|to|no\.?|cross|main|road|stage|phase|block|sector|layout|nagar|colony|floor)$/u;
/** Lower-case words a part may hold but not open with ("next to", "of the"): trimmed from the address's start. */
const CONNECTOR = /^(?:near|opp\.?|opposite|behind|beside|off|of|the|and|next|to)$/;
const MAX_PARTS = 10;
const LOOKBACK = 240;

/** Finds Indian addresses ending in a PIN code (see the module comment). */
export function findIndianAddresses(text: string, out: Finding[], ix: TextIndex): void {
  const runs = ix.digitRuns;
  for (let r = 0; r < runs.length; r += 2) {
    const s = runs[r] as number;
    let e = runs[r + 1] as number;
    // "560001", or "560 001" as it is often spaced.
    if (e - s === 3 && text.charCodeAt(e) === 32 && runs[r + 2] === e + 1 && runs[r + 3] === e + 4) e += 4;
    else if (e - s !== 6) continue;
    if (text.charCodeAt(s) === 48 || (s > 0 && isAlnum(text.charCodeAt(s - 1))) || (e < text.length && isAlnum(text.charCodeAt(e)))) continue;
    const placed = placeBefore(text, s);
    const cue = placed || !mayEndPinCue(text, s) ? null : PIN_CUE.exec(text.slice(Math.max(0, s - 24), s));
    if (!placed && cue === null) continue;
    const lead = text.slice(Math.max(0, s - LOOKBACK), s);
    let start = -1;
    if (placed) start = s - lead.length + partsStart(lead);
    else if (cue !== null) {
      // After "PIN:" the number alone is the address, with the parts before the cue when there are some.
      const cut = lead.slice(0, lead.length - cue[0].length);
      const at = partsStart(cut);
      start = at < cut.length ? s - lead.length + at : s;
    }
    if (start < 0 || start > s) continue;
    let end = e;
    const india = INDIA_AFTER.exec(text.slice(end, end + 12));
    if (india !== null) end += india[0].length;
    out.push({ start, end, type: 'ADDRESS', score: 0.75 });
  }
}

/** True when the text before `s` ends with a city or state the lists know, then a comma, a dash or blanks. */
function placeBefore(text: string, s: number): boolean {
  // Past the blanks and the one comma or dash before the PIN code, the last one to four words.
  const e = backOverSeparator(text, s, (c) => c === 44 || c === 45 || c === 0x2013);
  let w = e;
  while (w > 0 && isPlaceChar(text.charCodeAt(w - 1))) w--;
  if (w === e || !PLACE_ENDS.has(text.slice(w, e).toLowerCase())) return false;
  const words = text.slice(Math.max(0, e - 48), e).toLowerCase().split(/[ \t\n,]/);
  for (let k = Math.max(0, words.length - 4); k < words.length; k++) if (PLACES.has(words.slice(k).join(' '))) return true;
  return false;
}

/** True when the character before `s`, past blanks and one ":", "." or "-", can end "PIN", "code" or "no" (not "SKU-"). */
function mayEndPinCue(text: string, s: number): boolean {
  const j = backOverSeparator(text, s, (c) => c === 58 || c === 46 || c === 45);
  const c = text.charCodeAt(j - 1) | 32;
  return c === 110 || c === 101 || c === 111 || text.charCodeAt(j) === 46;
}

/** The offset before `s` past blanks, one character `isSeparator` accepts, and blanks again. */
function backOverSeparator(text: string, s: number, isSeparator: (c: number) => boolean): number {
  let j = s;
  while (j > 0 && isBlank(text.charCodeAt(j - 1))) j--;
  if (j > 0 && isSeparator(text.charCodeAt(j - 1))) j--;
  while (j > 0 && isBlank(text.charCodeAt(j - 1))) j--;
  return j;
}

/** A letter, "&" or "." of a place's word. */
function isPlaceChar(c: number): boolean {
  return isAsciiLetter(c) || c === 38 || c === 46 || c >= 0xc0;
}

/** A space or a tab. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Where the address that ends `lead` starts (an offset into `lead`): back over parts separated by commas,
 * line breaks or " - " while each reads as an address part, then over the address words at the end of
 * the first part that does not (the end of "Please ship to Flat 302"). A colon ends it, and so does a
 * part that is only given names and surnames (the addressee: masked as a person, not as the address).
 */
function partsStart(lead: string): number {
  const seps: Array<{ start: number; end: number; colon: boolean }> = [];
  const SEP = /,|\n| [-–] |:/g;
  let m: RegExpExecArray | null;
  while ((m = SEP.exec(lead)) !== null) seps.push({ start: m.index, end: m.index + m[0].length, colon: m[0] === ':' });
  let at = lead.length;
  let partEnd = lead.length;
  let taken = 0;
  for (let b = seps.length; b >= 0 && taken < MAX_PARTS; b--) {
    const before = b > 0 ? (seps[b - 1] as { start: number; end: number; colon: boolean }) : null;
    const partStart = before?.end ?? 0;
    const words = [...lead.slice(partStart, partEnd).matchAll(/[^ \t]+/g)];
    if (words.length === 0) {
      // The separator right before the PIN ("Hyderabad - 500033") leaves an empty last part.
      if (taken > 0 || before === null) break;
      partEnd = before.start;
      continue;
    }
    let keep = words.length;
    while (keep > 0 && PART_WORD.test((words[keep - 1] as RegExpMatchArray)[0])) keep--;
    if (keep === words.length || (taken > 0 && personOnly(words.map((w) => w[0])))) break;
    let from = keep;
    while (from < words.length && CONNECTOR.test((words[from] as RegExpMatchArray)[0])) from++;
    if (from === words.length) break;
    at = partStart + ((words[from] as RegExpMatchArray).index as number);
    taken++;
    if (keep > 0 || before === null || before.colon) break;
    partEnd = before.start;
  }
  return at;
}

/** True when every word is a given name or surname the lists know and no place or street word ("Priya Sharma"). */
function personOnly(words: readonly string[]): boolean {
  const lx = lexicon();
  return words.every((w) => {
    const n = w.toLowerCase();
    return (lx.first.has(n) || lx.last.has(n)) && !lx.street.has(n) && !lx.common.has(n) && !isDigit(w.charCodeAt(0));
  });
}
