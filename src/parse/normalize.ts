/**
 * Canonical text for parsing. Notices mix full- and half-width punctuation, full-width digits,
 * traditional characters and, on mirror sites, pinyin glosses after characters (經(jīng)).
 * The parser works on one canonical form so that none of this changes the result:
 * punctuation is full-width (as 公文 are typeset) except inside numbers (14.5%, 1.8:1, 1,000).
 */

const FULLWIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0E]/g;

/** Half-width marks that become full-width when they are not inside a number. */
const TO_FULL: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '(': '（',
  ')': '）',
  '!': '！',
  '?': '？',
  '[': '［',
  ']': '］',
};

const DIGIT = /[0-9]/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** A pinyin gloss with a tone mark, right after a Han character: 經(jīng) → 經. */
const PINYIN_GLOSS = /(?<=[\u3400-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/g;

export function countPinyinGlosses(text: string): number {
  return (text.match(PINYIN_GLOSS) ?? []).length;
}

export function stripPinyinGlosses(line: string): string {
  return line.replace(PINYIN_GLOSS, '');
}

function widenPunctuation(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const full = TO_FULL[c];
    if (full === undefined) {
      out += c;
      continue;
    }
    const prev = line[i - 1] ?? '';
    const next = line[i + 1] ?? '';
    const insideNumber = (c === ',' || c === ':') && DIGIT.test(prev) && DIGIT.test(next);
    out += insideNumber ? c : full;
  }
  return out;
}

/** A full stop written as ASCII '.' after a Han character (some reposts replace 。 by .). */
function fullStops(line: string): string {
  return line.replace(/(?<=[\u3400-\u9fff”）》])\.(?=\s|$|[\u3400-\u9fff])/g, '。');
}

/** ASCII double quotes become “ and ” alternately within a line. */
function pairQuotes(line: string): string {
  let open = true;
  return line.replace(/"/g, () => {
    const q = open ? '“' : '”';
    open = !open;
    return q;
  });
}

/** Canonical form of one line; lengths may change, so positions refer to this form. */
export function canonLine(line: string): string {
  let s = line.replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '');
  s = s.replace(/[\u3000\u00a0\u2002-\u200a\u202f\t]/g, ' ');
  s = widenPunctuation(s);
  s = fullStops(s);
  s = pairQuotes(s);
  // Spaces around full-width punctuation are layout, never content (web pages write ，&nbsp;).
  s = s.replace(/ +(?=[，。、；：？！）》」』”’〕】〉])/g, '').replace(/(?<=[，、；：（《「『“‘〔【〈]) +/g, '');
  return s.replace(/ {2,}/g, ' ').trim();
}

/**
 * Traditional characters that occur in the role words and labels the parser looks for, mapped
 * one-to-one so that positions stay valid. Unit names keep their own characters.
 */
const TRAD_KEY: Record<string, string> = {
  牽: '牵', 頭: '头', 單: '单', 責: '责', 協: '协', 辦: '办', 負: '负', 門: '门', 關: '关',
  於: '于', 號: '号', 發: '发', 佈: '布', 機: '机', 構: '构', 務: '务', 實: '实', 報: '报',
  會: '会', 議: '议', 項: '项', 際: '际', 區: '区', 縣: '县', 級: '级', 屬: '属', 廳: '厅',
  們: '们', 將: '将', 現: '现', 給: '给', 確: '确', 認: '认', 時: '时', 間: '间', 規: '规',
  劃: '划', 設: '设', 計: '计', 統: '统', 處: '处', 導: '导', 與: '与', 參: '参',
  轄: '辖', 達: '达', 長: '长', 億: '亿', 萬: '万', 畝: '亩', 戶: '户', 個: '个',
  總: '总', 產: '产', 業: '业', 經: '经', 濟: '济', 條: '条', 張: '张', 歲: '岁', 點: '点',
};

const HAS_TRAD = new RegExp(`[${Object.keys(TRAD_KEY).join('')}]`);

/** Same length as the input: only single characters are mapped. */
export function simplifyKeys(s: string): string {
  if (!HAS_TRAD.test(s)) return s;
  let out = '';
  for (const c of s) out += TRAD_KEY[c] ?? c;
  return out;
}

export function isCjk(c: string): boolean {
  return CJK.test(c);
}

/** Chinese numerals up to 九十九 (and 〇/○/零 digits as in 二○一四年). */
const CN_DIGITS: Record<string, number> = {
  '〇': 0, '○': 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 元: 1,
};

export function chineseNumeralValue(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s) return null;
  if (s.includes('十')) {
    const [tens, ones] = s.split('十') as [string, string];
    const t = tens === '' ? 1 : CN_DIGITS[tens];
    const o = ones === '' ? 0 : CN_DIGITS[ones];
    return t === undefined || o === undefined ? null : t * 10 + o;
  }
  if (s.length === 1) return CN_DIGITS[s] ?? null;
  // Digit-by-digit numerals such as 二○一四.
  let v = 0;
  for (const c of s) {
    const d = CN_DIGITS[c];
    if (d === undefined) return null;
    v = v * 10 + d;
  }
  return v;
}

const CN_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function toChineseNumeral(n: number): string {
  if (n < 10) return CN_NUMERALS[n] ?? String(n);
  if (n < 20) return `十${CN_NUMERALS[n - 10]}`;
  if (n < 100) return `${CN_NUMERALS[Math.floor(n / 10)]}十${CN_NUMERALS[n % 10]}`;
  return String(n);
}
