/**
 * Checksums and validators used to confirm candidates found by the fast patterns.
 */

/** True when the digit string passes the Luhn checksum (payment cards). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** IBAN length per country (ISO 13616 registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23,
  IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27,
  MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27,
  SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** True when the compact (no spaces, upper-case) IBAN has its country's length and passes mod-97. */
export function ibanValid(compact: string): boolean {
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected === undefined || compact.length !== expected) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** US SSN validity rules: area not 000/666/9xx, group not 00, serial not 0000. */
export function ssnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  return !/^(\d)\1{8}$/.test(digits);
}

/** True when `s` is a syntactically valid IPv6 address (with optional embedded IPv4 tail). */
export function ipv6Valid(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let head = s;
  let tailGroups = 0;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!ipv4Valid(tail)) return false;
    head = s.slice(0, lastColon + 1) + '0:0';
    tailGroups = 0;
  }
  const dbl = head.indexOf('::');
  if (dbl !== head.lastIndexOf('::')) return false;
  const groupOk = (g: string): boolean => /^[0-9A-Fa-f]{1,4}$/.test(g);
  if (dbl >= 0) {
    const left = head.slice(0, dbl);
    const right = head.slice(dbl + 2);
    const lg = left === '' ? [] : left.split(':');
    const rg = right === '' ? [] : right.split(':');
    if (!lg.every(groupOk) || !rg.every(groupOk)) return false;
    return lg.length + rg.length + tailGroups <= 7;
  }
  const groups = head.split(':');
  return groups.length === 8 && groups.every(groupOk);
}

/** True for a dotted-quad IPv4 address with octets 0-255 and no leading zeros beyond one digit. */
export function ipv4Valid(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return false;
    if (p.length > 1 && p[0] === '0') return false;
    if (Number(p) > 255) return false;
  }
  return true;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Heuristic: does this token look like a random machine secret rather than a word, id or path? */
export function looksRandom(s: string): boolean {
  if (s.length < 16) return false;
  let lower = 0;
  let upper = 0;
  let digit = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digit++;
  }
  const classes = (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digit > 0 ? 1 : 0);
  if (classes < 2) return false;
  return entropy(s) >= 3.5;
}

/** Spanish DNI (8 digits) or NIE (X/Y/Z and 7 digits) with its control letter (mod 23). */
export function dniValid(id: string): boolean {
  const m = /^([XYZ]|\d)(\d{7})([A-Z])$/.exec(id);
  if (m === null) return false;
  const lead = m[1] as string;
  const n = Number(`${lead === 'X' ? '0' : lead === 'Y' ? '1' : lead === 'Z' ? '2' : lead}${m[2] as string}`);
  return 'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23] === m[3];
}

/** Italian codice fiscale: 16 characters and its check letter (odd and even positions weighted apart). */
export function codiceFiscaleValid(cf: string): boolean {
  if (!/^[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]$/.test(cf)) return false;
  const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = cf.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65;
    sum += i % 2 === 0 ? (ODD[v] as number) : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === cf[15];
}

/** Brazilian CPF: 11 digits whose last two are mod-11 check digits (all-equal digits are invalid). */
export function cpfValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const check = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(digits[i]) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === Number(digits[9]) && check(10) === Number(digits[10]);
}

/** Chinese resident id: 17 digits with a birth date at 7-14, and an ISO 7064 MOD 11-2 check character. */
export function chineseIdValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const mo = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (W[i] as number);
  return '10X98765432'[sum % 11] === id[17];
}

/** French NIR (social security number): 13 digits (Corsica's 2A/2B as 19/18) and a key of 97 minus the number mod 97. */
export function nirValid(compact: string): boolean {
  const m = /^([12])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{6})(\d{2})$/.exec(compact);
  if (m === null) return false;
  const dept = m[4] === '2A' ? '19' : m[4] === '2B' ? '18' : (m[4] as string);
  const n = BigInt(`${m[1] as string}${m[2] as string}${m[3] as string}${dept}${m[5] as string}`);
  return 97n - (n % 97n) === BigInt(m[6] as string);
}

