/**
 * Lines → outline items. Every numbered item becomes an Item; unit clauses attach to the item
 * they follow (inline at the end of its text, on their own lines, or in table cells). Which
 * items are chapters, sections or tasks is decided afterwards (structure.ts), from where the
 * unit clauses actually sit.
 */
import { matchLabel, splitRunTogether, type Label } from './labels.js';
import {
  matchLeaderLine,
  matchUnitLine,
  parseClauseBody,
  splitLabelledTail,
  splitLeadingClause,
  splitTrailingClause,
  type ClausePart,
} from './unit-clause.js';
import { TableReader } from './tables.js';
import { CellTableReader } from './cell-table.js';
import { newItem, type Item, type SourceLine } from './item.js';

export type { Item, SourceLine };

export interface Outline {
  items: Item[];
  /** Unit clauses found before any item (they belong to an item on an earlier page). */
  orphans: SourceLine[];
  /** Index into the source lines where the first item starts; everything before is the cover. */
  firstItemLine: number;
}

class OutlineBuilder {
  readonly items: Item[] = [];
  readonly orphans: SourceLine[] = [];
  private readonly table = new TableReader();
  private readonly cellTable = new CellTableReader();
  /** Set after a line that ends the current item's text (附件, a date, a heading). */
  private closed = false;

  get current(): Item | undefined {
    return this.items[this.items.length - 1];
  }

  feed(src: SourceLine): void {
    const cells = this.cellTable.feed(src);
    if (cells !== null) {
      this.items.push(...cells);
      return;
    }
    // Blank lines matter only inside a one-cell-per-line table (they are its empty cells).
    if (!src.text.trim()) return;
    const rows = this.table.feed(src);
    if (rows !== null) {
      this.items.push(...rows);
      return;
    }
    for (const segment of splitRunTogether(src.text)) this.segment(segment, src.line);
  }

  finish(): void {
    this.items.push(...this.cellTable.flush(), ...this.table.flush());
  }

  private segment(text: string, line: number): void {
    const unitParts = matchUnitLine(text);
    if (unitParts) {
      if (this.current) addParts(this.current, unitParts);
      else this.orphans.push({ text, line });
      return;
    }
    const leaders = matchLeaderLine(text);
    if (leaders) {
      this.current?.leaders.push(...leaders);
      return;
    }
    const label = matchLabel(text) ?? this.sequenceLabel(text);
    if (label) {
      const item = newItem(label.kind, label.value, label.printed, line);
      this.addText(item, label.rest);
      this.items.push(item);
      this.closed = false;
      return;
    }
    if (endsItemText(text)) {
      this.closed = true;
      return;
    }
    this.unlabelled(text, line);
  }

  /**
   * 11.121人才梯队项目: a number, a dot and digits reads as a decimal, unless the number is the
   * one the numbering expects next; then it is the label and the digits start the text.
   */
  private sequenceLabel(text: string): Label | null {
    const m = text.match(/^(\d{1,5})\.(?=\d)/);
    if (!m) return null;
    const value = Number(m[1]);
    const last = [...this.items].reverse().find((i) => i.kind === 'num');
    return last && last.value + 1 === value ? { kind: 'num', value, printed: m[1]!, rest: text.slice(m[0].length) } : null;
  }

  /** Continuation text, or a task whose label was garbled (it carries its own unit clause). */
  private unlabelled(text: string, line: number): void {
    const cur = this.current;
    if (!cur || this.closed) return;
    const clause = splitTrailingClause(text) ?? splitLabelledTail(text);
    if (clause && cur.parts.length > 0 && cur.kind !== 'cn') {
      const item = newItem(cur.kind, cur.value + 1, '', line, true);
      this.addText(item, text);
      this.items.push(item);
      return;
    }
    if (cur.parts.length === 0) this.addText(cur, text);
  }

  private addText(item: Item, text: string): void {
    const leading = item.text ? null : splitLeadingClause(text);
    if (leading) {
      addParts(item, parseClauseBody(leading.body) ?? []);
      text = leading.after;
    }
    const clause = splitTrailingClause(text) ?? splitLabelledTail(text);
    const body = clause ? clause.before : text;
    item.text = item.text ? `${item.text}${joiner(item.text, body)}${body.trim()}` : body.trim();
    if (clause) addParts(item, parseClauseBody(clause.body) ?? []);
  }
}

/** Unit parts go to the item's clause; notes such as 完成时限：… to its time limits. */
function addParts(item: Item, parts: readonly ClausePart[]): void {
  for (const part of parts) {
    if (part.tag === 'note') item.deadlineText = [item.deadlineText, part.note].filter(Boolean).join('；');
    else if (part.tag === 'person') item.leaders.push(...part.units);
    else item.parts.push(part);
  }
}

/** Lines that never continue an item: 附件说明, a bare date, a document heading. */
function endsItemText(text: string): boolean {
  const t = text.trim();
  if (/^附(件)?\s*\d*\s*[：:]/.test(t)) return true;
  if (/^(\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日$/.test(t)) return true;
  return t.length <= 60 && !/[。；，：]/.test(t) && /(意见|方案|分解表|工作事项|任务分解|通知|责任分工|分工表)$/.test(t);
}

function joiner(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^\s*[A-Za-z0-9]/.test(b) ? ' ' : '';
}

export function buildOutline(lines: readonly SourceLine[]): Outline {
  const b = new OutlineBuilder();
  for (const l of lines) b.feed(l);
  b.finish();
  return { items: b.items, orphans: b.orphans, firstItemLine: b.items[0]?.line ?? Infinity };
}
