import type { FontkitFont } from '../fonts/load.js';
import { compositeComponents } from '../fonts/glyf.js';

/**
 * A TrueType subsetter that writes byte for byte the font file fontkit 2.0.4's TTFSubset writes
 * (the FontFile2 pdfkit embeds), at a fraction of the cost. fontkit decodes every glyph's outline
 * to learn whether it is composite, fetches its metrics through glyph objects, and encodes the
 * tables through restructure; here the glyf bytes are copied as they are, composite glyphs'
 * component ids are read from and patched in the raw bytes, metrics come straight from hmtx, and
 * the file is written with DataView stores.
 *
 * The tables that do not depend on the glyphs (head, cvt, prep, fpgm, and hhea and maxp but for
 * their glyph count) are taken once per font from fontkit's own encoding of a .notdef-only
 * subset, so its encoding quirks (head's macStyle re-encoded from named bits, hhea's reserved
 * words zeroed) carry over unchanged.
 */

/** What pdfkit's EmbeddedFont and glyphs.ts use of a subset: fontkit's or this module's. */
export interface GlyphSubset {
  /** The glyph's id in the subset, adding it when new (ids are given in order of inclusion). */
  includeGlyph(gid: number): number;
  /** The subset font file. */
  encode(): Uint8Array;
}

interface TableRecord {
  offset: number;
  length: number;
}

/** The parts of a fontkit TTFFont read here. */
interface TtfFontInternals {
  type: string;
  _directoryPos: number;
  variationCoords: unknown;
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, TableRecord | undefined> };
  loca: { version: number; offsets: number[] };
  hhea: { numberOfMetrics: number };
  maxp: { numGlyphs: number };
  createSubset(): GlyphSubset;
}

/** Tables written per subset; every other table of the file is fixed per font. */
type GlyphTable = 'loca' | 'glyf' | 'hmtx';

interface FileTable {
  tag: string;
  /** The encoded table for fixed tables; the glyph count is patched into hhea and maxp. */
  fixed: Uint8Array | null;
}

/** One font's bytes and the offsets the subsetter reads, computed once per font. */
interface TtfSource {
  font: TtfFontInternals;
  bytes: Uint8Array;
  view: DataView;
  glyf: number;
  /** loca as fontkit holds it (decoded in one loop by fonts/load.ts): byte offsets into glyf. */
  offsets: number[];
  shortLoca: boolean;
  hmtx: number;
  /** hhea.numberOfMetrics: glyphs at or after it share the last advance. */
  metrics: number;
  /** Left side bearings stored after the metrics, as fontkit counts them. */
  bearings: number;
  /** The 12-byte file header of fontkit's output, the same for every subset of the font. */
  header: Uint8Array;
  tables: FileTable[];
}

/** Offsets of the glyph counts in the encoded hhea (numberOfMetrics) and maxp (numGlyphs). */
const COUNT_AT: Record<string, number> = { hhea: 34, maxp: 4 };

const sources = new WeakMap<object, TtfSource | null>();

/**
 * A subset of `font` written by this module, or null when fontkit would not subset the font with
 * TTFSubset as a plain TrueType file (CFF outlines, variations, WOFF, a face of a collection,
 * colour or bitmap glyphs): the caller then keeps fontkit's subset.
 */
export function ttfSubset(font: FontkitFont): GlyphSubset | null {
  let source = sources.get(font);
  if (source === undefined) {
    source = openSource(font as unknown as TtfFontInternals);
    sources.set(font, source);
  }
  return source ? new TtfSubset(source) : null;
}

function eligible(font: TtfFontInternals): boolean {
  const t = font.directory?.tables;
  if (!t || font.type !== 'TTF' || font._directoryPos !== 0 || font.variationCoords) return false;
  if (t['CFF '] || t['CFF2'] || t['sbix'] || (t['COLR'] && t['CPAL'])) return false;
  return Boolean(t['glyf'] && t['loca'] && t['hmtx'] && t['hhea'] && t['maxp'] && t['head']);
}

