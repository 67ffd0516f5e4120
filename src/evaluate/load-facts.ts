/**
 * Layer 2: the facts of one year, read from the workspace database through the store's own
 * queries. Which notices: those followed up in a period of the year (notice_periods), else
 * those signed in the year. A unit's year-end status on a task is its report in the latest
 * period that has one; a target's actual is the latest value reported on the task, the lead
 * unit's first. Report states (on time / late / missing) come from progress/reporting.ts, the
 * same rule the circulars use.
 */
import { DubanError } from '../model/errors.js';
import type { Db } from '../store/db.js';
import { getNotice, type NoticeRecord } from '../store/notices.js';
import { getPeriod, listPeriods, periodLabel, type Period } from '../store/periods.js';
import { noticeAssignments, noticeTasks, receivingUnits, type AssignmentRecord, type TaskRecord } from '../store/queries.js';
import { currentReports, type ReportRecord } from '../store/reports.js';
import { unitReporting } from '../progress/reporting.js';
import type { EvaluationFacts, NoticeFact, ReportFact, TargetFact, TaskFact, UnitEvent, UnitFacts } from './facts.js';

export interface LoadOptions {
  /** Bonus and 一票否决 items the target office recorded, by unit name. */
  events?: ReadonlyMap<string, readonly UnitEvent[]>;
}

export function loadEvaluationFacts(db: Db, year: number, opts: LoadOptions = {}): EvaluationFacts {
  const notices = noticesOfYear(db, year);
  if (notices.length === 0) {
    throw new DubanError('content', `数据库中没有${year}年度跟踪的通知（请先用 duban forms 生成该年度的反馈表并导入进展）`, { file: db.name });
  }
  const units = new Map<string, UnitFacts>();
  const periodsSeen = new Map<string, Period>();
  let lastDate = '';
  for (const notice of notices) {
    const periods = periodsOf(db, notice.id, year);
    periods.forEach((p) => periodsSeen.set(p.id, p));
    const perPeriod = periods.map((p): PeriodReports => {
      const reports = currentReports(db, notice.id, p.id);
      return { period: p, reports, byKey: new Map(reports.map((r) => [`${r.taskId}:${r.unitId}`, r])) };
    });
    const tasks = noticeTasks(db, notice.id);
    const labels = new Map(tasks.map((t) => [t.no, t.label]));
    for (const { period, reports } of perPeriod) {
      if (period.due > lastDate) lastDate = period.due;
      for (const r of reports) if (r.submittedDate > lastDate) lastDate = r.submittedDate;
    }
    for (const u of receivingUnits(db, notice.id)) {
      if (!units.has(u.name)) units.set(u.name, { name: u.name, fullName: u.fullName, kind: u.kind, tasks: [], reports: [], events: [...(opts.events?.get(u.name) ?? [])] });
    }
    addTasks(units, notice, tasks, noticeAssignments(db, notice.id), viaOf(db, notice.id), perPeriod);
    for (const { period, reports } of perPeriod) {
      const lagging = laggingByUnit(reports, labels);
      for (const ur of unitReporting(db, notice.id, period, undefined, reports)) {
        const report: ReportFact = {
          notice: notice.key,
          period: period.id,
          periodLabel: periodLabel(period),
          due: period.due,
          state: ur.state === 'on-time' ? 'onTime' : ur.state,
          submitted: ur.submitted,
          lagging: lagging.get(ur.unit) ?? [],
        };
        units.get(ur.unit)?.reports.push(report);
      }
    }
  }
  for (const name of opts.events?.keys() ?? []) {
    if (!units.has(name)) throw new DubanError('content', `登记了加分或否决事项的单位“${name}”在${year}年度没有承担任务`);
  }
  const periods = [...periodsSeen.values()].sort(byEnd).map((p) => ({ id: p.id, label: periodLabel(p), due: p.due }));
  return {
    year,
    city: cityOf(db),
    date: lastDate || `${year}-12-31`,
    notices: notices.map((n): NoticeFact => ({ key: n.key, docNumber: n.docNumber, title: n.title })),
    periods,
    units: [...units.values(), ...idleUnits(db, units)],
  };
}

function byEnd(a: Period, b: Period): number {
  return a.end.localeCompare(b.end) || a.start.localeCompare(b.start) || a.id.localeCompare(b.id);
}

/** Notices followed up in a period of the year; else notices signed in the year. */
function noticesOfYear(db: Db, year: number): NoticeRecord[] {
  const ids = db
    .prepare(
      `SELECT DISTINCT np.notice_id AS id FROM notice_periods np JOIN periods p ON p.id = np.period_id
        WHERE substr(p.end_date, 1, 4) = ? ORDER BY np.notice_id`,
    )
    .pluck()
    .all(String(year)) as number[];
  if (ids.length > 0) return ids.map((id) => getNotice(db, id)!);
  const signed = db.prepare("SELECT id FROM notices WHERE substr(sign_date, 1, 4) = ? ORDER BY id").pluck().all(String(year)) as number[];
  return signed.map((id) => getNotice(db, id)!);
}

