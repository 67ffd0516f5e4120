/**
 * Task tables as they reach us in text: rows with cells joined by " | " (DOCX tables and saved
 * pages; a cell may hold a line break, and a merged first column may be missing from a row),
 * and tables flattened to "N <task text> <units>" lines under a 序号 … 单位 header.
 * Columns are recognised by their header words, not by position.
 */
import { matchLabel, type Label } from './labels.js';
import { simplifyKeys } from './normalize.js';
import { unitLabelTag } from './clause-labels.js';
import { looksLikeUnit, splitUnitList, type PartTag } from './unit-clause.js';
import { newItem, type Item, type SourceLine } from './item.js';

interface Columns {
  count: number;
  closed: boolean;
  lead: number;
  leadTag: PartTag;
  support: number;
  deadline: number;
  /** The first column that holds task text, for rows seen before any complete one. */
  task: number;
}

function cellsOf(text: string): { cells: string[]; closed: boolean } {
  const closed = /\|\s*$/.test(text);
  const cells = text.split('|').map((c) => c.trim());
  if (closed) cells.pop();
  return { cells, closed };
}

function columnsOf(cells: string[], closed: boolean): Columns | null {
  const keys = cells.map((c) => simplifyKeys(c.replace(/\s+/g, '')));
  const lead = keys.findIndex((k) => /(牵头|责任|承办|主办)(单位|部门)/.test(k) || /^(责任|牵头)(单位|部门)?$/.test(k));
  if (lead < 0) return null;
  let leadTag: PartTag = unitLabelTag(keys[lead]!) ?? 'responsible';
  let support = keys.findIndex((k, i) => i !== lead && /(协助|配合|协办|参与|协同)/.test(k));
  // 牵头单位 | 责任单位: after a lead column, a second unit column lists the supporting units.
  if (support < 0 && leadTag === 'lead') support = keys.findIndex((k, i) => i > lead && unitLabelTag(k) !== null);
  leadTag = singleColumnTag(keys[lead]!, leadTag, support >= 0);
  const deadline = keys.findIndex((k) => /(期限|时限|完成时间|时间节点|完成时限)/.test(k));
  const task = Math.max(0, keys.findIndex((k) => /(任务|内容|事项|工作|要求|标准)/.test(k)));
  return { count: cells.length, closed, lead, leadTag, support, deadline, task };
}

/** A 序号 cell: a label alone ((1), 3, 一、) or a label leading the cell's text. */
export function cellLabel(cell: string): Label | null {
  const c = cell.replace(/\n/g, '').trim();
  if (/^\d{1,5}$/.test(c)) return { kind: 'num', value: Number(c), printed: c, rest: '' };
  return matchLabel(c) ?? (/^[（(]?[\d一二三四五六七八九十]{1,5}[）)]?[、.．]?$/.test(c) ? matchLabel(c, true) : null);
}

export class TableReader {
  private columns: Columns | null = null;
  private pending: { text: string; line: number } | null = null;
  private labelColumn = -1;
  private lastValue = 0;
  /** Roles of the unit columns that end a space-separated header (牵头单位 配合单位 → lead, support). */
  private spaceColumns: PartTag[] = [];

  /** Items for a consumed line ([] while a row is incomplete), or null when the line is not table text. */
  feed(src: SourceLine): Item[] | null {
    const pipes = (src.text.match(/\|/g) ?? []).length;
    if (this.columns && (pipes > 0 || this.pending)) return this.pipeRow(src);
    if (pipes >= 2) {
      const { cells, closed } = cellsOf(src.text);
      const cols = columnsOf(cells, closed);
      if (cols) {
        this.columns = cols;
        return [];
      }
      return null;
    }
    const key = simplifyKeys(src.text);
    if (/序号\s.*(单位|部门)\s*$/.test(key)) this.spaceColumns = trailingUnitColumns(key);
    else if (this.spaceColumns.length) return this.spaceRow(src);
    return null;
  }

  flush(): Item[] {
    const p = this.pending;
    this.pending = null;
    return p ? this.rowItems(p.text, p.line) : [];
  }

