import { readFileSync } from 'node:fs';
import type * as Fontkit from 'fontkit';
import { fontkit } from './libs.js';
import { DubanError } from '../../model/errors.js';
import { canSlim, hasSlimTables, slimFile, storeSlim } from './slim.js';
import { SparseFont } from './sparse.js';
import { locaEntry, viewOf } from './glyf.js';
import { FontMetrics } from './metrics.js';

export type FontkitFont = Fontkit.Font;

/** Parsed fonts by file (and face inside a collection): each file is read and parsed once per process. */
const parsed = new Map<string, FontkitFont>();
const slims = new Map<string, { font: FontkitFont; sparse: SparseFont }>();

function isCollection(f: Fontkit.Font | Fontkit.FontCollection): f is Fontkit.FontCollection {
  return Array.isArray((f as Fontkit.FontCollection).fonts);
}

/** Every family name a font gives itself, in all languages (仿宋_GB2312 and FangSong_GB2312 alike). */
export function familyNames(font: FontkitFont): string[] {
  const names = new Set<string>([font.familyName]);
  const records = (font as unknown as { name?: { records?: { fontFamily?: Record<string, string>; preferredFamily?: Record<string, string> } } })
    .name?.records;
  for (const table of [records?.fontFamily, records?.preferredFamily]) {
    for (const v of Object.values(table ?? {})) if (typeof v === 'string') names.add(v);
  }
  return [...names].filter(Boolean);
}

/**
 * Opens a font file. In a collection (.ttc) the face whose family matches `wantFamily` is taken,
 * else the first one.
 */
export function openFont(path: string, wantFamily?: string, opts: { cacheSlim?: boolean } = {}): FontkitFont {
  const key = `${path}\0${wantFamily ?? ''}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  let font: FontkitFont;
  try {
    const bytes = readFileSync(path);
    const created = fontkit.create(bytes);
    if (isCollection(created)) {
      const want = wantFamily?.toLowerCase();
      font = created.fonts.find((f) => want && familyNames(f).some((n) => n.toLowerCase() === want)) ?? created.fonts[0]!;
    } else {
      font = created;
    }
    // Touch the cmap now so that a broken file fails here, with its name, not mid-document.
    font.hasGlyphForCodePoint(0x4e2d);
    preloadLoca(font);
    memoiseGlyphDecoding(font);
    if (opts.cacheSlim && !isCollection(created) && canSlim(font)) storeSlim(path, bytes, font);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DubanError('config', `无法读取字体文件（${reason}）`, { file: path });
  }
  parsed.set(key, font);
  return font;
}

/**
 * The cached slim copy of a font file (see slim.ts), parsed, with its outlines read as glyphs are
 * needed (sparse.ts); null when there is none yet or it cannot be read (the caller then opens the
 * full file, which stores the copy for next time).
 */
export function openSlimFont(path: string): { font: FontkitFont; sparse: SparseFont } | null {
  const key = `${path}\0\0slim`;
  const hit = slims.get(key);
  if (hit) return hit;
  const file = slimFile(path);
  const sparse = file ? SparseFont.open(file) : null;
  if (!sparse) return null;
  try {
    const created = fontkit.create(sparse.bytes);
    if (isCollection(created) || !hasSlimTables(created)) return null;
    created.hasGlyphForCodePoint(0x4e2d);
    preloadLoca(created);
    memoiseGlyphDecoding(created);
    const opened = { font: created, sparse };
    slims.set(key, opened);
    return opened;
  } catch {
    return null;
  }
}

interface CmapFont {
  _cmapProcessor: { lookup(cp: number): number };
  getGlyph(id: number): Fontkit.Glyph;
}

/**
 * fontkit's glyph for a code point, without the code point attached: glyphForCodePoint attaches
 * it, and a glyph with code points asks unicode-properties whether they are combining marks,
 * which decodes a Unicode trie (20–30 ms, in every process) for a property no writer here uses.
 */
export function glyphFor(font: FontkitFont, cp: number): Fontkit.Glyph {
  const f = font as unknown as CmapFont;
  return f.getGlyph(f._cmapProcessor.lookup(cp));
}

interface LocaInternals {
  directory?: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream?: { buffer: Uint8Array };
  _tables: Record<string, unknown>;
  head: { indexToLocFormat: number };
}

/**
 * fontkit decodes loca entry by entry through restructure the first time any glyph's metrics are
 * asked (pdfkit asks for .notdef's): 8–30 ms a font in every process. The same table, as fontkit
 * would hold it (offsets in bytes, short ones doubled), decoded in one loop.
 */
function preloadLoca(font: FontkitFont): void {
  const f = font as unknown as LocaInternals;
  const t = f.directory?.tables.loca;
  const bytes = f.stream?.buffer;
  const format = f.head.indexToLocFormat;
  if (!t || !bytes || 'loca' in f._tables || (format !== 0 && format !== 1)) return;
  const view = viewOf(bytes);
  const offsets = new Array<number>(Math.floor(t.length / (format === 0 ? 2 : 4)));
  for (let i = 0; i < offsets.length; i++) offsets[i] = locaEntry(view, t.offset, format === 0, i);
  f._tables.loca = { version: format, offsets, _processed: true };
}

const metrics = new WeakMap<FontkitFont, FontMetrics | null>();

/** A glyph's id and advance (font units) for a code point: from the font's bytes when FontMetrics can, else fontkit's. */
export function glyphMetrics(font: FontkitFont, cp: number): { id: number; advanceWidth: number } {
  let m = metrics.get(font);
  if (m === undefined) metrics.set(font, (m = FontMetrics.of(font)));
  if (m) {
    const id = m.glyphId(cp);
    return { id, advanceWidth: m.advance(id) };
  }
  const g = glyphFor(font, cp);
  return { id: g.id, advanceWidth: g.advanceWidth };
}

interface DecodableGlyph {
  _decode?: () => unknown;
  dubanMemo?: true;
}

/**
 * fontkit's TrueType subsetter decodes each glyph's whole outline only to learn whether it is
 * composite, for every PDF again. Fonts are shared by all documents of a run, and so are their
 * glyph objects, so the decoded (read-only) outline is kept on the glyph. Plain TrueType files
 * are subset by ttf-subset.ts instead; this still serves the faces of collections (.ttc).
 */
function memoiseGlyphDecoding(font: FontkitFont): void {
  const f = font as unknown as { getGlyph: (id: number, cps?: number[]) => DecodableGlyph | null };
  const getGlyph = f.getGlyph.bind(font);
  f.getGlyph = (id, cps) => {
    const g = getGlyph(id, cps);
    if (g && !g.dubanMemo && typeof g._decode === 'function') {
      const decode = g._decode.bind(g);
      let decoded: unknown;
      let done = false;
      g._decode = () => {
        if (!done) {
          decoded = decode();
          done = true;
        }
        return decoded;
      };
      g.dubanMemo = true;
    }
    return g;
  };
}
