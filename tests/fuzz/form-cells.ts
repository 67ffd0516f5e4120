/**
 * Pieces of the form-cells suite (form-cells.test.ts): cell values as spreadsheet programs and
 * careless hands write them, each with what a correct import must make of it in its column; the
 * edits that put them into a filled form's XML (cells, merges, stray rows, the metadata sheet
 * removed); and a dump of the database to compare before and after an import.
 *
 * The verdicts are written by hand from the form's instructions (formInstructions in
 * src/progress/form-write.ts), not computed by the code under test: 'valid' with the value the
 * database must then hold, 'invalid' (the import must refuse the file and name this cell), 'blank',
 * or 'either' where a reasonable reader may go both ways.
 */
import { strFromU8, strToU8, zipSync, unzipSync } from 'fflate';
import fc from 'fast-check';
import type { Db } from '../../src/store/db.js';

/** How a value is written into the sheet XML. */
export type Written =
  | { t: 'number'; v: string }
  | { t: 'inline'; v: string; raw?: boolean }
  | { t: 'shared'; v: string }
  | { t: 'rich'; runs: string[]; phonetic?: string }
  | { t: 'bool'; v: boolean }
  | { t: 'error'; v: string }
  | { t: 'formula'; f: string; cached: { t: 'str' | 'n'; v: string } | null }
  | { t: 'iso'; v: string }
  | { t: 'empty' };

export type Verdict<V> = { kind: 'valid'; value: V } | { kind: 'invalid' } | { kind: 'blank' } | { kind: 'either' };

export interface Planted<V = unknown> {
  label: string;
  cell: Written;
  verdict: Verdict<V>;
}

const valid = <V>(value: V): Verdict<V> => ({ kind: 'valid', value });
const INVALID = { kind: 'invalid' } as const;
const BLANK = { kind: 'blank' } as const;
const EITHER = { kind: 'either' } as const;

const num = (v: number | string): Written => ({ t: 'number', v: String(v) });
const text = (v: string): Written => ({ t: 'inline', v });
const p = <V>(label: string, cell: Written, verdict: Verdict<V>): Planted<V> => ({ label, cell, verdict });

const HUGE = '进'.repeat(10_000);
const HUGE_DIGITS = '9'.repeat(400);

/** Values that mean nothing in any column but a free-text one. */
const COMMON_BAD: Planted<never>[] = [
  p('TRUE', { t: 'bool', v: true }, INVALID),
  p('FALSE', { t: 'bool', v: false }, INVALID),
  p('#DIV/0!', { t: 'error', v: '#DIV/0!' }, INVALID),
  p('#N/A', { t: 'error', v: '#N/A' }, INVALID),
  p('#VALUE! formula', { t: 'formula', f: '1+"a"', cached: null }, BLANK),
  p('10,000 characters', text(HUGE), INVALID),
  p('NaN', text('NaN'), INVALID),
  p('undefined', text('undefined'), INVALID),
];

const BLANKS: Planted<never>[] = [
  p('empty cell', { t: 'empty' }, BLANK),
  p('empty string', text(''), BLANK),
  p('spaces', text('   '), BLANK),
  p('ideographic space', text('\u3000'), BLANK),
  p('tab and newline', text('\t\n'), BLANK),
  p('empty shared string', { t: 'shared', v: '' }, BLANK),
];