  private pipeRow(src: SourceLine): Item[] {
    const text = this.pending ? `${this.pending.text}\n${src.text}` : src.text;
    const line = this.pending?.line ?? src.line;
    const { cells, closed } = cellsOf(text);
    const complete = this.columns!.closed ? closed : cells.length >= this.columns!.count;
    if (!complete && cells.length < this.columns!.count + 2) {
      this.pending = { text, line };
      return [];
    }
    this.pending = null;
    return this.rowItems(text, line);
  }

  private rowItems(text: string, line: number): Item[] {
    const cols = this.columns!;
    const { cells } = cellsOf(text);
    const labelAt = cells.findIndex((c, i) => i < cols.lead && cellLabel(c) !== null);
    if (labelAt >= 0 && this.labelColumn < 0 && cells.length === cols.count) this.labelColumn = labelAt;
    const complete = cells.length >= cols.count || cellsOf(text).closed;
    const offset =
      labelAt >= 0
        ? (this.labelColumn >= 0 ? this.labelColumn : cols.task) - labelAt
        : complete
          ? cols.count - cells.length
          : 0;
    const at = (col: number): string => (col < 0 ? '' : (cells[col - offset] ?? '').trim());
    const labelCell = labelAt >= 0 ? cells[labelAt]!.replace(/\n/g, '') : null;
    const label = labelCell ? cellLabel(labelCell) : null;
    const leadUnits = splitUnitList(at(cols.lead));
    if (!label && leadUnits.length === 0) return [];
    const item = label
      ? newItem(label.kind, label.value, label.printed, line)
      : newItem('num', this.lastValue + 1, '', line, true);
    this.lastValue = item.value;
    const rest = label?.rest.trim() ? label.rest : label ? cells.slice(labelAt + 1).filter((_, i) => i + labelAt + 1 + offset < cols.lead).join(' ') : null;
    item.text = (rest ?? cells.filter((_, i) => i + offset !== cols.lead).join(' ')).replace(/\n/g, '');
    if (leadUnits.length) item.parts.push({ tag: cols.leadTag, units: leadUnits });
    const support = splitUnitList(at(cols.support));
    if (support.length) item.parts.push({ tag: 'support', units: support });
    item.deadlineText = at(cols.deadline).replace(/\n/g, '') || null;
    const first = cells[0]?.replace(/\n/g, '').trim() ?? '';
    if (offset === 0 && labelAt > 0 && first && !matchLabel(first)) item.groupLabel = first;
    return [item];
  }

  private spaceRow(src: SourceLine): Item[] | null {
    for (let k = this.spaceColumns.length; k >= 1; k--) {
      const m = src.text.match(new RegExp(`^(\\d{1,5})\\s+(.+?)${'\\s+(\\S+)'.repeat(k)}$`));
      if (!m) continue;
      const lists = m.slice(3, 3 + k).map(splitUnitList);
      if (lists.some((units) => units.length === 0 || !units.every(looksLikeUnit))) continue;
      const item = newItem('num', Number(m[1]), m[1]!, src.line);
      item.text = m[2]!.trim();
      const tags = this.spaceColumns.slice(0, k);
      lists.forEach((units, i) => item.parts.push({ tag: tags[i]!, units }));
      return [item];
    }
    return null;
  }
}

/**
 * A lone 牵头责任单位 column reads as 责任单位 (its first unit leads); beside a second unit
 * column it is the lead column.
 */
export function singleColumnTag(label: string, tag: PartTag, hasSecond: boolean): PartTag {
  return !hasSecond && tag === 'lead' && /责任/.test(label) ? 'responsible' : tag;
}

/** The roles of the unit columns at the end of a header such as 序号 工作任务 牵头单位 配合单位. */
function trailingUnitColumns(header: string): PartTag[] {
  const tags: PartTag[] = [];
  for (const word of header.trim().split(/\s+/).reverse()) {
    const tag = unitLabelTag(word);
    if (!tag) break;
    tags.unshift(tag);
  }
  if (tags.length === 0) return ['responsible'];
  if (tags.length === 1) return [singleColumnTag(header.trim().split(/\s+/).pop()!, tags[0]!, false)];
  // 牵头单位 配合单位 / 牵头单位 责任单位: the second column supports.
  return tags.map((t, i) => (i > 0 && t === 'responsible' && tags[0] === 'lead' ? 'support' : t));
}
