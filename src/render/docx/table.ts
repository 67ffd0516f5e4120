/**
 * Tables across the full 156 mm type area: relative widths scaled to it, single black borders,
 * header rows repeated on every page, text at the block's size (小四 by default) on exact line
 * heights so the body grid does not double-space them. Short rows are kept whole on a page;
 * long rows may break, or a row taller than a page could never be placed.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from './lib.js';
import type { TableBlock, TableCell as TreeCell } from '../../model/doc.js';
import { alignment } from './body.js';
import { PAGE, TABLE_PT, pt, textCells } from './geometry.js';
import { textRuns } from './text.js';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
/** Rows estimated at more lines than this may split across pages. */
const KEEP_WHOLE_MAX_LINES = 4;
const CELL_MARGIN = 108;

/** Column widths in twips summing to the type-area width. */
export function columnWidths(widths: readonly number[], columns: number): number[] {
  const w = Array.from({ length: columns }, (_, i) => {
    const v = widths[i];
    return v !== undefined && Number.isFinite(v) && v > 0 ? v : 1;
  });
  const total = w.reduce((a, b) => a + b, 0);
  const scaled = w.map((v) => Math.floor((v / total) * PAGE.typeWidth));
  scaled[scaled.length - 1]! += PAGE.typeWidth - scaled.reduce((a, b) => a + b, 0);
  return scaled;
}

function columnCount(block: TableBlock): number {
  const spans = [...block.header, ...block.rows].map((r) => r.reduce((n, c) => n + Math.max(1, c.colSpan ?? 1), 0));
  return Math.max(1, block.widths.length, ...spans);
}

interface Placed {
  cell: TreeCell;
  span: number;
  width: number;
}

function placeRow(row: readonly TreeCell[], widths: readonly number[]): Placed[] {
  const placed: Placed[] = [];
  let col = 0;
  for (const cell of row) {
    if (col >= widths.length) break;
    const span = Math.min(Math.max(1, Math.floor(cell.colSpan ?? 1)), widths.length - col);
    placed.push({ cell, span, width: widths.slice(col, col + span).reduce((a, b) => a + b, 0) });
    col += span;
  }
  for (; col < widths.length; col++) placed.push({ cell: { text: '' }, span: 1, width: widths[col]! });
  return placed;
}

function estimatedLines(p: Placed, sizePt: number): number {
  const perLine = Math.max(1, (p.width - 2 * CELL_MARGIN) / pt(sizePt));
  return p.cell.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textCells(line) / perLine)), 0);
}

function cellParagraph(cell: TreeCell, header: boolean, sizePt: number): Paragraph {
  return new Paragraph({
    alignment: alignment(cell.align ?? (header ? 'center' : 'left')),
    indent: { firstLine: 0 },
    spacing: { line: pt(sizePt * 1.5), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: textRuns(cell.text, { sizePt, ...(header ? { font: 'heiti' as const } : {}) }),
  });
}

/** What a table's frame (its properties and grid) is made from. */
export interface TableLayout {
  /** Column widths in twips. */
  widths: number[];
  sizePt: number;
}

/** What one row is made from, besides the layout. */
export interface RowInput {
  cells: readonly TreeCell[];
  header: boolean;
}

export function tableLayout(block: TableBlock): TableLayout {
  return {
    widths: columnWidths(block.widths, columnCount(block)),
    sizePt: block.fontSize && block.fontSize > 0 ? block.fontSize : TABLE_PT,
  };
}

/** Header rows, then body rows; an empty table still has one (empty) row. */
export function rowInputs(block: TableBlock): RowInput[] {
  const rows = [...block.header.map((cells) => ({ cells, header: true })), ...block.rows.map((cells) => ({ cells, header: false }))];
  return rows.length > 0 ? rows : [{ cells: [], header: false }];
}

/** What a row's own element (w:tr and its properties) is made from. */
export interface RowFrame {
  header: boolean;
  /** The row may not break across pages. */
  keepWhole: boolean;
}

/** What one cell is made from. */
export interface CellInput {
  cell: TreeCell;
  span: number;
  /** Twips. */
  width: number;
  header: boolean;
  sizePt: number;
}

export interface RowParts {
  frame: RowFrame;
  cells: CellInput[];
}

export function rowParts({ cells, header }: RowInput, { widths, sizePt }: TableLayout): RowParts {
  const placed = placeRow(cells, widths);
  const lines = Math.max(...placed.map((p) => estimatedLines(p, sizePt)));
  return {
    frame: { header, keepWhole: header || lines <= KEEP_WHOLE_MAX_LINES },
    cells: placed.map((p) => ({ ...p, header, sizePt })),
  };
}

export function rowFrom({ header, keepWhole }: RowFrame, cells: TableCell[]): TableRow {
  return new TableRow({
    ...(header ? { tableHeader: true } : {}),
    ...(keepWhole ? { cantSplit: true } : {}),
    children: cells,
  });
}

export function cellOf(c: CellInput): TableCell {
  return new TableCell({
    width: { size: c.width, type: WidthType.DXA },
    ...(c.span > 1 ? { columnSpan: c.span } : {}),
    verticalAlign: VerticalAlignTable.CENTER,
    children: [cellParagraph(c.cell, c.header, c.sizePt)],
  });
}

export function tableRow(row: RowInput, layout: TableLayout): TableRow {
  const { frame, cells } = rowParts(row, layout);
  return rowFrom(frame, cells.map(cellOf));
}

/** The table of these rows: its frame depends on the layout alone. */
export function tableFrom(layout: TableLayout, rows: TableRow[]): Table {
  return new Table({
    width: { size: PAGE.typeWidth, type: WidthType.DXA },
    columnWidths: layout.widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows,
  });
}

export function tableOf(block: TableBlock): Table {
  const layout = tableLayout(block);
  return tableFrom(
    layout,
    rowInputs(block).map((r) => tableRow(r, layout)),
  );
}
