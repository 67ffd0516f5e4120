/**
 * CircularData (the numbers of one period) → the data `templates/circular.hbs` lays out. Pure:
 * it selects, orders, trims and numbers; every word of the circular itself is in the template.
 * Strings are plain text: Handlebars escapes them when the template inserts them.
 */
import type { UnitKind } from '../model/notice.js';
import { nestTitle } from '../letters/context.js';
import type { CircularData, CircularTask, LightCounts, StatusCounts, StatusShares, UnitText } from '../progress/circular-data.js';
import { trimText } from '../progress/circular-data.js';
import type { Light } from '../progress/rules.js';
import { addDays, daysBetween, parsePeriodId, periodLabel } from '../store/periods.js';
import { addresseesOf, type Addressees } from './head.js';
import { docNumberOf, governmentOf, type OfficeSettings } from '../office/types.js';

/** What the context is built from: the period's numbers plus what the head needs from the database. */
export interface CircularInput {
  data: CircularData;
  /** The city without 市 (鄂州), '' when unknown. */
  city: string;
  /** Kinds of the units holding tasks (for 主送). */
  kinds: readonly UnitKind[];
  /** Latest submission date (ISO) of the reports counted, null when none. */
  lastSubmitted: string | null;
  /** The office that issues the circular (settings file, or drafted from the notice). */
  office: OfficeSettings;
}

export interface CircularContextOptions {
  /** Days from the circular's date to the rectification deadline (default 10). */
  rectifyDays?: number;
  /** Most achievement items shown under 主要成效 (default 5). */
  maxAchievements?: number;
  /** Characters a delay reason keeps in the lagging table (default 60). */
  reasonChars?: number;
}

export interface ChapterRow {
  /** 一、大力解放思想，全面深化改革，激活发展内生动力 (其他 for tasks outside any chapter). */
  label: string;
  /** 一、大力解放思想: the chart's label. */
  short: string;
  counts: StatusCounts;
  lights: LightCounts;
  /** Share of its tasks completed or on schedule, percent, one decimal. */
  onTrackRate: number;
}

export interface AchievementRow {
  label: string;
  title: string;
  unit: string;
  text: string;
  completed: boolean;
  percent: number;
  /** Points ahead of 序时进度, 0 when not ahead. */
  aheadBy: number;
}

export interface ReasonText {
  unit: string;
  lead: boolean;
  text: string;
}

export interface LaggingRow {
  seq: number;
  label: string;
  title: string;
  leads: string[];
  percent: number;
  /** Points behind 序时进度 (0 when the lead reported 滞后 while on schedule). */
  behindBy: number;
  light: Light;
  overdue: boolean;
  /** The lead's stated delay reason, else the lead's problems; then supporting units' delay reasons. */
  reasons: ReasonText[];
}

export interface TaskRef {
  label: string;
  title: string;
  leads: string[];
}

export interface LateRow {
  unit: string;
  /** 4月8日 */
  submitted: string;
  daysLate: number;
}

export interface PartialRow {
  unit: string;
  reported: number;
  held: number;
}

export interface UnitRow {
  seq: number;
  unit: string;
  lead: number;
  support: number;
  held: number;
  reported: number;
  /** 4月3日, '' when nothing was filed. */
  submitted: string;
  state: 'on-time' | 'late' | 'missing';
  daysLate: number;
  /** Tasks held but not reported (0 for a unit that filed nothing: it is 未报送 as a whole). */
  missed: number;
}

export interface ProblemNumbers {
  lagging: string;
  notStarted: string;
  notReported: string;
  reporting: string;
}

