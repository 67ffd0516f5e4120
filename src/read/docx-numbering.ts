/**
 * Automatic list numbers of a DOCX (`word/numbering.xml`): a paragraph with `w:numPr` shows a
 * number Word computes (一、 （一） 1. ①) that is not in its text. Notices typed in Word often
 * number their tasks this way, so the reader renders the number in front of the text.
 *
 * Handles: abstract numbering levels (format, level text such as `（%1）` or `%1.%2`, start),
 * `w:num` instances with `w:lvlOverride`/`w:startOverride`, counters per instance that restart
 * deeper levels when a higher level advances.
 * Does not handle: numbering carried by a paragraph style (`w:pStyle` → styles.xml),
 * `w:lvlRestart`, legal numbering (`w:isLgl`), picture bullets. Bullets render as nothing.
 */
import { xmlAttr, xmlTokens } from './xml.js';

interface Level {
  format: string;
  text: string;
  start: number;
}

const CN_DIGITS = '〇一二三四五六七八九';

function chineseCounting(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

function letter(n: number): string {
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

/** One counter value in a level's number format. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'lowerLetter':
      return letter(n);
    case 'upperLetter':
      return letter(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

export class DocxNumbering {
  private readonly abstract = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; overrides: Map<number, Partial<Level>> }>();
  private readonly counters = new Map<string, number[]>();

  constructor(xml: string) {
    let abstractId: string | null = null;
    let numId: string | null = null;
    let level: { ilvl: number; lvl: Partial<Level> } | null = null;
    let overrideLvl: number | null = null;
    for (const tok of xmlTokens(xml)) {
      if (tok.kind !== 'open') {
        if (tok.kind === 'close' && /(^|:)lvl$/.test(tok.name) && level) {
          const { ilvl, lvl } = level;
          if (abstractId !== null) this.abstract.get(abstractId)?.set(ilvl, { format: lvl.format ?? 'decimal', text: lvl.text ?? `%${ilvl + 1}.`, start: lvl.start ?? 1 });
          else if (numId !== null && overrideLvl !== null) this.nums.get(numId)?.overrides.set(overrideLvl, { ...lvl });
          level = null;
        }
        if (tok.kind === 'close' && /(^|:)abstractNum$/.test(tok.name)) abstractId = null;
        if (tok.kind === 'close' && /(^|:)num$/.test(tok.name)) numId = null;
        continue;
      }
      const name = tok.name.replace(/^\w+:/, '');
      const val = xmlAttr(tok.attrs, 'w:val');
      if (name === 'abstractNum') {
        abstractId = xmlAttr(tok.attrs, 'w:abstractNumId');
        if (abstractId !== null) this.abstract.set(abstractId, new Map());
      } else if (name === 'num') {
        numId = xmlAttr(tok.attrs, 'w:numId');
        if (numId !== null) this.nums.set(numId, { abstractId: '', overrides: new Map() });
      } else if (name === 'abstractNumId' && numId !== null && val !== null) {
        this.nums.get(numId)!.abstractId = val;
      } else if (name === 'lvlOverride' && numId !== null) {
        overrideLvl = Number(xmlAttr(tok.attrs, 'w:ilvl') ?? 0);
      } else if (name === 'startOverride' && numId !== null && overrideLvl !== null && val !== null) {
        const o = this.nums.get(numId)!.overrides;
        o.set(overrideLvl, { ...o.get(overrideLvl), start: Number(val) });
      } else if (name === 'lvl') {
        level = { ilvl: Number(xmlAttr(tok.attrs, 'w:ilvl') ?? 0), lvl: {} };
        if (tok.selfClosing) level = null;
      } else if (level && name === 'start' && val !== null) level.lvl.start = Number(val);
      else if (level && name === 'numFmt' && val !== null) level.lvl.format = val;
      else if (level && name === 'lvlText' && val !== null) level.lvl.text = val;
    }
  }

  private level(numId: string, ilvl: number): Level | null {
    const num = this.nums.get(numId);
    if (!num) return null;
    const base = this.abstract.get(num.abstractId)?.get(ilvl);
    const override = num.overrides.get(ilvl);
    if (!base && !override) return null;
    return { format: 'decimal', text: `%${ilvl + 1}.`, start: 1, ...base, ...override };
  }

  /**
   * The number the next paragraph of this list at this level shows, e.g. （三）; '' for a bullet.
   * A number Word follows with a tab and no mark (%1) gets a full stop, so that it reads as a label.
   */
  next(numId: string, ilvl: number): string {
    const shown = this.render(numId, ilvl);
    return /[0-9A-Za-z]$/.test(shown) ? `${shown}.` : shown;
  }

  private render(numId: string, ilvl: number): string {
    const lvl = this.level(numId, ilvl);
    if (!lvl || numId === '0') return '';
    const counts = this.counters.get(numId) ?? [];
    for (let i = 0; i < ilvl; i++) counts[i] ??= (this.level(numId, i)?.start ?? 1) - 1;
    counts[ilvl] = counts[ilvl] === undefined ? lvl.start : counts[ilvl]! + 1;
    counts.length = ilvl + 1;
    this.counters.set(numId, counts);
    return lvl.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      const l = this.level(numId, i);
      return l ? formatNumber(Math.max(counts[i] ?? l.start, 1), l.format) : '';
    });
  }
}
