/**
 * Reads a filled feedback form (.xlsx or .csv) into task blocks with their cells and places,
 * without judging the values (validate.ts does that). Tolerated: forms re-saved by WPS or
 * Excel, columns moved (found by heading), merged cells anywhere in the table, blank rows,
 * stray notes below or between the rows (a row without a task number that is not a target
 * row of the task above is skipped), a missing metadata sheet (the identity is then read from
 * the visible header block, else from the file name 单位-2014-Q1.xlsx).
 */
import { basename, extname } from 'node:path';
import { decodeCsvBytes, parseCsv } from './csv.js';
import {
  FORM_COLUMNS,
  FORM_MARK,
  FORM_SHEET,
  META_KEYS,
  META_SHEET,
  META_TABLE_ROW,
  REQUIRED_COLUMNS,
  columnByKey,
  columnForHeading,
  columnLetter,
  type ColumnKey,
} from './form-layout.js';
import { isBlank, parseTaskNo, type CellRaw } from './values.js';
import { XlsxFormatError, readXlsx, type XlsxSheet } from './xlsx-read.js';
import type { FormIssue } from './issues.js';

export interface CellAt {
  row: number;
  col: number;
  /** A1 address of the cell holding the value (the top-left cell of a merged range). */
  address: string;
  value: CellRaw;
  percent: boolean;
  /** A formula whose result the file does not store (value is then null). */
  uncachedFormula?: true;
}

/** One task as the form lists it: its first row and every cell of each column in its rows. */
export interface TaskBlock {
  taskNo: number;
  taskNoCell: CellAt;
  rows: number[];
  cells: Partial<Record<ColumnKey, CellAt[]>>;
  /** Target number of each row, from the metadata sheet when it agrees, else the row's order. */
  targetSeqs: number[];
}

export interface FormIdentity {
  notice: string | null;
  unit: string | null;
  period: string | null;
  version: number | null;
  source: 'metadata' | 'header' | 'file-name';
  /** 通知内容校验 of the metadata sheet: the content hash of the notice version the form was made from. */
  noticeHash?: string | null;
}

export interface FilledForm {
  file: string;
  format: 'xlsx' | 'csv';
  /** Worksheet name; null for CSV. */
  sheet: string | null;
  encoding: string | null;
  identity: FormIdentity;
  /** Column letter of each column found by its heading. */
  columns: Partial<Record<ColumnKey, number>>;
  headerRow: number;
  blocks: TaskBlock[];
  /** Problems that stop the form being read at all (missing header, unreadable file). */
  issues: FormIssue[];
}

/** A sheet as rows of cells, whatever the file type. */
interface Grid {
  sheet: string | null;
  maxRow: number;
  maxCol: number;
  cell(row: number, col: number): { value: CellRaw; percent: boolean; uncachedFormula?: true } | undefined;
  /** For a cell inside a merged range other than its top-left: the top-left. */
  masterOf(row: number, col: number): { row: number; col: number } | null;
}

export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

export function readFilledForm(file: string, bytes: Uint8Array): FilledForm {
  const kind = sniff(bytes, file);
  if (kind === 'xls') {
    return unreadable(file, 'xlsx', '这是旧版 .xls（或 WPS .et）文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入');
  }
  if (kind === 'xlsx') {
    let sheets: XlsxSheet[];
    try {
      sheets = readXlsx(bytes);
    } catch (e) {
      return unreadable(file, 'xlsx', e instanceof XlsxFormatError ? e.message : '无法读取该 .xlsx 文件');
    }
    return readXlsxForm(file, sheets);
  }
  const { text, encoding } = decodeCsvBytes(bytes);
  const records = parseCsv(text);
  const grid: Grid = {
    sheet: null,
    maxRow: records.length,
    maxCol: Math.max(0, ...records.map((r) => r.fields.length)),
    cell: (row, col) => {
      const v = records[row - 1]?.fields[col - 1];
      return v === undefined || v === '' ? undefined : { value: v, percent: false };
    },
    masterOf: () => null,
  };
  const form = readGrid(file, 'csv', grid, null);
  return { ...form, encoding };
}

function sniff(bytes: Uint8Array, file: string): 'xlsx' | 'xls' | 'csv' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  const ext = extname(file).toLowerCase();
  if (ext === '.xls' || ext === '.et') return 'xls';
  return 'csv';
}

function unreadable(file: string, format: 'xlsx' | 'csv', message: string): FilledForm {
  return {
    file,
    format,
    sheet: null,
    encoding: null,
    identity: { notice: null, unit: null, period: null, version: null, source: 'file-name' },
    columns: {},
    headerRow: 0,
    blocks: [],
    issues: [{ file, message }],
  };
}

function xlsxGrid(sheet: XlsxSheet): Grid {
  const master = new Map<string, { row: number; col: number }>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) master.set(`${r},${c}`, { row: m.top, col: m.left });
    }
  }
  return {
    sheet: sheet.name,
    maxRow: sheet.maxRow,
    maxCol: sheet.maxCol,
    cell: (row, col) => sheet.rows.get(row)?.get(col),
    masterOf: (row, col) => master.get(`${row},${col}`) ?? null,
  };
}

