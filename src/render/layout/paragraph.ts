import type { Align, FontRole, Run } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import { placedLineGlyphs } from './display.js';
import { AREA_LEFT, AREA_WIDTH, BLACK, BODY_SIZE, CHAR_PITCH, gridBaseline } from './geometry.js';
import { breakLines, type LineBox } from './linebreak.js';
import { LayoutMemo } from './memo.js';
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

/** Set paragraphs by their text, styles, indents and alignment (LayoutMemo: shared, not to be modified). */
const setParagraphs = new LayoutMemo<readonly LineBox[]>(4096);

function paragraphKey(p: GridParagraph): string {
  let key = `${p.firstIndent}\0${p.restIndent ?? 0}\0${p.align}`;
  for (const { text, style } of p.parts) key += `\u0001${styleKey(style)}\0${text}`;
  return key;
}

function styleKey(style: TextStyle): string {
  const { role, size, bold, color, ...others } = style;
  // Every field of a style must be in the key: a field added to TextStyle fails to compile here.
  others satisfies Record<string, never>;
  return `${role}\0${size}\0${bold}\0${color}`;
}

/** Typesets a paragraph on the body grid (156 mm measure, hanging punctuation allowed). */
export function gridLines(p: GridParagraph, fonts: FontSet): readonly LineBox[] {
  return setParagraphs.get(fonts, paragraphKey(p), () => typesetGrid(p, fonts));
}

function typesetGrid(p: GridParagraph, fonts: FontSet): LineBox[] {
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
    pager.items.push(...placedLineGlyphs(line, AREA_LEFT, gridBaseline(ln, size)));
  }
}
