/** How every reader flattens a table row into one text line. */

export const CELL_SEPARATOR = ' | ';

/**
 * Joins a row's cells with ` | `. A cell that is only a label ending in a colon
 * (`文号：`) is glued to the next cell, so metadata rows read `文号：鄂州政办发〔2014〕4号`
 * just as the same notice does in plain text. Empty cells are kept to preserve columns,
 * but a row of nothing but empty cells is an empty line.
 */
export function joinCells(cells: readonly string[]): string {
  const trimmed = cells.map((c) => c.replace(/\s+/g, (ws) => (ws.includes('\t') ? '\t' : ' ')).trim());
  if (trimmed.every((c) => c === '')) return '';
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const cell = trimmed[i]!;
    out += cell;
    if (i === trimmed.length - 1) break;
    out += /[:：]$/.test(cell) && trimmed[i + 1] !== '' ? '' : CELL_SEPARATOR;
  }
  return out;
}