function readXlsxForm(file: string, sheets: XlsxSheet[]): FilledForm {
  const meta = sheets.find((s) => s.name === META_SHEET);
  const metaInfo = meta ? readMetadata(meta) : null;
  const visible = sheets.filter((s) => s.state === 'visible');
  const candidates = [
    ...sheets.filter((s) => s.name === FORM_SHEET),
    ...visible.filter((s) => s.name !== FORM_SHEET),
    ...sheets.filter((s) => s.state !== 'visible' && s.name !== FORM_SHEET && s.name !== META_SHEET),
  ];
  const withHeader = candidates.find((s) => findHeader(xlsxGrid(s)) !== null) ?? candidates[0];
  if (!withHeader) return unreadable(file, 'xlsx', '工作簿中没有工作表');
  return readGrid(file, 'xlsx', xlsxGrid(withHeader), metaInfo);
}

interface MetaInfo {
  identity: FormIdentity;
  rowMap: Map<number, { taskNo: number; targetSeq: number }>;
}

function readMetadata(sheet: XlsxSheet): MetaInfo | null {
  const value = (key: string): string | null => {
    for (const [, cells] of sheet.rows) {
      if (String(cells.get(1)?.value ?? '') === key) {
        const v = cells.get(2)?.value;
        return v === undefined || v === null ? null : String(v).trim();
      }
    }
    return null;
  };
  if (value(META_KEYS.mark) !== FORM_MARK) return null;
  const rowMap = new Map<number, { taskNo: number; targetSeq: number }>();
  for (const [r, cells] of sheet.rows) {
    if (r <= META_TABLE_ROW) continue;
    const [row, taskNo, seq] = [1, 2, 3].map((c) => Number(cells.get(c)?.value));
    if (Number.isInteger(row) && Number.isInteger(taskNo) && Number.isInteger(seq)) rowMap.set(row!, { taskNo: taskNo!, targetSeq: seq! });
  }
  const version = Number(value(META_KEYS.version));
  const noticeHash = value(META_KEYS.noticeHash);
  return {
    identity: {
      notice: value(META_KEYS.notice),
      unit: value(META_KEYS.unit),
      period: value(META_KEYS.period),
      version: Number.isFinite(version) ? version : null,
      source: 'metadata',
      ...(noticeHash ? { noticeHash } : {}),
    },
    rowMap,
  };
}

const HEADER_SCAN_ROWS = 40;

/** The header row and the column of each known heading, or null when no row looks like one. */
function findHeader(grid: Grid): { row: number; columns: Partial<Record<ColumnKey, number>> } | null {
  const last = Math.min(grid.maxRow, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const columns: Partial<Record<ColumnKey, number>> = {};
    for (let c = 1; c <= grid.maxCol; c++) {
      const v = grid.cell(r, c)?.value;
      if (typeof v !== 'string') continue;
      const key = columnForHeading(v);
      if (key && columns[key] === undefined) columns[key] = c;
    }
    if (columns.taskNo !== undefined && Object.keys(columns).length >= 3) return { row: r, columns };
  }
  return null;
}

/** 填报单位：… / 报送期：…（2014-Q1） / 通知：… in the cells above the table. */
function identityFromHeader(grid: Grid, headerRow: number): FormIdentity | null {
  const id: FormIdentity = { notice: null, unit: null, period: null, version: null, source: 'header' };
  for (let r = 1; r < headerRow; r++) {
    for (let c = 1; c <= grid.maxCol; c++) {
      const v = grid.cell(r, c)?.value;
      if (typeof v !== 'string') continue;
      const s = v.normalize('NFKC').trim();
      const unit = /^填报单位[:：]\s*(.+)$/.exec(s);
      const period = /^报送期[:：].*?(\d{4}-?(?:Q[1-4]|\d{1,2}))\b/i.exec(s);
      const notice = /^通知[:：]\s*(.+)$/.exec(s);
      if (unit) id.unit = unit[1]!.trim();
      if (period) id.period = period[1]!;
      if (notice) id.notice = notice[1]!.trim();
    }
  }
  return id.unit || id.period || id.notice ? id : null;
}

/** 市工商局-2014-Q1.xlsx → unit 市工商局, period 2014-Q1. */
export function identityFromFileName(file: string): FormIdentity {
  const stem = basename(file, extname(file)).normalize('NFKC');
  const m = /^(.+?)[-_ ]?(\d{4}-?(?:Q[1-4]|\d{2}))(?:[-_ ].*)?$/i.exec(stem);
  return { notice: null, unit: m ? m[1]!.trim() : null, period: m ? m[2]! : null, version: null, source: 'file-name' };
}

function mergeIdentity(primary: FormIdentity | null, ...rest: (FormIdentity | null)[]): FormIdentity {
  const all = [primary, ...rest].filter((x): x is FormIdentity => x !== null);
  const first = all[0] ?? { notice: null, unit: null, period: null, version: null, source: 'file-name' as const };
  return {
    notice: all.find((x) => x.notice)?.notice ?? null,
    unit: all.find((x) => x.unit)?.unit ?? null,
    period: all.find((x) => x.period)?.period ?? null,
    version: first.version,
    source: first.source,
    ...(first.noticeHash ? { noticeHash: first.noticeHash } : {}),
  };
}

