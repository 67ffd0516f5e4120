/**
 * A duban ledger (任务台账.xlsx), perhaps edited in Excel, WPS or LibreOffice, read back as the
 * notice it was made from. The visible sheet 任务台账 is the authority on which tasks there are,
 * in what order, and on each task's 章节, 任务, 主要内容, 量化指标, 时限, 牵头单位 and 配合单位;
 * the hidden sheet (meta-sheet.ts) supplies what the cells do not show (文号, dates, recipients,
 * chapter titles, printed labels, parsed targets and deadlines, unit spellings). A cell that still
 * shows what duban wrote keeps the hidden detail; an edited cell is read again: units resolved
 * against the unit directory, targets and deadlines found in the new text. Rows are matched to
 * the hidden tasks by 序号; a row whose 序号 is blank or unknown is a new task. Tasks are numbered
 * again in row order. The 单位视图 sheet is derived and ignored.
 */
import { DubanError } from '../model/errors.js';
import { diag, type Diagnostic } from '../model/diagnostic.js';
import type { Chapter, Notice, Task, UnitRef } from '../model/notice.js';
import { NOTICE_SCHEMA_VERSION } from '../model/notice.js';
import { readXlsx, XlsxFormatError, type XlsxSheet } from '../progress/xlsx-read.js';
import type { CellRaw } from '../progress/values.js';
import type { ParsedNotice } from '../parse/index.js';
import { taskTitle } from '../parse/notice.js';
import { findTargets } from '../parse/targets.js';
import { findDeadlines } from '../parse/deadlines.js';
import { directoryForMeta, effectiveDirectory, resolveNames, resummarise } from '../load/rebuild.js';
import { cellText, ledgerTitle, TASK_HEADER, taskRows } from './rows.js';
import { decodeTask, LEDGER_FORMAT, META_MARKER, META_SHEET, type LedgerHead } from './meta-sheet.js';

/** As in task-sheet.ts (which loads exceljs; reading a ledger does not need it). */
const TASK_SHEET = '任务台账';

/** A cell of 牵头单位 or 配合单位 longer than this is not a list of units. */
export const MAX_UNIT_CELL = 1000;
/** One unit name longer than this is not a unit name. */
export const MAX_UNIT_NAME = 100;

const COLUMN_LETTERS = 'ABCDEFGH';

/** True for xlsx bytes (a ZIP holding xl/workbook.xml). */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('xl/workbook.xml');
}

function text(v: CellRaw | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).replace(/\r\n?/g, '\n');
}

/** What a string written through cellText reads back as. */
function readBack(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\r\n?/g, '\n');
}

class Where {
  constructor(readonly file: string) {}
  fail(message: string, sheet?: string, row?: number, col?: number): never {
    const cell = row !== undefined ? `${col !== undefined ? COLUMN_LETTERS[col - 1] ?? '' : 'A'}${row}` : undefined;
    const where = row !== undefined ? `（第 ${row} 行${col !== undefined ? `，“${TASK_HEADER[col - 1]}”列` : ''}）` : '';
    throw new DubanError('content', `${message}${where}`, { file: this.file, sheet, cell });
  }
}

function readHidden(sheet: XlsxSheet, w: Where): { head: LedgerHead; tasks: Map<number, Task> } {
  const joined = (r: Map<number, { value: CellRaw }> | undefined, from: number) => {
    let s = '';
    if (!r) return s;
    for (let c = from; r.has(c); c++) s += text(r.get(c)!.value);
    return s;
  };
  const first = sheet.rows.get(1);
  if (text(first?.get(1)?.value) !== META_MARKER) w.fail('隐藏的 duban 信息表已损坏，请用 duban ledger 重新生成台账', META_SHEET, 1);
  const format = Number(first!.get(2)?.value);
  const schema = Number(first!.get(3)?.value);
  if (format > LEDGER_FORMAT || schema > NOTICE_SCHEMA_VERSION) {
    w.fail(`此台账由较新版本的 duban 生成（台账格式 ${format}，schemaVersion ${schema}），请升级 duban`, META_SHEET, 1);
  }
  let head: LedgerHead;
  try {
    head = JSON.parse(joined(first, 4)) as LedgerHead;
  } catch {
    w.fail('隐藏的 duban 信息表已损坏，请用 duban ledger 重新生成台账', META_SHEET, 1);
  }
  const tasks = new Map<number, Task>();
  for (const [r, row] of sheet.rows) {
    if (r === 1) continue;
    try {
      const t = decodeTask(JSON.parse(joined(row, 2)) as unknown[]);
      tasks.set(Number(row.get(1)?.value), t);
    } catch {
      w.fail('隐藏的 duban 信息表已损坏，请用 duban ledger 重新生成台账', META_SHEET, r);
    }
  }
  return { head, tasks };
}

