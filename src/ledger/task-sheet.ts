/** Sheet 1, 任务台账: one row per task. */
import type { Workbook } from 'exceljs';
import type { Notice } from '../model/notice.js';
import { TASK_HEADER, taskRows } from './rows.js';
import { layOutSheet, type ColumnSpec } from './sheet-style.js';

export const TASK_SHEET = '任务台账';

const BOUNDS: Record<(typeof TASK_HEADER)[number], Omit<ColumnSpec, 'header'>> = {
  序号: { min: 6, max: 6, align: 'center' },
  章节: { min: 12, max: 24 },
  任务: { min: 12, max: 24 },
  主要内容: { min: 30, max: 60 },
  量化指标: { min: 12, max: 30 },
  时限: { min: 8, max: 14, align: 'center' },
  牵头单位: { min: 10, max: 16 },
  配合单位: { min: 12, max: 30 },
};

export function addTaskSheet(book: Workbook, notice: Notice, title: string): void {
  const sheet = book.addWorksheet(TASK_SHEET);
  const columns = TASK_HEADER.map((header) => ({ header, ...BOUNDS[header] }));
  layOutSheet(sheet, title, columns, taskRows(notice));
}
