/**
 * A table flattened one cell per line, as pages copied from a table come out:
 *   序号 / 工作任务 / 分管 / 领导 / 牵头单位 / 配合单位 / 备注      (a header, a name split over two lines)
 *   一、稳增长                                                       (a chapter row, no number)
 *   1 / 地区生产总值增长6%。 / 张三 / 市发改委 / 市统计局 / (blank)   (a row; an empty cell is a blank line)
 * Columns are recognised by their header words. A row whose lines match the header's columns
 * one to one is read by position; otherwise by content (unit lists, persons, dates).
 */
import { newItem, type Item, type SourceLine } from './item.js';
import { matchLabel, type Label } from './labels.js';
import { simplifyKeys } from './normalize.js';
import { unitLabelTag } from './clause-labels.js';
import { cellLabel, singleColumnTag } from './tables.js';
import { looksLikeUnit, splitUnitList, type PartTag } from './unit-clause.js';

type ColumnKind = 'number' | 'task' | 'person' | 'deadline' | 'unit' | 'other';

interface Column {
  name: string;
  kind: ColumnKind;
  tag?: PartTag;
}

/** Header words of columns that hold neither task, units, persons nor dates. */
const KNOWN_OTHER = /^(备注|说明|进展|进展情况|完成情况|工作进展|落实情况|类别|分类|名称|项目名称|领域)$/;

/** A cell of persons' names: 张三 / 张三、李四 / 王五副市长. */
const PERSONS = /^[\u4e00-\u9fa5]{2,4}(副?(市|区|县|省)长|书记|主任|秘书长)?([、，\s][\u4e00-\u9fa5]{2,4}(副?(市|区|县|省)长|书记|主任|秘书长)?)*$/;
const ROW_NUMBER = /^[（(]?[\d一二三四五六七八九十]{1,5}[）)]?[、.．]?$/;
const ENDS_IN_HEAD_NOUN = /(单位|部门|领导|时限|时间|内容|任务|情况|事项|同志|措施|目标|序号|备注)$/;
const HEAD_NOUN = /^(单位|部门|领导|时限|时间|内容|任务|情况|事项|同志|措施|目标)$/;

function columnKind(name: string): ColumnKind {
  if (/^(序号|编号)$/.test(name)) return 'number';
  if (unitLabelTag(name)) return 'unit';
  if (/(领导|责任人|负责人|联系人)$/.test(name)) return 'person';
  if (/(时限|期限|完成时间|时间节点|时间)$/.test(name)) return 'deadline';
  if (/(任务|内容|事项|目标|工作|措施|项目)$/.test(name)) return 'task';
  return 'other';
}

/** A line that can be a header cell: a few characters, no punctuation, no digits. */
function headerWord(text: string): boolean {
  return text.length <= 10 && /^[\u4e00-\u9fa5]+$/.test(text);
}

/** 分管 / 领导 and 牵头 / 单位 are one header cell split over two lines. */
function mergeSplitWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last !== undefined && HEAD_NOUN.test(w) && !ENDS_IN_HEAD_NOUN.test(last)) out[out.length - 1] = last + w;
    else out.push(w);
  }
  return out;
}

interface Row {
  label: Label;
  line: number;
  cells: string[];
}

export class CellTableReader {
  private state: 'idle' | 'header' | 'rows' = 'idle';
  private words: string[] = [];
  private columns: Column[] = [];
  private row: Row | null = null;
  private chapters = 0;
  /** A one-line header seen on the previous line. */
  private candidate: string[] | null = null;

  /** Items for a consumed line ([] while a row is open), or null when the line is not this table's. */
  feed(src: SourceLine): Item[] | null {
    const text = simplifyKeys(src.text.trim());
    if (this.state === 'idle') return this.idle(src, text);
    if (this.state === 'header') return this.header(src, text);
    return this.rowLine(src, text);
  }

  /**
   * 序号 alone opens a header of one word a line. A whole header on one line (序号 工作任务 牵头单位)
   * is left to the space-separated table reader, unless the next line is a row number alone.
   */
  private idle(src: SourceLine, text: string): Item[] | null {
    const candidate = this.candidate;
    this.candidate = null;
    if (/^(序号|编号)$/.test(text)) {
      this.state = 'header';
      this.words = [text];
      return [];
    }
    const words = text.split(/\s+/);
    if (words.length >= 3 && /^(序号|编号)$/.test(words[0]!) && words.every(headerWord)) {
      this.candidate = words;
      return null;
    }
    // A header over two lines: 序号 工作任务 分管 / 领导 牵头单位 配合单位.
    if (candidate && words.every(headerWord)) {
      this.candidate = [...candidate, ...words];
      return null;
    }
    if (candidate && ROW_NUMBER.test(text)) {
      this.words = candidate;
      this.state = 'header';
      return this.header(src, text);
    }
    return null;
  }