/** Dutch BSN: 9 digits passing the eleven test (weights 9..2 and -1). */
export function bsnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && sum !== 0;
}

/** UK NHS number: 10 digits whose last is a mod-11 check digit (weights 10..2). */
export function nhsValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === Number(digits[9]) && check !== 10;
}

/** True when day `d` of month `m` exists in some year (29 February always). */
function dayExists(d: number, m: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= ([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number);
}

/** True when `yymmdd` (or `ddmmyy` with `dayFirst`) is a date: the birth date ids such as Denmark's CPR and Korea's RRN open with. */
export function birthDatePrefixValid(digits: string, dayFirst: boolean): boolean {
  if (!/^\d{6}/.test(digits)) return false;
  const a = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4));
  const c = Number(digits.slice(4, 6));
  return dayFirst ? dayExists(a, m) : dayExists(c, m);
}

/** Polish PESEL: 11 digits, a birth date (months +20 per century from 2000) and a weighted check digit. */
export function peselValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  if (!dayExists(Number(digits.slice(4, 6)), Number(digits.slice(2, 4)) % 20)) return false;
  const W = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * (W[i] as number);
  return (10 - (sum % 10)) % 10 === Number(digits[10]);
}

/** Swedish personnummer: YYMMDD (or YYYYMMDD) and four digits, Luhn over the last ten (day +60 for a coordination number). */
export function personnummerValid(digits: string): boolean {
  if (!/^(?:\d{2})?\d{10}$/.test(digits)) return false;
  const ten = digits.slice(-10);
  return dayExists(Number(ten.slice(4, 6)) % 60, Number(ten.slice(2, 4))) && luhnValid(ten);
}

/** Norwegian fødselsnummer: DDMMYY and five digits, the last two mod-11 checks (D-numbers add 4 to the day's first digit). */
export function fodselsnummerValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  if (!dayExists(Number(digits.slice(0, 2)) % 40, Number(digits.slice(2, 4)) % 40)) return false;
  const check = (w: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < w.length; i++) sum += Number(digits[i]) * (w[i] as number);
    const k = 11 - (sum % 11);
    return k === 11 ? 0 : k;
  };
  return check([3, 7, 6, 1, 8, 9, 4, 5, 2]) === Number(digits[9]) && check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === Number(digits[10]);
}

/** Finnish henkilötunnus: DDMMYY, a century sign, three digits and a check character (mod 31 of the nine digits). */
export function hetuValid(id: string): boolean {
  // The century sign may have been dropped with the separators ("131052308T"): the check does not use it.
  const m = /^(\d{6})[-+A-FU-Y]?(\d{3})([0-9A-FHJ-NPR-Y])$/.exec(id);
  if (m === null) return false;
  const date = m[1] as string;
  if (!dayExists(Number(date.slice(0, 2)), Number(date.slice(2, 4)))) return false;
  return '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${date}${m[2] as string}`) % 31] === m[3];
}

/** Turkish T.C. Kimlik No: 11 digits, not starting with 0, two check digits. */
export function tcKimlikValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const d = [...digits].map(Number) as number[];
  const odd = (d[0] as number) + (d[2] as number) + (d[4] as number) + (d[6] as number) + (d[8] as number);
  const even = (d[1] as number) + (d[3] as number) + (d[5] as number) + (d[7] as number);
  if ((((odd * 7 - even) % 10) + 10) % 10 !== d[9]) return false;
  return d.slice(0, 10).reduce((a, b) => a + b, 0) % 10 === d[10];
}

/** South African identity number: 13 digits, a birth date (YYMMDD) and a Luhn check digit. */
export function saIdValid(digits: string): boolean {
  return /^\d{13}$/.test(digits) && dayExists(Number(digits.slice(4, 6)), Number(digits.slice(2, 4))) && luhnValid(digits);
}

