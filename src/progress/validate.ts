/**
 * Checks a read form against the database and turns its rows into reports. Every problem is
 * collected (not just the first), each naming its cell; a form with any problem imports nothing.
 */
import type { Db } from '../store/db.js';
import { findNoticeByKey, noticesForPeriod, type NoticeRecord } from '../store/notices.js';
import { getPeriod, parsePeriodId, type Period } from '../store/periods.js';
import { findUnit, noticeTaskNumbers, unitTasks, type HeldTask, type UnitRecord } from '../store/queries.js';
import type { NewReport } from '../store/reports.js';
import { columnByKey, type ColumnKey } from './form-layout.js';
import type { CellAt, FilledForm, TaskBlock } from './form-read.js';
import type { FormIssue } from './issues.js';
import { checkEntry, type EntryIssue } from './entry.js';
import { cellText, isBlank } from './values.js';

export interface ValidatedForm {
  notice: NoticeRecord | null;
  unit: UnitRecord | null;
  period: Period | null;
  reports: NewReport[];
  /** Task numbers whose rows were left entirely blank (not reported, not an error). */
  blank: number[];
  /** Tasks the unit holds whose rows are not in the form at all (deleted): not reported, a warning. */
  missing: number[];
  /** Said but not stopping the import (a deleted task row). */
  warnings: FormIssue[];
  issues: FormIssue[];
}

export interface ValidateOptions {
  /** Submission date (ISO) for rows that give none, when no row of the file gives one: the day of import. */
  fallbackDate: string;
  /** Task numbers per notice id, shared across the files of one import batch. */
  taskNumbers?: Map<number, Set<number>>;
}

type Where = (cell: CellAt | null, key: ColumnKey | null, message: string) => FormIssue;

export function validateForm(db: Db, form: FilledForm, opts: ValidateOptions): ValidatedForm {
  const out: ValidatedForm = { notice: null, unit: null, period: null, reports: [], blank: [], missing: [], warnings: [], issues: [...form.issues] };
  if (out.issues.length) return out;
  const sheet = form.sheet ? { sheet: form.sheet } : {};
  const where: Where = (cell, key, message) => ({
    file: form.file,
    ...sheet,
    ...(cell ? { row: cell.row, cell: cell.address } : {}),
    ...(key ? { column: columnByKey(key).header } : {}),
    message,
  });
  const fileIssue = (message: string) => void out.issues.push({ file: form.file, ...sheet, message });

  out.period = resolvePeriod(db, form, fileIssue);
  out.notice = resolveNotice(db, form, out.period, fileIssue);
  if (out.notice && !currentVersion(db, form, out.notice, fileIssue)) return out;
  if (out.notice) out.unit = resolveUnit(db, form, out.notice, fileIssue);
  if (!out.notice || !out.unit || !out.period) return out;

  const cache = opts.taskNumbers ?? new Map<number, Set<number>>();
  let all = cache.get(out.notice.id);
  if (!all) cache.set(out.notice.id, (all = noticeTaskNumbers(db, out.notice.id)));
  const held = new Map(unitTasks(db, out.notice.id, out.unit.id).map((t) => [t.no, t]));
  const seen = new Map<number, number>();
  const read: BlockReport[] = [];
  for (const block of form.blocks) {
    const task = checkTask(block, all, held, seen, out.notice, where, out.issues);
    if (!task) continue;
    const r = readBlock(block, task, form.columns, where, out.issues);
    if (r === 'blank') out.blank.push(block.taskNo);
    else if (r) read.push(r);
  }
  // A task row deleted from the form: its report stays missing, and the unit is told which task.
  for (const task of held.values()) {
    if (seen.has(task.no)) continue;
    out.missing.push(task.no);
    out.warnings.push({
      file: form.file,
      ...sheet,
      message: `表中没有第 ${task.no} 项任务（${task.title}）的行，可能已被删除：本单位该项任务本期仍为未报送`,
    });
  }
  // Undated rows take the file's latest stated date, else the day of import.
  const fileDate = read.map((d) => d.date).filter((d): d is string => d !== null).sort().at(-1) ?? opts.fallbackDate;
  out.reports = read.map((d) => ({ ...d.report, submittedDate: d.date ?? fileDate }));
  if (out.issues.length === 0 && out.reports.length === 0) {
    fileIssue('反馈表中没有填写任何任务的进展（状态、完成进度等栏全为空）');
  }
  if (out.issues.length) out.reports = [];
  return out;
}

