/**
 * Turns part of a page into text lines the way a browser lays it out: a line per block element
 * or <br>, whitespace collapsed (<pre> kept), a data-table row as one line with cells joined by
 * ` | `, a layout-table row cell by cell.
 */
import type { HElement, HNode } from './html-tree.js';
import type { Stats } from './html-stats.js';
import { joinCells } from './rows.js';

export const BLOCK = new Set([
  '#root', 'html', 'body', 'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table',
  'tbody', 'thead', 'tfoot', 'caption', 'section', 'article', 'main', 'blockquote', 'pre', 'center', 'address',
  'figure', 'figcaption', 'header', 'footer', 'nav', 'aside', 'form', 'fieldset', 'legend', 'details', 'summary',
  'td', 'th', 'hr', 'menu', 'option',
]);

const CJK_BREAK = /([\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t\f\r]*\n[ \t\n\f\r]*(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])/g;

class LineBuffer {
  readonly lines: string[] = [];
  private cur = '';

  text(raw: string, pre: boolean): void {
    if (pre) {
      const parts = raw.split(/\r\n?|\n/);
      parts.forEach((part, i) => {
        if (i > 0) this.newline();
        this.cur += part;
      });
      return;
    }
    // A source line break between two Chinese characters is not a space (CSS Text 3).
    let t = raw.replace(CJK_BREAK, '$1').replace(/[ \t\n\r\f]+/g, ' ');
    if (this.cur === '' || this.cur.endsWith(' ')) t = t.replace(/^ /, '');
    this.cur += t;
  }

  /** A forced break (<br>): ends the line even when it is empty. */
  newline(): void {
    this.lines.push(this.cur);
    this.cur = '';
  }

  /** A block boundary: ends the line if it has any text. */
  block(): void {
    if (this.cur.trim() !== '') this.lines.push(this.cur);
    this.cur = '';
  }

  push(line: string): void {
    this.block();
    this.lines.push(line);
  }

  finish(): string[] {
    this.block();
    return this.lines;
  }
}

export type Skip = (el: HElement) => boolean;

function walk(node: HNode, buf: LineBuffer, skip: Skip, s: Stats, pre: boolean): void {
  if (node.kind === 'text') {
    buf.text(node.text, pre);
    return;
  }
  if (skip(node)) return;
  const tag = node.tag;
  if (tag === 'br') return buf.newline();
  if (tag === 'tr') {
    buf.block();
    for (const line of rowLines(node, skip, s)) buf.push(line);
    return;
  }
  const isBlock = BLOCK.has(tag);
  if (isBlock) buf.block();
  for (const c of node.children) walk(c, buf, skip, s, pre || tag === 'pre');
  if (isBlock) buf.block();
}

/**
 * A data row becomes one line, cells joined by ` | `. A layout row (a cell holding a nested
 * table or a long run of paragraphs) is read cell by cell instead.
 */
function rowLines(tr: HElement, skip: Skip, s: Stats): string[] {
  const cells: string[][] = [];
  let layout = false;
  for (const c of tr.children) {
    if (c.kind === 'text') continue;
    if (skip(c)) continue;
    const buf = new LineBuffer();
    walk(c, buf, skip, s, false);
    const lines = buf.finish().filter((l) => l.trim() !== '');
    if (s.hasTable[c.order] || lines.length > 8 || s.chars[c.order]! > 1000) layout = true;
    cells.push(lines);
  }
  const filled = cells.filter((c) => c.length > 0);
  if (filled.length <= 1 || layout) return filled.flat();
  return [joinCells(cells.map((c) => c.join(' ')))];
}

/** Lines of `el`; `skip` applies to its descendants, never to `el` itself. */
export function elementLines(el: HElement, skip: Skip, s: Stats): string[] {
  const buf = new LineBuffer();
  walk(el, buf, (e) => e !== el && skip(e), s, false);
  return buf.finish();
}
