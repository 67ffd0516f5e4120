import type Database from 'better-sqlite3';
import type { Db } from './db.js';

export const REPORT_STATUSES = ['未启动', '推进中', '已完成', '滞后'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** One validated row of a filled form, ready to store. */
export interface NewReport {
  taskId: number;
  status: ReportStatus;
  /** 0–100, or null when the form left it empty. */
  percent: number | null;
  progress: string;
  achievements: string;
  problems: string;
  nextMeasures: string;
  delayReason: string;
  /** ISO date the unit gives for the row (or the file's). */
  submittedDate: string;
  sourceRow: number;
  actuals: { targetId: number; actual: number }[];
}

/** The file a batch of reports comes from. */
export interface ImportRecord {
  fileName: string;
  sha256: string;
  /** ISO timestamp; from the caller's clock. */
  importedAt: string;
  noticeId: number;
  unitId: number;
  periodId: string;
  sheet: string | null;
}

export type WriteOutcome =
  | { kind: 'imported'; importId: number; reports: number; superseded: number }
  | { kind: 'duplicate'; previous: { fileName: string; importedAt: string } };

/**
 * Stores one file's reports in one write transaction. A file whose SHA-256 is already recorded
 * changes nothing. A report for a (task, unit, period) that already has a current report
 * supersedes it: the old row points to the new one and stays. `onRow` is called after each row
 * (progress display); the transaction commits only after the last.
 */
export function writeImport(
  db: Db,
  rec: ImportRecord,
  reports: readonly NewReport[],
  onRow?: (done: number, total: number) => void,
): WriteOutcome {
  const { findImport, insertImport, findCurrent, nextId, supersede, insertReport, insertActual, link } = writeStatements(db);

  return db
    .transaction((): WriteOutcome => {
      const previous = findImport.get(rec.sha256) as { fileName: string; importedAt: string } | undefined;
      if (previous) return { kind: 'duplicate', previous };
      link.run(rec.noticeId, rec.periodId);
      const importId = Number(
        insertImport.run(rec.fileName, rec.sha256, rec.importedAt, rec.noticeId, rec.unitId, rec.periodId, reports.length)
          .lastInsertRowid,
      );
      let superseded = 0;
      let id = (nextId.get() as { id: number }).id;
      reports.forEach((r, i) => {
        const old = findCurrent.get(r.taskId, rec.unitId, rec.periodId) as { id: number } | undefined;
        if (old) {
          supersede.run(id, old.id);
          superseded++;
        }
        insertReport.run(
          id,
          r.taskId,
          rec.unitId,
          rec.periodId,
          r.status,
          r.percent,
          r.progress,
          r.achievements,
          r.problems,
          r.nextMeasures,
          r.delayReason,
          r.submittedDate,
          rec.fileName,
          rec.sheet,
          r.sourceRow,
          importId,
        );
        for (const a of r.actuals) insertActual.run(id, a.targetId, a.actual);
        id++;
        onRow?.(i + 1, reports.length);
      });
      return { kind: 'imported', importId, reports: reports.length, superseded };
    })
    .immediate();
}

type WriteStatements = Record<
  'findImport' | 'insertImport' | 'findCurrent' | 'nextId' | 'supersede' | 'insertReport' | 'insertActual' | 'link',
  Database.Statement
>;
const writeStatementCache = new WeakMap<Db, WriteStatements>();

/** writeImport's statements, prepared once per connection (a server writes many small batches). */
function writeStatements(db: Db): WriteStatements {
  let s = writeStatementCache.get(db);
  if (s) return s;
  const findImport = db.prepare('SELECT file_name AS fileName, imported_at AS importedAt FROM imports WHERE file_sha256 = ?');
  const insertImport = db.prepare(
    `INSERT INTO imports (file_name, file_sha256, imported_at, notice_id, unit_id, period_id, row_count)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const findCurrent = db.prepare(
    'SELECT id FROM progress_reports WHERE task_id = ? AND unit_id = ? AND period_id = ? AND superseded_by IS NULL',
  );
  const nextId = db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM progress_reports');
  const supersede = db.prepare('UPDATE progress_reports SET superseded_by = ? WHERE id = ?');
  const insertReport = db.prepare(
    `INSERT INTO progress_reports (id, task_id, unit_id, period_id, status, percent, progress, achievements, problems,
       next_measures, delay_reason, submitted_date, source_file, source_sheet, source_row, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertActual = db.prepare('INSERT INTO report_target_actuals (report_id, target_id, actual) VALUES (?, ?, ?)');
  const link = db.prepare('INSERT OR IGNORE INTO notice_periods (notice_id, period_id) VALUES (?, ?)');
  s = { findImport, insertImport, findCurrent, nextId, supersede, insertReport, insertActual, link };
  writeStatementCache.set(db, s);
  return s;
}

/** A stored report: the row as imported, plus where it is and whether a newer one replaced it. */
export interface ReportRecord extends NewReport {
  id: number;
  taskNo: number;
  unitId: number;
  unit: string;
  periodId: string;
  sourceFile: string;
  sourceSheet: string | null;
  importId: number;
  supersededBy: number | null;
}

const REPORT_SELECT = `
  SELECT r.id, r.task_id AS taskId, t.no AS taskNo, r.unit_id AS unitId, u.name AS unit, r.period_id AS periodId,
         r.status, r.percent, r.progress, r.achievements, r.problems, r.next_measures AS nextMeasures,
         r.delay_reason AS delayReason, r.submitted_date AS submittedDate, r.source_file AS sourceFile,
         r.source_sheet AS sourceSheet, r.source_row AS sourceRow, r.import_id AS importId, r.superseded_by AS supersededBy
    FROM progress_reports r JOIN tasks t ON t.id = r.task_id JOIN units u ON u.id = r.unit_id`;

/**
 * The current (not superseded) reports of a period for one notice, by task then unit; only on
 * the notice's current tasks (a task a later version removed keeps its reports, unlisted).
 */
export function currentReports(db: Db, noticeId: number, periodId: string): ReportRecord[] {
  // Raw rows into one object shape: a period of a big notice has tens of thousands of reports.
  const raw = db
    .prepare(`${REPORT_SELECT} WHERE t.notice_id = ? AND r.period_id = ? AND r.superseded_by IS NULL AND t.removed_in IS NULL ORDER BY t.no, r.unit_id`)
    .raw(true)
    .all(noticeId, periodId) as unknown[][];
  const actuals = currentActuals(db, noticeId, periodId);
  return raw.map(
    (r): ReportRecord => ({
      id: r[0] as number,
      taskId: r[1] as number,
      taskNo: r[2] as number,
      unitId: r[3] as number,
      unit: r[4] as string,
      periodId: r[5] as string,
      status: r[6] as ReportStatus,
      percent: r[7] as number | null,
      progress: r[8] as string,
      achievements: r[9] as string,
      problems: r[10] as string,
      nextMeasures: r[11] as string,
      delayReason: r[12] as string,
      submittedDate: r[13] as string,
      sourceFile: r[14] as string,
      sourceSheet: r[15] as string | null,
      sourceRow: r[16] as number,
      importId: r[17] as number,
      supersededBy: r[18] as number | null,
      actuals: actuals.get(r[0] as number) ?? [],
    }),
  );
}

/** Actual values of a period's current reports in one pass (not one query per 500 reports). */
function currentActuals(db: Db, noticeId: number, periodId: string): Map<number, { targetId: number; actual: number }[]> {
  const found = db
    .prepare(
      `SELECT a.report_id, a.target_id, a.actual FROM report_target_actuals a
         JOIN progress_reports r ON r.id = a.report_id JOIN tasks t ON t.id = r.task_id
        WHERE t.notice_id = ? AND r.period_id = ? AND r.superseded_by IS NULL AND t.removed_in IS NULL
        ORDER BY a.report_id, a.target_id`,
    )
    .raw(true)
    .all(noticeId, periodId) as [number, number, number][];
  const byReport = new Map<number, { targetId: number; actual: number }[]>();
  for (const [reportId, targetId, actual] of found) {
    const list = byReport.get(reportId);
    if (list) list.push({ targetId, actual });
    else byReport.set(reportId, [{ targetId, actual }]);
  }
  return byReport;
}

/** Every report ever stored for one (task, unit, period), oldest first. */
export function reportHistory(db: Db, taskId: number, unitId: number, periodId: string): ReportRecord[] {
  const rows = db
    .prepare(`${REPORT_SELECT} WHERE r.task_id = ? AND r.unit_id = ? AND r.period_id = ? ORDER BY r.id`)
    .all(taskId, unitId, periodId) as Omit<ReportRecord, 'actuals'>[];
  return withActuals(db, rows);
}

/** When each unit first and last reported in a period (over all its reports, superseded included). */
export interface UnitSubmission {
  unitId: number;
  unit: string;
  firstSubmitted: string;
  lastSubmitted: string;
  imports: number;
}

export function unitSubmissions(db: Db, noticeId: number, periodId: string): UnitSubmission[] {
  return db
    .prepare(
      `SELECT r.unit_id AS unitId, u.name AS unit, MIN(r.submitted_date) AS firstSubmitted,
              MAX(r.submitted_date) AS lastSubmitted, COUNT(DISTINCT r.import_id) AS imports
         FROM progress_reports r JOIN tasks t ON t.id = r.task_id JOIN units u ON u.id = r.unit_id
        WHERE t.notice_id = ? AND r.period_id = ? GROUP BY r.unit_id ORDER BY r.unit_id`,
    )
    .all(noticeId, periodId) as UnitSubmission[];
}

function withActuals(db: Db, rows: Omit<ReportRecord, 'actuals'>[]): ReportRecord[] {
  if (rows.length === 0) return [];
  // One query per 500 reports rather than one per report: a big period has thousands.
  const byReport = new Map<number, { targetId: number; actual: number }[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const found = db
      .prepare(
        `SELECT report_id AS reportId, target_id AS targetId, actual FROM report_target_actuals
          WHERE report_id IN (${ids.map(() => '?').join(',')}) ORDER BY report_id, target_id`,
      )
      .all(...ids) as { reportId: number; targetId: number; actual: number }[];
    for (const { reportId, ...a } of found) {
      const list = byReport.get(reportId);
      if (list) list.push(a);
      else byReport.set(reportId, [a]);
    }
  }
  return rows.map((r) => ({ ...r, actuals: byReport.get(r.id) ?? [] }));
}
