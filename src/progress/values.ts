/**
 * Cell values as units type them, turned into typed values. What is tolerated: full-width
 * digits (８０), stray spaces, a trailing % sign, numbers stored as text, percent-formatted
 * fractions (0.8 shown as 80%), dates as Excel serials, as Date cells or as text in the usual
 * Chinese spellings (2014-3-31, 2014/3/31, 2014.3.31, 2014年3月31日, optionally with a time).
 */
import { REPORT_STATUSES, type ReportStatus } from '../store/reports.js';

/** A cell's content after the spreadsheet layer: what every reader hands validation. */
export type CellRaw = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

export function isBlank(raw: CellRaw): boolean {
  return raw === null || (typeof raw === 'string' && raw.replace(/[\s\u3000]/g, '') === '');
}

/** Text for free-text columns: trimmed, line ends unified, runs of blank lines collapsed. */
export function cellText(raw: CellRaw): string {
  if (raw === null) return '';
  if (raw instanceof Date) return isoFromDate(raw);
  return String(raw)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** How a value looks in a message: quoted and short. */
export function shown(raw: CellRaw): string {
  const t = raw instanceof Date ? isoFromDate(raw) : String(raw ?? '');
  const s = t.replace(/\s+/g, ' ').trim();
  return `“${s.length > 20 ? `${s.slice(0, 20)}…` : s}”`;
}

function numberText(s: string): string {
  return s.normalize('NFKC').replace(/[\s,，]/g, '');
}

/** A task number as written in the 任务序号 column: 7, "7", "７", "7、". */
export function parseTaskNo(raw: CellRaw): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw > 0 ? raw : null;
  if (typeof raw !== 'string') return null;
  const m = /^(\d{1,6})[、.。]?$/.exec(numberText(raw));
  return m ? Number(m[1]) : null;
}

/**
 * 完成进度 in percent (0–100). `percentFormat` says the cell shows its number as a percentage,
 * so 0.8 means 80.
 */
export function parsePercent(raw: CellRaw, percentFormat = false): Parsed<number | null> {
  if (isBlank(raw)) return ok(null);
  let v: number;
  if (typeof raw === 'number') {
    v = percentFormat ? raw * 100 : raw;
  } else if (typeof raw === 'string') {
    const s = numberText(raw).replace(/[%％]$/, '');
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return fail('不是数字');
    v = Number(s);
  } else {
    return fail('不是数字');
  }
  v = Math.round(v * 100) / 100;
  if (!Number.isFinite(v) || v < 0 || v > 100) return fail('超出 0–100 的范围');
  return ok(v);
}

/** A decimal such as 指标完成值: 1.8, "1.8", "１.８", "16%", "6,300". */
export function parseDecimal(raw: CellRaw): Parsed<number | null> {
  if (isBlank(raw)) return ok(null);
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : fail('不是数字');
  if (typeof raw !== 'string') return fail('不是数字');
  const s = numberText(raw).replace(/[%％]$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return fail('不是数字');
  // 400 digits parse as Infinity, which no report can hold.
  const v = Number(s);
  return Number.isFinite(v) ? ok(v) : fail('数值过大');
}

/** One of 未启动 / 推进中 / 已完成 / 滞后, spaces and width differences ignored. */
export function parseStatus(raw: CellRaw): Parsed<ReportStatus | null> {
  if (isBlank(raw)) return ok(null);
  const s = String(raw).normalize('NFKC').replace(/[\s\u3000]/g, '');
  const hit = REPORT_STATUSES.find((x) => x === s);
  return hit ? ok(hit) : fail(`不在可选范围内（应为${REPORT_STATUSES.map((x) => `“${x}”`).join('、')}之一）`);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials from 1990 to 2099: a plain number outside this range is not a date. */
const SERIAL_MIN = 32_874;
const SERIAL_MAX = 73_050;

/** A date cell: Date (exceljs gives UTC midnight), Excel serial, or text. */
export function parseDate(raw: CellRaw): Parsed<string | null> {
  if (isBlank(raw)) return ok(null);
  // A date cell obeys the same 1990–2099 range as a typed date (serial 0 shows as 1899-12-30).
  if (raw instanceof Date) return !Number.isNaN(raw.getTime()) && validIso(isoFromDate(raw)) ? ok(isoFromDate(raw)) : fail('不是有效日期');
  if (typeof raw === 'number') {
    if (raw < SERIAL_MIN || raw > SERIAL_MAX) return fail('不是有效日期');
    return ok(isoFromDate(new Date(EXCEL_EPOCH_MS + Math.floor(raw) * 86_400_000)));
  }
  if (typeof raw !== 'string') return fail('不是有效日期');
  const s = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return validIso(iso) ? ok(iso) : fail('不是有效日期');
  }
  if (/^\d+(\.\d+)?$/.test(s)) return parseDate(Number(s));
  return fail('不是有效日期');
}

function validIso(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  const y = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso && y >= 1990 && y <= 2099;
}

export function isoFromDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The calendar day in China (UTC+8) of a moment: what "today" means to the office. */
export function chinaDate(moment: Date): string {
  return new Date(moment.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 2014年4月5日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
