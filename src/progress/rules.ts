/**
 * Status and light rules, in one place. A task's status for a period comes from its lead
 * unit's report (supporting units' reports inform but do not decide); its light compares its
 * percent with 序时进度, the share of the year elapsed at the period's end. Thresholds are a
 * typed config with the defaults below (see /work/shared/design/domain.md).
 */
import { DubanError } from '../model/errors.js';
import type { ReportStatus } from '../store/reports.js';

export type TaskStatus = ReportStatus | '未报送';
export type Light = 'green' | 'yellow' | 'red';
export const LIGHT_LABEL: Readonly<Record<Light, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** The buckets a circular counts tasks in. */
export type ProgressClass = 'completed' | 'onSchedule' | 'behind' | 'notStarted' | 'notReported';
export const CLASS_LABEL: Readonly<Record<ProgressClass, string>> = {
  completed: '已完成',
  onSchedule: '按序时推进',
  behind: '滞后',
  notStarted: '未启动',
  notReported: '未报送',
};

export interface StatusRules {
  /** Percentage points behind 序时进度 from which a task is yellow (inclusive). */
  yellowBehind: number;
  /** Percentage points behind 序时进度 beyond which a task is red. */
  redBehind: number;
  /** How the reports of several lead units (a collective as lead) combine: the worst, or the mean percent. */
  multipleLeads: 'worst' | 'mean';
  /** Red when some lead unit has not reported (the status then comes from the others). */
  missingLeadRed: boolean;
  /** Red when the task's own deadline has passed by the period's end and it is not completed. */
  overdueRed: boolean;
  /** Count a 推进中 task as behind when it trails 序时进度 by at least `yellowBehind`. */
  behindByPercent: boolean;
  /** Days after the due date before a report counts as late. */
  graceDays: number;
  /** Achievement texts are cut to this many characters in circular data. */
  achievementChars: number;
  /** Days after the due date that a unit's web reporting link still works (late reports are marked late). */
  portalGraceDays: number;
}

export const DEFAULT_STATUS_RULES: Readonly<StatusRules> = Object.freeze({
  yellowBehind: 10,
  redBehind: 30,
  multipleLeads: 'worst',
  missingLeadRed: true,
  overdueRed: true,
  behindByPercent: true,
  graceDays: 0,
  achievementChars: 120,
  portalGraceDays: 30,
});

/** Defaults overlaid with `partial`, checked. */
export function statusRules(partial: Partial<StatusRules> = {}): StatusRules {
  const r: StatusRules = { ...DEFAULT_STATUS_RULES, ...partial };
  const pts = (v: number) => Number.isFinite(v) && v >= 0 && v <= 100;
  if (!pts(r.yellowBehind) || !pts(r.redBehind) || r.yellowBehind > r.redBehind) {
    throw new DubanError('config', `进度灯阈值不合理：黄灯 ${r.yellowBehind}、红灯 ${r.redBehind}（应 0 ≤ 黄灯 ≤ 红灯 ≤ 100）`);
  }
  if (!Number.isInteger(r.graceDays) || r.graceDays < 0) throw new DubanError('config', `宽限天数应为非负整数（现为 ${r.graceDays}）`);
  if (!Number.isInteger(r.portalGraceDays) || r.portalGraceDays < 0) {
    throw new DubanError('config', `网上报送链接宽限天数应为非负整数（现为 ${r.portalGraceDays}）`);
  }
  if (!Number.isInteger(r.achievementChars) || r.achievementChars < 10) {
    throw new DubanError('config', `成绩摘要字数应为不小于 10 的整数（现为 ${r.achievementChars}）`);
  }
  return r;
}

export interface LeadReport {
  unit: string;
  status: ReportStatus;
  percent: number | null;
}

export interface TaskInput {
  /** Lead units holding the task (more than one when a collective leads). */
  leads: readonly string[];
  /** The current reports of those leads for the period. */
  leadReports: readonly LeadReport[];
  /** 序时进度 in percent (Q1 = 25). */
  schedule: number;
  /** The task's own deadline (ISO) or null. */
  deadline: string | null;
  periodEnd: string;
}

export interface TaskAssessment {
  status: TaskStatus;
  /** The lead's percent (combined over several leads), null when not reported. */
  percent: number | null;
  /** Points behind 序时进度 (negative: ahead); null when not reported. */
  behind: number | null;
  light: Light;
  class: ProgressClass;
  /** Ahead of 序时进度 (超序时) and not yet completed. */
  ahead: boolean;
  overdue: boolean;
  missingLeads: string[];
  /** Why the light is not green, in Chinese. */
  why: string[];
}

const percentOf = (r: LeadReport): number => r.percent ?? (r.status === '已完成' ? 100 : 0);

function combine(reports: readonly LeadReport[], how: StatusRules['multipleLeads']): { status: ReportStatus; percent: number } {
  const statuses = reports.map((r) => r.status);
  const status: ReportStatus = statuses.every((s) => s === '已完成')
    ? '已完成'
    : statuses.includes('滞后')
      ? '滞后'
      : statuses.every((s) => s === '未启动')
        ? '未启动'
        : '推进中';
  const ps = reports.map(percentOf);
  const percent = how === 'worst' ? Math.min(...ps) : Math.round((ps.reduce((a, b) => a + b, 0) / ps.length) * 10) / 10;
  return { status, percent };
}

export function assessTask(input: TaskInput, rules: StatusRules = DEFAULT_STATUS_RULES): TaskAssessment {
  const reported = new Set(input.leadReports.map((r) => r.unit));
  const missingLeads = input.leads.filter((u) => !reported.has(u));
  if (input.leadReports.length === 0) {
    return {
      status: '未报送',
      percent: null,
      behind: null,
      light: 'red',
      class: 'notReported',
      ahead: false,
      overdue: false,
      missingLeads,
      why: ['牵头单位未报送'],
    };
  }
  const { status, percent } = combine(input.leadReports, rules.multipleLeads);
  const behind = Math.round((input.schedule - percent) * 10) / 10;
  const overdue = status !== '已完成' && input.deadline !== null && input.deadline < input.periodEnd;
  const why: string[] = [];
  let light: Light = 'green';
  if (status !== '已完成') {
    if (status === '滞后') why.push('报告状态为滞后');
    if (overdue && rules.overdueRed) why.push(`已超过任务时限（${input.deadline}）`);
    if (missingLeads.length && rules.missingLeadRed) why.push(`牵头单位${missingLeads.join('、')}未报送`);
    if (behind > rules.redBehind) why.push(`落后序时进度 ${behind} 个百分点`);
    if (why.length) light = 'red';
    else if (behind >= rules.yellowBehind) {
      light = 'yellow';
      why.push(`落后序时进度 ${behind} 个百分点`);
    }
  }
  const cls: ProgressClass =
    status === '已完成'
      ? 'completed'
      : status === '未启动'
        ? 'notStarted'
        : status === '滞后' || (rules.behindByPercent && behind >= rules.yellowBehind)
          ? 'behind'
          : 'onSchedule';
  return { status, percent, behind, light, class: cls, ahead: status !== '已完成' && behind < 0, overdue, missingLeads, why };
}

/** Whether a unit's submission (ISO) is late against the due date (ISO), with the rules' grace. */
export function daysLate(submitted: string, due: string, rules: StatusRules = DEFAULT_STATUS_RULES): number {
  const days = Math.round((Date.parse(`${submitted}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
  return days > rules.graceDays ? days : 0;
}
