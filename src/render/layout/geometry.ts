/**
 * Page geometry of GB/T 9704-2012 in PDF points (1/72 in), y growing downwards from the page
 * top as pdfkit draws. See /work/shared/design/gbt9704.md for the figures.
 */
export const MM = 72 / 25.4;

/** A4 as pdfkit defines it. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;

export const AREA_LEFT = 28 * MM;
export const AREA_TOP = 37 * MM;
export const AREA_WIDTH = 156 * MM;
export const AREA_HEIGHT = 225 * MM;
export const AREA_RIGHT = AREA_LEFT + AREA_WIDTH;
export const AREA_BOTTOM = AREA_TOP + AREA_HEIGHT;

export const GRID_LINES = 22;
export const GRID_CHARS = 28;
/** 225 mm / 22 ≈ 28.99 pt. */
export const LINE_PITCH = AREA_HEIGHT / GRID_LINES;
/** 156 mm / 28 ≈ 15.79 pt: a 16 pt character with −0.21 pt spacing. */
export const CHAR_PITCH = AREA_WIDTH / GRID_CHARS;

/** 字号 in points. */
export const SIZE = { chu: 42, xiaochu: 36, yi: 26, er: 22, san: 16, si: 14, xiaosi: 12 } as const;
export const BODY_SIZE = SIZE.san;

/** Share of the em box above the baseline for CJK faces (ideographic em box: 0.88 / −0.12). */
export const EM_ASCENT = 0.88;

export function lineTop(line: number): number {
  return AREA_TOP + line * LINE_PITCH;
}

/**
 * Baseline of text of `size` on grid line `line`. A 16 pt em box sits at the top of its line
 * (so the first line's characters start 37 mm from the paper's edge); other sizes share its
 * centre, so a 22 pt title and a 14 pt imprint line up with the body grid.
 */
export function gridBaseline(line: number, size: number): number {
  return lineTop(line) + BODY_SIZE / 2 - size / 2 + EM_ASCENT * size;
}

/** Official red for 版头 marks and lines. */
export const RED = '#E60012';
export const BLACK = '#000000';