function readGrid(file: string, format: 'xlsx' | 'csv', grid: Grid, meta: MetaInfo | null): FilledForm {
  const base: FilledForm = {
    file,
    format,
    sheet: grid.sheet,
    encoding: null,
    identity: mergeIdentity(meta?.identity ?? null, identityFromFileName(file)),
    columns: {},
    headerRow: 0,
    blocks: [],
    issues: [],
  };
  const header = findHeader(grid);
  const where = grid.sheet ? { sheet: grid.sheet } : {};
  if (!header) {
    const names = FORM_COLUMNS.filter((c) => REQUIRED_COLUMNS.includes(c.key)).map((c) => `“${c.header}”`);
    base.issues.push({ file, ...where, message: `找不到表头行（应有${names.join('')}等列），不是 duban 生成的反馈表或表头被改动` });
    return base;
  }
  base.headerRow = header.row;
  base.columns = header.columns;
  base.identity = mergeIdentity(meta?.identity ?? null, identityFromHeader(grid, header.row), identityFromFileName(file));
  const missing = REQUIRED_COLUMNS.filter((k) => header.columns[k] === undefined);
  if (missing.length) {
    base.issues.push({
      file,
      ...where,
      row: header.row,
      message: `表头缺少${missing.map((k) => `“${columnByKey(k).header}”`).join('、')}列`,
    });
    return base;
  }
  base.blocks = readBlocks(grid, header.row, header.columns, meta?.rowMap ?? null);
  return base;
}

function readBlocks(
  grid: Grid,
  headerRow: number,
  columns: Partial<Record<ColumnKey, number>>,
  rowMap: Map<number, { taskNo: number; targetSeq: number }> | null,
): TaskBlock[] {
  const taskCol = columns.taskNo!;
  const blocks: TaskBlock[] = [];
  let current: TaskBlock | null = null;
  let blankRun = 0;
  const rowHasContent = (r: number, keys: readonly ColumnKey[]) =>
    keys.some((k) => {
      const c = columns[k];
      return c !== undefined && !grid.masterOf(r, c) && !isBlank(grid.cell(r, c)?.value ?? null);
    });
  const allKeys = Object.keys(columns) as ColumnKey[];

  for (let r = headerRow + 1; r <= grid.maxRow; r++) {
    const m = grid.masterOf(r, taskCol);
    const raw = grid.cell(m?.row ?? r, m?.col ?? taskCol)?.value ?? null;
    const no = parseTaskNo(raw);
    const continuesMerge = m !== null && current !== null && current.rows.includes(m.row);
    const repeatsNumber = no !== null && current !== null && no === current.taskNo && blankRun === 0;
    if (continuesMerge || repeatsNumber) {
      current!.rows.push(r);
      continue;
    }
    if (no !== null && m === null) {
      current = {
        taskNo: no,
        taskNoCell: { row: r, col: taskCol, address: address(r, taskCol), value: raw, percent: false },
        rows: [r],
        cells: {},
        targetSeqs: [],
      };
      blocks.push(current);
      blankRun = 0;
      continue;
    }
    if (!rowHasContent(r, allKeys) && isBlank(raw)) {
      blankRun++;
      continue;
    }
    // A row with no task number of its own: a target row of a hand-made table, or a note
    // (填表人、联系电话…) that ends the current task; later numbered rows are still read.
    if (isBlank(raw) && m === null && current !== null && blankRun === 0 && rowHasContent(r, ['targets', 'actual'])) {
      current.rows.push(r);
      continue;
    }
    current = null;
  }
  for (const b of blocks) fillBlock(grid, b, columns, rowMap);
  return blocks;
}

function fillBlock(
  grid: Grid,
  block: TaskBlock,
  columns: Partial<Record<ColumnKey, number>>,
  rowMap: Map<number, { taskNo: number; targetSeq: number }> | null,
): void {
  for (const [key, col] of Object.entries(columns) as [ColumnKey, number][]) {
    const list: CellAt[] = [];
    for (const r of block.rows) {
      const m = grid.masterOf(r, col);
      // A merge inside the block repeats its top-left cell, already listed; one reaching in
      // from above the block lends its value.
      if (m && block.rows.includes(m.row) && m.row !== r) continue;
      const at = m ?? { row: r, col };
      const cell = grid.cell(at.row, at.col);
      list.push({
        row: r,
        col,
        address: address(at.row, at.col),
        value: cell?.value ?? null,
        percent: cell?.percent ?? false,
        ...(cell?.uncachedFormula ? { uncachedFormula: true as const } : {}),
      });
    }
    block.cells[key] = list;
  }
  block.targetSeqs = block.rows.map((r, i) => {
    const mapped = rowMap?.get(r);
    return mapped && mapped.taskNo === block.taskNo && mapped.targetSeq > 0 ? mapped.targetSeq : i + 1;
  });
}
