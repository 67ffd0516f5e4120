import { DubanError } from '../model/errors.js';
import type { Db } from './db.js';

export type PeriodKind = 'quarterly' | 'monthly';

/** A reporting period, e.g. 2014-Q1 (quarterly) or 2014-03 (monthly). Dates are ISO. */
export interface Period {
  id: string;
  kind: PeriodKind;
  year: number;
  /** Quarter (1–4) or month (1–12). */
  index: number;
  start: string;
  end: string;
  /** Reports filed after this day are late. */
  due: string;
}

export interface PeriodOptions {
  /** Days after the period's last day that reports are due (default 5: a quarter's reports by the 5th). */
  dueOffsetDays?: number;
  /** An explicit due date (ISO), overriding the offset. */
  due?: string;
}

export const DEFAULT_DUE_OFFSET_DAYS = 5;

const QUARTER = /^(\d{4})-?Q([1-4])$/i;
const MONTH = /^(\d{4})-(\d{1,2})$/;

/** Parses 2014-Q1 / 2014Q1 / 2014-03 / 2014-3. Throws DubanError('usage') for anything else. */
export function parsePeriodId(text: string, opts: PeriodOptions = {}): Period {
  const s = text.normalize('NFKC').trim();
  let kind: PeriodKind;
  let year: number;
  let index: number;
  let first: number;
  let last: number;
  const q = QUARTER.exec(s);
  const m = MONTH.exec(s);
  if (q) {
    kind = 'quarterly';
    year = Number(q[1]);
    index = Number(q[2]);
    first = (index - 1) * 3 + 1;
    last = index * 3;
  } else if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    kind = 'monthly';
    year = Number(m[1]);
    index = Number(m[2]);
    first = last = index;
  } else {
    throw new DubanError('usage', `报送期“${text}”格式不对，应写成 2014-Q1（季度）或 2014-03（月份）`);
  }
  if (year < 1990 || year > 2099) throw new DubanError('usage', `报送期“${text}”的年份不合理`);
  const id = kind === 'quarterly' ? `${year}-Q${index}` : `${year}-${String(index).padStart(2, '0')}`;
  const start = isoDate(year, first, 1);
  const end = isoDate(year, last, daysInMonth(year, last));
  let due: string;
  if (opts.due !== undefined) {
    if (!isIsoDate(opts.due)) throw new DubanError('usage', `报送截止日期“${opts.due}”不是有效日期（应为 2014-04-05 这样的格式）`);
    due = opts.due;
  } else {
    due = addDays(end, opts.dueOffsetDays ?? DEFAULT_DUE_OFFSET_DAYS);
  }
  return { id, kind, year, index, start, end, due };
}

/** 2014年第一季度 / 2014年3月. */
export function periodLabel(p: Pick<Period, 'kind' | 'year' | 'index'>): string {
  const q = ['一', '二', '三', '四'];
  return p.kind === 'quarterly' ? `${p.year}年第${q[p.index - 1]}季度` : `${p.year}年${p.index}月`;
}

/** Share of the year elapsed at the period's end (序时进度), 0–1: Q1 = 0.25, March = 0.25. */
export function yearShareAtEnd(p: Pick<Period, 'kind' | 'index'>): number {
  const months = p.kind === 'quarterly' ? p.index * 3 : p.index;
  return months / 12;
}

/** Creates the period, or returns the stored one unchanged (its due date stands; see setPeriodDue). */
export function ensurePeriod(db: Db, p: Period): Period {
  const existing = getPeriod(db, p.id);
  if (existing) return existing;
  db.prepare('INSERT OR IGNORE INTO periods (id, kind, start_date, end_date, due_date) VALUES (?, ?, ?, ?, ?)').run(
    p.id,
    p.kind,
    p.start,
    p.end,
    p.due,
  );
  return getPeriod(db, p.id)!;
}

/** Changes a period's due date (e.g. the office extends it). */
export function setPeriodDue(db: Db, id: string, due: string): void {
  if (!isIsoDate(due)) throw new DubanError('usage', `报送截止日期“${due}”不是有效日期`);
  db.prepare('UPDATE periods SET due_date = ? WHERE id = ?').run(due, id);
}

interface PeriodRow {
  id: string;
  kind: PeriodKind;
  start_date: string;
  end_date: string;
  due_date: string;
}

export function getPeriod(db: Db, id: string): Period | null {
  let canonical: string;
  try {
    canonical = parsePeriodId(id).id;
  } catch {
    return null;
  }
  const row = db.prepare('SELECT * FROM periods WHERE id = ?').get(canonical) as PeriodRow | undefined;
  return row ? fromRow(row) : null;
}

export function listPeriods(db: Db): Period[] {
  return (db.prepare('SELECT * FROM periods ORDER BY start_date, id').all() as PeriodRow[]).map(fromRow);
}

/** Records that `noticeId` is followed up in `periodId`. */
export function linkNoticePeriod(db: Db, noticeId: number, periodId: string): void {
  db.prepare('INSERT OR IGNORE INTO notice_periods (notice_id, period_id) VALUES (?, ?)').run(noticeId, periodId);
}

function fromRow(r: PeriodRow): Period {
  const base = parsePeriodId(r.id);
  return { ...base, kind: r.kind, start: r.start_date, end: r.end_date, due: r.due_date };
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
