import { join } from 'node:path';
import * as ExcelJS from '../util/exceljs.js';
import { deterministicZip } from '../util/office-zip.js';
import { DubanError } from '../model/errors.js';
import type { Db } from '../store/db.js';
import { getNotice } from '../store/notices.js';
import { periodLabel, type Period } from '../store/periods.js';
import { receivingUnits, unitTasks, type HeldTask } from '../store/queries.js';
import { REPORT_STATUSES } from '../store/reports.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { distinctFileStems } from '../util/safe-filename.js';
import { ooxmlText, xmlSafe } from '../util/xml-safe.js';
import {
  FIRST_DATA_ROW,
  FORM_COLUMNS,
  FORM_LETTER,
  FORM_MARK,
  FORM_SHEET,
  FORM_VERSION,
  HEADER_ROW,
  META_KEYS,
  META_SHEET,
  META_TABLE_ROW,
  ROLE_LABEL,
  type ColumnKey,
} from './form-layout.js';
import { chineseDate } from './values.js';
import { a4LandscapeSetup, PAGE_FOOTER } from '../util/xlsx-page.js';

/** Everything one unit's form shows. */
export interface FormSpec {
  noticeKey: string;
  noticeHash: string;
  unit: string;
  period: Period;
  tasks: readonly HeldTask[];
}

/** The rows a task takes: one per target (at least one); the metadata sheet lists them. */
export interface FormRowRef {
  row: number;
  taskNo: number;
  /** 1-based target number, or 0 for a task without targets. */
  targetSeq: number;
}

const LAST_LETTER = FORM_LETTER.date;
const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LOCKED_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } };

export function formInstructions(due: string): string {
  return [
    '填报说明：1. 只在白色单元格填写；灰色单元格是任务信息，请勿修改，不要增删行列或改动工作表名称。',
    `2. 状态：从下拉列表选择“${REPORT_STATUSES.join('”“')}”之一；选“已完成”的，完成进度须为 100；选“滞后”的，须在“滞后原因”栏说明原因。`,
    '3. 完成进度(%)：0–100 的整数，即截至本期末本单位承担部分的完成程度。指标完成值：有量化指标的，填截至本期末的实际完成数（只填数字，计量单位同“量化指标”）。',
    '4. 进展情况、取得的成绩和经验、存在的问题、拟采取的措施：据实简要填写。填报日期：填实际报送日期，如 2014-04-03。',
    `5. 请于${chineseDate(due)}前报送。工作表已保护（无密码），只为防止误改任务信息。`,
  ].join('\n');
}

function targetText(t: HeldTask, seq: number): string {
  return t.targets[seq - 1]?.text ?? '无量化指标';
}

/** Builds the workbook for one unit and period. */
export function buildFormWorkbook(spec: FormSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const stamp = new Date(`${spec.period.start}T00:00:00Z`);
  wb.creator = 'duban';
  wb.lastModifiedBy = 'duban';
  wb.created = stamp;
  wb.modified = stamp;
  wb.title = xmlSafe(`${spec.unit}${periodLabel(spec.period)}工作任务进展情况反馈表`);

  const ws = wb.addWorksheet(FORM_SHEET, {
    properties: { defaultRowHeight: 18 },
    pageSetup: a4LandscapeSetup(`${HEADER_ROW}:${HEADER_ROW}`),
    headerFooter: PAGE_FOOTER,
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW, topLeftCell: `C${FIRST_DATA_ROW}` }],
  });
  ws.columns = FORM_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  writeHeaderBlock(ws, spec);
  const rows = writeTable(ws, spec.tasks);
  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    deleteRows: false,
    sort: false,
    autoFilter: false,
  });
  writeMetadata(wb, spec, rows);
  return wb;
}

function writeHeaderBlock(ws: ExcelJS.Worksheet, spec: FormSpec): void {
  const line = (row: number, from: string, to: string, text: string, font: Partial<ExcelJS.Font>, height?: number) => {
    ws.mergeCells(`${from}${row}:${to}${row}`);
    const cell = ws.getCell(`${from}${row}`);
    cell.value = text;
    cell.font = { name: FONT, size: 11, ...font };
    cell.alignment = { vertical: 'middle', horizontal: font.bold ? 'center' : 'left', wrapText: true };
    if (height) ws.getRow(row).height = height;
  };
  line(1, 'A', LAST_LETTER, `${periodLabel(spec.period)}工作任务进展情况反馈表`, { name: '黑体', size: 16, bold: true }, 30);
  line(2, 'A', LAST_LETTER, `通知：${spec.noticeKey}`, {});
  line(3, 'A', 'D', `填报单位：${spec.unit}`, { bold: false });
  line(3, 'E', 'H', `报送期：${periodLabel(spec.period)}（${spec.period.id}）`, {});
  line(3, 'I', LAST_LETTER, `报送截止：${chineseDate(spec.period.due)}`, {});
  line(4, 'A', LAST_LETTER, formInstructions(spec.period.due), { size: 9 }, 84);
  const header = ws.getRow(HEADER_ROW);
  header.height = 30;
  FORM_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  });
}

