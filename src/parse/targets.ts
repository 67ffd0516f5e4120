/**
 * Quantified targets in a task's text: an Arabic number with a measure word, read inside its
 * clause (between ，。；、) so that the phrase says what is measured: 新增限上企业40家,
 * 旅游总收入突破50亿元, 70%以上的农户. Years (2014年) and dates are not targets.
 */
import type { Target } from '../model/notice.js';

const MEASURES = [
  '个百分点', '百分点', '平方公里', '万平方米', '平方米', '万千瓦', '千瓦', '万吨', '吨', '万亩', '亩', '公里', '千米', '米',
  '亿美元', '万美元', '亿元', '万元', '元', '万人次', '人次', '万人', '万户', '万辆', '万套', '万个', '万家',
  '%', '‰', '家', '个', '套', '所', '项', '户', '人', '座', '条', '辆', '台', '张', '处', '间', '名', '批', '场', '次', '倍', '册', '件', '床', '栋',
].sort((a, b) => b.length - a.length);

const QUALIFIERS = ['以上', '以下', '以内', '左右', '上下', '多'];
const LEADING_ADVERBS = /^(\d{4}年|力争|确保|争取|努力|全年|今年|年内|当年|全市|全省|实现|并|和|及|使|其中)+/;

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const TARGET_RE = new RegExp(
  String.raw`(${NUMBER})(?:\s*[-~—～至到]\s*${NUMBER})?\s*(${MEASURES.map(escape).join('|')})(${QUALIFIERS.join('|')})?`,
  'g',
);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
}

function clauseAround(text: string, start: number, end: number): string {
  const stops = /[，。；、：！？（）“”《》]/;
  let a = start;
  while (a > 0 && !stops.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !stops.test(text[b]!)) b++;
  return text.slice(a, b).trim();
}

function indicatorOf(clause: string, numberText: string): string {
  const i = clause.indexOf(numberText);
  const before = i > 0 ? clause.slice(0, i) : '';
  const cleaned = before.replace(LEADING_ADVERBS, '').replace(/(达到|达|为|到|突破|超过|超|完成)$/, '');
  if (cleaned) return cleaned.trim();
  // The measured thing follows the number: 3平方公里配套基础设施建设, 70%以上的农户.
  return clause.slice(i + numberText.length).replace(/^的/, '').trim();
}

export function findTargets(text: string): Target[] {
  const out: Target[] = [];
  for (const m of text.matchAll(TARGET_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const next = text[end] ?? '';
    const prev = text[start - 1] ?? '';
    // Not a year, a date, a version or a label.
    if (/[年月日号.]/.test(next) || /[\d.第]/.test(prev)) continue;
    if (m[2] === '个' && /^(月|工作日)/.test(text.slice(end))) continue;
    const clause = clauseAround(text, start, end).replace(LEADING_ADVERBS, '');
    out.push({
      text: clause,
      indicator: indicatorOf(clause, m[0]),
      value: Number(m[1]),
      unit: m[2]!,
      qualifier: m[3] ?? null,
    });
  }
  return out;
}
