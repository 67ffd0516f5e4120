/**
 * Progress tracking: feedback forms (write, read), validation and import, status and light
 * rules, reporting compliance, circular numbers, demo data.
 */
export { writeForms, buildFormWorkbook, formBytes, workbookBytes, formInstructions, type FormSpec, type WrittenForm, type FormRowRef } from './form-write.js';
export { readFilledForm, type FilledForm, type TaskBlock, type CellAt, type FormIdentity } from './form-read.js';
export { validateForm, type ValidatedForm, type ValidateOptions } from './validate.js';
export { importProgressFile, importProgressFiles, expandImportPaths, type ImportOptions, type FileImportResult } from './import.js';
export { formatIssue, type FormIssue } from './issues.js';
export {
  assessTask,
  daysLate,
  statusRules,
  DEFAULT_STATUS_RULES,
  LIGHT_LABEL,
  CLASS_LABEL,
  type StatusRules,
  type TaskStatus,
  type Light,
  type ProgressClass,
  type LeadReport,
  type TaskInput,
  type TaskAssessment,
} from './rules.js';
export { unitReporting, type UnitReporting } from './reporting.js';
export {
  buildCircularData,
  resolveCircularNotice,
  trimText,
  type CircularData,
  type CircularOptions,
  type CircularTask,
  type CircularTarget,
  type LaggingTask,
  type ChapterData,
  type AchievementItem,
  type LateUnit,
  type StatusCounts,
  type StatusShares,
  type LightCounts,
  type UnitText,
} from './circular-data.js';
export {
  demoYear,
  fillDemoForms,
  demoRow,
  demoSubmitDate,
  mulberry32,
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_PROFILE,
  type DemoOptions,
  type DemoProfile,
  type DemoPeriod,
  type FilledDemo,
  type DemoRow,
} from './demo.js';
export { FORM_COLUMNS, FORM_SHEET, META_SHEET, HEADER_ROW, FIRST_DATA_ROW, type ColumnKey } from './form-layout.js';
