import type { GlyphRun } from '../layout/display.js';
import { num, rgb } from './content.js';
import type { GlyphSubset } from './ttf-subset.js';
import { glyphMetrics, type FontkitFont } from '../fonts/load.js';

/**
 * The parts of pdfkit's EmbeddedFont that glyph runs use. pdfkit's own text() shapes each string
 * with fontkit and positions it by its line wrapper; the grid needs every glyph at a computed x,
 * so runs are written as TJ arrays here, while pdfkit still subsets, embeds and builds ToUnicode.
 */
export interface EmbeddedFontLike {
  id: string;
  scale: number;
  widths: number[];
  unicode: number[][];
  /** fontkit's subset, or ttf-subset.ts's writing the same file; pdfkit encodes it on embedding. */
  subset: GlyphSubset;
  font: FontkitFont;
  ref(): unknown;
}

export interface PageLike {
  height: number;
  fonts: Record<string, unknown>;
}

/** Glyph ids per code point, per embedded font of one document. */
export type GlyphCache = Map<number, { hex: string; width: number }>;

interface FontGlyph {
  id: number;
  advanceWidth: number;
}

/**
 * fontkit's glyph per code point, per font: fonts are shared by every document of a run, and its
 * lookup (a cmap search, a glyph object, its metrics) cost more than the rest of a glyph's work.
 */
const fontGlyphs = new WeakMap<object, Map<number, FontGlyph>>();

function fontGlyph(font: EmbeddedFontLike['font'], cp: number): FontGlyph {
  let glyphs = fontGlyphs.get(font);
  if (!glyphs) fontGlyphs.set(font, (glyphs = new Map()));
  let g = glyphs.get(cp);
  if (!g) {
    g = glyphMetrics(font, cp);
    glyphs.set(cp, g);
  }
  return g;
}

function glyphOf(font: EmbeddedFontLike, cache: GlyphCache, ch: string): { hex: string; width: number } {
  const cp = ch.codePointAt(0)!;
  let g = cache.get(cp);
  if (!g) {
    const glyph = fontGlyph(font.font, cp);
    const gid = font.subset.includeGlyph(glyph.id);
    const width = glyph.advanceWidth * font.scale;
    font.widths[gid] ??= width;
    font.unicode[gid] ??= [cp];
    g = { hex: gid.toString(16).padStart(4, '0'), width };
    cache.set(cp, g);
  }
  return g;
}

/**
 * Content-stream operators for one run, in PDF's native (bottom-up) coordinates. Each glyph's
 * displacement is corrected in the TJ array so that glyph i starts exactly at run.xs[i].
 */
export function glyphRunOps(run: GlyphRun, font: EmbeddedFontLike, cache: GlyphCache, page: PageLike): string {
  page.fonts[font.id] ??= font.ref();
  const h = run.hscale / 100;
  const parts: string[] = [];
  let hex = '';
  const glyphs = run.chars.map((ch) => glyphOf(font, cache, ch));
  for (let i = 0; i < glyphs.length; i++) {
    hex += glyphs[i]!.hex;
    if (i + 1 < glyphs.length) {
      const natural = (glyphs[i]!.width / 1000) * run.size * h;
      const wanted = run.xs[i + 1]! - run.xs[i]!;
      const adjust = ((natural - wanted) * 1000) / (run.size * h);
      if (Math.abs(adjust) >= 0.0005) {
        parts.push(`<${hex}>`, num(adjust));
        hex = '';
      }
    }
  }
  if (hex) parts.push(`<${hex}>`);
  const color = rgb(run.color);
  const ops = [`${color} rg`];
  if (run.bold) ops.push(`${color} RG ${num(run.size * 0.035)} w 2 Tr`);
  ops.push('BT', `/${font.id} ${num(run.size)} Tf`);
  if (h !== 1) ops.push(`${num(run.hscale)} Tz`);
  ops.push(`1 0 0 1 ${num(run.xs[0] ?? 0)} ${num(page.height - run.baseline)} Tm`, `[${parts.join(' ')}] TJ`, 'ET');
  if (run.bold) ops.push('0 Tr');
  if (h !== 1) ops.push('100 Tz');
  return ops.join('\n');
}
