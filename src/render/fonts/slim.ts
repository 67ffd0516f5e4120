import { statSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { cacheKey, cachePath, readCache, writeCache } from '../../util/cache.js';
import type { FontkitFont } from './load.js';
import { compositeComponents, isComposite, viewOf } from './glyf.js';

/**
 * A "slim" copy of a large CJK TrueType font, cached on disk: every table byte for byte as in the
 * original except glyf and loca, where only the glyphs of SLIM_COVERAGE's code points (and the
 * components of composite glyphs, and .notdef) keep their outlines; every other glyph is empty
 * but keeps its id. The bundled Noto fonts are 10–15 MB each, nearly all of it outlines of
 * characters no notice uses; reading and paging in 50 MB was the largest start-up cost of a PDF
 * command. cmap, hmtx and every other table being the original's, metrics, coverage and the
 * subsets pdfkit embeds are identical, so the PDFs are byte-identical whichever copy is used; a
 * document with a character outside SLIM_COVERAGE embeds from the full font (Face.embedFont).
 */
const FORMAT = 'duban-slim-1';

const HANZI_FIRST = 0x4e00;
const HANZI_LAST = 0x9fff;
let gb2312Hanzi: Uint8Array | undefined;

/**
 * GB 2312's hanzi as a bitmap over U+4E00–U+9FFF, decoded from their two-byte codes once and then
 * kept in duban's cache: the GBK decoder's first use costs some 15 ms of every PDF run.
 */
function gb2312Bitmap(): Uint8Array {
  if (gb2312Hanzi) return gb2312Hanzi;
  const cached = readCache('fonts', 'gb2312-hanzi-1.bin');
  const size = ((HANZI_LAST - HANZI_FIRST) >> 3) + 1;
  if (cached && cached.length === size) return (gb2312Hanzi = new Uint8Array(cached));
  const bytes: number[] = [];
  for (let hi = 0xa1; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  const bitmap = new Uint8Array(size);
  for (const ch of new TextDecoder('gbk').decode(Uint8Array.from(bytes))) {
    const i = ch.codePointAt(0)! - HANZI_FIRST;
    if (i >= 0 && i <= HANZI_LAST - HANZI_FIRST) bitmap[i >> 3]! |= 1 << (i & 7);
  }
  writeCache('fonts', 'gb2312-hanzi-1.bin', bitmap);
  return (gb2312Hanzi = bitmap);
}

/** Code points whose glyphs the slim copy keeps: everything below the CJK block's hanzi plus GB 2312. */
export function inSlimCoverage(cp: number): boolean {
  if (cp < 0x3400) return true;
  if (cp >= 0xfe10 && cp <= 0xfe6f) return true;
  if (cp >= 0xff00 && cp <= 0xffef) return true;
  if (cp < HANZI_FIRST || cp > HANZI_LAST) return false;
  const i = cp - HANZI_FIRST;
  return (gb2312Bitmap()[i >> 3]! & (1 << (i & 7))) !== 0;
}

function cacheName(path: string): string {
  const st = statSync(path);
  return `${cacheKey(FORMAT, path, String(st.size), String(st.mtimeMs))}.ttf`;
}

/** The slim copy's file when cached, else null. */
export function slimFile(path: string): string | null {
  try {
    const file = cachePath('fonts', cacheName(path));
    return file && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Builds and stores the slim copy of a font; returns false when it cannot be stored or built. */
export function storeSlim(path: string, full: Buffer, font: FontkitFont): boolean {
  try {
    return writeCache('fonts', cacheName(path), buildSlim(full, font));
  } catch {
    return false;
  }
}

interface TableEntry {
  tag: string;
  checkSum: number;
  offset: number;
  length: number;
}

interface FontInternals {
  directory: { tag: string; tables: Record<string, TableEntry> };
  loca: { offsets: number[] };
  head: { indexToLocFormat: number };
  characterSet: number[];
  numGlyphs: number;
  getGlyph(id: number): { _decode(): { numberOfContours: number; components?: { glyphID: number }[] } | null };
}

/** Only fonts with TrueType outlines and a glyf table are slimmed (not CFF, not variable). */
export function canSlim(font: FontkitFont): boolean {
  const f = font as unknown as FontInternals;
  return hasSlimTables(font) && f.loca?.offsets?.length === f.numGlyphs + 1;
}

/** The tables a slim copy has, read from the table directory alone (decoding loca costs 7 ms a font). */
export function hasSlimTables(font: FontkitFont): boolean {
  const t = (font as unknown as FontInternals).directory?.tables;
  return Boolean(t?.glyf && t.loca && t.cmap && t.hmtx && !t.CFF && !t['CFF2'] && !t.fvar);
}

function checksum(b: Buffer): number {
  let sum = 0;
  const padded = b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

export function buildSlim(full: Buffer, font: FontkitFont): Buffer {
  if (!canSlim(font)) throw new Error('not a TrueType font that can be slimmed');
  const f = font as unknown as FontInternals;
  if (f.head.indexToLocFormat !== 1) throw new Error('short loca');
  const tables = f.directory.tables;
  const glyfStart = tables.glyf!.offset;
  const offsets = f.loca.offsets;
  const keep = new Set<number>();
  // Composite glyphs name their components in the raw glyf bytes; read them without decoding outlines.
  const view = viewOf(full);
  const visit = (gid: number): void => {
    if (keep.has(gid) || gid < 0 || gid >= f.numGlyphs) return;
    keep.add(gid);
    const start = glyfStart + offsets[gid]!;
    const end = glyfStart + offsets[gid + 1]!;
    if (isComposite(view, start, end)) for (const [, id] of compositeComponents(view, start, end).components) visit(id);
  };
  visit(0);
  const cmap = (font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor;
  for (const cp of f.characterSet) if (inSlimCoverage(cp)) visit(cmap.lookup(cp));

  const parts: Buffer[] = [];
  const loca = Buffer.alloc((f.numGlyphs + 1) * 4);
  let at = 0;
  for (let gid = 0; gid < f.numGlyphs; gid++) {
    loca.writeUInt32BE(at, gid * 4);
    if (!keep.has(gid)) continue;
    const part = full.subarray(glyfStart + offsets[gid]!, glyfStart + offsets[gid + 1]!);
    parts.push(part);
    at += part.length;
  }
  loca.writeUInt32BE(at, f.numGlyphs * 4);
  const glyf = Buffer.concat(parts);

  // The table directory, in the original's tag order.
  const entries = Object.values(tables).sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const data = entries.map((e) => (e.tag === 'glyf' ? glyf : e.tag === 'loca' ? loca : full.subarray(e.offset, e.offset + e.length)));
  const n = entries.length;
  const headerLen = 12 + 16 * n;
  let offset = headerLen;
  const records = entries.map((e, i) => {
    const d = data[i]!;
    const rec = { tag: e.tag, checkSum: e.tag === 'glyf' || e.tag === 'loca' ? checksum(d) : e.checkSum, offset, length: d.length };
    offset += d.length + ((4 - (d.length % 4)) % 4);
    return rec;
  });
  const out = Buffer.alloc(offset);
  full.copy(out, 0, 0, 4);
  const pow = 2 ** Math.floor(Math.log2(n));
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(pow * 16, 6);
  out.writeUInt16BE(Math.log2(pow), 8);
  out.writeUInt16BE(n * 16 - pow * 16, 10);
  records.forEach((r, i) => {
    const p = 12 + 16 * i;
    out.write(r.tag.padEnd(4, ' '), p, 'latin1');
    out.writeUInt32BE(r.checkSum >>> 0, p + 4);
    out.writeUInt32BE(r.offset, p + 8);
    out.writeUInt32BE(r.length, p + 12);
    data[i]!.copy(out, r.offset);
  });
  return out;
}