function periodsOf(db: Db, noticeId: number, year: number): Period[] {
  const ids = db.prepare('SELECT period_id FROM notice_periods WHERE notice_id = ?').pluck().all(noticeId) as string[];
  const all = ids.length > 0 ? ids.map((id) => getPeriod(db, id)).filter((p): p is Period => p !== null) : listPeriods(db);
  return all.filter((p) => p.end.startsWith(String(year))).sort(byEnd);
}

interface PeriodReports {
  period: Period;
  reports: ReportRecord[];
  /** By `${taskId}:${unitId}`. */
  byKey: Map<string, ReportRecord>;
}

function addTasks(
  units: Map<string, UnitFacts>,
  notice: NoticeRecord,
  tasks: readonly TaskRecord[],
  assignments: readonly AssignmentRecord[],
  via: ReadonlyMap<string, string>,
  perPeriod: readonly PeriodReports[],
): void {
  // Latest period first, so the first report found is the year-end one.
  const latestFirst = [...perPeriod].reverse();
  const reportOf = (taskId: number, unitId: number): { r: ReportRecord; period: Period } | null => {
    for (const { period, byKey } of latestFirst) {
      const r = byKey.get(`${taskId}:${unitId}`);
      if (r) return { r, period };
    }
    return null;
  };
  const byTask = new Map<number, AssignmentRecord[]>();
  for (const a of assignments) byTask.set(a.taskId, [...(byTask.get(a.taskId) ?? []), a]);
  for (const task of tasks) {
    const holders = byTask.get(task.id) ?? [];
    const targets = targetFacts(task, holders, latestFirst);
    for (const a of holders) {
      const found = reportOf(task.id, a.unitId);
      const fact: TaskFact = {
        notice: notice.key,
        no: task.no,
        label: task.label,
        title: task.title,
        role: a.role,
        via: via.get(`${task.id}:${a.unitId}`) ?? null,
        status: found?.r.status ?? null,
        percent: found?.r.percent ?? null,
        statusPeriod: found ? periodLabel(found.period) : null,
        targets,
      };
      units.get(a.unit)?.tasks.push(fact);
    }
  }
}

/** The collective (各区) through which each unit holds each task, by `${taskId}:${unitId}`. */
function viaOf(db: Db, noticeId: number): Map<string, string> {
  const rows = db
    .prepare('SELECT a.task_id AS taskId, a.unit_id AS unitId, a.via FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.notice_id = ? AND a.via IS NOT NULL')
    .all(noticeId) as { taskId: number; unitId: number; via: string }[];
  return new Map(rows.map((r) => [`${r.taskId}:${r.unitId}`, r.via]));
}

/** Each target's year-end actual: the latest period with a value, the lead (lowest seq) first. */
function targetFacts(task: TaskRecord, holders: readonly AssignmentRecord[], latestFirst: readonly PeriodReports[]): TargetFact[] {
  const seqOf = new Map(holders.map((h) => [h.unitId, h.seq]));
  return task.targets.map((g) => {
    let actualFrom: TargetFact['actualFrom'] = null;
    let actual: number | null = null;
    for (const { period, byKey } of latestFirst) {
      const withValue = holders
        .map((h) => byKey.get(`${task.id}:${h.unitId}`))
        .filter((r): r is ReportRecord => r !== undefined)
        .map((r) => ({ r, v: r.actuals.find((x) => x.targetId === g.id)?.actual }))
        .filter((x): x is { r: ReportRecord; v: number } => x.v !== undefined)
        .sort((a, b) => seqOf.get(a.r.unitId)! - seqOf.get(b.r.unitId)!);
      const best = withValue[0];
      if (best) {
        actual = best.v;
        actualFrom = { unit: best.r.unit, period: periodLabel(period) };
        break;
      }
    }
    return { text: g.text, indicator: g.indicator, value: g.value, unit: g.unit, qualifier: g.qualifier, actual, actualFrom };
  });
}

function laggingByUnit(reports: readonly ReportRecord[], labels: ReadonlyMap<number, string>): Map<string, ReportFact['lagging']> {
  const out = new Map<string, ReportFact['lagging']>();
  for (const r of reports) {
    if (r.status !== '滞后') continue;
    const list = out.get(r.unit) ?? [];
    list.push({ no: r.taskNo, label: labels.get(r.taskNo) ?? String(r.taskNo), reason: r.delayReason });
    out.set(r.unit, list);
  }
  return out;
}

/** Units the database knows that hold no task at all (collectives aside): listed, not scored. */
function idleUnits(db: Db, seen: ReadonlyMap<string, UnitFacts>): UnitFacts[] {
  const rows = db
    .prepare(
      `SELECT u.name, u.kind, u.full_name AS fullName FROM units u
        WHERE u.kind <> 'collective' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = u.id) ORDER BY u.id`,
    )
    .all() as Pick<UnitFacts, 'name' | 'kind' | 'fullName'>[];
  return rows.filter((r) => !seen.has(r.name)).map((r) => ({ ...r, tasks: [], reports: [], events: [] }));
}

/** The city the data names most: 鄂州 from full names such as 鄂州市发展和改革委员会. */
function cityOf(db: Db): string | null {
  const names = db.prepare('SELECT full_name FROM units WHERE full_name IS NOT NULL').pluck().all() as string[];
  const counts = new Map<string, number>();
  for (const n of names) {
    const m = /^(\p{Script=Han}{2,4}?)市/u.exec(n);
    if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? best[0] : null;
}
