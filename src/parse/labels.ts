/**
 * Outline labels as 公文 number them: 一、 · （一） · 1. / 1、 · （1） · ①, ranked from the top
 * of the outline down (GB/T 9704 §7.3.3). Which rank holds the tasks differs per notice and is
 * decided later from where the unit clauses sit.
 */
import { chineseNumeralValue } from './normalize.js';

export type LabelKind = 'cn' | 'paren-cn' | 'num' | 'paren-num' | 'circled';

export const KIND_RANK: Record<LabelKind, number> = {
  cn: 0,
  'paren-cn': 1,
  num: 2,
  'paren-num': 3,
  circled: 4,
};

export interface Label {
  kind: LabelKind;
  value: number;
  /** Canonical label without its separator: 一, （一）, 1, （1）, ①. */
  printed: string;
  /** The text after the label. */
  rest: string;
}

const CN = '[一二三四五六七八九十]';
const PATTERNS: { kind: LabelKind; re: RegExp; printed: (m: RegExpMatchArray) => string }[] = [
  { kind: 'cn', re: new RegExp(`^第(${CN}{1,3})(?:部分|章|篇)\\s*`), printed: (m) => m[1]! },
  { kind: 'cn', re: new RegExp(`^(${CN}{1,3})[、．]\\s*`), printed: (m) => m[1]! },
  { kind: 'paren-cn', re: new RegExp(`^（(${CN}{1,4})）[、．]?\\s*`), printed: (m) => `（${m[1]}）` },
  { kind: 'num', re: /^(\d{1,5})(?:、|．|\.(?!\d)|，)\s*/, printed: (m) => m[1]! },
  { kind: 'paren-num', re: /^（(\d{1,5})）[、．]?\s*/, printed: (m) => `（${m[1]}）` },
  { kind: 'circled', re: /^([\u2460-\u2473])\s*/, printed: (m) => m[1]! },
];

function labelValue(kind: LabelKind, printed: string): number | null {
  if (kind === 'circled') return printed.charCodeAt(0) - 0x2460 + 1;
  return chineseNumeralValue(printed.replace(/[（）]/g, ''));
}

/**
 * The outline label at the start of a canonical line, if any. A bare label with nothing after
 * it is not one in running text, but is in a table's 序号 cell (`bare`).
 */
export function matchLabel(line: string, bare = false): Label | null {
  for (const p of PATTERNS) {
    const m = (bare ? `${line.trim()} ` : line).match(p.re);
    if (!m) continue;
    const rest = line.slice(m[0].length);
    if (!rest.trim() && !bare) continue;
    const printed = p.printed(m);
    const value = labelValue(p.kind, printed);
    if (value === null) continue;
    return { kind: p.kind, value, printed, rest };
  }
  return null;
}

/**
 * Splits a line that holds several outline items (pages saved as one long line) before each
 * label that follows white space.
 */
export function splitRunTogether(line: string): string[] {
  const re = new RegExp(`\\s+(?=(?:\\d{1,5}、|（${CN}{1,4}）|${CN}{1,3}、)[^\\s、，。；）])`, 'g');
  return line.split(re).filter((s) => s.trim() !== '');
}
