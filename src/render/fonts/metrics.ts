import type { FontkitFont } from './load.js';
import { viewOf } from './glyf.js';

/**
 * Glyph ids and advance widths read straight from a font's cmap and hmtx bytes, as fontkit reads
 * them. Through fontkit each first lookup decodes structures one entry at a time (a cmap group, a
 * glyph object, an hmtx record): a letter's thousand characters took 50 ms of a 0.5 s run.
 * Only a Unicode cmap of format 4 or 12 chosen the way fontkit chooses, in a font without
 * variations, is read here; for anything else `of` answers null and fontkit is asked.
 */
export class FontMetrics {
  private constructor(
    private readonly view: DataView,
    private readonly cmap: { format: 4 | 12; at: number },
    private readonly hmtx: number,
    private readonly metrics: number,
  ) {}

  static of(font: FontkitFont): FontMetrics | null {
    const f = font as unknown as FontInternals;
    const tables = f.directory?.tables;
    const buffer = f.stream?.buffer;
    if (!tables?.cmap || !tables.hmtx || !tables.hhea || tables.fvar || !buffer || f._directoryPos !== 0) return null;
    const view = viewOf(buffer);
    const cmap = unicodeSubtable(view, tables.cmap.offset);
    if (!cmap) return null;
    const metrics = view.getUint16(tables.hhea.offset + 34);
    return metrics > 0 ? new FontMetrics(view, cmap, tables.hmtx.offset, metrics) : null;
  }

  /** The glyph id of a code point; 0 when the font has none (fontkit's CmapProcessor.lookup). */
  glyphId(cp: number): number {
    return this.cmap.format === 12 ? this.lookup12(cp) : this.lookup4(cp);
  }

  /** A glyph's advance width in font units (fontkit's advanceWidth without variations). */
  advance(gid: number): number {
    return this.view.getUint16(this.hmtx + 4 * Math.min(gid, this.metrics - 1));
  }

  private lookup12(cp: number): number {
    const v = this.view;
    const groups = this.cmap.at + 16;
    let min = 0;
    let max = v.getUint32(this.cmap.at + 12) - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      const g = groups + 12 * mid;
      if (cp < v.getUint32(g)) max = mid - 1;
      else if (cp > v.getUint32(g + 4)) min = mid + 1;
      else return v.getUint32(g + 8) + (cp - v.getUint32(g));
    }
    return 0;
  }

  private lookup4(cp: number): number {
    const v = this.view;
    const at = this.cmap.at;
    const segs = v.getUint16(at + 6) >> 1;
    const ends = at + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    let min = 0;
    let max = segs - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      const start = v.getUint16(starts + 2 * mid);
      if (cp < start) max = mid - 1;
      else if (cp > v.getUint16(ends + 2 * mid)) min = mid + 1;
      else {
        const delta = v.getInt16(deltas + 2 * mid);
        const range = v.getUint16(ranges + 2 * mid);
        if (range === 0) return (cp + delta) & 0xffff;
        // fontkit indexes glyphIndexArray, which follows idRangeOffset.
        const index = range / 2 + (cp - start) - (segs - mid);
        const p = ranges + 2 * segs + 2 * index;
        const gid = p + 2 <= v.byteLength ? v.getUint16(p) : 0;
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
    }
    return 0;
  }
}

interface FontInternals {
  _directoryPos: number;
  stream?: { buffer: Uint8Array };
  directory?: { tables: Record<string, { offset: number; length: number } | undefined> };
}

/** The (platform, encoding) pairs fontkit tries first for Unicode, in its order. */
const UNICODE_PAIRS: readonly [number, number][] = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/** The subtable fontkit would use, when it is of a format read here. */
function unicodeSubtable(v: DataView, cmap: number): { format: 4 | 12; at: number } | null {
  const count = v.getUint16(cmap + 2);
  for (const [platform, encoding] of UNICODE_PAIRS) {
    for (let i = 0; i < count; i++) {
      const r = cmap + 4 + 8 * i;
      if (v.getUint16(r) !== platform || v.getUint16(r + 2) !== encoding) continue;
      const at = cmap + v.getUint32(r + 4);
      const format = v.getUint16(at);
      return format === 4 || format === 12 ? { format, at } : null;
    }
  }
  return null;
}
