/**
 * A unit's web report: the same fields as the xlsx form, checked by the same rules
 * (progress/entry.ts), stored the same way (a new report supersedes, never deletes).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.js';
import type { HeldTask } from '../store/queries.js';
import { heldTasks, stmt } from './sql.js';
import { writeImport, type NewReport, type ReportRecord } from '../store/reports.js';
import { checkEntry, type EntryTexts } from '../progress/entry.js';
import type { ColumnKey } from '../progress/form-layout.js';
import { daysLate, type StatusRules } from '../progress/rules.js';
import { audit, type UnitAccess } from './access.js';

/** Text fields of the form, in the xlsx column order, with their field names. */
export const TEXT_FIELDS: readonly { key: keyof EntryTexts; column: ColumnKey; label: string; rows: number }[] = [
  { key: 'progress', column: 'progress', label: '进展情况', rows: 4 },
  { key: 'achievements', column: 'achievements', label: '取得的成绩和经验', rows: 3 },
  { key: 'problems', column: 'problems', label: '存在的问题', rows: 2 },
  { key: 'nextMeasures', column: 'measures', label: '拟采取的措施', rows: 2 },
  { key: 'delayReason', column: 'delayReason', label: '滞后原因', rows: 2 },
];
/** Longest text a field accepts (characters). */
export const MAX_FIELD_CHARS = 4000;

export type FormBody = Record<string, unknown>;

/** What the form shows for one task: values (typed or current) and errors by field. */
export interface TaskFormState {
  task: HeldTask;
  values: Record<string, string>;
  errors: Record<string, string[]>;
  /** Date of the unit's current report of the task this period, if any. */
  reported?: string;
}

export type SubmitResult =
  | { kind: 'saved'; importId: number; tasks: number[]; superseded: number; daysLate: number; submitted: string }
  | { kind: 'invalid'; states: TaskFormState[]; count: number }
  /** Nothing filled in, or nothing different from the current reports. */
  | { kind: 'empty'; states: TaskFormState[]; unchanged: number };

export function fieldName(no: number, field: string): string {
  return `t${no}_${field}`;
}

function str(body: FormBody, name: string): string {
  const v = body[name];
  const s = Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '';
  return s.replace(/\r\n?/g, '\n');
}