function writeTable(ws: ExcelJS.Worksheet, tasks: readonly HeldTask[]): FormRowRef[] {
  const refs: FormRowRef[] = [];
  let row = FIRST_DATA_ROW;
  for (const t of tasks) {
    const span = Math.max(1, t.targets.length);
    const last = row + span - 1;
    for (let k = 0; k < span; k++) {
      refs.push({ row: row + k, taskNo: t.no, targetSeq: t.targets.length ? k + 1 : 0 });
      ws.getRow(row + k).height = span === 1 ? 60 : Math.max(24, Math.ceil(60 / span));
      for (const c of FORM_COLUMNS) {
        const cell = ws.getCell(`${FORM_LETTER[c.key]}${row + k}`);
        styleCell(cell, c.fill && (c.key !== 'actual' || t.targets.length > 0));
        if (c.perTarget) {
          if (c.key === 'targets') cell.value = targetText(t, k + 1);
          else if (t.targets.length) cell.dataValidation = DECIMAL;
        }
      }
    }
    const master = (key: ColumnKey) => ws.getCell(`${FORM_LETTER[key]}${row}`);
    master('taskNo').value = t.no;
    master('title').value = t.title;
    master('role').value = ROLE_LABEL[t.role];
    master('status').dataValidation = STATUS_LIST;
    master('percent').dataValidation = PERCENT;
    master('percent').numFmt = '0';
    master('date').dataValidation = DATE;
    master('date').numFmt = 'yyyy-mm-dd';
    if (span > 1) {
      for (const c of FORM_COLUMNS) if (!c.perTarget) ws.mergeCells(`${FORM_LETTER[c.key]}${row}:${FORM_LETTER[c.key]}${last}`);
    }
    row = last + 1;
  }
  return refs;
}

function styleCell(cell: ExcelJS.Cell, editable: boolean): void {
  cell.font = { name: FONT, size: 10 };
  cell.alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
  cell.border = BORDER;
  if (editable) cell.protection = { locked: false };
  else cell.fill = LOCKED_FILL;
}

const STATUS_LIST: ExcelJS.DataValidation = {
  type: 'list',
  allowBlank: true,
  formulae: [`"${REPORT_STATUSES.join(',')}"`],
  showErrorMessage: true,
  errorTitle: '状态',
  error: `请从下拉列表选择：${REPORT_STATUSES.join('、')}`,
};
const PERCENT: ExcelJS.DataValidation = {
  type: 'whole',
  operator: 'between',
  allowBlank: true,
  formulae: [0, 100],
  showErrorMessage: true,
  errorTitle: '完成进度',
  error: '请填写 0 到 100 之间的整数',
};
const DECIMAL: ExcelJS.DataValidation = {
  type: 'decimal',
  operator: 'greaterThanOrEqual',
  allowBlank: true,
  formulae: [-1e12],
  showErrorMessage: true,
  errorTitle: '指标完成值',
  error: '请只填写数字（计量单位同“量化指标”）',
};
const DATE: ExcelJS.DataValidation = {
  type: 'date',
  operator: 'between',
  allowBlank: true,
  formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
  showErrorMessage: true,
  errorTitle: '填报日期',
  error: '请填写日期，如 2014-04-03',
};


function writeMetadata(wb: ExcelJS.Workbook, spec: FormSpec, rows: readonly FormRowRef[]): void {
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const pairs: [string, string | number][] = [
    [META_KEYS.mark, FORM_MARK],
    [META_KEYS.version, FORM_VERSION],
    [META_KEYS.notice, spec.noticeKey],
    [META_KEYS.noticeHash, spec.noticeHash],
    [META_KEYS.unit, spec.unit],
    [META_KEYS.period, spec.period.id],
    [META_KEYS.due, spec.period.due],
    [META_KEYS.headerRow, HEADER_ROW],
  ];
  pairs.forEach(([k, v], i) => {
    meta.getCell(i + 1, 1).value = k;
    meta.getCell(i + 1, 2).value = v;
  });
  meta.getRow(META_TABLE_ROW).values = ['行号', '任务序号', '指标序号'];
  rows.forEach((r, i) => (meta.getRow(META_TABLE_ROW + 1 + i).values = [r.row, r.taskNo, r.targetSeq]));
  void meta.protect('', {});
}

/** The form's bytes: identical for identical input (fixed dates, re-packed zip). */
export async function formBytes(spec: FormSpec): Promise<Buffer> {
  return workbookBytes(buildFormWorkbook(spec), spec.period.start);
}

export async function workbookBytes(wb: ExcelJS.Workbook, date: string): Promise<Buffer> {
  escapeStrings(wb);
  // Stored, not deflated: deterministicZip compresses once, on the re-pack.
  const raw = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions);
  return deterministicZip(new Uint8Array(raw as ArrayBuffer), date);
}

/**
 * exceljs writes strings as they are, dropping what XML cannot hold; escaped here, every string
 * cell (the unit and notice above all, which import matches on) reads back as the same text.
 * Merged cells other than the top-left one share its value and are skipped.
 */
function escapeStrings(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && (!cell.isMerged || cell.master === cell)) cell.value = ooxmlText(cell.value);
      }),
    ),
  );
}

export interface WrittenForm {
  unit: string;
  file: string;
  tasks: number;
}

/** Writes one form per unit holding tasks of the notice into `outDir`, named 单位-期别.xlsx. */
export async function writeForms(db: Db, noticeId: number, period: Period, outDir: string): Promise<WrittenForm[]> {
  const notice = getNotice(db, noticeId);
  if (!notice) throw new DubanError('internal', `数据库中没有编号为 ${noticeId} 的通知`);
  const units = receivingUnits(db, noticeId);
  const stems = distinctFileStems(units.map((u) => `${u.name}-${period.id}`));
  const out: WrittenForm[] = [];
  for (const [i, u] of units.entries()) {
    const tasks = unitTasks(db, noticeId, u.id);
    const bytes = await formBytes({ noticeKey: notice.key, noticeHash: notice.contentHash, unit: u.name, period, tasks });
    const file = join(outDir, `${stems[i]}.xlsx`);
    writeFileAtomic(file, bytes);
    out.push({ unit: u.name, file, tasks: tasks.length });
  }
  return out;
}
