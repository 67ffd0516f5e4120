import type { Align, TableBlock, TableCell } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import { lineGlyphs, type DrawItem } from './display.js';
import { AREA_BOTTOM, AREA_HEIGHT, AREA_LEFT, AREA_TOP, AREA_WIDTH, BLACK, EM_ASCENT, GRID_LINES, LINE_PITCH, SIZE, lineTop } from './geometry.js';
import { breakLines, type LineBox } from './linebreak.js';
import { LayoutMemo } from './memo.js';
import type { Pager } from './pager.js';
import { toUnits } from './tokens.js';

const PAD_X = 4;
const PAD_Y = 3;
const LINE_FACTOR = 1.4;
const RULE = 0.6;

interface CellBox {
  x: number;
  w: number;
  lines: readonly LineBox[];
}

interface RowBox {
  cells: CellBox[];
  lines: number;
}

/**
 * A ruled table across the type area. Cell text wraps with the body's line-breaking rules at the
 * table's size (小四 by default) and is centred vertically; header rows (黑体) repeat on every page
 * the table runs onto; a row that does not fit moves to the next page, and a row taller than a
 * page is split. The body grid resumes on the first grid line below the table.
 */
export function placeTable(t: TableBlock, pager: Pager, fonts: FontSet): void {
  const size = t.fontSize ?? SIZE.xiaosi;
  const lh = size * LINE_FACTOR;
  const cols = columnEdges(t);
  const header = t.header.map((r) => prepareRow(r, cols, size, true, fonts));
  const body = t.rows.map((r) => prepareRow(r, cols, size, false, fonts));
  const height = (r: RowBox): number => r.lines * lh + 2 * PAD_Y;
  const headerHeight = header.reduce((h, r) => h + height(r), 0);
  const repeat = headerHeight < AREA_HEIGHT / 3;

  if (pager.line >= GRID_LINES) pager.newPage();
  let y = lineTop(pager.line);
  const drawHeader = (): void => {
    for (const r of header) {
      drawRow(pager.items, r, y, height(r), 0, r.lines, size, lh);
      y += height(r);
    }
  };
  const firstHeight = headerHeight + (body[0] ? height(body[0]) : 0);
  if (y + firstHeight > AREA_BOTTOM && !pager.atTop() && firstHeight <= AREA_HEIGHT) {
    pager.newPage();
    y = AREA_TOP;
  }
  drawHeader();
  for (const row of body) {
    const h = height(row);
    if (y + h <= AREA_BOTTOM + 0.01) {
      drawRow(pager.items, row, y, h, 0, row.lines, size, lh);
      y += h;
      continue;
    }
    const room = AREA_HEIGHT - (repeat ? headerHeight : 0);
    if (h <= room) {
      pager.newPage();
      y = AREA_TOP;
      if (repeat) drawHeader();
      drawRow(pager.items, row, y, h, 0, row.lines, size, lh);
      y += h;
      continue;
    }
    // Taller than a page: split the row's lines across pages.
    let from = 0;
    while (from < row.lines) {
      const fit = Math.floor((AREA_BOTTOM - y - 2 * PAD_Y) / lh);
      if (fit < 1) {
        pager.newPage();
        y = AREA_TOP;
        if (repeat) drawHeader();
        continue;
      }
      const take = Math.min(fit, row.lines - from);
      const ph = take * lh + 2 * PAD_Y;
      drawRow(pager.items, row, y, ph, from, from + take, size, lh);
      y += ph;
      from += take;
    }
  }
  pager.line = Math.min(GRID_LINES, Math.ceil((y - AREA_TOP) / LINE_PITCH - 1e-6));
}

function columnEdges(t: TableBlock): number[] {
  const n = Math.max(1, t.widths.length);
  const widths = t.widths.length > 0 && t.widths.every((w) => w > 0) ? t.widths : Array.from({ length: n }, () => 1);
  const total = widths.reduce((a, b) => a + b, 0);
  const edges = [AREA_LEFT];
  for (const w of widths) edges.push(edges[edges.length - 1]! + (w / total) * AREA_WIDTH);
  return edges;
}

/** Cell texts set by text, face, size, width and alignment: a batch's tables repeat their cells (LayoutMemo: shared, not to be modified). */
const setCells = new LayoutMemo<readonly LineBox[]>(8192);

function cellLines(text: string, header: boolean, size: number, width: number, align: Align, fonts: FontSet): readonly LineBox[] {
  return setCells.get(fonts, `${header ? 1 : 0}\u0000${size}\u0000${width}\u0000${align}\u0000${text}`, () => {
    const units = toUnits([{ text, style: { role: header ? 'heiti' : 'fangsong', size, bold: false, color: BLACK } }], fonts, 1);
    return breakLines(units, { width, firstIndent: 0, restIndent: 0, align, allowHang: false });
  });
}

function prepareRow(cells: TableCell[], cols: number[], size: number, header: boolean, fonts: FontSet): RowBox {
  const out: CellBox[] = [];
  let col = 0;
  const ncols = cols.length - 1;
  for (const cell of cells) {
    if (col >= ncols) break;
    const span = Math.max(1, Math.min(cell.colSpan ?? 1, ncols - col));
    const x = cols[col]!;
    const w = cols[col + span]! - x;
    const align: Align = cell.align ?? (header ? 'center' : 'left');
    const lines = cellLines(cell.text, header, size, w - 2 * PAD_X, align, fonts);
    out.push({ x, w, lines });
    col += span;
  }
  // Missing cells at the end of a short row are drawn empty so the rules stay closed.
  while (col < ncols) {
    out.push({ x: cols[col]!, w: cols[col + 1]! - cols[col]!, lines: [] });
    col++;
  }
  return { cells: out, lines: Math.max(1, ...out.map((c) => c.lines.length)) };
}

function drawRow(items: DrawItem[], row: RowBox, y: number, h: number, from: number, to: number, size: number, lh: number): void {
  const whole = from === 0 && to === row.lines;
  for (const c of row.cells) {
    items.push({ kind: 'rect', x: c.x, y, w: c.w, h, fill: null, stroke: BLACK, lineWidth: RULE });
    const shown = c.lines.slice(from, to);
    const offset = whole ? (h - 2 * PAD_Y - shown.length * lh) / 2 : 0;
    shown.forEach((line, i) => {
      const baseline = y + PAD_Y + offset + i * lh + (lh - size) / 2 + EM_ASCENT * size;
      items.push(...lineGlyphs(line, c.x + PAD_X, baseline));
    });
  }
}
