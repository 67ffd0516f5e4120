/** The workspace database: schema, migrations, notices, periods, progress reports. */
export { openDatabase, migrate, schemaVersion, DEFAULT_BUSY_TIMEOUT_MS, type Db, type OpenOptions } from './db.js';
export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export {
  registerNotice,
  noticeKey,
  noticeContentHash,
  expandAssignments,
  noticeUnits,
  findNoticeByKey,
  getNotice,
  noticesForPeriod,
  sha256,
  type AssignmentRow,
  type UnitRow,
  type RegisterOutcome,
  type RegisteredNotice,
  type NoticeRecord,
} from './notices.js';
export { changeLines, type NoticeChanges, type TaskRef, type Reassignment } from './versions.js';
export {
  parsePeriodId,
  periodLabel,
  yearShareAtEnd,
  ensurePeriod,
  setPeriodDue,
  getPeriod,
  listPeriods,
  linkNoticePeriod,
  addDays,
  isIsoDate,
  daysBetween,
  DEFAULT_DUE_OFFSET_DAYS,
  type Period,
  type PeriodKind,
  type PeriodOptions,
} from './periods.js';
export {
  findUnit,
  receivingUnits,
  noticeTasks,
  unitTasks,
  noticeAssignments,
  type UnitRecord,
  type ReceivingUnitRecord,
  type TargetRecord,
  type TaskRecord,
  type HeldTask,
  type AssignmentRecord,
} from './queries.js';
export {
  writeImport,
  currentReports,
  reportHistory,
  unitSubmissions,
  REPORT_STATUSES,
  type ReportStatus,
  type NewReport,
  type ImportRecord,
  type WriteOutcome,
  type ReportRecord,
  type UnitSubmission,
} from './reports.js';
