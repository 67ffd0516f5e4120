import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { compositeComponents, isComposite, locaEntry, viewOf } from './glyf.js';

/**
 * A TrueType file read in part: every table but the glyph outlines at once, each glyph's outline
 * (and its components') when a document first draws it. The bytes sit at their places in a
 * buffer of the file's size, so fontkit reads the file as if it were whole; outlines not yet read
 * are zeros, which no caller sees: Face asks for a glyph before anything reads its outline. The
 * slim copies of the bundled fonts hold 3.4 MB of outlines each, of which a letter draws a few
 * hundred glyphs, and reading files is slow on the machines duban runs on (15 MB took 40–50 ms).
 */
export class SparseFont {
  private readonly loaded: Uint8Array;
  private readonly view: DataView;

  private constructor(
    /** Kept open for the process's life: the cache file may be replaced or removed meanwhile. */
    private readonly fd: number,
    /** The file's bytes, outlines only where loaded. */
    readonly bytes: Buffer,
    private readonly glyf: { offset: number; length: number },
    private readonly loca: number,
    private readonly shortLoca: boolean,
    readonly numGlyphs: number,
  ) {
    this.loaded = new Uint8Array(numGlyphs);
    this.view = viewOf(bytes);
  }

  /** Opens a TrueType file with glyf, loca, head and maxp tables; null for anything else. */
  static open(path: string): SparseFont | null {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return null;
    }
    try {
      const size = fstatSync(fd).size;
      const bytes = Buffer.alloc(size);
      readAt(fd, bytes, 0, Math.min(size, 12));
      const tables = readDirectory(fd, bytes);
      const glyf = tables.get('glyf');
      const loca = tables.get('loca');
      const head = tables.get('head');
      const maxp = tables.get('maxp');
      if (!glyf || !loca || !head || !maxp || glyf.offset + glyf.length > size) throw new Error('not TrueType with outlines');
      // Everything before and after the outlines, in two reads.
      readAt(fd, bytes, 0, glyf.offset);
      readAt(fd, bytes, glyf.offset + glyf.length, size - glyf.offset - glyf.length);
      const font = new SparseFont(fd, bytes, glyf, loca.offset, bytes.readInt16BE(head.offset + 50) === 0, bytes.readUInt16BE(maxp.offset + 4));
      font.ensure([0]);
      return font;
    } catch {
      closeSync(fd);
      return null;
    }
  }

  /** Reads the outlines of these glyphs and of the components of composite ones, if not read yet. */
  ensure(gids: Iterable<number>): void {
    let wanted = [...new Set(gids)].filter((g) => g >= 0 && g < this.numGlyphs && !this.loaded[g]);
    while (wanted.length > 0) {
      this.readGlyphs(this.fd, wanted.sort((a, b) => a - b));
      wanted = [...new Set(wanted.flatMap((g) => this.components(g)))].filter((g) => g < this.numGlyphs && !this.loaded[g]);
    }
  }

  private span(gid: number): [number, number] {
    const start = locaEntry(this.view, this.loca, this.shortLoca, gid);
    const end = locaEntry(this.view, this.loca, this.shortLoca, gid + 1);
    return [this.glyf.offset + Math.min(start, this.glyf.length), this.glyf.offset + Math.min(Math.max(start, end), this.glyf.length)];
  }

  /** Reads the outlines of sorted, unread glyphs, joining neighbours into one read. */
  private readGlyphs(fd: number, gids: number[]): void {
    let from = -1;
    let to = -1;
    for (const gid of gids) {
      const [start, end] = this.span(gid);
      this.loaded[gid] = 1;
      if (end <= start) continue;
      if (from >= 0 && start <= to + 4096) {
        to = Math.max(to, end);
        continue;
      }
      if (from >= 0) readAt(fd, this.bytes, from, to - from);
      [from, to] = [start, end];
    }
    if (from >= 0) readAt(fd, this.bytes, from, to - from);
  }

  /** The glyph ids a composite glyph's outline refers to. */
  private components(gid: number): number[] {
    const [start, end] = this.span(gid);
    return isComposite(this.view, start, end) ? compositeComponents(this.view, start, end).components.map(([, id]) => id) : [];
  }
}

function readAt(fd: number, into: Buffer, position: number, length: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, into, position + done, length - done, position + done);
    if (n === 0) throw new Error('truncated font file');
    done += n;
  }
}

function readDirectory(fd: number, bytes: Buffer): Map<string, { offset: number; length: number }> {
  const count = bytes.readUInt16BE(4);
  readAt(fd, bytes, 12, 16 * count);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const p = 12 + 16 * i;
    tables.set(bytes.toString('latin1', p, p + 4), { offset: bytes.readUInt32BE(p + 8), length: bytes.readUInt32BE(p + 12) });
  }
  return tables;
}