function resolvePeriod(db: Db, form: FilledForm, issue: (m: string) => void): Period | null {
  const id = form.identity.period;
  if (!id) {
    issue('无法确定报送期：表中没有“报送期”，文件名中也没有（如 市工商局-2014-Q1.xlsx）');
    return null;
  }
  let canonical: string;
  try {
    canonical = parsePeriodId(id).id;
  } catch {
    issue(`报送期“${id}”格式不对`);
    return null;
  }
  const p = getPeriod(db, canonical);
  if (!p) issue(`数据库中没有报送期 ${canonical}（请先用 duban forms --period ${canonical} 生成该期反馈表）`);
  return p;
}

/**
 * A form made from an earlier version of its notice (corrected since): its task numbers may now
 * name other tasks, so it is refused rather than read against the new numbering.
 */
function currentVersion(db: Db, form: FilledForm, notice: NoticeRecord, issue: (m: string) => void): boolean {
  const hash = form.identity.noticeHash;
  if (!hash || hash === notice.contentHash) return true;
  const made = db.prepare('SELECT MAX(version) FROM notice_versions WHERE notice_id = ? AND content_hash = ?').pluck().get(notice.id, hash) as number | null;
  if (made === null) return true;
  const current = db.prepare('SELECT version FROM notices WHERE id = ?').pluck().get(notice.id) as number;
  issue(`本表按通知“${notice.key}”的第 ${made} 版生成，该通知已改正为第 ${current} 版（任务编号和分工可能已变）；请用 duban forms 重新生成反馈表后填报`);
  return false;
}

function resolveNotice(db: Db, form: FilledForm, period: Period | null, issue: (m: string) => void): NoticeRecord | null {
  const key = form.identity.notice;
  if (key) {
    const n = findNoticeByKey(db, key);
    if (!n) issue(`本表属于通知“${key}”，数据库中没有登记该通知（请先用 duban forms 为该通知生成反馈表）`);
    return n;
  }
  const candidates = period ? noticesForPeriod(db, period.id) : [];
  if (candidates.length === 1) return candidates[0]!;
  if (period) {
    issue(
      candidates.length > 1
        ? `无法确定本表属于哪一份通知：报送期 ${period.id} 跟踪 ${candidates.length} 份通知，而表中没有“通知：”一行`
        : '无法确定本表属于哪一份通知：表中没有“通知：”一行',
    );
  }
  return null;
}

function resolveUnit(db: Db, form: FilledForm, notice: NoticeRecord, issue: (m: string) => void): UnitRecord | null {
  const name = form.identity.unit;
  if (!name) {
    issue('无法确定填报单位：表中没有“填报单位：”一行，文件名中也没有');
    return null;
  }
  const unit = findUnit(db, name);
  const holds = unit && db.prepare('SELECT 1 FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.notice_id = ? AND a.unit_id = ? LIMIT 1').get(notice.id, unit.id);
  if (!unit || !holds) {
    issue(`填报单位“${name}”不承担通知“${notice.key}”中的任何任务`);
    return null;
  }
  return unit;
}

