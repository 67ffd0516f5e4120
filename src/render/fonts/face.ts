import type { FontRole } from '../../model/doc.js';
import { openFont, type FontkitFont } from './load.js';

/**
 * One font file in one role, with the metrics the typesetter asks for millions of times cached
 * per code point. The file is parsed on first use, so resolving fonts costs nothing until a
 * document needs them.
 */
export class Face {
  private parsed: FontkitFont | undefined;
  private readonly advances = new Map<number, number>();
  private readonly coverage = new Map<number, boolean>();

  constructor(
    /** Name under which PDF writers register the font, unique within a FontSet. */
    readonly key: string,
    readonly role: FontRole,
    /** Human-readable name for reports, e.g. "仿宋_GB2312" or "Noto Serif SC Regular". */
    readonly label: string,
    readonly path: string,
    readonly bundled: boolean,
    private readonly family?: string,
  ) {}

  get font(): FontkitFont {
    this.parsed ??= openFont(this.path, this.family);
    return this.parsed;
  }

  /** Advance width of a code point, in ems. */
  advance(cp: number): number {
    let a = this.advances.get(cp);
    if (a === undefined) {
      const f = this.font;
      a = f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm;
      this.advances.set(cp, a);
    }
    return a;
  }

  /** Horizontal ink extent of a code point's glyph, in ems. */
  ink(cp: number): { minX: number; maxX: number } {
    const f = this.font;
    const b = f.glyphForCodePoint(cp).bbox;
    return { minX: (b.minX ?? 0) / f.unitsPerEm, maxX: (b.maxX ?? 0) / f.unitsPerEm };
  }

  has(cp: number): boolean {
    let h = this.coverage.get(cp);
    if (h === undefined) {
      h = this.font.hasGlyphForCodePoint(cp);
      this.coverage.set(cp, h);
    }
    return h;
  }
}
