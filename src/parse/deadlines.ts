/**
 * Time limits in text: explicit dates (2010年9月20日前), month ends (元月底前, 6月底前),
 * the year (今年, 全年, 年内, 年底前), several years (力争三年), halves and quarters.
 * Phrases resolve against the notice's year when it is known.
 */
import type { Deadline } from '../model/notice.js';
import { chineseNumeralValue } from './normalize.js';

const CN_NUM = '[一二三四五六七八九十两]';
const MONTH = String.raw`(\d{1,2}|元|${CN_NUM}{1,2})月`;

interface Rule {
  re: RegExp;
  resolve: (m: RegExpMatchArray, year: number | null) => Pick<Deadline, 'kind' | 'date'> | null;
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthEnd(y: number, m: number): string {
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

function monthValue(s: string): number | null {
  const v = chineseNumeralValue(s);
  return v !== null && v >= 1 && v <= 12 ? v : null;
}

const RULES: Rule[] = [
  {
    re: /(\d{4})年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)?/g,
    resolve: (m) => ({ kind: 'date', date: iso(Number(m[1]), Number(m[2]), Number(m[3])) }),
  },
  {
    re: /(\d{4})年(\d{1,2})月(?:(?:底|末)(?:前|之前|以前)?|前|之前|以前)/g,
    resolve: (m) => ({ kind: 'month-end', date: monthEnd(Number(m[1]), Number(m[2])) }),
  },
  {
    re: new RegExp(String.raw`(?<![\d年])${MONTH}(\d{1,2})日(?:前|之前|以前)`, 'g'),
    resolve: (m, y) => {
      const mo = monthValue(m[1]!);
      return mo && y ? { kind: 'date', date: iso(y, mo, Number(m[2])) } : { kind: 'date', date: null };
    },
  },
  {
    re: new RegExp(String.raw`(?<![\d年])${MONTH}(?:底|末)(?:前|之前|以前)?`, 'g'),
    resolve: (m, y) => {
      const mo = monthValue(m[1]!);
      return mo && y ? { kind: 'month-end', date: monthEnd(y, mo) } : { kind: 'month-end', date: null };
    },
  },
  {
    re: /(\d{4})年(?:底|末|内)(?:前|之前|以前)?/g,
    resolve: (m) => ({ kind: 'year', date: `${m[1]}-12-31` }),
  },
  {
    re: /(今年|全年|年内|年底前|年底|年末|当年|本年度)/g,
    resolve: (_m, y) => ({ kind: 'year', date: y ? iso(y, 12, 31) : null }),
  },
  {
    re: /上半年/g,
    resolve: (_m, y) => ({ kind: 'month-end', date: y ? iso(y, 6, 30) : null }),
  },
  {
    re: new RegExp(String.raw`(?:力争|争取|用|在)?(${CN_NUM}|\d)年(?:内|时间|左右)?(?=实现|完成|内|建成|基本|全面|达到|使)`, 'g'),
    resolve: (m, y) => {
      const n = chineseNumeralValue(m[1]!);
      return n ? { kind: 'years', date: y ? iso(y + n - 1, 12, 31) : null } : null;
    },
  },
];

export function findDeadlines(text: string, year: number | null): Deadline[] {
  const found: { at: number; end: number; d: Deadline }[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const at = m.index ?? 0;
      const end = at + m[0].length;
      if (found.some((f) => at < f.end && end > f.at)) continue;
      const r = rule.resolve(m, year);
      if (r) found.push({ at, end, d: { text: m[0], ...r } });
    }
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return found.map((f) => f.d).filter((d) => (seen.has(d.text) ? false : (seen.add(d.text), true)));
}
