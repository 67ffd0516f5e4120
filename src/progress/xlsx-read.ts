/**
 * A small, fast reader for the cell values of .xlsx workbooks (Excel, WPS, LibreOffice, exceljs).
 * Import reads hundreds of forms at a time, and exceljs spends ~10 ms building a full object
 * model for each; this reads only what import needs: sheet names and visibility, cell values
 * (shared, inline and formula strings, numbers, booleans, dates from date-formatted numbers and
 * ISO `t="d"` cells), whether a number is shown as a percentage, and merged ranges.
 * Not handled (not needed): formulas themselves (their cached result is used), styles beyond
 * number formats, rich-text formatting, strict-OOXML namespaces, encrypted workbooks.
 */
import { strFromU8 } from 'fflate';
import { OFFICE_ZIP_LIMITS, ZipLimitError, readZip } from '../util/zip-guard.js';
import type { CellRaw } from './values.js';

export interface XlsxCell {
  value: CellRaw;
  /** The cell's number format shows a percentage (0.8 displayed as 80%). */
  percent: boolean;
  /** A formula cell the file stores no calculated value for (written by a program, never opened in Excel): value is null. */
  uncachedFormula?: true;
}

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** row → column → cell, both 1-based. */
  rows: Map<number, Map<number, XlsxCell>>;
  merges: MergeRange[];
  maxRow: number;
  maxCol: number;
}

export class XlsxFormatError extends Error {}

/** The package passes a limit of the archive guard (entry count, inflated size, compression ratio). */
export class XlsxLimitError extends XlsxFormatError {}

const ATTR = /([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) {
    const key = m[1]!;
    const value = decodeXml(m[3] ?? m[4] ?? '');
    out[key] = value;
    // Writers differ in namespace prefixes (x:, ns1:); the local name serves when unambiguous.
    const local = key.replace(/^\w+:/, '');
    if (!(local in out)) out[local] = value;
  }
  return out;
}

export function decodeXml(s: string): string {
  // Most values (cell references, style numbers, plain text) have nothing to decode.
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
      switch (e) {
        case 'lt':
          return '<';
        case 'gt':
          return '>';
        case 'amp':
          return '&';
        case 'quot':
          return '"';
        case 'apos':
          return "'";
        default:
          return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      }
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text of all <t> elements in a fragment, phonetic runs (<rPh>) left out. */
function textOf(fragment: string): string {
  const clean = fragment.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const m of clean.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) out += decodeXml(m[1] ?? '');
  return out;
}

function elements(xml: string, tag: string): { attrs: string; body: string | null }[] {
  const re = new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/(?:\\w+:)?${tag}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => ({ attrs: m[1] ?? '', body: m[2] ?? null }));
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT_FORMATS = new Set([9, 10]);

interface NumberStyle {
  date: boolean;
  percent: boolean;
}

function classifyFormat(code: string): NumberStyle {
  // Quoted literals, escapes and [colour]/[locale] blocks say nothing about the kind.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return { date: /[ymdhs]/i.test(bare) && !/^general$/i.test(bare), percent: bare.includes('%') };
}

function readStyles(xml: string | undefined): NumberStyle[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const e of elements(xml, 'numFmt')) {
    const a = attrs(e.attrs);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return elements(cellXfs, 'xf').map((e) => {
    const id = Number(attrs(e.attrs).numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined) return classifyFormat(code);
    return { date: BUILTIN_DATE_FORMATS.has(id), percent: BUILTIN_PERCENT_FORMATS.has(id) };
  });
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { col: colIndex(m[1]!), row: Number(m[2]) } : null;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

function serialToDate(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? 1462 : 0);
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86_400_000));
}

