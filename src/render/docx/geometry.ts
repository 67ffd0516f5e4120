/**
 * GB/T 9704-2012 page geometry in the units DOCX uses (twips = 1/20 pt, half-points for type
 * sizes, eighths of a point for borders). The numbers come from /work/shared/design/gbt9704.md
 * and the grid that Word and LibreOffice both render at 28 × 22 (stack.md).
 */

export const mm = (v: number): number => Math.round((v / 25.4) * 1440);
export const pt = (v: number): number => Math.round(v * 20);
/** Type sizes are written in half-points. */
export const halfPoints = (sizePt: number): number => Math.round(sizePt * 2);

export const PAGE = {
  width: 11906,
  height: 16838,
  top: mm(37),
  left: mm(28),
  right: mm(26),
  /** 297 − 37 − 225 = 35 mm, so the type area is 225 mm high. */
  bottom: mm(35),
  /** Type area width, 156 mm. */
  typeWidth: mm(156),
} as const;

/** docGrid type="lines": 22 lines in 225 mm. */
export const LINE_PITCH = 579;
/** −0.25 pt between characters brings 28 characters of 16 pt into 156 mm. */
export const CHARACTER_SPACING = -5;

export const BODY_PT = 16;
export const TITLE_PT = 22;
export const IMPRINT_PT = 14;
export const PAGE_NUMBER_PT = 14;
export const TABLE_PT = 12;

/** One body character on the grid: 156 mm / 28. */
export const CHAR = Math.round(PAGE.typeWidth / 28);

/**
 * The footer paragraph is one exact 14 pt line whose top sits 7 mm below the type area; the
 * footer distance is measured from the page's bottom edge to the bottom of that line.
 */
export const FOOTER_DISTANCE = mm(35 - 7) - pt(PAGE_NUMBER_PT);

/** 信函格式: the masthead's top edge 30 mm from the top of the page. */
export const LETTER_HEADER_DISTANCE = mm(30);
/** 信函格式: the lower double line 20 mm above the bottom of the page. */
export const LETTER_FOOTER_DISTANCE = mm(20);
/** 信函格式 double lines are 170 mm long: 7 mm beyond the type area on each side. */
export const LETTER_LINE_OVERHANG = -mm(7);

/** 文件格式: the masthead's top edge 35 mm below the top of the type area. */
export const FILE_MASTHEAD_BEFORE = mm(35);
/** The red separator sits 4 mm below the 发文字号; border spacing is given in points. */
export const SEPARATOR_SPACE_PT = 11;

export const RED = 'FF0000';

/**
 * Width of text in body characters: CJK and full-width forms take a cell, ASCII half a cell
 * (digits of dates, 1. of attachment numbers).
 */
export function textCells(text: string): number {
  let cells = 0;
  for (const ch of text) cells += ch.codePointAt(0)! < 0x2e80 && !/[\u2014\u2026\u201c\u201d\u2018\u2019]/.test(ch) ? 0.5 : 1;
  return cells;
}