/** German Steuer-ID: 11 digits, not starting with 0, an ISO 7064 MOD 11,10 check digit. */
export function steuerIdValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return (check === 10 ? 0 : check) === Number(digits[10]);
}

/** Belgian national number: YYMMDD, three digits, and 97 minus the first nine (with a 2 before them from 2000) mod 97. */
export function belgianNationalNumberValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const body = digits.slice(0, 9);
  const key = Number(digits.slice(9));
  return 97 - (Number(body) % 97) === key || 97 - (Number(`2${body}`) % 97) === key;
}

/** Mexican CURP: 18 characters with a birth date, a sex letter and a check digit (weighted mod 10). */
export function curpValid(id: string): boolean {
  if (!/^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$/.test(id)) return false;
  if (!dayExists(Number(id.slice(8, 10)), Number(id.slice(6, 8)))) return false;
  const ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(id[i] as string) * (18 - i);
  return (10 - (sum % 10)) % 10 === Number(id[17]);
}

/** Portuguese NIF: 9 digits, a mod-11 check digit (weights 9..2). */
export function nifValid(digits: string): boolean {
  if (!/^[1-35-9]\d{8}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  const check = 11 - (sum % 11);
  return (check >= 10 ? 0 : check) === Number(digits[8]);
}

/** Israeli Teudat Zehut: 9 digits, Luhn-like (weights 1 and 2, digits of each product summed). */
export function israeliIdValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  return luhnValid(digits);
}

/** Chilean RUT/RUN: the body's digits weighted 2..7 from the right, mod 11, check character 0-9 or K. */
export function rutValid(compact: string): boolean {
  const m = /^(\d{7,8})([\dK])$/.exec(compact);
  if (m === null) return false;
  const body = m[1] as string;
  let sum = 0;
  for (let i = body.length - 1, w = 2; i >= 0; i--, w = w === 7 ? 2 : w + 1) sum += Number(body[i]) * w;
  const r = 11 - (sum % 11);
  return (r === 11 ? '0' : r === 10 ? 'K' : String(r)) === m[2];
}

/** Argentine CUIT/CUIL: a type prefix (20, 23, 24, 27, 30, 33, 34), eight digits and a mod-11 check digit. */
export function cuitValid(digits: string): boolean {
  if (!/^(?:20|23|24|27|30|33|34)\d{9}$/.test(digits)) return false;
  const W = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * (W[i] as number);
  const r = 11 - (sum % 11);
  return r !== 10 && (r === 11 ? 0 : r) === Number(digits[10]);
}

/** Singapore NRIC (S, T) and FIN (F, G): seven digits weighted 2,7,6,5,4,3,2, offset 4 for T and G, and a check letter. */
export function nricValid(id: string): boolean {
  const m = /^([STFG])(\d{7})([A-Z])$/.exec(id);
  if (m === null) return false;
  const W = [2, 7, 6, 5, 4, 3, 2];
  const prefix = m[1] as string;
  const digits = m[2] as string;
  let sum = prefix === 'T' || prefix === 'G' ? 4 : 0;
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * (W[i] as number);
  const letters = prefix === 'S' || prefix === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  return letters[sum % 11] === m[3];
}

/** Malaysian MyKad number: YYMMDD, a place-of-birth code in use (01-16, 21-59, 60-68, 71, 72, 74-79, 82-93, 98, 99), four digits. */
export function myKadValid(digits: string): boolean {
  if (!/^\d{12}$/.test(digits) || !birthDatePrefixValid(digits, false)) return false;
  const pb = Number(digits.slice(6, 8));
  return (pb >= 1 && pb <= 16) || (pb >= 21 && pb <= 68) || pb === 71 || pb === 72 || (pb >= 74 && pb <= 79) || (pb >= 82 && pb <= 93) || pb === 98 || pb === 99;
}

/** UAE Emirates ID: 784, the holder's birth year, seven digits and a Luhn check digit. */
export function emiratesIdValid(digits: string): boolean {
  if (!/^784(?:19|20)\d{10}$/.test(digits)) return false;
  return luhnValid(digits);
}
