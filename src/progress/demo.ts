/**
 * Demo data: fills the generated forms the way units would, deterministically (a seeded
 * PRNG), and saves them as filled forms, so the demo exercises the real import path. Progress
 * rises through the year; most tasks keep to 序时进度, some lag with reasons, some units file
 * late, a few forms never come back. Every random draw is keyed by (seed, unit, task, period),
 * so a unit's story does not depend on which other forms are filled, and the same seed gives
 * the same files.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as ExcelJS from '../util/exceljs.js';
import { DubanError } from '../model/errors.js';
import type { Db } from '../store/db.js';
import { findNoticeByKey, getNotice } from '../store/notices.js';
import { addDays, ensurePeriod, linkNoticePeriod, parsePeriodId, yearShareAtEnd, type Period } from '../store/periods.js';
import { unitTasks, findUnit, type HeldTask } from '../store/queries.js';
import type { ReportStatus } from '../store/reports.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { ACHIEVEMENT_PHRASES, DELAY_REASONS, MEASURE_PHRASES, PROBLEM_PHRASES, PROGRESS_PHRASES } from './demo-phrases.js';
import { mulberry32 } from '../util/prng.js';
import { columnLetter, type ColumnKey } from './form-layout.js';
import { readFilledForm, type FilledForm } from './form-read.js';
import { workbookBytes, writeForms } from './form-write.js';

export const DEFAULT_DEMO_SEED = 20140113;

export interface DemoProfile {
  /** Chance a form never comes back. */
  missingForm: number;
  /** Chance a unit files after the due date. */
  lateForm: number;
  /** Chance a (unit, task) lags all year. */
  laggingTask: number;
  /** Chance a task has not started in the first period. */
  notStartedEarly: number;
  /** Chance a unit leaves a supporting task's row blank. */
  blankSupportRow: number;
  /** Chance a unit sends nothing all year (the case the year-end 问责 is for). */
  silentUnit: number;
}

export const DEFAULT_DEMO_PROFILE: Readonly<DemoProfile> = Object.freeze({
  missingForm: 0.05,
  lateForm: 0.1,
  laggingTask: 0.1,
  notStartedEarly: 0.08,
  blankSupportRow: 0.05,
  silentUnit: 0.03,
});

export interface DemoOptions {
  seed?: number;
  profile?: Partial<DemoProfile>;
}

