/** Sheet 2, 单位视图: one row per unit with the numbers of the tasks it leads and supports. */
import type { Workbook } from 'exceljs';
import type { Notice } from '../model/notice.js';
import { UNIT_HEADER, unitRows } from './rows.js';
import { layOutSheet, type ColumnSpec } from './sheet-style.js';

export const UNIT_SHEET = '单位视图';

const BOUNDS: Record<(typeof UNIT_HEADER)[number], Omit<ColumnSpec, 'header'>> = {
  单位: { min: 14, max: 30 },
  类别: { min: 10, max: 16, align: 'center' },
  牵头任务: { min: 14, max: 40 },
  配合任务: { min: 14, max: 40 },
  合计: { min: 6, max: 8, align: 'center' },
};

export function addUnitSheet(book: Workbook, notice: Notice, title: string): void {
  const sheet = book.addWorksheet(UNIT_SHEET);
  const columns = UNIT_HEADER.map((header) => ({ header, ...BOUNDS[header] }));
  layOutSheet(sheet, title, columns, unitRows(notice));
}