function clean(text: string): string {
  return text
    .replace(/[ \t\u3000]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type UnitReport = Pick<ReportRecord, 'taskId' | 'status' | 'percent' | 'actuals' | 'submittedDate'> & EntryTexts;

/** The unit's current reports of the period, by task id (one unit's rows only: cheap under load). */
function unitCurrent(db: Db, access: UnitAccess): Map<number, UnitReport> {
  const rows = stmt(
      db,
      `SELECT r.id, r.task_id AS taskId, r.status, r.percent, r.progress, r.achievements, r.problems,
              r.next_measures AS nextMeasures, r.delay_reason AS delayReason, r.submitted_date AS submittedDate
         FROM progress_reports r JOIN tasks t ON t.id = r.task_id
        WHERE r.unit_id = ? AND r.period_id = ? AND t.notice_id = ? AND r.superseded_by IS NULL`,
    )
    .all(access.unit.id, access.period.id, access.notice.id) as (Omit<UnitReport, 'actuals'> & { id: number })[];
  const actuals = stmt(
      db,
      `SELECT a.report_id AS reportId, a.target_id AS targetId, a.actual FROM report_target_actuals a
         JOIN progress_reports r ON r.id = a.report_id
        WHERE r.unit_id = ? AND r.period_id = ? AND r.superseded_by IS NULL ORDER BY a.target_id`,
    )
    .all(access.unit.id, access.period.id) as { reportId: number; targetId: number; actual: number }[];
  return new Map(
    rows.map(({ id, ...r }) => [
      r.taskId,
      { ...r, actuals: actuals.filter((a) => a.reportId === id).map(({ targetId, actual }) => ({ targetId, actual })) },
    ]),
  );
}

/** The form's values as the current reports have them (or empty). */
export function currentStates(db: Db, access: UnitAccess): TaskFormState[] {
  const tasks = heldTasks(db, access.notice.id, access.unit.id);
  const current = unitCurrent(db, access);
  return tasks.map((task) => {
    const r = current.get(task.id);
    const values: Record<string, string> = {};
    if (r) {
      values.status = r.status;
      values.percent = r.percent === null ? '' : String(r.percent);
      for (const f of TEXT_FIELDS) values[f.key] = r[f.key];
      for (const a of r.actuals) {
        const g = task.targets.find((t) => t.id === a.targetId);
        if (g) values[`actual${g.seq}`] = String(a.actual);
      }
    }
    return { task, values, errors: {}, ...(r ? { reported: r.submittedDate } : {}) };
  });
}

/** Checks the whole form; stores it only when every filled task passes. */
export function submitReport(
  db: Db,
  access: UnitAccess,
  body: FormBody,
  ctx: { now: Date; today: string; address: string; rules: StatusRules },
): SubmitResult {
  const tasks = heldTasks(db, access.notice.id, access.unit.id);
  const current = unitCurrent(db, access);
  const states: TaskFormState[] = [];
  const reports: NewReport[] = [];
  let problems = 0;
  let unchanged = 0;
  for (const task of tasks) {
    const values: Record<string, string> = {};
    const errors: Record<string, string[]> = {};
    const add = (field: string, message: string) => {
      (errors[field] ??= []).push(message);
      problems++;
    };
    values.status = str(body, fieldName(task.no, 'status')).trim();
    values.percent = str(body, fieldName(task.no, 'percent')).trim();
    const texts = {} as EntryTexts;
    for (const f of TEXT_FIELDS) {
      values[f.key] = str(body, fieldName(task.no, f.key));
      texts[f.key] = clean(values[f.key]!);
      if (Array.from(texts[f.key]).length > MAX_FIELD_CHARS) add(f.key, `${f.label}最多 ${MAX_FIELD_CHARS} 字`);
    }
    const actuals = task.targets.map((g) => {
      values[`actual${g.seq}`] = str(body, fieldName(task.no, `actual${g.seq}`)).trim();
      return { seq: g.seq, raw: values[`actual${g.seq}`]! || null };
    });
    const result = checkEntry(
      { status: values.status || null, percent: values.percent || null, date: null, texts, actuals, hasDelayReason: true },
      task,
    );
    if (result.kind === 'invalid') {
      for (const i of result.issues) {
        const field =
          i.key === 'actual'
            ? `actual${actuals[i.actualIndex ?? 0]?.seq ?? 1}`
            : i.key === 'measures'
              ? 'nextMeasures'
              : i.key;
        add(field, i.message);
      }
    } else if (result.kind === 'ok' && Object.keys(errors).length === 0) {
      // A task shown with its current report and sent back as it was is not a new report.
      if (sameReport(result.report, current.get(task.id))) unchanged++;
      else reports.push({ ...result.report, submittedDate: ctx.today, sourceRow: task.no });
    }
    states.push({ task, values, errors });
  }
  if (problems > 0) return { kind: 'invalid', states, count: problems };
  if (reports.length === 0) return { kind: 'empty', states, unchanged };

  const late = daysLate(ctx.today, access.period.due, ctx.rules);
  const stamp = ctx.now.toISOString();
  const out = writeImport(
    db,
    {
      fileName: `网上填报 ${access.unit.name} ${stamp}`,
      sha256: randomBytes(32).toString('hex'),
      importedAt: stamp,
      noticeId: access.notice.id,
      unitId: access.unit.id,
      periodId: access.period.id,
      sheet: null,
    },
    reports,
  );
  if (out.kind !== 'imported') throw new Error('web submission collided with an earlier import');
  const taskNos = reports.map((r) => tasks.find((t) => t.id === r.taskId)!.no);
  audit(db, {
    at: ctx.now,
    actor: `单位：${access.unit.name}`,
    action: 'submit',
    unitId: access.unit.id,
    periodId: access.period.id,
    importId: out.importId,
    detail: `任务 ${taskNos.join('、')}${late > 0 ? `；逾期 ${late} 天` : ''}`,
    address: ctx.address,
  });
  return { kind: 'saved', importId: out.importId, tasks: taskNos, superseded: out.superseded, daysLate: late, submitted: ctx.today };
}

function sameReport(a: Omit<NewReport, 'submittedDate' | 'sourceRow'>, b: UnitReport | undefined): boolean {
  if (!b) return false;
  const key = (x: { targetId: number; actual: number }[]) => JSON.stringify([...x].sort((p, q) => p.targetId - q.targetId));
  return (
    a.status === b.status &&
    a.percent === b.percent &&
    TEXT_FIELDS.every((f) => a[f.key] === b[f.key]) &&
    key(a.actuals) === key(b.actuals)
  );
}
