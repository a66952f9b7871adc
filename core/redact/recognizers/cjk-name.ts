/**
 * Person names in Chinese, Japanese and Korean text, where no capital letter marks a name and words are
 * not separated: found only where a cue says a name stands there. Honorific suffixes (田中様, 田中さん,
 * 김민수님, 김민수 씨) and self-introductions (我叫王小明, 私は田中太郎です, 저는 김민수입니다). Role words
 * that take the same suffixes (担当者様, 고객님: "the person in charge", "dear customer") and words that
 * merely end in 様 (仕様, "specification") are not names. Without a cue, such names are not found.
 */
import type { Finding } from '../types.js';

/**
 * Japanese: a kanji name, standing alone (no kanji before it), before an honorific that ends the word;
 * or after "my name is" / before "is my name".
 */
const JAPANESE_HONORIFIC = /(?<!\p{Script=Han})(\p{Script=Han}{2,5})(?:様|さん|さま|殿|氏)(?!\p{Script=Han})/gu;
/** Words that end in 様 without being an honorific ("specification", "likewise", "pattern", "various"). */
const SAMA_WORDS = /(?:仕|同|模|多|一|異|文|紋|外|今|両)$/;
const JAPANESE_INTRO = /(?:私は|わたしは|名前は|名前：|氏名：)[ \u3000]?(\p{Script=Han}{2,5})(?:です|と申します|といいます|[。、 \u3000]|$)|(\p{Script=Han}{2,5})と申します/gu;
/** Chinese: "my name is …", "I am …" (two to four characters). */
const CHINESE_INTRO = /(?:我叫|我的名字是|我的名字叫|本人|姓名[:：]?|名字[:：])[ ]?(\p{Script=Han}{2,4})/gu;
/** Korean: a name before an honorific or a self-introduction. */
const KOREAN = /(?:^|[^\p{Script=Hangul}])(\p{Script=Hangul}{2,4})[ ]?(?:님|씨)(?![\p{Script=Hangul}])/gu;
const KOREAN_INTRO = /(?:저는|제 이름은|이름은|이름[:：])[ ]?(\p{Script=Hangul}{2,4})(?:입니다|이에요|예요|이고|[,. ]|$)/gu;

/** Role words that take the same honorifics: not someone's name. */
const ROLES = new Set([
  '担当者', '担当', '会員', '利用者', '管理者', '責任者', '代表者', '関係者', '購入者', '申込者', '契約者', '皆', '各位', '顧客', 'お客',
  '店員', '運転手', '大家', '社長', '部長', '課長', '先生', '医師', '看護師', '患者', '店長', '弁護士',
  '고객', '회원', '선생', '사장', '부장', '과장', '대리', '팀장', '이사', '담당자', '관리자', '여러분', '손님', '사용자', '교수', '의사', '선배', '후배',
  '부모', '기사', '하느', '어머', '아버', '작가', '회장', '원장', '아저', '아가', '형', '누나', '언니', '오빠', '할머', '할아버', '주인', '환자', '간호사', '변호사',
  '客户', '用户', '先生', '女士', '老师', '经理',
]);
/** Korean words that end a sentence like a name would ("감사합니다" is "thank you"). */
const KOREAN_NOT_NAMES = /(?:합니다|습니다|입니다|니다|세요|어요|아요)$/;

function push(out: Finding[], start: number, name: string): void {
  if (ROLES.has(name) || name.length < 2) return;
  out.push({ start, end: start + name.length, type: 'PERSON', score: 0.8 });
}

/** Finds names in Chinese, Japanese and Korean text by their cues (call only on text with characters from U+3000 up). */
export function findCjkNames(text: string, out: Finding[]): void {
  for (const re of [JAPANESE_HONORIFIC, JAPANESE_INTRO, CHINESE_INTRO, KOREAN, KOREAN_INTRO]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const name = (m[1] ?? m[2]) as string | undefined;
      if (name === undefined) continue;
      if (re === KOREAN && KOREAN_NOT_NAMES.test(name)) continue;
      const start = m.index + m[0].indexOf(name);
      if (re === JAPANESE_HONORIFIC && m[0].endsWith('様') && SAMA_WORDS.test(name)) continue;
      // The polite prefix お/ご makes a noun, never a name: ご苦労様, お子様, ご家族様.
      if (re === JAPANESE_HONORIFIC && /[おご御]/.test(text[start - 1] ?? '')) continue;
      push(out, start, name);
    }
  }
}
