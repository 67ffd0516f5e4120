import type { Align, FontRole, Run } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import { lineGlyphs } from './display.js';
import { AREA_LEFT, AREA_WIDTH, BLACK, BODY_SIZE, CHAR_PITCH, gridBaseline } from './geometry.js';
import { breakLines, type LineBox } from './linebreak.js';
import type { Pager } from './pager.js';
import { toUnits, type StyledText, type TextStyle } from './tokens.js';

/** Body text sits on the 28-character grid: a 16 pt cell is 156 mm / 28 wide. */
export const GRID_SCALE = CHAR_PITCH / BODY_SIZE;

export function bodyStyle(role: FontRole = 'fangsong', bold = false, size: number = BODY_SIZE, color: string = BLACK): TextStyle {
  return { role, size, bold, color };
}

export function runsToParts(runs: readonly Run[], role: FontRole): StyledText[] {
  return runs.map((r) => ({ text: r.text, style: bodyStyle(r.font ?? role, r.bold ?? false) }));
}

export interface GridParagraph {
  parts: StyledText[];
  /** Indents in grid cells. */
  firstIndent: number;
  restIndent?: number;
  align: Align;
}

/** Typesets a paragraph on the body grid (156 mm measure, hanging punctuation allowed). */
export function gridLines(p: GridParagraph, fonts: FontSet): LineBox[] {
  const units = toUnits(p.parts, fonts, GRID_SCALE);
  return breakLines(units, {
    width: AREA_WIDTH,
    firstIndent: p.firstIndent * CHAR_PITCH,
    restIndent: (p.restIndent ?? 0) * CHAR_PITCH,
    align: p.align,
    allowHang: true,
  });
}

/** Puts typeset lines on consecutive grid lines, page by page. */
export function placeLines(pager: Pager, lines: readonly LineBox[], size: number = BODY_SIZE): void {
  for (const line of lines) {
    const ln = pager.nextLine();
    pager.items.push(...lineGlyphs(line, AREA_LEFT, gridBaseline(ln, size)));
  }
}