export interface CircularContext {
  city: string;
  /** The issuing office: 发文机关标志, its name in the text, the government it serves, who holds to account, 抄送. */
  office: { name: string; inText: string; government: string; accountability: string; cc: string };
  /** 鄂州督通〔2014〕1号. */
  docNumber: string;
  /** Year and number of the 发文字号 (the period's year; the quarter's or month's number). */
  year: number;
  seq: number;
  /** 成文日期 (ISO): the due date, or the last submission counted when later. */
  date: string;
  to: Addressees & { government: string };
  /** The notice's title with inner 《》 as 〈〉 ('' when unknown) and 文号 ('' when none). */
  notice: { title: string; docNumber: string; workReport: boolean };
  period: { id: string; label: string; quarterly: boolean; end: string; due: string; schedule: number };
  next: { label: string; due: string } | null;
  rectifyBy: string;
  rules: { yellowBehind: number; redBehind: number };
  totals: StatusCounts;
  shares: StatusShares;
  lights: LightCounts;
  /** Completed plus on schedule. */
  onTrack: number;
  /** More than half the tasks completed or on schedule. */
  mostOnTrack: boolean;
  /** More than half the tasks completed. */
  mostCompleted: boolean;
  reporting: { expected: number; onTime: number; late: number; missing: number; partial: number; rate: number };
  chapters: ChapterRow[];
  laggingChapters: { no: string; count: number }[];
  achievements: AchievementRow[];
  /** Units that reported on time and in full and whose led tasks are all completed or ahead. */
  good: string[];
  lagging: LaggingRow[];
  laggingRed: number;
  laggingYellow: number;
  laggingLeads: string[];
  notStarted: TaskRef[];
  notReported: TaskRef[];
  notReportedLeads: string[];
  late: LateRow[];
  silent: string[];
  partial: PartialRow[];
  /** Late and silent units, for the demand to report on time. */
  remiss: string[];
  problemNo: ProblemNumbers;
  anyProblem: boolean;
  units: UnitRow[];
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const pct = (n: number, of: number): number => (of ? Math.round((n / of) * 1000) / 10 : 0);
const round1 = (n: number): number => Math.round(n * 10) / 10;
const distinct = (names: readonly string[]): string[] => [...new Set(names)];

/** 2014-04-08 → 4月8日 */
function monthDay(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${m}月${d}日`;
}

function shortTitle(title: string): string {
  const first = title.split(/[，,；;：:]/)[0]!.trim();
  const chars = Array.from(first);
  return chars.length > 10 ? `${chars.slice(0, 9).join('')}…` : first;
}

function chapterRows(data: CircularData): ChapterRow[] {
  return data.byChapter.map((c) => ({
    label: c.no === null ? c.title : `${c.no}、${c.title}`,
    short: c.no === null ? c.title : `${c.no}、${shortTitle(c.title)}`,
    counts: c.counts,
    lights: c.lights,
    onTrackRate: pct(c.counts.completed + c.counts.onSchedule, c.counts.total),
  }));
}

/** Chapters holding two or more lagging tasks, most first (at most three): where the lag concentrates. */
function laggingChapters(data: CircularData): { no: string; count: number }[] {
  return data.byChapter
    .map((c, i) => ({ no: c.no, count: c.lagging.length, i }))
    .filter((c): c is { no: string; count: number; i: number } => c.no !== null && c.count >= 2)
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .slice(0, 3)
    .map(({ no, count }) => ({ no, count }));
}

/** Tasks on track whose lead told what was achieved: completed first, then the furthest ahead. */
function achievementRows(data: CircularData, max: number): AchievementRow[] {
  const byNo = new Map(data.tasks.map((t) => [t.no, t]));
  const rows: (AchievementRow & { no: number; rank: number })[] = [];
  for (const item of data.achievements) {
    const task = byNo.get(item.taskNo);
    const lead = item.entries.find((e) => e.role === 'lead');
    if (!task || !lead || task.percent === null || (task.class !== 'completed' && task.class !== 'onSchedule')) continue;
    const completed = task.class === 'completed';
    rows.push({
      no: task.no,
      rank: completed ? -1000 : task.behind ?? 0,
      label: task.label,
      title: task.title,
      unit: lead.unit,
      text: lead.text,
      completed,
      percent: task.percent,
      aheadBy: !completed && task.behind !== null && task.behind < 0 ? round1(-task.behind) : 0,
    });
  }
  return rows
    .sort((a, b) => a.rank - b.rank || a.no - b.no)
    .slice(0, max)
    .sort((a, b) => a.no - b.no)
    .map(({ no: _no, rank: _rank, ...row }) => row);
}

function reasonsOf(task: CircularTask, chars: number): ReasonText[] {
  const own = (list: readonly UnitText[], role: 'lead' | 'support') => list.filter((x) => x.role === role);
  const lead = own(task.delayReasons, 'lead');
  const first = lead.length ? lead : own(task.problems, 'lead');
  const said = new Set<string>();
  const rows: ReasonText[] = [];
  for (const x of [...first, ...own(task.delayReasons, 'support')]) {
    // A sentence two units both wrote is said once: no cell repeats itself.
    const sentences = x.text.split(/(?<=[。；！？])/).filter((t) => {
      const key = t.replace(/[。；！？\s]+$/, '');
      if (!key) return false;
      if (said.has(key)) return false;
      said.add(key);
      return true;
    });
    const text = sentences.join('').replace(/；$/, '。');
    if (text) rows.push({ unit: x.unit, lead: x.role === 'lead', text: trimText(text, chars) });
  }
  return rows;
}

function laggingRows(data: CircularData, chars: number): LaggingRow[] {
  const byNo = new Map(data.tasks.map((t) => [t.no, t]));
  return data.lagging.map((l, i) => {
    const task = byNo.get(l.no)!;
    return {
      seq: i + 1,
      label: l.label,
      title: l.title,
      leads: l.leadUnits,
      percent: l.percent ?? 0,
      behindBy: Math.max(0, round1(l.schedule - (l.percent ?? 0))),
      light: l.light,
      overdue: task.overdue,
      reasons: reasonsOf(task, chars),
    };
  });
}

function taskRefs(tasks: readonly CircularTask[], leadsOf: (t: CircularTask) => string[]): TaskRef[] {
  return tasks.map((t) => ({ label: t.label, title: t.title, leads: leadsOf(t) }));
}

function goodUnits(data: CircularData): string[] {
  const ledBy = (unit: string) => data.tasks.filter((t) => t.leadUnits.includes(unit));
  const strong = (t: CircularTask) => t.class === 'completed' || (t.class === 'onSchedule' && t.ahead);
  return data.units
    .filter((u) => u.state === 'on-time' && u.reported >= u.tasksHeld && u.lead > 0)
    .filter((u) => {
      const led = ledBy(u.unit);
      return led.length > 0 && led.every(strong);
    })
    .map((u) => u.unit);
}

function nextPeriod(data: CircularData): { label: string; due: string } | null {
  const p = parsePeriodId(data.period.id);
  const last = p.kind === 'quarterly' ? 4 : 12;
  if (p.index >= last) return null;
  const id = p.kind === 'quarterly' ? `${p.year}-Q${p.index + 1}` : `${p.year}-${String(p.index + 1).padStart(2, '0')}`;
  const next = parsePeriodId(id, { dueOffsetDays: daysBetween(data.period.end, data.period.due) });
  return { label: periodLabel(next), due: next.due };
}

function problemNumbers(present: Record<keyof ProblemNumbers, boolean>): ProblemNumbers {
  let n = 0;
  const no = (on: boolean) => (on ? `（${ORDINALS[n++]}）` : '');
  return {
    lagging: no(present.lagging),
    notStarted: no(present.notStarted),
    notReported: no(present.notReported),
    reporting: no(present.reporting),
  };
}

export function buildCircularContext(input: CircularInput, opts: CircularContextOptions = {}): CircularContext {
  const { data } = input;
  const period = parsePeriodId(data.period.id);
  const date = input.lastSubmitted && input.lastSubmitted > data.period.due ? input.lastSubmitted : data.period.due;
  const lagging = laggingRows(data, opts.reasonChars ?? 60);
  const notStarted = data.tasks.filter((t) => t.class === 'notStarted');
  const notReported = data.tasks.filter((t) => t.class === 'notReported');
  const partial = data.units
    .filter((u) => u.state !== 'missing' && u.reported < u.tasksHeld)
    .map((u) => ({ unit: u.unit, reported: u.reported, held: u.tasksHeld }));
  const late = data.lateUnits.map((u) => ({ unit: u.unit, submitted: monthDay(u.submitted), daysLate: u.daysLate }));
  const present = {
    lagging: lagging.length > 0,
    notStarted: notStarted.length > 0,
    notReported: notReported.length > 0,
    reporting: late.length + data.silentUnits.length + partial.length > 0,
  };
  const t = data.totals;
  const office = input.office;
  return {
    city: input.city,
    office: {
      name: office.office.name,
      inText: office.office.inText,
      government: governmentOf(office),
      accountability: office.accountability,
      cc: office.circular.cc.join('，'),
    },
    docNumber: docNumberOf(office.circular.prefix, period.year, office.circular.firstNumber + period.index - 1),
    year: period.year,
    seq: period.index,
    date,
    to: { ...addresseesOf(input.kinds), government: governmentOf(office) },
    notice: {
      title: data.notice.title ? nestTitle(data.notice.title) : '',
      docNumber: data.notice.docNumber ?? '',
      workReport: /政府工作报告/.test(data.notice.title ?? data.notice.key),
    },
    period: {
      id: data.period.id,
      label: data.period.label,
      quarterly: data.period.kind === 'quarterly',
      end: data.period.end,
      due: data.period.due,
      schedule: data.period.schedule,
    },
    next: nextPeriod(data),
    rectifyBy: addDays(date, opts.rectifyDays ?? 10),
    rules: { yellowBehind: data.rules.yellowBehind, redBehind: data.rules.redBehind },
    totals: t,
    shares: data.shares,
    lights: data.lights,
    onTrack: t.completed + t.onSchedule,
    mostOnTrack: (t.completed + t.onSchedule) * 2 > t.total,
    mostCompleted: t.completed * 2 > t.total,
    reporting: {
      expected: data.reporting.expected,
      onTime: data.reporting.onTime,
      late: data.reporting.late,
      missing: data.reporting.missing,
      partial: partial.length,
      rate: round1(data.reporting.rate * 100),
    },
    chapters: chapterRows(data),
    laggingChapters: laggingChapters(data),
    achievements: achievementRows(data, opts.maxAchievements ?? 5),
    good: goodUnits(data),
    lagging,
    laggingRed: lagging.filter((l) => l.light === 'red').length,
    laggingYellow: lagging.filter((l) => l.light === 'yellow').length,
    laggingLeads: distinct(lagging.flatMap((l) => l.leads)),
    notStarted: taskRefs(notStarted, (x) => x.leadUnits),
    notReported: taskRefs(notReported, (x) => (x.missingLeads.length ? x.missingLeads : x.leadUnits)),
    notReportedLeads: distinct(notReported.flatMap((x) => (x.missingLeads.length ? x.missingLeads : x.leadUnits))),
    late,
    silent: data.silentUnits,
    partial,
    remiss: [...late.map((u) => u.unit), ...data.silentUnits],
    problemNo: problemNumbers(present),
    anyProblem: Object.values(present).some(Boolean),
    units: data.units.map((u, i) => ({
      seq: i + 1,
      unit: u.unit,
      lead: u.lead,
      support: u.support,
      held: u.tasksHeld,
      reported: u.reported,
      submitted: u.submitted ? monthDay(u.submitted) : '',
      state: u.state,
      daysLate: u.daysLate,
      missed: u.state === 'missing' ? 0 : u.tasksHeld - u.reported,
    })),
  };
}