/** 完成进度(%): 0–100; a trailing %, full-width digits and spaces are tolerated. */
export const PERCENT: Planted<number>[] = [
  p('0', num(0), valid(0)),
  p('100', num(100), valid(100)),
  p('37', num(37), valid(37)),
  p('50.5', num(50.5), valid(50.5)),
  p('99.994 (rounds to 99.99)', num(99.994), valid(99.99)),
  p('100.004 (rounds to 100)', num(100.004), valid(100)),
  p('100.5', num(100.5), INVALID),
  p('150', num(150), INVALID),
  p('-5', num(-5), INVALID),
  p('-0.001', num(-0.001), EITHER),
  p('1e308', num('1e308'), INVALID),
  p('-1e308', num('-1e308'), INVALID),
  p('<v>NaN</v>', num('NaN'), INVALID),
  p('<v>1e400</v>', num('1e400'), INVALID),
  p('text 80', text('80'), valid(80)),
  p('full-width ８０', text('８０'), valid(80)),
  p('80%', text('80%'), valid(80)),
  p('full-width ８０％', text('８０％'), valid(80)),
  p(' 80 ', text(' 80 '), valid(80)),
  p('.5', text('.5'), valid(0.5)),
  p('+60', text('+60'), valid(60)),
  p('shared 45', { t: 'shared', v: '45' }, valid(45)),
  p('rich 6|5', { t: 'rich', runs: ['6', '5'] }, valid(65)),
  p('formula cached 30', { t: 'formula', f: 'SUM(10,20)', cached: { t: 'n', v: '30' } }, valid(30)),
  p('formula cached 300', { t: 'formula', f: 'SUM(100,200)', cached: { t: 'n', v: '300' } }, INVALID),
  p('1,000', text('1,000'), INVALID),
  p('Infinity', text('Infinity'), INVALID),
  p('-Infinity', text('-Infinity'), INVALID),
  p('五十', text('五十'), INVALID),
  p('50分', text('50分'), INVALID),
  p('0x32', text('0x32'), INVALID),
  p('1e2', text('1e2'), EITHER),
  p('400 nines', text(HUGE_DIGITS), INVALID),
  p('ISO date cell', { t: 'iso', v: '2014-04-03T00:00:00Z' }, INVALID),
  p('status text in percent', text('推进中'), INVALID),
  p('control before 50', { t: 'inline', v: '\u000150' }, INVALID),
  ...COMMON_BAD,
  ...BLANKS,
];

/** 状态: one of the four, spaces and width ignored. */
export const STATUS: Planted<string>[] = [
  p('未启动', text('未启动'), valid('未启动')),
  p('推进中', text('推进中'), valid('推进中')),
  p('已完成', text('已完成'), valid('已完成')),
  p('滞后', text('滞后'), valid('滞后')),
  p('推 进 中', text('推 进 中'), valid('推进中')),
  p('推　进　中', text('推　进　中'), valid('推进中')),
  p(' 滞后\\n', text(' 滞后\n'), valid('滞后')),
  p('shared 推进中', { t: 'shared', v: '推进中' }, valid('推进中')),
  p('rich 推进|中', { t: 'rich', runs: ['推进', '中'], phonetic: 'スイシン' }, valid('推进中')),
  p('formula "推进中"', { t: 'formula', f: '"推进"&"中"', cached: { t: 'str', v: '推进中' } }, valid('推进中')),
  p('完成', text('完成'), INVALID),
  p('进行中', text('进行中'), INVALID),
  p('已完成。', text('已完成。'), INVALID),
  p('Done', text('Done'), INVALID),
  p('number 1', num(1), INVALID),
  p('escaped control _x0001_推进中', text('_x0001_推进中'), INVALID),
  p('raw control (ill-formed XML)', { t: 'inline', v: '\u0001推进中', raw: true }, EITHER),
  p('{{status}}', text('{{status}}'), INVALID),
  p('<script>', text('<script>alert(1)</script>'), INVALID),
  ...COMMON_BAD,
  ...BLANKS,
];

