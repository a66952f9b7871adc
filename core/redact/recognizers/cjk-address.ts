/**
 * Postal addresses written in Japanese, Chinese and Korean, which have no house number before a street
 * word: they run from the largest unit to the smallest ("東京都千代田区千代田1-1", "北京市朝阳区建国路88号",
 * "서울특별시 강남구 테헤란로 152"). A match needs the region's suffix and a number at the end, so a
 * region named in prose ("東京都の天気") is not an address. Full-width digits arrive folded (fold.ts).
 */
import type { Finding } from '../types.js';

/** Japanese: an optional 〒 postal code, a prefecture, then towns and block numbers. */
const JAPANESE =
  /(?:〒[ \u3000]?\d{3}-?\d{4}[ \u3000]*)?(?:東京都|北海道|大阪府|京都府|\p{Script=Han}{2,3}県)[\p{Script=Han}\p{Script=Katakana}ヶケが之ノー]{1,24}?\d{1,4}(?:(?:丁目|番地|番|号|-)\d{1,4}){0,3}(?:号)?/gu;
/** A Japanese postal code on its own, after the postal mark. */
const JAPANESE_POSTAL = /〒[ \u3000]?\d{3}-?\d{4}/g;
/**
 * Chinese: a province, a city or both, a district or county, a road and its number. Each name is a run of Han
 * characters that are not themselves a unit's suffix, so every run can end in one place only and the
 * pattern cannot backtrack through 50 KB of "市".
 */
const HAN_NAME = '(?:(?![省市区县镇路街道巷])\\p{Script=Han})';
const CHINESE = new RegExp(
  `(?=${HAN_NAME}{2,4}(?:省|市|自治区))(?:${HAN_NAME}{2,4}(?:省|自治区))?(?:${HAN_NAME}{2,4}市)?(?:${HAN_NAME}{1,16}(?:区|县|镇))?${HAN_NAME}{1,16}(?:路|街|道|巷|胡同)\\d{1,5}号(?:${HAN_NAME}{0,8}\\d{1,5}(?:室|号|楼|单元))*`,
  'gu',
);
/** The same pattern, anchored: to try a match again after a leading verb or preposition. */
const CHINESE_AT = new RegExp(CHINESE.source, 'uy');
/**
 * Words that come before an address in a sentence ("寄到北京市…", "我住在上海市…"): a city's name is two to
 * four characters, so the pattern would take them along. Longest first.
 */
const CHINESE_LEAD = ['地址是', '寄到', '送到', '发到', '寄往', '住在', '位于', '来自', '地址', '在', '到', '于', '往', '从', '是'];

/** Where a Chinese address found at `start` really starts: past a leading verb or preposition when the rest is still one. */
function chineseStart(text: string, start: number, end: number): number {
  for (const lead of CHINESE_LEAD) {
    if (!text.startsWith(lead, start)) continue;
    CHINESE_AT.lastIndex = start + lead.length;
    const m = CHINESE_AT.exec(text);
    if (m !== null && m.index + m[0].length === end) return m.index;
  }
  return start;
}

/** Korean: a city or province, a district, a road and its building number. */
const KOREAN = /[\p{Script=Hangul}]{2,8}(?:특별시|광역시|특별자치시|특별자치도|도|시)[ ]?[\p{Script=Hangul}]{1,8}(?:구|군|시)[ ]?[\p{Script=Hangul}\d]{1,12}(?:로|길)[ ]?\d{1,5}(?:-\d{1,4})?/gu;

/** Finds Japanese, Chinese and Korean postal addresses (call only on text with characters from U+3000 up). */
export function findCjkAddresses(text: string, out: Finding[]): void {
  let end = -1;
  for (const re of [JAPANESE, CHINESE, KOREAN, JAPANESE_POSTAL]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m.index < end && re === JAPANESE_POSTAL) continue;
      const start = re === CHINESE ? chineseStart(text, m.index, m.index + m[0].length) : m.index;
      out.push({ start, end: m.index + m[0].length, type: 'ADDRESS', score: 0.8 });
      if (re !== JAPANESE_POSTAL) end = Math.max(end, m.index + m[0].length);
    }
  }
}