  flush(): Item[] {
    const out = this.row ? this.rowItems(this.row) : [];
    this.row = null;
    return out;
  }

  private header(src: SourceLine, text: string): Item[] | null {
    if (!text) return [];
    const seenUnit = this.words.some((w) => columnKind(w) === 'unit');
    const words = text.split(/\s+/);
    if (words.every(headerWord) && !(seenUnit && words.some((w) => columnKind(w) === 'other' && !KNOWN_OTHER.test(w)))) {
      this.words.push(...words);
      return [];
    }
    this.columns = mergeSplitWords(this.words).map((name) => ({ name, kind: columnKind(name) }));
    const units = this.columns.filter((c) => c.kind === 'unit');
    if (units.length === 0 || !this.columns.some((c) => c.kind === 'task')) {
      this.state = 'idle';
      return null;
    }
    units.forEach((c, i) => {
      const tag = unitLabelTag(c.name)!;
      c.tag = i === 0 ? singleColumnTag(c.name, tag, units.length > 1) : tag === 'responsible' && units[0]!.tag === 'lead' ? 'support' : tag;
    });
    this.state = 'rows';
    return this.rowLine(src, text);
  }

  private rowLine(src: SourceLine, text: string): Item[] | null {
    const label = ROW_NUMBER.test(text) ? cellLabel(text) : null;
    if (label && label.kind !== 'cn') {
      const chapter = this.trailingChapterRow();
      const out = this.flush();
      if (chapter) out.push(chapter);
      this.row = { label, line: src.line, cells: [] };
      return out;
    }
    const chapter = matchLabel(text);
    if (chapter?.kind === 'cn') {
      const out = this.flush();
      this.chapters = chapter.value;
      const item = newItem('cn', chapter.value, chapter.printed, src.line);
      item.text = chapter.rest.trim();
      return [...out, item];
    }
    if (!this.row) {
      if (!text) return [];
      // A chapter row without a number.
      const item = newItem('cn', ++this.chapters, '', src.line, true);
      item.text = src.text.trim();
      return [item];
    }
    if (this.row.cells.length >= this.columns.length - 1 && text && !this.looksLikeCell(text)) {
      // The table has ended: hand the line back.
      const out = this.flush();
      this.state = 'idle';
      return out.length ? out : null;
    }
    this.row.cells.push(src.text.trim());
    return [];
  }

  /**
   * A row with more lines than columns whose last line is a short heading (惠民生) before the
   * next row's number: that line is a chapter row without a number.
   */
  private trailingChapterRow(): Item | null {
    const row = this.row;
    if (!row) return null;
    const filled = row.cells.filter((c) => c !== '').length;
    const last = row.cells[row.cells.length - 1] ?? '';
    if (row.cells.length <= this.columns.length - 1 || filled < 2 || !headerWord(last) || looksLikeUnit(last)) return null;
    row.cells.pop();
    const item = newItem('cn', ++this.chapters, '', row.line + row.cells.length + 1, true);
    item.text = last;
    return item;
  }

  private looksLikeCell(text: string): boolean {
    return text.length <= 40;
  }

  private rowItems(row: Row): Item[] {
    const item = newItem(row.label.kind, row.label.value, row.label.printed, row.line);
    const cols = this.columns.slice(1);
    const cells = [...row.cells];
    while (cells.length > cols.length && cells[cells.length - 1] === '') cells.pop();
    while (cells.length > cols.length && cells[0] === '') cells.shift();
    if (cells.length <= cols.length) cols.forEach((c, i) => this.fill(item, c, cells[i] ?? ''));
    else this.fillByContent(item, cells.filter((c) => c !== ''));
    return [item];
  }

  private fill(item: Item, col: Column, cell: string): void {
    if (!cell) return;
    if (col.kind === 'task') item.text = item.text ? `${item.text}${cell}` : cell;
    else if (col.kind === 'unit') {
      const units = splitUnitList(cell);
      if (units.length) item.parts.push({ tag: col.tag!, units });
    } else if (col.kind === 'person') item.leaders.push(...splitUnitList(cell));
    else if (col.kind === 'deadline') item.deadlineText = cell;
  }

  /** Lines that do not match the columns one to one: the first is the task, unit lists fill the unit columns in order. */
  private fillByContent(item: Item, cells: string[]): void {
    const unitCols = this.columns.filter((c) => c.kind === 'unit');
    const personCol = this.columns.some((c) => c.kind === 'person');
    let next = 0;
    cells.forEach((cell, i) => {
      const units = splitUnitList(cell);
      if (i > 0 && next < unitCols.length && units.length && units.every(looksLikeUnit)) {
        item.parts.push({ tag: unitCols[next++]!.tag!, units });
      } else if (i > 0 && personCol && PERSONS.test(cell)) item.leaders.push(...units);
      else if (i === 0 || next === 0) item.text = item.text ? `${item.text}${cell}` : cell;
    });
  }
}