/** 填报日期: a date from 1990 to 2099, as a date cell or in the usual Chinese spellings. */
export const DATE: Planted<string>[] = [
  p('serial 41732', num(41732), valid('2014-04-03')),
  p('serial 41732.75', num(41732.75), valid('2014-04-03')),
  p('serial 0', num(0), INVALID),
  p('serial -1', num(-1), INVALID),
  p('serial 2958466', num(2958466), INVALID),
  p('serial 1e308', num('1e308'), INVALID),
  p('2014/4/3', text('2014/4/3'), valid('2014-04-03')),
  p('2014.04.03', text('2014.04.03'), valid('2014-04-03')),
  p('2014年4月3日', text('2014年4月3日'), valid('2014-04-03')),
  p('２０１４－０４－０３', text('２０１４－０４－０３'), valid('2014-04-03')),
  p('20140403', text('20140403'), valid('2014-04-03')),
  p('2014-4-3 10:30', text('2014-4-3 10:30'), valid('2014-04-03')),
  p('ISO date cell', { t: 'iso', v: '2014-04-03T00:00:00Z' }, valid('2014-04-03')),
  p('ISO date cell 1899', { t: 'iso', v: '1899-12-30T00:00:00Z' }, INVALID),
  p('ISO date cell garbage', { t: 'iso', v: 'soon' }, INVALID),
  p('3/4/2014', text('3/4/2014'), INVALID),
  p('04-03-2014', text('04-03-2014'), INVALID),
  p('2014-13-01', text('2014-13-01'), INVALID),
  p('2014-02-30', text('2014-02-30'), INVALID),
  p('1899-12-30', text('1899-12-30'), INVALID),
  p('2100-01-01', text('2100-01-01'), INVALID),
  p('April 3, 2014', text('April 3, 2014'), INVALID),
  p('二〇一四年四月三日', text('二〇一四年四月三日'), EITHER),
  p('2014-04-03T10:00', text('2014-04-03T10:00'), EITHER),
  p('下周', text('下周'), INVALID),
  ...COMMON_BAD,
  ...BLANKS,
];

/** 指标完成值 on a target row: a number in the target's unit. */
export const ACTUAL: Planted<number>[] = [
  p('5.2', num(5.2), valid(5.2)),
  p('-3', num(-3), valid(-3)),
  p('0', num(0), valid(0)),
  p('6,300', text('6,300'), valid(6300)),
  p('１.８', text('１.８'), valid(1.8)),
  p('16%', text('16%'), valid(16)),
  p('abc', text('abc'), INVALID),
  p('40家', text('40家'), INVALID),
  p('400 nines', text(HUGE_DIGITS), INVALID),
  p('<v>1e400</v>', num('1e400'), INVALID),
  p('1e308', num('1e308'), valid(1e308)),
  p('1e5 as text', text('1e5'), EITHER),
  ...COMMON_BAD,
  ...BLANKS,
];

/** Free text columns take anything that is text. */
export const TEXT: Planted<string>[] = [
  p('10,000 characters', text(HUGE), EITHER),
  p('control characters', text('_x0007_响铃_x001B_'), EITHER),
  p('raw control (ill-formed XML)', { t: 'inline', v: 'a\u0002b', raw: true }, EITHER),
  p('formula', { t: 'formula', f: 'A1&"x"', cached: { t: 'str', v: '1x' } }, EITHER),
  p('number', num(42), EITHER),
  p('bool', { t: 'bool', v: true }, EITHER),
  p('date cell', { t: 'iso', v: '2014-04-03' }, EITHER),
  p('rich text', { t: 'rich', runs: ['加粗', '正文'] }, EITHER),
  p('emoji and RTL', text('进展👍\u202e顺利'), EITHER),
  p('{{x}} and <w:t>', text('{{x}}<w:t>]]>&amp;'), EITHER),
  p('error', { t: 'error', v: '#REF!' }, EITHER),
  ...BLANKS,
];

/** Anything in the 指标完成值 cell of a task without targets is out of place. */
export const ACTUAL_WITHOUT_TARGET: Planted<never>[] = [
  p('5', num(5), INVALID),
  p('text 5', text('5'), INVALID),
  p('abc', text('abc'), INVALID),
  ...BLANKS,
];