/** Reads every worksheet of an .xlsx package. Throws XlsxFormatError for a package it cannot read. */
export function readXlsx(bytes: Uint8Array): XlsxSheet[] {
  let files: Record<string, Uint8Array>;
  try {
    files = readZip(bytes, (name) => name.endsWith('.xml') || name.endsWith('.rels'), OFFICE_ZIP_LIMITS);
  } catch (e) {
    if (e instanceof ZipLimitError) throw new XlsxLimitError(`拒绝读取：${e.message}`);
    throw new XlsxFormatError(`不是有效的 .xlsx 文件（${e instanceof Error ? e.message : String(e)}）`);
  }
  const text = (path: string) => (files[path] ? strFromU8(files[path]!) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new XlsxFormatError('不是有效的 .xlsx 文件（缺少 xl/workbook.xml）');
  const rels = new Map<string, string>();
  for (const e of elements(text('xl/_rels/workbook.xml.rels') ?? '', 'Relationship')) {
    const a = attrs(e.attrs);
    if (a.Id && a.Target) rels.set(a.Id, resolveTarget(a.Target));
  }
  const shared = elements(text('xl/sharedStrings.xml') ?? '', 'si').map((e) => textOf(e.body ?? ''));
  const styles = readStyles(text('xl/styles.xml'));
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*date1904\s*=\s*["'](1|true)["']/.test(workbook);

  return elements(workbook, 'sheet').map((e) => {
    const a = attrs(e.attrs);
    const path = rels.get(a['r:id'] ?? a.id ?? '') ?? '';
    const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
    return readSheet(a.name ?? '', state, text(path) ?? '', shared, styles, date1904);
  });
}

function readSheet(
  name: string,
  state: XlsxSheet['state'],
  xml: string,
  shared: readonly string[],
  styles: readonly NumberStyle[],
  date1904: boolean,
): XlsxSheet {
  const rows = new Map<number, Map<number, XlsxCell>>();
  let maxRow = 0;
  let maxCol = 0;
  const data = /<(?:\w+:)?sheetData\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheetData>/.exec(xml)?.[1] ?? '';
  let lastRow = 0;
  for (const rowEl of elements(data, 'row')) {
    const rowNo = Number(attrs(rowEl.attrs).r ?? lastRow + 1);
    lastRow = rowNo;
    let lastCol = 0;
    const cells = new Map<number, XlsxCell>();
    for (const c of elements(rowEl.body ?? '', 'c')) {
      const a = attrs(c.attrs);
      const ref = a.r ? parseRef(a.r) : null;
      const col = ref ? ref.col : lastCol + 1;
      lastCol = col;
      const style = styles[Number(a.s ?? 0)] ?? { date: false, percent: false };
      const value = cellValue(a.t ?? 'n', c.body ?? '', shared, style, date1904);
      if (value === null) {
        if (c.body && /<(?:\w+:)?f\b/.test(c.body) && !/<(?:\w+:)?v\b/.test(c.body)) {
          cells.set(col, { value: null, percent: style.percent, uncachedFormula: true });
          maxCol = Math.max(maxCol, col);
        }
        continue;
      }
      cells.set(col, { value, percent: style.percent && typeof value === 'number' });
      maxCol = Math.max(maxCol, col);
    }
    if (cells.size) {
      rows.set(rowNo, cells);
      maxRow = Math.max(maxRow, rowNo);
    }
  }
  const merges: MergeRange[] = [];
  for (const e of elements(xml, 'mergeCell')) {
    const [from, to] = (attrs(e.attrs).ref ?? '').split(':');
    const p = from ? parseRef(from) : null;
    const q = to ? parseRef(to) : p;
    if (p && q) merges.push({ top: p.row, left: p.col, bottom: q.row, right: q.col });
  }
  return { name, state, rows, merges, maxRow, maxCol };
}

function cellValue(t: string, body: string, shared: readonly string[], style: NumberStyle, date1904: boolean): CellRaw {
  const v = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
  switch (t) {
    case 's':
      return v === undefined ? null : (shared[Number(v)] ?? null);
    case 'inlineStr':
      return textOf(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1] ?? '');
    case 'str':
    case 'e':
      return v === undefined ? null : decodeXml(v);
    case 'b':
      return v === undefined ? null : v.trim() === '1';
    case 'd': {
      if (v === undefined) return null;
      const d = new Date(decodeXml(v).trim().replace(/^(\d{4}-\d{2}-\d{2})$/, '$1T00:00:00Z'));
      return Number.isNaN(d.getTime()) ? decodeXml(v) : d;
    }
    default: {
      if (v === undefined || v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return decodeXml(v);
      if (!style.date) return n;
      // A serial no calendar holds (1e308 in a date cell) stays a number for validation to refuse.
      const d = serialToDate(n, date1904);
      return Number.isNaN(d.getTime()) ? n : d;
    }
  }
}