function openSource(font: TtfFontInternals): TtfSource | null {
  if (!eligible(font)) return null;
  const template = readTemplate(font);
  if (!template) return null;
  // A plain view: subarray of a Buffer goes through Buffer's species constructor, far slower per glyph.
  const file = font.stream.buffer;
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const { tables } = font.directory;
  const metrics = font.hhea.numberOfMetrics;
  return {
    font,
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    glyf: tables['glyf']!.offset,
    offsets: font.loca.offsets,
    shortLoca: font.loca.version === 0,
    hmtx: tables['hmtx']!.offset,
    metrics,
    bearings: font.maxp.numGlyphs - metrics,
    ...template,
  };
}

/**
 * fontkit's encoding of the .notdef-only subset, cut into its tables: the file header and the
 * fixed tables are those of every subset, in the same order.
 */
function readTemplate(font: TtfFontInternals): Pick<TtfSource, 'header' | 'tables'> | null {
  let file: Uint8Array;
  try {
    file = font.createSubset().encode();
  } catch {
    return null;
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const count = view.getUint16(4);
  const tables: FileTable[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...file.subarray(at, at + 4));
    const body = file.slice(view.getUint32(at + 8), view.getUint32(at + 8) + view.getUint32(at + 12));
    tables.push({ tag, fixed: isGlyphTable(tag) ? null : body });
  }
  return { header: file.slice(0, 12), tables };
}

function isGlyphTable(tag: string): tag is GlyphTable {
  return tag === 'loca' || tag === 'glyf' || tag === 'hmtx';
}

/** A glyph of the subset: where its bytes lie in glyf, and the component ids to rewrite. */
interface SubsetGlyph {
  start: number;
  length: number;
  /** Pairs of (offset in the glyph, new component id). */
  patches: number[] | null;
}

/** Thrown on anything fontkit would read differently (malformed fonts): fontkit then subsets. */
class Unexpected extends Error {}