// ---------------------------------------------------------------------------------------------
// Writing into the sheet XML.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** OOXML's own escape for what XML cannot hold (_x0001_), unless the file is to be ill-formed. */
function xmlText(s: string, raw = false): string {
  const e = esc(s);
  return raw ? e : e.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const tText = (s: string, raw = false) => `<t xml:space="preserve">${xmlText(s, raw)}</t>`;

export interface Package {
  parts: Record<string, Uint8Array>;
  sheet: string;
  shared: string[];
}

export function cellXml(ref: string, style: string, w: Written, pkg: Package): string {
  const open = (t?: string) => `<c r="${ref}"${style}${t ? ` t="${t}"` : ''}>`;
  switch (w.t) {
    case 'number':
      return `${open()}<v>${w.v}</v></c>`;
    case 'inline':
      return `${open('inlineStr')}<is>${tText(w.v, w.raw)}</is></c>`;
    case 'shared':
      pkg.shared.push(`<si>${tText(w.v)}</si>`);
      return `${open('s')}<v>${pkg.shared.length - 1}</v></c>`;
    case 'rich': {
      const runs = w.runs.map((r, i) => `<r>${i % 2 ? '<rPr><b/><sz val="11"/></rPr>' : ''}${tText(r)}</r>`).join('');
      const ph = w.phonetic ? `<rPh sb="0" eb="1">${tText(w.phonetic)}</rPh>` : '';
      return `${open('inlineStr')}<is>${runs}${ph}</is></c>`;
    }
    case 'bool':
      return `${open('b')}<v>${w.v ? 1 : 0}</v></c>`;
    case 'error':
      return `${open('e')}<v>${esc(w.v)}</v></c>`;
    case 'formula':
      if (!w.cached) return `${open()}<f>${esc(w.f)}</f></c>`;
      return `${open(w.cached.t === 'str' ? 'str' : undefined)}<f>${esc(w.f)}</f><v>${esc(w.cached.v)}</v></c>`;
    case 'iso':
      return `${open('d')}<v>${esc(w.v)}</v></c>`;
    case 'empty':
      return `<c r="${ref}"${style}/>`;
  }
}

const colNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
const splitRef = (ref: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return { col: colNumber(m[1]!), row: Number(m[2]) };
};

/** Puts a value into a cell, keeping the cell's style (a date cell stays date-formatted). */
export function setCell(pkg: Package, ref: string, w: Written): void {
  const existing = new RegExp(`<c r="${ref}"((?: [a-z]+="[^"]*")*)\\s*(?:/>|>[\\s\\S]*?</c>)`);
  const m = existing.exec(pkg.sheet);
  if (m) {
    const style = / s="\d+"/.exec(m[1] ?? '')?.[0] ?? '';
    pkg.sheet = pkg.sheet.slice(0, m.index) + cellXml(ref, style, w, pkg) + pkg.sheet.slice(m.index + m[0].length);
    return;
  }
  const { row, col } = splitRef(ref);
  const xml = cellXml(ref, '', w, pkg);
  const rowRe = new RegExp(`<row r="${row}"[^>]*?(?:/>|>([\\s\\S]*?)</row>)`);
  const r = rowRe.exec(pkg.sheet);
  if (r) {
    const cells = r[1] ?? '';
    let at = cells.length;
    for (const c of cells.matchAll(/<c r="([A-Z]+)\d+"/g)) {
      if (colNumber(c[1]!) > col) {
        at = c.index!;
        break;
      }
    }
    const open = r[0].endsWith('/>') ? r[0].slice(0, -2) + '>' : r[0].slice(0, r[0].length - cells.length - '</row>'.length);
    const rebuilt = `${open}${cells.slice(0, at)}${xml}${cells.slice(at)}</row>`;
    pkg.sheet = pkg.sheet.slice(0, r.index) + rebuilt + pkg.sheet.slice(r.index + r[0].length);
    return;
  }
  // A new row, in row order.
  let insertAt = pkg.sheet.indexOf('</sheetData>');
  for (const rr of pkg.sheet.matchAll(/<row r="(\d+)"/g)) {
    if (Number(rr[1]) > row) {
      insertAt = rr.index!;
      break;
    }
  }
  pkg.sheet = `${pkg.sheet.slice(0, insertAt)}<row r="${row}">${xml}</row>${pkg.sheet.slice(insertAt)}`;
}

export function addMerge(pkg: Package, range: string): void {
  if (pkg.sheet.includes('</mergeCells>')) pkg.sheet = pkg.sheet.replace('</mergeCells>', `<mergeCell ref="${range}"/></mergeCells>`);
  else pkg.sheet = pkg.sheet.replace('</sheetData>', `</sheetData><mergeCells><mergeCell ref="${range}"/></mergeCells>`);
}

/** The merged ranges the sheet declares, as {top,left,bottom,right}. */
export function merges(sheetXml: string): { top: number; left: number; bottom: number; right: number }[] {
  return [...sheetXml.matchAll(/<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"/g)].map((m) => {
    const a = splitRef(m[1]!);
    const b = splitRef(m[2]!);
    return { top: a.row, left: a.col, bottom: b.row, right: b.col };
  });
}

/** Removes the hidden 元数据 sheet: the import must then read the identity from the header rows. */
export function dropMetadata(pkg: Package): void {
  const wb = strFromU8(pkg.parts['xl/workbook.xml']!);
  const sheet = /<sheet [^>]*name="元数据"[^>]*r:id="(rId\d+)"[^>]*\/>/.exec(wb);
  if (!sheet) throw new Error('no metadata sheet');
  pkg.parts['xl/workbook.xml'] = strToU8(wb.replace(sheet[0], ''));
  const rels = strFromU8(pkg.parts['xl/_rels/workbook.xml.rels']!);
  const rel = new RegExp(`<Relationship Id="${sheet[1]}"[^>]*Target="([^"]+)"[^>]*/>`).exec(rels)!;
  pkg.parts['xl/_rels/workbook.xml.rels'] = strToU8(rels.replace(rel[0], ''));
  const part = `xl/${rel[1]}`;
  delete pkg.parts[part];
  const types = strFromU8(pkg.parts['[Content_Types].xml']!);
  pkg.parts['[Content_Types].xml'] = strToU8(types.replace(new RegExp(`<Override PartName="/${part}"[^>]*/>`), ''));
}

export const FORM_SHEET_PART = 'xl/worksheets/sheet1.xml';

export function openPackage(bytes: Uint8Array): Package {
  const parts = unzipSync(bytes);
  const sst = strFromU8(parts['xl/sharedStrings.xml']!);
  const shared = [...sst.matchAll(/<si>[\s\S]*?<\/si>/g)].map((m) => m[0]);
  return { parts, sheet: strFromU8(parts[FORM_SHEET_PART]!), shared };
}

export function packageBytes(pkg: Package): Uint8Array {
  const sst = strFromU8(pkg.parts['xl/sharedStrings.xml']!);
  const head = sst.slice(0, sst.indexOf('<si>') >= 0 ? sst.indexOf('<si>') : sst.indexOf('</sst>'));
  const parts = {
    ...pkg.parts,
    [FORM_SHEET_PART]: strToU8(pkg.sheet),
    'xl/sharedStrings.xml': strToU8(`${head.replace(/ (count|uniqueCount)="\d+"/g, ` $1="${pkg.shared.length}"`)}${pkg.shared.join('')}</sst>`),
  };
  return zipSync(parts, { level: 1 });
}

// ---------------------------------------------------------------------------------------------
// The database, all of it.

/** Every table's rows in rowid order, as one JSON string: equal dumps, equal content. */
export function dumpDatabase(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT rowid AS _rowid, * FROM "${t}" ORDER BY rowid`).all();
  return JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `#${String(v)}` : v));
}

/** One planted value for fast-check, from a list. */
export const oneOf = <V>(list: readonly Planted<V>[]): fc.Arbitrary<Planted<V>> => fc.constantFrom(...list);
