/**
 * What both ledger sheets share: a merged title row over a header row, both frozen and repeated
 * on every printed page; thin borders and wrapped text; column widths fitted to the Chinese text
 * they hold; A4 landscape, fitted to one page wide, with 第 N 页 共 M 页 in the footer.
 */
import type { Borders, Font, Worksheet } from 'exceljs';
import { a4LandscapeSetup, PAGE_FOOTER } from '../util/xlsx-page.js';

const GB2312 = 134;
const TITLE_FONT: Partial<Font> = { name: '方正小标宋简体', size: 18, charset: GB2312 };
const HEADER_FONT: Partial<Font> = { name: '黑体', size: 12, charset: GB2312 };
/** Title characters are this much wider than the 11 pt body characters width units count. */
const TITLE_SCALE = 18 / 11;
const BODY_FONT: Partial<Font> = { name: '宋体', size: 11, charset: GB2312 };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Display width in Excel's units: a CJK character counts two, ASCII one. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x1100 ? 1 : 2;
  return w;
}

export interface ColumnSpec {
  header: string;
  /** Narrowest and widest the column may be, in Excel width units. */
  min: number;
  max: number;
  align?: 'left' | 'center';
}

/** The widest line a column holds, kept between its bounds; longer text wraps. */
export function fittedWidth(spec: ColumnSpec, values: readonly (string | number)[]): number {
  const widest = Math.max(
    displayWidth(spec.header),
    ...values.map((v) => Math.max(0, ...String(v).split('\n').map(displayWidth))),
  );
  return Math.min(spec.max, Math.max(spec.min, widest + 2));
}

export function layOutSheet(
  sheet: Worksheet,
  title: string,
  columns: readonly ColumnSpec[],
  rows: readonly (readonly (string | number)[])[],
): void {
  sheet.columns = columns.map((c, i) => ({ width: fittedWidth(c, rows.map((r) => r[i] ?? '')) }));
  const titleRow = sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, columns.length);
  const totalWidth = columns.reduce((n, c, i) => n + (sheet.getColumn(i + 1).width ?? c.min), 0);
  const titleLines = Math.max(1, Math.ceil((displayWidth(title) * TITLE_SCALE) / totalWidth));
  titleRow.height = 12 + titleLines * 24;
  titleRow.getCell(1).font = TITLE_FONT;
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  const headerRow = sheet.addRow(columns.map((c) => c.header));
  headerRow.height = 24;
  headerRow.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  for (const values of rows) {
    const row = sheet.addRow([...values]);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.font = BODY_FONT;
      cell.border = BORDER;
      cell.alignment = { horizontal: c.align ?? 'left', vertical: 'middle', wrapText: true };
    });
  }

  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }];
  sheet.pageSetup = a4LandscapeSetup('1:2');
  sheet.headerFooter = PAGE_FOOTER as Worksheet['headerFooter'];
}
