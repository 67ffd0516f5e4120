/**
 * The feedback form's shape, shared by the writer, the reader and the demo filler: which
 * column holds what, which ones units fill in, where the table starts.
 */
export const FORM_SHEET = '反馈表';
export const META_SHEET = '元数据';
/** Written into the metadata sheet so the reader knows the workbook is one of ours. */
export const FORM_MARK = 'duban-progress-form';
export const FORM_VERSION = 1;

/** The metadata rows: key/value pairs, then one line per table row. */
export const META_KEYS = {
  mark: '表单类型',
  version: '表单版本',
  notice: '通知',
  noticeHash: '通知内容校验',
  unit: '填报单位',
  period: '报送期',
  due: '报送截止',
  headerRow: '表头行',
} as const;
export const META_TABLE_ROW = 10;

export const HEADER_ROW = 5;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

export type ColumnKey =
  | 'taskNo'
  | 'title'
  | 'role'
  | 'targets'
  | 'status'
  | 'percent'
  | 'actual'
  | 'progress'
  | 'achievements'
  | 'problems'
  | 'measures'
  | 'delayReason'
  | 'date';

export interface FormColumn {
  key: ColumnKey;
  header: string;
  /** Other headings the reader accepts for the column (hand-made CSV, older forms). */
  aliases: readonly string[];
  width: number;
  /** Filled in by the unit (unlocked); otherwise task information. */
  fill: boolean;
  /** Per target row (量化指标 / 指标完成值) rather than per task. */
  perTarget: boolean;
}

// exceljs drops a column width of exactly 9 (its default), so no column uses 9.
export const FORM_COLUMNS: readonly FormColumn[] = [
  { key: 'taskNo', header: '任务序号', aliases: ['序号', '任务编号'], width: 7, fill: false, perTarget: false },
  { key: 'title', header: '任务名称', aliases: ['任务', '工作任务'], width: 22, fill: false, perTarget: false },
  { key: 'role', header: '承担角色', aliases: ['角色', '责任分工'], width: 7, fill: false, perTarget: false },
  { key: 'targets', header: '量化指标', aliases: ['指标', '目标'], width: 20, fill: false, perTarget: true },
  { key: 'status', header: '状态', aliases: ['完成状态', '推进状态', '进展状态'], width: 10, fill: true, perTarget: false },
  { key: 'percent', header: '完成进度(%)', aliases: ['完成进度', '进度', '完成比例', '完成进度%'], width: 10, fill: true, perTarget: false },
  { key: 'actual', header: '指标完成值', aliases: ['完成值', '指标完成情况', '实际完成值'], width: 10, fill: true, perTarget: true },
  { key: 'progress', header: '进展情况', aliases: ['工作进展', '进展'], width: 32, fill: true, perTarget: false },
  { key: 'achievements', header: '取得的成绩和经验', aliases: ['成绩和经验', '取得的成绩', '主要成绩'], width: 28, fill: true, perTarget: false },
  { key: 'problems', header: '存在的问题', aliases: ['问题', '存在问题'], width: 24, fill: true, perTarget: false },
  { key: 'measures', header: '拟采取的措施', aliases: ['下一步措施', '措施', '拟采取措施'], width: 24, fill: true, perTarget: false },
  { key: 'delayReason', header: '滞后原因', aliases: ['未按进度完成原因', '滞后原因说明'], width: 18, fill: true, perTarget: false },
  { key: 'date', header: '填报日期', aliases: ['日期', '报送日期'], width: 12, fill: true, perTarget: false },
];

/** Columns without which a form cannot be read. */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['taskNo', 'status', 'percent'];

export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The column letter each key has in the forms duban writes. */
export const FORM_LETTER: Readonly<Record<ColumnKey, string>> = Object.fromEntries(
  FORM_COLUMNS.map((c, i) => [c.key, columnLetter(i + 1)]),
) as Record<ColumnKey, string>;

export function columnByKey(key: ColumnKey): FormColumn {
  return FORM_COLUMNS.find((c) => c.key === key)!;
}

/** Normalises a heading for matching: width, spaces, (%) marks, asterisks and colons go. */
export function normaliseHeading(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s*:：]/g, '')
    .replace(/\(%\)|%/g, '')
    .toLowerCase();
}

export function columnForHeading(text: string): ColumnKey | null {
  const h = normaliseHeading(text);
  if (!h) return null;
  for (const c of FORM_COLUMNS) {
    if (normaliseHeading(c.header) === h || c.aliases.some((a) => normaliseHeading(a) === h)) return c.key;
  }
  return null;
}

export const ROLE_LABEL = { lead: '牵头', support: '配合' } as const;
