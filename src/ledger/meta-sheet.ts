/**
 * The ledger's hidden sheet (duban): what the notice holds beyond the visible cells, so that the
 * ledger, edited in Excel, WPS or LibreOffice, can be read back as the notice (src/ledger/read.ts).
 * Row 1: the marker, the ledger format and the Notice schemaVersion, then the notice without its
 * tasks and diagnostics as JSON. Row 1 + n: task n as JSON. JSON longer than a cell holds is cut
 * into pieces over the following cells of its row. The sheet is very hidden: the ledger looks as
 * it did.
 */
import type { Workbook } from 'exceljs';
import type { Notice, Task } from '../model/notice.js';
import { ooxmlText } from '../util/xml-safe.js';

export const META_SHEET = 'duban';
export const META_MARKER = 'duban-ledger';
/** Changes when the hidden sheet's layout does. */
export const LEDGER_FORMAT = 1;
const PIECE = 8000;

/** The notice as the hidden sheet keeps it (tasks in rows of their own). */
export type LedgerHead = Omit<Notice, 'tasks' | 'diagnostics'>;

export function pieces(json: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += PIECE) {
    let end = Math.min(json.length, i + PIECE);
    // Never split a surrogate pair between two cells.
    if (end < json.length && /[\ud800-\udbff]/.test(json[end - 1]!)) end--;
    out.push(ooxmlText(json.slice(i, end)));
    i = end - PIECE;
  }
  return out.length ? out : [''];
}

export function addMetaSheet(book: Workbook, notice: Notice): void {
  const sheet = book.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const { tasks: _t, diagnostics: _d, ...head } = notice;
  sheet.addRow([META_MARKER, LEDGER_FORMAT, notice.schemaVersion, ...pieces(JSON.stringify(head satisfies LedgerHead))]);
  for (const t of notice.tasks) sheet.addRow([t.no, ...pieces(JSON.stringify(t satisfies Task))]);
}
