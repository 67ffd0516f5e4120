/** What the office pages show, read from the workspace database. Numbers come from the same code as the documents. */
import { existsSync } from 'node:fs';
import type { Db } from '../store/db.js';
import { listPeriods, periodLabel, yearShareAtEnd, type Period } from '../store/periods.js';
import { noticeAssignments, noticeTasks, unitTasks, type TaskRecord, type UnitRecord } from '../store/queries.js';
import { currentReports, reportHistory, type ReportRecord } from '../store/reports.js';
import { buildCircularData, type CircularData } from '../progress/circular-data.js';
import { assessTask, daysLate, type StatusRules } from '../progress/rules.js';
import { unitReporting } from '../progress/reporting.js';
import { ROLE_LABEL } from '../progress/form-layout.js';
import type { NoticeRecord } from '../store/notices.js';
import { periodNotice } from './access.js';
import { bundledEvaluationRulesFile } from '../evaluate/rules-cached.js';

export const roleLabel = (r: string) => (r === 'lead' ? ROLE_LABEL.lead : ROLE_LABEL.support);

/** Periods with reports or forms, and the one asked for (else the latest with reports). */
export function pickPeriod(db: Db, wanted: unknown): { period: Period | null; periods: Period[] } {
  const periods = listPeriods(db);
  if (typeof wanted === 'string' && wanted) {
    const hit = periods.find((p) => p.id === wanted) ?? null;
    return { period: hit, periods };
  }
  const withReports = db.prepare('SELECT DISTINCT period_id AS id FROM progress_reports').pluck().all() as string[];
  const latest = [...periods].reverse().find((p) => withReports.includes(p.id)) ?? periods.at(-1) ?? null;
  return { period: latest, periods };
}

export function periodLinks(periods: Period[], current: Period | null) {
  return periods.map((p) => ({ id: p.id, label: periodLabel(p), on: p.id === current?.id }));
}

export function overviewData(db: Db, period: Period, rules: StatusRules): CircularData {
  return buildCircularData(db, period.id, { rules });
}

export function sourceLabel(r: ReportRecord): string {
  return r.sourceFile.startsWith('网上填报') ? '网上填报' : (r.sourceFile.split(/[\\/]/).pop() ?? r.sourceFile);
}

export function findTask(db: Db, notice: NoticeRecord, no: number): TaskRecord | null {
  return noticeTasks(db, notice.id).find((t) => t.no === no) ?? null;
}

export function taskPage(db: Db, notice: NoticeRecord, period: Period, task: TaskRecord, rules: StatusRules) {
  const assignments = noticeAssignments(db, notice.id).filter((a) => a.taskId === task.id);
  const current = currentReports(db, notice.id, period.id).filter((r) => r.taskId === task.id);
  const leads = assignments.filter((a) => a.role === 'lead');
  const leadReports = current.filter((r) => leads.some((l) => l.unitId === r.unitId));
  const schedule = Math.round(yearShareAtEnd(period) * 1000) / 10;
  const assessment = assessTask({ leads: leads.map((l) => l.unit), leadReports, schedule, deadline: task.deadline, periodEnd: period.end }, rules);
  const periods = new Map(listPeriods(db).map((p) => [p.id, p]));
  const allPeriods = db
    .prepare('SELECT DISTINCT period_id FROM progress_reports WHERE task_id = ? ORDER BY period_id')
    .pluck()
    .all(task.id) as string[];
  const history = assignments.map((a) => ({
    unit: a.unit,
    unitId: a.unitId,
    roleLabel: roleLabel(a.role),
    reports: allPeriods
      .flatMap((pid) => reportHistory(db, task.id, a.unitId, pid))
      .map((r) => {
        const p = periods.get(r.periodId);
        return { ...r, source: sourceLabel(r), late: p ? daysLate(r.submittedDate, p.due, rules) > 0 : false };
      }),
  }));
  const chapter = task.chapter
    ? ((db.prepare('SELECT title FROM chapters WHERE notice_id = ? AND no = ?').pluck().get(notice.id, task.chapter) as string | undefined) ?? null)
    : null;
  return {
    assessment,
    chapterTitle: chapter ? `${task.chapter}、${chapter}` : task.chapter,
    units: assignments.map((a) => ({ unit: a.unit, unitId: a.unitId, roleLabel: roleLabel(a.role), reported: current.some((r) => r.unitId === a.unitId) })),
    history,
  };
}

