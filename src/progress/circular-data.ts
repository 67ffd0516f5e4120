/**
 * The numbers of a progress circular (督查通报) for one period, computed from the database:
 * task counts by bucket overall and by chapter, lights, the lagging list with lead units and
 * stated reasons, achievements, and reporting compliance per unit. Plain data for the template.
 */
import { DubanError } from '../model/errors.js';
import type { Role } from '../model/notice.js';
import type { Db } from '../store/db.js';
import { findNoticeByKey, noticesForPeriod, type NoticeRecord } from '../store/notices.js';
import { getPeriod, periodLabel, yearShareAtEnd, type Period, type PeriodKind } from '../store/periods.js';
import { noticeAssignments, noticeTasks } from '../store/queries.js';
import { currentReports, type ReportRecord } from '../store/reports.js';
import { unitReporting, type UnitReporting } from './reporting.js';
export type { UnitReporting } from './reporting.js';
import {
  assessTask,
  statusRules,
  type Light,
  type ProgressClass,
  type StatusRules,
  type TaskStatus,
} from './rules.js';

export interface StatusCounts {
  total: number;
  completed: number;
  onSchedule: number;
  /** Of onSchedule: ahead of 序时进度 (超序时). */
  ahead: number;
  behind: number;
  notStarted: number;
  notReported: number;
}

/** Each count as a percentage of `total`, one decimal. */
export type StatusShares = Omit<StatusCounts, 'total'>;

export interface LightCounts {
  green: number;
  yellow: number;
  red: number;
}

export interface UnitText {
  unit: string;
  role: Role;
  text: string;
}

export interface CircularTarget {
  text: string;
  indicator: string;
  value: number;
  unit: string;
  /** The lead's reported actual value (the first lead that gave one), or null. */
  actual: number | null;
}

export interface CircularTask {
  no: number;
  label: string;
  chapter: string | null;
  title: string;
  leadUnits: string[];
  supportUnits: string[];
  status: TaskStatus;
  percent: number | null;
  /** 序时进度, percent. */
  schedule: number;
  /** Points behind schedule (negative: ahead); null when not reported. */
  behind: number | null;
  light: Light;
  class: ProgressClass;
  ahead: boolean;
  overdue: boolean;
  /** Why the light is yellow or red, in Chinese. */
  why: string[];
  missingLeads: string[];
  /** Supporting units that reported / hold the task. */
  supportReported: number;
  supportHeld: number;
  /** Delay reasons given (lead first), for 滞后 reports. */
  delayReasons: UnitText[];
  /** The lead's 存在的问题 and 拟采取的措施. */
  problems: UnitText[];
  measures: UnitText[];
  targets: CircularTarget[];
}

export interface LaggingTask {
  no: number;
  label: string;
  chapter: string | null;
  title: string;
  leadUnits: string[];
  status: TaskStatus;
  percent: number | null;
  schedule: number;
  light: Light;
  /** Stated reasons (lead first); the lead's problems when no reason was stated. */
  reasons: UnitText[];
  why: string[];
}

export interface ChapterData {
  /** Chapter numeral (一); null for tasks outside any chapter. */
  no: string | null;
  title: string;
  counts: StatusCounts;
  lights: LightCounts;
  /** Numbers of its tasks that are behind. */
  lagging: number[];
}

export interface AchievementItem {
  taskNo: number;
  title: string;
  /** Lead units first, then supporting units, each text trimmed. */
  entries: UnitText[];
}

export interface LateUnit {
  unit: string;
  submitted: string;
  due: string;
  daysLate: number;
}

export interface CircularData {
  notice: { key: string; docNumber: string | null; title: string | null };
  period: { id: string; kind: PeriodKind; label: string; start: string; end: string; due: string; schedule: number };
  rules: StatusRules;
  totals: StatusCounts;
  shares: StatusShares;
  lights: LightCounts;
  byChapter: ChapterData[];
  tasks: CircularTask[];
  /** Numbers of tasks no unit holds (not counted anywhere). */
  untrackedTasks: number[];
  lagging: LaggingTask[];
  achievements: AchievementItem[];
  units: UnitReporting[];
  lateUnits: LateUnit[];
  /** Units that hold tasks and sent nothing this period. */
  silentUnits: string[];
  /** Units that reported on time, in notice order. */
  onTimeUnits: string[];
  reporting: { expected: number; onTime: number; late: number; missing: number; rate: number };
}