function findHeader(sheet: XlsxSheet, w: Where): number {
  for (let r = 1; r <= Math.min(sheet.maxRow, 6); r++) {
    const row = sheet.rows.get(r);
    if (row && TASK_HEADER.every((h, i) => text(row.get(i + 1)?.value).trim() === h)) return r;
  }
  w.fail(`找不到表头（应在第 2 行，依次为 ${TASK_HEADER.join('、')}），请不要删除或改动表头`, TASK_SHEET, 2);
}

function splitNames(s: string): string[] {
  return s
    .split(/[、，,；;\n\/]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function yearOf(head: LedgerHead): number | null {
  const y = head.meta.signDate?.slice(0, 4) ?? head.meta.docNumber?.match(/〔(\d{4})〕/)?.[1] ?? head.meta.publishDate?.slice(0, 4) ?? null;
  return y ? Number(y) : null;
}

export interface LedgerReadOptions {
  unitsFile?: string;
}

/** Reads a ledger's bytes as the notice. Every problem is a DubanError naming sheet and cell. */
export function noticeFromLedger(file: string, bytes: Uint8Array, opts: LedgerReadOptions = {}): ParsedNotice {
  const w = new Where(file);
  let sheets: XlsxSheet[];
  try {
    sheets = readXlsx(bytes);
  } catch (e) {
    if (e instanceof XlsxFormatError) throw new DubanError('input', e.message, { file });
    throw e;
  }
  const visible = sheets.find((s) => s.name === TASK_SHEET);
  const hidden = sheets.find((s) => s.name === META_SHEET);
  if (!visible) {
    const first = sheets[0]?.name;
    throw new DubanError(
      'content',
      `不是 duban 生成的任务台账（没有“${TASK_SHEET}”工作表${first ? `，第一个工作表是“${first}”` : ''}）；请用 duban ledger 生成的台账，或直接使用通知文件`,
      { file, sheet: first, cell: first ? 'A1' : undefined },
    );
  }
  if (!hidden) {
    throw new DubanError(
      'content',
      `任务台账缺少 duban 的隐藏信息表（“${META_SHEET}”），可能是把表格复制到了新工作簿，或由旧版 duban 生成；请用 duban ledger 重新生成台账后再修改`,
      { file },
    );
  }
  const { head, tasks: original } = readHidden(hidden, w);
  const headerRow = findHeader(visible, w);
  const units = directoryForMeta(head.meta, opts.unitsFile);
  const dir = effectiveDirectory(head.meta, units);
  const year = yearOf(head);
  const knownNames = new Set(head.units.map((u) => u.name));
  const chapters: Chapter[] = head.chapters.map((c) => ({ ...c }));
  const diagnostics: Diagnostic[] = [];
  const warn = (row: number, col: number, message: string) =>
    diagnostics.push(diag('warning', 'ledger.cell', file, 0, `工作表“${TASK_SHEET}”单元格${COLUMN_LETTERS[col - 1]}${row}：${message}`));

  // The title row: 《…》任务分解台账 edited means the attachment title was.
  const meta = { ...head.meta };
  const titleCell = text(visible.rows.get(1)?.get(1)?.value).trim();
  const shown = readBack(cellText(ledgerTitle({ ...head, tasks: [], diagnostics: [] } as Notice)));
  if (headerRow > 1 && titleCell !== '' && titleCell !== shown && titleCell.endsWith('任务分解台账')) {
    meta.attachmentTitle = titleCell.slice(0, -'任务分解台账'.length) || null;
  }

  const used = new Set<number>();
  const built: { task: Task; oldNo: number | null; row: number }[] = [];
  const rowNos = [...visible.rows.keys()].filter((r) => r > headerRow).sort((a, b) => a - b);
  for (const r of rowNos) {
    const row = visible.rows.get(r)!;
    const cells = TASK_HEADER.map((_, i) => text(row.get(i + 1)?.value));
    if (cells.every((c) => c.trim() === '')) continue;
    const noCell = cells[0]!.trim();
    const oldNo = /^\d+$/.test(noCell) ? Number(noCell) : null;
    const before = oldNo !== null && !used.has(oldNo) ? original.get(oldNo) : undefined;
    if (before) used.add(oldNo!);
    const was = before
      ? taskRows({ ...head, meta: head.meta, chapters: head.chapters, tasks: [before], diagnostics: [] } as Notice)[0]!.map((v) => readBack(String(v)))
      : null;
    const changed = (col: number) => !was || was[col - 1] !== cells[col - 1];

    for (const col of [7, 8]) {
      if (!changed(col)) continue;
      const v = cells[col - 1]!;
      if (v.length > MAX_UNIT_CELL) w.fail(`${TASK_HEADER[col - 1]}一格有 ${v.length} 个字，超过 ${MAX_UNIT_CELL} 字，不像单位名称（是否把任务内容粘贴到了单位列？）`, TASK_SHEET, r, col);
      for (const name of splitNames(v)) {
        if (name.length > MAX_UNIT_NAME) w.fail(`单位名称“${name.slice(0, 20)}…”有 ${name.length} 个字，超过 ${MAX_UNIT_NAME} 字`, TASK_SHEET, r, col);
      }
    }

    const task: Task = before
      ? { ...before, units: [...before.units], targets: [...before.targets], deadlines: [...before.deadlines], keywords: [...before.keywords] }
      : { no: 0, label: noCell || '', chapter: null, section: null, parent: null, title: '', text: '', units: [], targets: [], deadlines: [], keywords: [], line: 0 };

    if (changed(2)) {
      const c = cells[1]!.trim();
      const m = /^([^、]{1,12})、(.*)$/s.exec(c);
      if (c === '') task.chapter = null;
      else if (m) {
        task.chapter = m[1]!;
        const ch = chapters.find((x) => x.no === m[1]);
        if (!ch) chapters.push({ no: m[1]!, title: m[2]!.trim(), line: 0 });
        else if (ch.title !== m[2]!.trim() && before) ch.title = m[2]!.trim();
      } else task.chapter = c;
      if (before && task.chapter !== before.chapter) task.section = null;
    }
    const textChanged = changed(4);
    if (textChanged) {
      task.text = cells[3]!.trim();
      if (task.text === '') w.fail('主要内容为空：删除任务请删除整行', TASK_SHEET, r, 4);
    }
    if (changed(3)) task.title = cells[2]!.trim() || taskTitle(task.text);
    if (changed(5) && (before || cells[4]!.trim() !== '')) {
      task.targets = splitPieces(cells[4]!).flatMap((p) => {
        const found = findTargets(p);
        if (found.length === 0) warn(r, 5, `未能识别量化指标“${p}”（需含数字和计量单位），已略去`);
        return found;
      });
    } else if (textChanged) task.targets = findTargets(task.text);
    if (changed(6) && (before || cells[5]!.trim() !== '')) {
      task.deadlines = splitPieces(cells[5]!).flatMap((p) => {
        const found = findDeadlines(p, year);
        if (found.length === 0) warn(r, 6, `未能识别时限“${p}”，已略去`);
        return found;
      });
    } else if (textChanged) task.deadlines = findDeadlines(task.text, year);
    if (changed(7) || changed(8)) task.units = rebuildUnits(before, cells, r, knownNames, dir, warn);
    built.push({ task, oldNo: before ? oldNo : null, row: r });
  }
  if (built.length === 0) w.fail('任务台账中没有任务行', TASK_SHEET, headerRow + 1);

  // Number again in row order; parents follow their tasks, a deleted parent leaves none.
  const newNo = new Map<number, number>();
  built.forEach((b, i) => {
    if (b.oldNo !== null) newNo.set(b.oldNo, i + 1);
  });
  const tasks = built.map((b, i) => {
    const t = b.task;
    t.no = i + 1;
    if (!t.label) t.label = String(i + 1);
    t.parent = t.parent !== null ? (newNo.get(t.parent) ?? null) : null;
    return t;
  });
  const parents = new Set(tasks.map((t) => t.parent));
  for (const b of built) {
    if (b.task.units.length === 0 && !parents.has(b.task.no)) {
      diagnostics.push(diag('warning', 'task.no-units', file, 0, `工作表“${TASK_SHEET}”第 ${b.row} 行：任务没有牵头单位和配合单位`));
    }
  }
  const notice: Notice = {
    schemaVersion: head.schemaVersion,
    source: head.source,
    meta,
    planDeadline: head.planDeadline,
    planRecipient: head.planRecipient,
    chapters,
    tasks,
    units: resummarise(tasks, head.units, dir),
    diagnostics,
  };
  return { notice, units };
}

function splitPieces(s: string): string[] {
  return s
    .split(/[；;\n]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Units from the two unit cells: leads then supports, each spelling kept when the unit was there before. */
function rebuildUnits(
  before: Task | undefined,
  cells: readonly string[],
  row: number,
  known: ReadonlySet<string>,
  dir: Parameters<typeof resolveNames>[2],
  warn: (row: number, col: number, message: string) => void,
): UnitRef[] {
  const out: UnitRef[] = [];
  for (const [col, role] of [
    [7, 'lead'],
    [8, 'support'],
  ] as const) {
    const names = splitNames(cells[col - 1]!);
    const refs = resolveNames(
      names.map((raw) => ({ raw, role })),
      known,
      dir,
      (raw, name) => warn(row, col, `单位“${raw}”不在单位名录中，已按“${name}”保留`),
    );
    for (const ref of refs) {
      if (out.some((u) => u.name === ref.name)) continue;
      const prior = before?.units.find((u) => u.name === ref.name);
      out.push({ raw: prior?.raw ?? ref.raw, name: ref.name, role });
    }
  }
  return out;
}
