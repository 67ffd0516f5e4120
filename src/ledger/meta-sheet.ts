/**
 * The ledger's hidden sheet (duban): what the notice holds beyond the visible cells, so that the
 * ledger, edited in Excel, WPS or LibreOffice, can be read back as the notice (src/ledger/read.ts).
 * Row 1: the marker, the ledger format and the Notice schemaVersion, then the notice without its
 * tasks and diagnostics as JSON. Row 1 + n: task n as JSON, compact (positional arrays, see
 * encodeTask: a 2,000-task ledger reads back in half the time). JSON longer than a cell holds is
 * cut into pieces over the following cells of its row. The sheet is very hidden: the ledger
 * looks as it did.
 */
import type { Workbook } from 'exceljs';
import type { Notice, Task } from '../model/notice.js';
import { ooxmlText } from '../util/xml-safe.js';

export const META_SHEET = 'duban';
export const META_MARKER = 'duban-ledger';
/** Changes when the hidden sheet's layout does. */
export const LEDGER_FORMAT = 1;
const PIECE = 8000;

/** The notice as the hidden sheet keeps it (tasks in rows of their own). */
export type LedgerHead = Omit<Notice, 'tasks' | 'diagnostics'>;

export function pieces(json: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += PIECE) {
    let end = Math.min(json.length, i + PIECE);
    // Never split a surrogate pair between two cells.
    if (end < json.length && /[\ud800-\udbff]/.test(json[end - 1]!)) end--;
    out.push(ooxmlText(json.slice(i, end)));
    i = end - PIECE;
  }
  return out.length ? out : [''];
}

const TASK_KEYS = ['no', 'label', 'chapter', 'section', 'parent', 'title', 'text', 'units', 'targets', 'deadlines', 'keywords', 'line'] as const;
const TARGET_KEYS = ['text', 'indicator', 'value', 'unit', 'qualifier'] as const;
const DEADLINE_KEYS = ['text', 'kind', 'date'] as const;

function extra(o: object, keys: readonly string[]): Record<string, unknown> | null {
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
  return Object.keys(rest).length ? rest : null;
}

function positional(o: object, keys: readonly string[]): unknown[] {
  const rec = o as Record<string, unknown>;
  const out: unknown[] = keys.map((k) => rec[k]);
  const rest = extra(o, keys);
  if (rest) out.push(rest);
  return out;
}

function fromPositional<T>(a: readonly unknown[], keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => (out[k] = a[i]));
  const rest = a[keys.length];
  if (rest && typeof rest === 'object') Object.assign(out, rest);
  return out as T;
}

/** A task as positional arrays; a unit as [name, 1 for lead / 0, raw when it differs]. Fields added later travel in a trailing object. */
export function encodeTask(t: Task): unknown[] {
  const row = positional(t, TASK_KEYS);
  row[7] = t.units.map((u) => {
    const rest = extra(u, ['raw', 'name', 'role']);
    const a: unknown[] = [u.name, u.role === 'lead' ? 1 : 0];
    if (u.raw !== u.name || rest) a.push(u.raw);
    if (rest) a.push(rest);
    return a;
  });
  row[8] = t.targets.map((g) => positional(g, TARGET_KEYS));
  row[9] = t.deadlines.map((d) => positional(d, DEADLINE_KEYS));
  return row;
}

export function decodeTask(a: readonly unknown[]): Task {
  const t = fromPositional<Task>(a, TASK_KEYS);
  t.units = (a[7] as unknown[][]).map((u) => ({
    raw: (u[2] as string | undefined) ?? (u[0] as string),
    name: u[0] as string,
    role: u[1] === 1 ? ('lead' as const) : ('support' as const),
    ...((u[3] as object | undefined) ?? {}),
  }));
  t.targets = (a[8] as unknown[][]).map((g) => fromPositional(g, TARGET_KEYS));
  t.deadlines = (a[9] as unknown[][]).map((d) => fromPositional(d, DEADLINE_KEYS));
  return t;
}

export function addMetaSheet(book: Workbook, notice: Notice): void {
  const sheet = book.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const { tasks: _t, diagnostics: _d, ...head } = notice;
  sheet.addRow([META_MARKER, LEDGER_FORMAT, notice.schemaVersion, ...pieces(JSON.stringify(head satisfies LedgerHead))]);
  for (const t of notice.tasks) sheet.addRow([t.no, ...pieces(JSON.stringify(encodeTask(t)))]);
}