export interface CircularOptions {
  /** The notice's key (文号) when the period follows up several notices. */
  notice?: string;
  rules?: Partial<StatusRules>;
}

export function resolveCircularNotice(db: Db, period: Period, key?: string): NoticeRecord {
  if (key) {
    const n = findNoticeByKey(db, key);
    if (!n) throw new DubanError('usage', `数据库中没有登记通知“${key}”`);
    return n;
  }
  const list = noticesForPeriod(db, period.id);
  if (list.length === 1) return list[0]!;
  if (list.length === 0) throw new DubanError('content', `报送期 ${period.id} 还没有跟踪任何通知（请先用 duban forms 生成该期反馈表）`);
  throw new DubanError('usage', `报送期 ${period.id} 跟踪 ${list.length} 份通知（${list.map((n) => n.key).join('、')}），请指明通知`);
}

export function buildCircularData(db: Db, periodId: string, opts: CircularOptions = {}): CircularData {
  const period = getPeriod(db, periodId);
  if (!period) throw new DubanError('usage', `数据库中没有报送期 ${periodId}`);
  const rules = statusRules(opts.rules);
  const notice = resolveCircularNotice(db, period, opts.notice);
  const schedule = Math.round(yearShareAtEnd(period) * 1000) / 10;

  const tasks = noticeTasks(db, notice.id);
  const assignments = noticeAssignments(db, notice.id);
  const reports = currentReports(db, notice.id, period.id);
  const reportOf = new Map<string, ReportRecord>(reports.map((r) => [`${r.taskId}:${r.unitId}`, r]));
  const byTask = groupBy(assignments, (a) => a.taskId);

  // Tasks without any unit (headings over sub-items, or a clause the parser could not read) are not followed up.
  const untracked = tasks.filter((t) => !byTask.has(t.id)).map((t) => t.no);
  const circularTasks: CircularTask[] = tasks.filter((t) => byTask.has(t.id)).map((t) => {
    const own = byTask.get(t.id) ?? [];
    const leads = own.filter((a) => a.role === 'lead');
    const supports = own.filter((a) => a.role === 'support');
    const leadReports = leads.map((a) => reportOf.get(`${t.id}:${a.unitId}`)).filter((r): r is ReportRecord => !!r);
    const supportReports = supports.map((a) => reportOf.get(`${t.id}:${a.unitId}`)).filter((r): r is ReportRecord => !!r);
    const a = assessTask(
      { leads: leads.map((l) => l.unit), leadReports, schedule, deadline: t.deadline, periodEnd: period.end },
      rules,
    );
    const texts = (pick: (r: ReportRecord) => string, from: ReportRecord[]) =>
      from.map((r) => ({ unit: r.unit, role: roleOf(r, leads), text: pick(r) })).filter((x) => x.text !== '');
    const ordered = [...leadReports, ...supportReports];
    return {
      no: t.no,
      label: t.label,
      chapter: t.chapter,
      title: t.title,
      leadUnits: leads.map((l) => l.unit),
      supportUnits: supports.map((s) => s.unit),
      status: a.status,
      percent: a.percent,
      schedule,
      behind: a.behind,
      light: a.light,
      class: a.class,
      ahead: a.ahead,
      overdue: a.overdue,
      why: a.why,
      missingLeads: a.missingLeads,
      supportReported: supportReports.length,
      supportHeld: supports.length,
      delayReasons: texts((r) => (r.status === '滞后' ? r.delayReason : ''), ordered),
      problems: texts((r) => r.problems, leadReports),
      measures: texts((r) => r.nextMeasures, leadReports),
      targets: t.targets.map((g) => ({
        text: g.text,
        indicator: g.indicator,
        value: g.value,
        unit: g.unit,
        actual: leadReports.flatMap((r) => r.actuals).find((x) => x.targetId === g.id)?.actual ?? null,
      })),
    };
  });

  const units = unitReporting(db, notice.id, period, rules, reports);
  const expected = units.length;
  const onTime = units.filter((u) => u.state === 'on-time');
  const late = units.filter((u) => u.state === 'late');
  const missing = units.filter((u) => u.state === 'missing');
  const totals = countTasks(circularTasks);
  return {
    notice: { key: notice.key, docNumber: notice.docNumber, title: notice.title },
    period: { id: period.id, kind: period.kind, label: periodLabel(period), start: period.start, end: period.end, due: period.due, schedule },
    rules,
    totals,
    shares: shares(totals),
    lights: countLights(circularTasks),
    byChapter: chapters(db, notice.id, circularTasks),
    tasks: circularTasks,
    untrackedTasks: untracked,
    lagging: circularTasks.filter((t) => t.class === 'behind').map(lagging),
    achievements: achievements(circularTasks, groupBy(reports, (r) => r.taskNo), rules.achievementChars),
    units,
    lateUnits: late.map((u) => ({ unit: u.unit, submitted: u.submitted!, due: period.due, daysLate: u.daysLate })),
    silentUnits: missing.map((u) => u.unit),
    onTimeUnits: onTime.map((u) => u.unit),
    reporting: {
      expected,
      onTime: onTime.length,
      late: late.length,
      missing: missing.length,
      rate: expected ? (onTime.length + late.length) / expected : 0,
    },
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function roleOf(r: ReportRecord, leads: readonly { unitId: number }[]): Role {
  return leads.some((l) => l.unitId === r.unitId) ? 'lead' : 'support';
}

function emptyCounts(): StatusCounts {
  return { total: 0, completed: 0, onSchedule: 0, ahead: 0, behind: 0, notStarted: 0, notReported: 0 };
}

function countTasks(tasks: readonly CircularTask[]): StatusCounts {
  const c = emptyCounts();
  for (const t of tasks) {
    c.total++;
    c[t.class]++;
    if (t.class === 'onSchedule' && t.ahead) c.ahead++;
  }
  return c;
}

function shares(c: StatusCounts): StatusShares {
  const pct = (n: number) => (c.total ? Math.round((n / c.total) * 1000) / 10 : 0);
  return {
    completed: pct(c.completed),
    onSchedule: pct(c.onSchedule),
    ahead: pct(c.ahead),
    behind: pct(c.behind),
    notStarted: pct(c.notStarted),
    notReported: pct(c.notReported),
  };
}

function countLights(tasks: readonly CircularTask[]): LightCounts {
  const l: LightCounts = { green: 0, yellow: 0, red: 0 };
  for (const t of tasks) l[t.light]++;
  return l;
}

function chapters(db: Db, noticeId: number, tasks: readonly CircularTask[]): ChapterData[] {
  const rows = db.prepare('SELECT no, title FROM chapters WHERE notice_id = ? ORDER BY seq').all(noticeId) as { no: string; title: string }[];
  const known = new Set(rows.map((r) => r.no));
  const groups: { no: string | null; title: string }[] = [...rows, { no: null, title: '其他' }];
  return groups
    .map((g) => {
      const own = tasks.filter((t) => (g.no === null ? !known.has(t.chapter ?? '') : t.chapter === g.no));
      return { no: g.no, title: g.title, counts: countTasks(own), lights: countLights(own), lagging: own.filter((t) => t.class === 'behind').map((t) => t.no) };
    })
    .filter((c) => c.counts.total > 0);
}

function lagging(t: CircularTask): LaggingTask {
  return {
    no: t.no,
    label: t.label,
    chapter: t.chapter,
    title: t.title,
    leadUnits: t.leadUnits,
    status: t.status,
    percent: t.percent,
    schedule: t.schedule,
    light: t.light,
    reasons: t.delayReasons.length ? t.delayReasons : t.problems,
    why: t.why,
  };
}

export function trimText(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, '；').replace(/[；;]{2,}/g, '；').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  // Prefer to end at a sentence or clause mark in the last third.
  const at = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return at >= Math.floor(max * 0.66) ? cut.slice(0, at + 1) : `${cut.replace(/[，、；,;]$/, '')}……`;
}

function achievements(tasks: readonly CircularTask[], reportsByTask: Map<number, ReportRecord[]>, max: number): AchievementItem[] {
  const out: AchievementItem[] = [];
  for (const t of tasks) {
    const own = (reportsByTask.get(t.no) ?? []).filter((r) => r.achievements !== '');
    if (own.length === 0) continue;
    const lead = own.filter((r) => t.leadUnits.includes(r.unit));
    const rest = own.filter((r) => !t.leadUnits.includes(r.unit));
    out.push({
      taskNo: t.no,
      title: t.title,
      entries: [
        ...lead.map((r) => ({ unit: r.unit, role: 'lead' as const, text: trimText(r.achievements, max) })),
        ...rest.map((r) => ({ unit: r.unit, role: 'support' as const, text: trimText(r.achievements, max) })),
      ],
    });
  }
  return out;
}
