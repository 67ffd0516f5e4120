/**
 * The ledger's content as plain strings and numbers, decided once from the Notice: one row per
 * task for 任务台账 and one row per unit (collectives followed by their members) for 单位视图.
 * No exceljs here, so the rules can be read and tested on their own.
 */
import type { Notice, Task, UnitKind, UnitSummary } from '../model/notice.js';
import { ooxmlText, xmlSafe } from '../util/xml-safe.js';

export const TASK_HEADER = ['序号', '章节', '任务', '主要内容', '量化指标', '时限', '牵头单位', '配合单位'] as const;
export const UNIT_HEADER = ['单位', '类别', '牵头任务', '配合任务', '合计'] as const;

export const KIND_LABEL: Record<UnitKind, string> = {
  department: '市直部门',
  district: '区',
  'development-zone': '开发区',
  'sub-district': '街道',
  company: '企业',
  collective: '集合称谓',
  other: '其他',
  unknown: '未登记',
};

/** Excel keeps at most 32 767 characters in a cell. */
const CELL_MAX = 32_000;

/** Every string bound for a cell: XML-safe, a literal _x0041_ kept literal, and within Excel's limit. */
export function cellText(text: string): string {
  const safe = ooxmlText(xmlSafe(text));
  if (safe.length <= CELL_MAX) return safe;
  return `${Array.from(safe.slice(0, CELL_MAX)).slice(0, -1).join('')}…`;
}

export function ledgerTitle(notice: Notice): string {
  const base = notice.meta.attachmentTitle ?? notice.meta.title ?? '';
  return `${base}任务分解台账`;
}

export type TaskRow = [no: number, chapter: string, title: string, text: string, targets: string, deadlines: string, lead: string, support: string];
export type UnitRow = [name: string, kind: string, lead: string, support: string, total: number];

function distinct(items: readonly string[]): string[] {
  return [...new Set(items.filter((s) => s !== ''))];
}

function chapterTitle(notice: Notice, task: Task): string {
  if (!task.chapter) return '';
  const ch = notice.chapters.find((c) => c.no === task.chapter);
  return ch ? `${ch.no}、${ch.title}` : task.chapter;
}

export function taskRows(notice: Notice): TaskRow[] {
  return notice.tasks.map((t) => [
    t.no,
    cellText(chapterTitle(notice, t)),
    cellText(t.title),
    cellText(t.text),
    cellText(distinct(t.targets.map((g) => g.text)).join('；')),
    cellText(distinct(t.deadlines.map((d) => d.text)).join('；')),
    cellText(distinct(t.units.filter((u) => u.role === 'lead').map((u) => u.name)).join('、')),
    cellText(distinct(t.units.filter((u) => u.role === 'support').map((u) => u.name)).join('、')),
  ]);
}

interface UnitTasks {
  summary: UnitSummary | null;
  name: string;
  lead: number[];
  support: number[];
}

/**
 * Task lists come from the tasks themselves, so the two sheets of one workbook always agree;
 * kind and members come from the notice's unit summaries. Units appear in the summaries' order,
 * then any unit only the tasks name.
 */
function unitTasks(notice: Notice): UnitTasks[] {
  const byName = new Map<string, UnitTasks>();
  for (const s of notice.units) {
    if (!byName.has(s.name)) byName.set(s.name, { summary: s, name: s.name, lead: [], support: [] });
  }
  for (const t of notice.tasks) {
    for (const u of t.units) {
      let entry = byName.get(u.name);
      if (!entry) {
        entry = { summary: null, name: u.name, lead: [], support: [] };
        byName.set(u.name, entry);
      }
      const list = u.role === 'lead' ? entry.lead : entry.support;
      if (!list.includes(t.no)) list.push(t.no);
    }
  }
  return [...byName.values()];
}

const numbers = (ns: readonly number[]): string => [...ns].sort((a, b) => a - b).join('、');
const total = (u: { lead: number[]; support: number[] }): number => new Set([...u.lead, ...u.support]).size;

/** Member rows are indented with an ideographic space and labelled with their collective. */
export const MEMBER_INDENT = '\u3000';

export function unitRows(notice: Notice): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const u of unitTasks(notice)) {
    const kind = u.summary?.kind ?? 'unknown';
    rows.push([cellText(u.name), KIND_LABEL[kind], numbers(u.lead), numbers(u.support), total(u)]);
    if (kind !== 'collective') continue;
    for (const member of u.summary?.members ?? []) {
      rows.push([cellText(`${MEMBER_INDENT}${member}`), cellText(`${u.name}成员`), numbers(u.lead), numbers(u.support), total(u)]);
    }
  }
  return rows;
}
