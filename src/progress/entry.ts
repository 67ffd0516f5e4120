/**
 * One task's entry as a unit fills it in — from a row block of an xlsx/CSV form or from the web
 * portal — checked by one rule set and turned into a report. Callers place the issues (a cell
 * address, a form field); the rules and messages live only here.
 */
import type { HeldTask } from '../store/queries.js';
import type { NewReport } from '../store/reports.js';
import type { ColumnKey } from './form-layout.js';
import { isBlank, parseDate, parseDecimal, parsePercent, parseStatus, shown, type CellRaw } from './values.js';

export interface EntryTexts {
  progress: string;
  achievements: string;
  problems: string;
  nextMeasures: string;
  delayReason: string;
}

export interface EntryInput {
  status: CellRaw;
  percent: CellRaw;
  /** The percent cell shows its number as a percentage (0.8 means 80). */
  percentFormat?: boolean;
  /** 填报日期 as typed; null when the channel has none (the portal dates by its clock). */
  date: CellRaw;
  texts: EntryTexts;
  /** 指标完成值 values: `seq` is the target's 1-based number within the task. */
  actuals: { seq: number; raw: CellRaw }[];
  /** False when the source has no 滞后原因 field at all (an old CSV). */
  hasDelayReason?: boolean;
}

export interface EntryIssue {
  key: ColumnKey;
  message: string;
  /** For key 'actual': the index into `actuals`. */
  actualIndex?: number;
}

export type EntryReport = Omit<NewReport, 'submittedDate' | 'sourceRow'>;

export type EntryResult =
  | { kind: 'blank' }
  | { kind: 'ok'; report: EntryReport; date: string | null }
  | { kind: 'invalid'; issues: EntryIssue[] };

export function checkEntry(input: EntryInput, task: Pick<HeldTask, 'id' | 'no' | 'targets'>): EntryResult {
  const { texts } = input;
  const filled =
    [input.status, input.percent, input.date].some((v) => !isBlank(v)) ||
    Object.values(texts).some((t) => t !== '') ||
    input.actuals.some((a) => !isBlank(a.raw));
  if (!filled) return { kind: 'blank' };
  const issues: EntryIssue[] = [];

  const status = parseStatus(input.status);
  if (!status.ok) issues.push({ key: 'status', message: `状态${shown(input.status)}${status.reason}` });
  else if (status.value === null) issues.push({ key: 'status', message: '已填写其他内容，但没有选择状态' });

  let percent = parsePercent(input.percent, input.percentFormat ?? false);
  if (!percent.ok) {
    issues.push({ key: 'percent', message: `完成进度${shown(input.percent)}${percent.reason}` });
  } else if (status.ok && status.value) {
    if (percent.value === null) {
      if (status.value === '已完成') percent = { ok: true, value: 100 };
      else if (status.value === '未启动') percent = { ok: true, value: 0 };
      else issues.push({ key: 'percent', message: `状态为“${status.value}”，请填写完成进度（0–100）` });
    } else if (status.value === '已完成' && percent.value < 100) {
      issues.push({ key: 'percent', message: `状态为“已完成”，完成进度应为 100（现为 ${percent.value}）` });
    }
  }
  if (status.ok && status.value === '滞后' && texts.delayReason === '') {
    issues.push({
      key: 'delayReason',
      message: input.hasDelayReason === false ? '状态为“滞后”须说明滞后原因，但表中没有“滞后原因”列' : '状态为“滞后”，请填写滞后原因',
    });
  }
  const date = parseDate(input.date);
  if (!date.ok) issues.push({ key: 'date', message: `填报日期${shown(input.date)}${date.reason}` });

  const actuals: NewReport['actuals'] = [];
  input.actuals.forEach(({ seq, raw }, i) => {
    if (isBlank(raw)) return;
    const v = parseDecimal(raw);
    const target = task.targets[seq - 1];
    if (!v.ok) issues.push({ key: 'actual', actualIndex: i, message: `指标完成值${shown(raw)}${v.reason}` });
    else if (!target) {
      issues.push({ key: 'actual', actualIndex: i, message: `第 ${task.no} 项任务没有第 ${seq} 项量化指标，此处不应填写完成值` });
    } else if (v.value !== null && !actuals.some((a) => a.targetId === target.id)) actuals.push({ targetId: target.id, actual: v.value });
  });

  if (issues.length || !status.ok || !status.value || !percent.ok || !date.ok) return { kind: 'invalid', issues };
  return { kind: 'ok', report: { taskId: task.id, status: status.value, percent: percent.value, ...texts, actuals }, date: date.value };
}
