import type { Face } from '../fonts/fonts.js';
import type { LineBox } from './linebreak.js';
import { printable } from './printable.js';

/**
 * The display list: what a page shows, in points from the page's top-left corner. Layout builds
 * it from the document tree; the PDF writer only paints it, so tests can check either side.
 */
export interface GlyphRun {
  kind: 'glyphs';
  face: Face;
  size: number;
  color: string;
  bold: boolean;
  /** Horizontal scaling in percent (mastheads are condensed to fit, as printers do). */
  hscale: number;
  baseline: number;
  chars: string[];
  /** Left edge of each glyph's advance box. */
  xs: number[];
}

export interface RuleLine {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
}

export interface Box {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string | null;
  stroke: string | null;
  lineWidth: number;
}

export interface Sector {
  kind: 'sector';
  cx: number;
  cy: number;
  r: number;
  /** Angles in radians, clockwise from 12 o'clock. */
  from: number;
  to: number;
  fill: string;
}

export type DrawItem = GlyphRun | RuleLine | Box | Sector;

export interface PageBody {
  /** Which grid line holds each line of body text (for tests and debugging). */
  items: DrawItem[];
}

export interface LaidOutDoc {
  pages: PageBody[];
}

/**
 * Turns a typeset line into glyph runs, one per face and style, with each CJK glyph centred in
 * its cell and Latin glyphs at their natural advances.
 */
export function lineGlyphs(line: LineBox, left: number, baseline: number): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let cur: GlyphRun | undefined;
  line.units.forEach((u, idx) => {
    const s = u.style;
    let x = left + line.xs[idx]!;
    for (const ch of u.chars) {
      if (u.kind === 'cell' && DASHES.has(ch)) {
        runs.push(dashRun(u.face, ch, s.size, u.pitch, x, baseline, s.color, s.bold));
        cur = undefined;
        x += u.pitch;
        continue;
      }
      if (!cur || cur.face !== u.face || cur.size !== s.size || cur.bold !== s.bold || cur.color !== s.color) {
        cur = { kind: 'glyphs', face: u.face, size: s.size, color: s.color, bold: s.bold, hscale: 100, baseline, chars: [], xs: [] };
        runs.push(cur);
      }
      const adv = u.face.advance(ch.codePointAt(0)!) * s.size;
      if (u.kind === 'cell') {
        cur.xs.push(x + (u.pitch - adv) / 2);
        x += u.pitch;
      } else {
        cur.xs.push(x);
        x += adv;
      }
      cur.chars.push(ch);
    }
  });
  return runs;
}

/** Runs of a line at baseline 0, per line and left edge (see placedLineGlyphs). */
const runsOfLine = new WeakMap<LineBox, { left: number; runs: GlyphRun[] }>();

/**
 * lineGlyphs for a line that LayoutMemo shares between documents: its runs are made once per left
 * edge and copied to each placement's baseline, the only thing that differs (no position depends
 * on it). The runs' chars and xs arrays are shared too: a display list is not modified once laid out.
 */
export function placedLineGlyphs(line: LineBox, left: number, baseline: number): GlyphRun[] {
  let made = runsOfLine.get(line);
  if (!made || made.left !== left) {
    made = { left, runs: lineGlyphs(line, left, 0) };
    runsOfLine.set(line, made);
  }
  return made.runs.map((run) => ({ ...run, baseline }));
}

const DASHES = new Set(['—', '―']);

/**
 * A dash stretched so that its ink fills the cell: —— then reads as one unbroken line, as the
 * standard's 破折号 should, whatever the font's side bearings.
 */
function dashRun(face: Face, ch: string, size: number, pitch: number, x: number, baseline: number, color: string, bold: boolean): GlyphRun {
  const ink = face.ink(ch.codePointAt(0)!);
  const inkWidth = Math.max(0.05, ink.maxX - ink.minX) * size;
  const scale = (pitch + 0.4) / inkWidth;
  const start = x - 0.2 - ink.minX * size * scale;
  return { kind: 'glyphs', face, size, color, bold, hscale: Math.round(scale * 1000) / 10, baseline, chars: [ch], xs: [start] };
}

/** A single string set at natural advances (page numbers, table and chart text). */
export function plainRun(face: Face, text: string, size: number, x: number, baseline: number, color: string, cellPitch?: number): GlyphRun {
  const chars = [...printable(text, (cp) => face.has(cp))];
  const xs: number[] = [];
  let pen = x;
  for (const ch of chars) {
    xs.push(pen);
    pen += cellPitch ?? face.advance(ch.codePointAt(0)!) * size;
  }
  return { kind: 'glyphs', face, size, color, bold: false, hscale: 100, baseline, chars, xs };
}
