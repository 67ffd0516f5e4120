/**
 * Annex tables for reuse.ts, kept cell by cell: cells recur across the letters' tables (empty
 * ones, 牵头, the same task in several units' tables) where whole tables and rows do not. A
 * table's XML is its frame (w:tbl, w:tblPr and w:tblGrid, made from its layout), then per row
 * the row's frame (w:tr and w:trPr), its cells and </w:tr>, then </w:tbl>. A cell is made from
 * its own input alone: its width is its own, so the table's grid does not change it.
 */
import type { Piece } from './blocks.js';
import { keyOf } from './keys.js';
import { rowInputs, rowParts, tableLayout, type CellInput, type RowFrame, type TableLayout } from './table.js';
import { elementContent } from './xml-cut.js';

const TABLE_OPEN = '<w:tbl>';
const TABLE_CLOSE = '</w:tbl>';
const ROW_OPEN = '<w:tr>';
const ROW_CLOSE = '</w:tr>';

/** The kept XML: frames by layout key, row frames and cells by their keys. */
export interface TableStore {
  frames: Map<string, string>;
  rowFrames: Map<string, string>;
  cells: Map<string, string>;
}

export interface RowLookup {
  frame: RowFrame;
  frameKey: string;
  cells: CellInput[];
  cellKeys: string[];
}

export interface TableParts {
  layout: TableLayout;
  layoutKey: string;
  rows: RowLookup[];
}

/** A table piece kept cell by cell; a table after a page break (a breaking paragraph first) is kept whole. */
export function tableParts(piece: Piece): TableParts | undefined {
  if (piece.kind !== 'block' || piece.block.type !== 'table' || piece.breakBefore) return undefined;
  const layout = tableLayout(piece.block);
  const rows = rowInputs(piece.block).map((input) => {
    const { frame, cells } = rowParts(input, layout);
    return { frame, frameKey: keyOf(frame), cells, cellKeys: cells.map(keyOf) };
  });
  return { layout, layoutKey: keyOf(layout), rows };
}

function keptRow(shell: TableStore, row: RowLookup): string | undefined {
  let xml = shell.rowFrames.get(row.frameKey);
  for (const k of row.cellKeys) {
    const cell = shell.cells.get(k);
    if (xml === undefined || cell === undefined) return undefined;
    xml += cell;
  }
  return xml === undefined ? undefined : xml + ROW_CLOSE;
}

export function keptTable(shell: TableStore, t: TableParts): string | undefined {
  let xml = shell.frames.get(t.layoutKey);
  for (const r of t.rows) {
    const row = keptRow(shell, r);
    if (xml === undefined || row === undefined) return undefined;
    xml += row;
  }
  return xml === undefined ? undefined : xml + TABLE_CLOSE;
}

/** A table of one layout holding row frames and cells to be written, each row frame with a cell to fill its row. */
export interface WantedTable {
  layout: TableLayout;
  rowFrames: Map<string, { frame: RowFrame; cell: CellInput }>;
  cells: Map<string, CellInput>;
}

/** Cells of the rows that only carry cells, so that a row frame is not written for each. */
const CELLS_PER_ROW = 8;
/** The frame of those rows, which is not kept. */
const CARRIER: RowFrame = { header: false, keepWhole: true };

/** The rows docx writes for a wanted table: one per wanted row frame, then rows carrying the wanted cells. */
export function wantedRows(t: WantedTable): { frame: RowFrame; cells: CellInput[] }[] {
  const cells = [...t.cells.values()];
  const carriers = Array.from({ length: Math.ceil(cells.length / CELLS_PER_ROW) }, (_, i) => cells.slice(i * CELLS_PER_ROW, (i + 1) * CELLS_PER_ROW));
  return [...[...t.rowFrames.values()].map(({ frame, cell }) => ({ frame, cells: [cell] })), ...carriers.map((c) => ({ frame: CARRIER, cells: c }))];
}

/** A row cut into its frame (w:tr and w:trPr, if any) and cells. */
function cutRow(xml: string): { frame: string; cells: string[] } | undefined {
  const parts = elementContent(xml, ROW_OPEN, ROW_CLOSE);
  if (!parts) return undefined;
  const props = parts[0]?.startsWith('<w:trPr') ? 1 : 0;
  const cells = parts.slice(props);
  return cells.every((c) => c.startsWith('<w:tc')) ? { frame: ROW_OPEN + parts.slice(0, props).join(''), cells } : undefined;
}

/** A table cut into its frame (w:tbl, w:tblPr, w:tblGrid) and rows. */
function cutTable(xml: string): { frame: string; rows: string[] } | undefined {
  const parts = elementContent(xml, TABLE_OPEN, TABLE_CLOSE);
  if (!parts || parts.length < 2 || !parts[0]!.startsWith('<w:tblPr') || !parts[1]!.startsWith('<w:tblGrid')) return undefined;
  return { frame: TABLE_OPEN + parts[0]! + parts[1]!, rows: parts.slice(2) };
}

/** What was cut out of a wanted table: its frame, and the wanted row frames and cells by key. */
export interface TableCut {
  frame: string;
  rowFrames: [string, string][];
  cells: [string, string][];
}

/** A wanted table's frame, row frames and cells, cut out of what docx wrote for it; undefined when it is not as built. */
export function cutWantedTable(t: WantedTable, written: string | undefined): TableCut | undefined {
  const table = written === undefined ? undefined : cutTable(written);
  const rows = table?.rows.map(cutRow);
  const built = wantedRows(t);
  if (!table || !rows || rows.length !== built.length || rows.some((r, i) => r?.cells.length !== built[i]!.cells.length)) return undefined;
  const cells = rows.slice(t.rowFrames.size).flatMap((r) => r!.cells);
  return {
    frame: table.frame,
    rowFrames: [...t.rowFrames.keys()].map((k, i) => [k, rows[i]!.frame]),
    cells: [...t.cells.keys()].map((k, i) => [k, cells[i]!]),
  };
}