export function unitPage(db: Db, notice: NoticeRecord, period: Period, unit: UnitRecord, rules: StatusRules) {
  const tasks = unitTasks(db, notice.id, unit.id);
  const current = new Map(
    currentReports(db, notice.id, period.id)
      .filter((r) => r.unitId === unit.id)
      .map((r) => [r.taskId, r]),
  );
  const reports = tasks
    .flatMap((t) => reportHistory(db, t.id, unit.id, period.id))
    .map((r) => ({ ...r, source: sourceLabel(r) }));
  const reporting = unitReporting(db, notice.id, period, rules).find((u) => u.unit === unit.name) ?? null;
  return {
    tasks: tasks.map((t) => ({ ...t, roleLabel: roleLabel(t.role), report: current.get(t.id) ?? null })),
    reports,
    reporting,
    partial: reporting && reporting.state !== 'missing' ? reporting.tasksHeld - reporting.reported : 0,
  };
}

export interface EvaluationLine {
  year: number;
  score: number;
  grade: string;
  rank: number;
  of: number;
  added: number;
  deducted: number;
  lines: string[];
}

const evalCache = new Map<string, { key: string; result: Map<string, EvaluationLine> }>();

/** The unit's year-end evaluation line from src/evaluate, recomputed when reports change. */
export async function evaluationLine(db: Db, year: number, unit: string, rulesFile?: string): Promise<EvaluationLine | string> {
  const [{ loadEvaluationFacts }, { evaluate }, { loadRules }] = await Promise.all([
    import('../evaluate/load-facts.js'),
    import('../evaluate/evaluate.js'),
    import('../evaluate/rules-load.js'),
  ]);
  const stamp = db.prepare('SELECT COALESCE(MAX(id), 0) || \':\' || COUNT(*) FROM progress_reports').pluck().get() as string;
  const file = rulesFile ?? (existsSync('seeds/evaluation-rules.yaml') ? 'seeds/evaluation-rules.yaml' : bundledEvaluationRulesFile());
  const cacheKey = `${db.name}|${year}|${file}`;
  let hit = evalCache.get(cacheKey);
  if (!hit || hit.key !== stamp) {
    let result: Map<string, EvaluationLine>;
    try {
      const r = evaluate(loadEvaluationFacts(db, year), loadRules(file));
      result = new Map(
        r.units.map((u) => [
          u.unit,
          {
            year,
            score: u.score,
            grade: u.grade,
            rank: u.rank,
            of: r.units.length,
            added: u.added,
            deducted: u.deducted,
            lines: [...u.breakdown.filter((l) => l.points !== 0).map((l) => `${l.description}（${l.points > 0 ? '+' : ''}${l.points} 分）`), ...u.gradeNotes],
          },
        ]),
      );
    } catch (e) {
      return `暂无${year}年度考核结果（${e instanceof Error ? e.message : String(e)}）`;
    }
    hit = { key: stamp, result };
    evalCache.set(cacheKey, hit);
  }
  return hit.result.get(unit) ?? `${unit}未参加${year}年度考核（未承担任务）`;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function search(db: Db, notice: NoticeRecord | null, q: string) {
  const like = `%${escapeLike(q)}%`;
  const units = db
    .prepare("SELECT id, name, full_name AS fullName FROM units WHERE name LIKE ? ESCAPE '\\' OR full_name LIKE ? ESCAPE '\\' ORDER BY id LIMIT 100")
    .all(like, like) as { id: number; name: string; fullName: string | null }[];
  const tasks = notice
    ? (db
        .prepare(
          `SELECT DISTINCT t.no, t.title, t.text FROM tasks t
             LEFT JOIN assignments a ON a.task_id = t.id LEFT JOIN units u ON u.id = a.unit_id
            WHERE t.notice_id = ? AND (t.title LIKE ? ESCAPE '\\' OR t.text LIKE ? ESCAPE '\\' OR u.name LIKE ? ESCAPE '\\')
            ORDER BY t.no LIMIT 200`,
        )
        .all(notice.id, like, like, like) as { no: number; title: string; text: string }[])
    : [];
  return {
    units,
    tasks: tasks.map((t) => {
      const at = t.text.indexOf(q);
      const chars = Array.from(t.text);
      const start = at < 0 ? 0 : Math.max(0, Array.from(t.text.slice(0, at)).length - 20);
      return { no: t.no, title: t.title, excerpt: `${start > 0 ? '…' : ''}${chars.slice(start, start + 70).join('')}${chars.length > start + 70 ? '…' : ''}` };
    }),
  };
}

export { periodNotice };
