import type { FontRole } from '../../model/doc.js';
import { glyphFor, glyphMetrics, openFont, openSlimFont, type FontkitFont } from './load.js';
import type { SparseFont } from './sparse.js';
import { inSlimCoverage } from './slim.js';

/**
 * One font file in one role, with the metrics the typesetter asks for millions of times cached
 * per code point. The file is parsed on first use, so resolving fonts costs nothing until a
 * document needs them.
 */
export class Face {
  private parsed: FontkitFont | undefined;
  /** The cached slim copy of a bundled font (slim.ts); null when there is none. */
  private slim: FontkitFont | null | undefined;
  /** The slim copy's outlines, read as glyphs are drawn. */
  private sparse: SparseFont | undefined;
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

  /**
   * The font for metrics and coverage: a bundled font's slim copy when cached (its cmap and
   * metrics are the original's), else the font file itself.
   */
  get font(): FontkitFont {
    if (this.parsed) return this.parsed;
    if (this.bundled) {
      if (this.slim === undefined) {
        const opened = openSlimFont(this.path);
        this.slim = opened?.font ?? null;
        this.sparse = opened?.sparse;
      }
      if (this.slim) return this.slim;
    }
    return this.full();
  }

  /** The font file itself, parsed (a bundled one stores its slim copy for the next run). */
  private full(): FontkitFont {
    this.parsed ??= openFont(this.path, this.family, { cacheSlim: this.bundled });
    return this.parsed;
  }

  /** The font a PDF embeds (subsets) when it draws these code points with this face. */
  embedFont(cps: Iterable<number>): FontkitFont {
    const f = this.font;
    if (f !== this.slim) return f;
    const list = [...cps];
    if (!list.every(inSlimCoverage)) return this.full();
    this.sparse?.ensure(list.map((cp) => glyphMetrics(f, cp).id));
    return f;
  }

  /** Advance width of a code point, in ems. */
  advance(cp: number): number {
    let a = this.advances.get(cp);
    if (a === undefined) {
      const f = this.font;
      a = glyphMetrics(f, cp).advanceWidth / f.unitsPerEm;
      this.advances.set(cp, a);
    }
    return a;
  }

  /** Horizontal ink extent of a code point's glyph, in ems. */
  ink(cp: number): { minX: number; maxX: number } {
    const f = this.slim && this.font === this.slim && !inSlimCoverage(cp) ? this.full() : this.font;
    const glyph = glyphFor(f, cp);
    if (f === this.slim) this.sparse?.ensure([glyph.id]);
    const b = glyph.bbox;
    return { minX: (b.minX ?? 0) / f.unitsPerEm, maxX: (b.maxX ?? 0) / f.unitsPerEm };
  }

  has(cp: number): boolean {
    let h = this.coverage.get(cp);
    if (h === undefined) {
      h = glyphMetrics(this.font, cp).id !== 0;
      this.coverage.set(cp, h);
    }
    return h;
  }
}