function checkTask(
  block: TaskBlock,
  all: Set<number>,
  held: Map<number, HeldTask>,
  seen: Map<number, number>,
  notice: NoticeRecord,
  where: Where,
  issues: FormIssue[],
): HeldTask | null {
  const cell = block.taskNoCell;
  const first = seen.get(block.taskNo);
  if (first !== undefined) {
    issues.push(where(cell, 'taskNo', `第 ${block.taskNo} 项任务重复填报（第 ${first} 行已填过）`));
    return null;
  }
  seen.set(block.taskNo, cell.row);
  if (!all.has(block.taskNo)) {
    issues.push(where(cell, 'taskNo', `通知“${notice.key}”中没有第 ${block.taskNo} 项任务`));
    return null;
  }
  const task = held.get(block.taskNo);
  if (!task) issues.push(where(cell, 'taskNo', `第 ${block.taskNo} 项任务不是本单位承担的任务`));
  return task ?? null;
}

interface BlockReport {
  report: NewReport;
  /** The row's own 填报日期, or null. */
  date: string | null;
}

/** The first cell of a column in the block with a value, else its first cell. */
function firstFilled(cells: readonly CellAt[] | undefined): CellAt | null {
  if (!cells || cells.length === 0) return null;
  return cells.find((c) => !isBlank(c.value)) ?? cells[0]!;
}

/** Distinct non-empty texts of a column in the block, joined by line breaks. */
function joinedText(cells: readonly CellAt[] | undefined): string {
  const seen = new Set<string>();
  for (const c of cells ?? []) {
    const t = cellText(c.value);
    if (t) seen.add(t);
  }
  return [...seen].join('\n');
}

function readBlock(
  block: TaskBlock,
  task: HeldTask,
  columns: FilledForm['columns'],
  where: Where,
  issues: FormIssue[],
): BlockReport | 'blank' | null {
  const before = issues.length;
  // A formula Excel never calculated (the file keeps no result) reads as empty: say so instead.
  const flagged = new Set<string>();
  for (const [key, cells] of Object.entries(block.cells) as [ColumnKey, CellAt[]][]) {
    for (const c of cells) {
      if (!c.uncachedFormula || flagged.has(c.address)) continue;
      flagged.add(c.address);
      const what = key === 'percent' ? '完成进度' : columnByKey(key).header;
      issues.push(where(c, key, `${what}是公式，但文件中没有保存公式的计算结果：请在 Excel 或 WPS 中打开、保存后再导入，或直接填写数值`));
    }
  }
  if (issues.length > before) return null;
  const statusCell = firstFilled(block.cells.status);
  const percentCell = firstFilled(block.cells.percent);
  const dateCell = firstFilled(block.cells.date);
  const actualCells = block.cells.actual ?? [];
  const result = checkEntry(
    {
      status: statusCell?.value ?? null,
      percent: percentCell?.value ?? null,
      percentFormat: percentCell?.percent ?? false,
      date: dateCell?.value ?? null,
      texts: {
        progress: joinedText(block.cells.progress),
        achievements: joinedText(block.cells.achievements),
        problems: joinedText(block.cells.problems),
        nextMeasures: joinedText(block.cells.measures),
        delayReason: joinedText(block.cells.delayReason),
      },
      actuals: actualCells.map((cell, i) => ({ seq: block.targetSeqs[i] ?? i + 1, raw: cell.value })),
      hasDelayReason: columns.delayReason !== undefined,
    },
    task,
  );
  if (result.kind === 'blank') return 'blank';
  if (result.kind === 'invalid') {
    const cellOf = (i: EntryIssue): CellAt | null => {
      switch (i.key) {
        case 'status':
          return statusCell ?? block.taskNoCell;
        case 'percent':
          return percentCell ?? block.taskNoCell;
        case 'delayReason':
          return columns.delayReason === undefined ? null : firstFilled(block.cells.delayReason);
        case 'date':
          return dateCell;
        case 'actual':
          return actualCells[i.actualIndex ?? 0] ?? null;
        default:
          return null;
      }
    };
    for (const i of result.issues) issues.push(where(cellOf(i), i.key, i.message));
    return null;
  }
  return {
    report: { ...result.report, submittedDate: result.date ?? '', sourceRow: block.taskNoCell.row },
    date: result.date,
  };
}
