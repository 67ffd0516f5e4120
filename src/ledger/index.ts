/**
 * The task ledger (任务分解台账) as an Excel workbook: 任务台账 (a row per task) and 单位视图
 * (a row per unit). The same notice and date always give the same bytes.
 */
import * as ExcelJS from '../util/exceljs.js';
import type { Notice } from '../model/notice.js';
import { DubanError } from '../model/errors.js';
import { xmlSafe } from '../util/xml-safe.js';
import { cellText, ledgerTitle } from './rows.js';
import { addTaskSheet } from './task-sheet.js';
import { addUnitSheet } from './unit-sheet.js';
import { addMetaSheet } from './meta-sheet.js';
import { deterministicZip, packageTimestamp } from '../util/office-zip.js';

export { TASK_SHEET } from './task-sheet.js';
export { UNIT_SHEET } from './unit-sheet.js';
export { META_SHEET } from './meta-sheet.js';

export interface LedgerOptions {
  /** ISO date stamped into the workbook; default the notice's 成文日期, then its publish date. */
  date?: string;
  /** Title of sheet 1; default 《attachment title》任务分解台账. */
  title?: string;
}

export { ledgerTitle } from './rows.js';

export function ledgerDate(notice: Notice, opts: LedgerOptions = {}): string | null {
  return opts.date ?? notice.meta.signDate ?? notice.meta.publishDate ?? null;
}

export async function writeLedger(notice: Notice, opts: LedgerOptions = {}): Promise<Buffer> {
  const date = ledgerDate(notice, opts);
  const stamp = new Date(packageTimestamp(date));
  const plainTitle = opts.title ?? ledgerTitle(notice);
  const title = cellText(plainTitle);
  const book = new ExcelJS.Workbook();
  book.creator = 'duban';
  book.lastModifiedBy = 'duban';
  // Document properties are plain XML text: no _xHHHH_ escapes there.
  book.title = xmlSafe(plainTitle);
  book.created = stamp;
  book.modified = stamp;
  addTaskSheet(book, notice, title);
  addUnitSheet(book, notice, '各单位承担任务统计');
  addMetaSheet(book, notice);
  try {
    // Stored, not deflated: deterministicZip compresses every part once anyway.
    const raw = await book.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions);
    return deterministicZip(new Uint8Array(raw as ArrayBuffer), date);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DubanError('internal', `生成任务台账失败（${reason}）`);
  }
}