export { mulberry32 } from '../util/prng.js';

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A PRNG for one key: the same seed and key always draw the same sequence. */
function rngFor(seed: number, ...key: (string | number)[]): () => number {
  return mulberry32((seed ^ fnv1a(key.join('|'))) >>> 0);
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

function fill(template: string, rng: () => number, percent: number): string {
  return template.replace('{n}', String(2 + Math.floor(rng() * 6))).replace('{p}', String(Math.round(percent)));
}

/** Two or three distinct phrases joined into a sentence. */
function compose(rng: () => number, list: readonly string[], count: number, percent: number): string {
  const chosen: string[] = [];
  while (chosen.length < Math.min(count, list.length)) {
    const p = pick(rng, list);
    if (!chosen.includes(p)) chosen.push(p);
  }
  return `${chosen.map((p) => fill(p, rng, percent)).join('；')}。`;
}

export interface DemoRow {
  status: ReportStatus;
  percent: number;
  progress: string;
  achievements: string;
  problems: string;
  measures: string;
  delayReason: string;
  /** Actual value per target, in target order. */
  actuals: (number | null)[];
}

/** What one unit reports on one task in one period, or null for a row left blank. */
export function demoRow(seed: number, unit: string, task: HeldTask, period: Period, profile: DemoProfile): DemoRow | null {
  const base = rngFor(seed, 'task', unit, task.no);
  const lagging = base() < profile.laggingTask;
  const speed = lagging ? 0.45 + base() * 0.25 : 0.95 + base() * 0.3;
  const lateStart = base() < profile.notStartedEarly;
  const here = rngFor(seed, 'row', unit, task.no, period.id);
  if (task.role === 'support' && here() < profile.blankSupportRow) return null;

  // Progress only rises: the running maximum over the year's periods up to this one.
  const share = yearShareAtEnd(period);
  const steps = period.kind === 'quarterly' ? 4 : 12;
  let percent = 0;
  for (let i = 1; i <= Math.round(share * steps); i++) {
    const noise = (rngFor(seed, 'noise', unit, task.no, i, steps)() - 0.5) * 10;
    const raw = (i / steps) * 100 * speed + noise - (lateStart ? 100 / steps : 0);
    percent = Math.max(percent, Math.round(Math.min(100, Math.max(0, raw))));
  }
  const schedule = share * 100;
  let status: ReportStatus;
  if (percent >= 100 || (share >= 1 && !lagging && here() < 0.85)) {
    status = '已完成';
    percent = 100;
  } else if (percent === 0) status = '未启动';
  else if (lagging && schedule - percent > 15) status = '滞后';
  else status = '推进中';

  const delayReason = status === '滞后' ? `${pick(here, DELAY_REASONS)}。` : '';
  return {
    status,
    percent,
    progress: percent === 0 ? '正在开展前期调研，研究制定工作方案。' : compose(here, PROGRESS_PHRASES, 2, percent),
    achievements: percent >= 20 ? compose(here, ACHIEVEMENT_PHRASES, 1 + Math.floor(here() * 2), percent) : '',
    problems: status === '已完成' ? '' : compose(here, PROBLEM_PHRASES, 1 + Math.floor(here() * 2), percent),
    measures: status === '已完成' ? '巩固工作成果，做好总结评估和长效机制建设。' : compose(here, MEASURE_PHRASES, 2, percent),
    delayReason,
    actuals: task.targets.map((g) => {
      const v = (g.value * percent * (0.92 + here() * 0.16)) / 100;
      const digits = g.value >= 100 ? 0 : g.value >= 10 ? 1 : 2;
      return Number(v.toFixed(digits));
    }),
  };
}

/** The date a unit files: a few days before the due date, or 1–8 days after it when late. */
export function demoSubmitDate(seed: number, unit: string, period: Period, profile: DemoProfile): { date: string; late: boolean } {
  const r = rngFor(seed, 'date', unit, period.id);
  const late = r() < profile.lateForm;
  const offset = late ? 1 + Math.floor(r() * 8) : -Math.floor(r() * 6);
  return { date: addDays(period.due, offset), late };
}

export interface FilledDemo {
  unit: string;
  period: string;
  /** The filled form, or null when this unit's form is one of the missing ones. */
  file: string | null;
  submitted: string | null;
  late: boolean;
}

/**
 * Fills the given blank forms (written by writeForms) for their period and saves them under
 * `outDir` with the same file names. Needs the database the forms were made from (for each
 * unit's tasks and targets).
 */
export async function fillDemoForms(db: Db, forms: readonly string[], outDir: string, opts: DemoOptions = {}): Promise<FilledDemo[]> {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const profile: DemoProfile = { ...DEFAULT_DEMO_PROFILE, ...opts.profile };
  const out: FilledDemo[] = [];
  for (const file of forms) {
    const bytes = readFileSync(file);
    const form = readFilledForm(file, bytes);
    const { unit: unitName, period: periodId, notice: noticeKey } = form.identity;
    if (!unitName || !periodId || form.issues.length) throw new DubanError('content', '不是 duban 生成的空白反馈表', { file });
    const period = parsePeriodId(periodId);
    const stored = ensurePeriod(db, period);
    const unit = findUnit(db, unitName);
    const noticeId = noticeKey ? findNoticeByKey(db, noticeKey)?.id : undefined;
    if (!unit || noticeId === undefined) throw new DubanError('content', `数据库中没有该表的单位或通知（${unitName}）`, { file });
    const silent = rngFor(seed, 'silent', unitName)() < profile.silentUnit;
    if (silent || rngFor(seed, 'missing', unitName, stored.id)() < profile.missingForm) {
      out.push({ unit: unitName, period: stored.id, file: null, submitted: null, late: false });
      continue;
    }
    const tasks = new Map(unitTasks(db, noticeId, unit.id).map((t) => [t.no, t]));
    const when = demoSubmitDate(seed, unitName, stored, profile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(form.sheet ?? '') ?? wb.worksheets[0]!;
    // A unit files at least one row: a support row is left blank only beside others.
    const rows = new Map([...tasks.values()].map((t) => [t.no, demoRow(seed, unitName, t, stored, profile)]));
    if ([...rows.values()].every((r) => r === null)) {
      const first = [...tasks.values()][0]!;
      rows.set(first.no, demoRow(seed, unitName, first, stored, { ...profile, blankSupportRow: 0 }));
    }
    writeRows(ws, form, tasks, (t) => rows.get(t.no) ?? null, when.date);
    const target = join(outDir, basename(file));
    writeFileAtomic(target, await workbookBytes(wb, when.date));
    out.push({ unit: unitName, period: stored.id, file: target, submitted: when.date, late: when.late });
  }
  return out;
}

function writeRows(
  ws: ExcelJS.Worksheet,
  form: FilledForm,
  tasks: Map<number, HeldTask>,
  row: (t: HeldTask) => DemoRow | null,
  date: string,
): void {
  const at = (key: ColumnKey, r: number): ExcelJS.Cell | null => {
    const c = form.columns[key];
    return c === undefined ? null : ws.getCell(`${columnLetter(c)}${r}`);
  };
  for (const block of form.blocks) {
    const task = tasks.get(block.taskNo);
    if (!task) continue;
    const d = row(task);
    if (!d) continue;
    const first = block.rows[0]!;
    const set = (key: ColumnKey, value: ExcelJS.CellValue) => {
      const cell = at(key, first);
      if (cell) cell.value = value;
    };
    set('status', d.status);
    set('percent', d.percent);
    set('progress', d.progress);
    set('achievements', d.achievements || null);
    set('problems', d.problems || null);
    set('measures', d.measures);
    set('delayReason', d.delayReason || null);
    set('date', new Date(`${date}T00:00:00Z`));
    block.rows.forEach((r, i) => {
      const seq = block.targetSeqs[i] ?? i + 1;
      const v = d.actuals[seq - 1];
      const cell = at('actual', r);
      if (cell && v !== undefined && v !== null) cell.value = v;
    });
  }
}

export interface DemoPeriod {
  period: Period;
  forms: string[];
  filled: FilledDemo[];
}

/**
 * The whole demo year for a registered notice: for each period, blank forms into
 * `<formsDir>/<period>/`, filled forms into `<filledDir>/<period>/`. Import is left to the caller.
 */
export async function demoYear(
  db: Db,
  noticeId: number,
  periodIds: readonly string[],
  dirs: { formsDir: string; filledDir: string },
  opts: DemoOptions = {},
): Promise<DemoPeriod[]> {
  if (!getNotice(db, noticeId)) throw new DubanError('internal', `数据库中没有编号为 ${noticeId} 的通知`);
  const out: DemoPeriod[] = [];
  for (const id of periodIds) {
    const period = ensurePeriod(db, parsePeriodId(id));
    linkNoticePeriod(db, noticeId, period.id);
    const written = await writeForms(db, noticeId, period, join(dirs.formsDir, period.id));
    const forms = written.map((w) => w.file);
    const filled = await fillDemoForms(db, forms, join(dirs.filledDir, period.id), opts);
    out.push({ period, forms, filled });
  }
  return out;
}