class TtfSubset implements GlyphSubset {
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly source: TtfSource) {
    // fontkit's subsets start with .notdef.
    this.includeGlyph(0);
  }

  includeGlyph(gid: number): number {
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    const requested = this.glyphs.length;
    try {
      return this.write(this.collect());
    } catch (e) {
      if (!(e instanceof Unexpected)) throw e;
      return this.fontkitEncode(requested);
    }
  }

  /** The glyphs in subset order; composites add their components as fontkit's _addGlyph does. */
  private collect(): SubsetGlyph[] {
    const out: SubsetGlyph[] = [];
    for (let i = 0; i < this.glyphs.length; i++) out.push(this.glyph(this.glyphs[i]!));
    return out;
  }

  private glyph(gid: number): SubsetGlyph {
    const { offsets, glyf, view } = this.source;
    if (!(gid >= 0 && gid + 1 < offsets.length)) throw new Unexpected('glyph id out of range');
    const start = offsets[gid]!;
    const length = offsets[gid + 1]! - start;
    if (length < 0 || glyf + start + length > view.byteLength) throw new Unexpected('bad loca');
    if (length === 0 || view.getInt16(glyf + start) >= 0) return { start, length, patches: null };
    const patches: number[] = [];
    for (const [pos, component] of this.components(glyf + start)) {
      if (pos + 2 > length) throw new Unexpected('component past the glyph');
      patches.push(pos, this.includeGlyph(component));
    }
    return { start, length, patches };
  }

  /** (offset in the glyph, component glyph id) of a composite glyph starting at `at`, as fontkit parses them. */
  private components(at: number): Array<[number, number]> {
    const { components, complete } = compositeComponents(this.source.view, at, this.source.view.byteLength);
    if (!complete) throw new Unexpected('composite past the file');
    return components;
  }

  private write(glyphs: SubsetGlyph[]): Uint8Array {
    const { header, tables } = this.source;
    let glyfLength = 0;
    for (const g of glyphs) glyfLength += g.length;
    const lengths = tables.map((t) => this.tableLength(t, glyphs.length, glyfLength));
    let size = 12 + 16 * tables.length;
    for (const l of lengths) size += l;
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    out.set(header);
    let at = 12 + 16 * tables.length;
    tables.forEach((t, i) => {
      const record = 12 + 16 * i;
      for (let k = 0; k < 4; k++) out[record + k] = t.tag.charCodeAt(k);
      view.setUint32(record + 8, at);
      view.setUint32(record + 12, lengths[i]!);
      this.writeTable(t, glyphs, out, view, at);
      at += lengths[i]!;
    });
    return out;
  }

  private tableLength(t: FileTable, count: number, glyfLength: number): number {
    if (t.fixed) return t.fixed.length;
    if (t.tag === 'loca') return (count + 1) * (this.source.shortLoca ? 2 : 4);
    return t.tag === 'glyf' ? glyfLength : 4 * count;
  }

  private writeTable(t: FileTable, glyphs: SubsetGlyph[], out: Uint8Array, view: DataView, at: number): void {
    if (t.fixed) {
      out.set(t.fixed, at);
      const count = COUNT_AT[t.tag];
      if (count !== undefined) view.setUint16(at + count, glyphs.length);
    } else if (t.tag === 'loca') this.writeLoca(glyphs, view, at);
    else if (t.tag === 'glyf') this.writeGlyf(glyphs, out, view, at);
    else this.writeHmtx(view, at);
  }

  /** Short offsets are halved (fontkit's loca preEncode); DataView stores wrap as restructure's do. */
  private writeLoca(glyphs: SubsetGlyph[], view: DataView, at: number): void {
    const short = this.source.shortLoca;
    let offset = 0;
    for (let i = 0; i <= glyphs.length; i++) {
      if (short) view.setUint16(at + 2 * i, offset >>> 1);
      else view.setUint32(at + 4 * i, offset);
      offset += glyphs[i]?.length ?? 0;
    }
  }

  private writeGlyf(glyphs: SubsetGlyph[], out: Uint8Array, view: DataView, at: number): void {
    const { bytes, glyf } = this.source;
    for (const g of glyphs) {
      out.set(bytes.subarray(glyf + g.start, glyf + g.start + g.length), at);
      const p = g.patches;
      if (p) for (let k = 0; k < p.length; k += 2) view.setUint16(at + p[k]!, p[k + 1]!);
      at += g.length;
    }
  }

  /**
   * Advance and left side bearing of each glyph as fontkit's Glyph._getTableMetrics reads them:
   * past numberOfMetrics the last advance, and a bearing from the trailing array (0 past its end).
   */
  private writeHmtx(view: DataView, at: number): void {
    const { view: src, hmtx, metrics, bearings } = this.source;
    const lastAdvance = metrics > 0 ? src.getUint16(hmtx + 4 * (metrics - 1)) : 0;
    for (const gid of this.glyphs) {
      let advance = lastAdvance;
      let bearing = 0;
      if (gid < metrics) {
        advance = src.getUint16(hmtx + 4 * gid);
        bearing = src.getInt16(hmtx + 4 * gid + 2);
      } else if (gid - metrics < bearings) {
        bearing = src.getInt16(hmtx + 4 * metrics + 2 * (gid - metrics));
      }
      view.setUint16(at, advance);
      view.setInt16(at + 2, bearing);
      at += 4;
    }
  }

  /** fontkit's own subset of the glyphs asked for, which it completes with components itself. */
  private fontkitEncode(requested: number): Uint8Array {
    const subset = this.source.font.createSubset();
    for (const gid of this.glyphs.slice(0, requested)) subset.includeGlyph(gid);
    return subset.encode();
  }
}
