import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SparseFont } from '../../../src/render/fonts/sparse.js';
import { bundledPath } from '../../../src/render/fonts/bundled.js';
import { fontkit } from '../../../src/render/fonts/libs.js';

import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = bundledPath('heiti');
const whole = readFileSync(file);
/** Noto has no composite glyphs; Liberation Sans has, with short loca offsets (present where LibreOffice is). */
const LIBERATION = '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf';

function tables(bytes: Buffer): Map<string, { offset: number; length: number }> {
  const out = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < bytes.readUInt16BE(4); i++) {
    const p = 12 + 16 * i;
    out.set(bytes.toString('latin1', p, p + 4), { offset: bytes.readUInt32BE(p + 8), length: bytes.readUInt32BE(p + 12) });
  }
  return out;
}

const table = (tag: string) => {
  const n = whole.readUInt16BE(4);
  for (let i = 0; i < n; i++) {
    const p = 12 + 16 * i;
    if (whole.toString('latin1', p, p + 4) === tag) return { offset: whole.readUInt32BE(p + 8), length: whole.readUInt32BE(p + 12) };
  }
  throw new Error(tag);
};
const glyf = table('glyf');
const loca = table('loca');
const span = (gid: number) => [glyf.offset + whole.readUInt32BE(loca.offset + gid * 4), glyf.offset + whole.readUInt32BE(loca.offset + gid * 4 + 4)] as const;

describe('a font read in part', () => {
  const sparse = SparseFont.open(file)!;

  it('holds every table but the outlines at once, and .notdef', () => {
    expect(sparse.bytes.length).toBe(whole.length);
    expect(sparse.bytes.subarray(0, glyf.offset).equals(whole.subarray(0, glyf.offset))).toBe(true);
    expect(sparse.bytes.subarray(glyf.offset + glyf.length).equals(whole.subarray(glyf.offset + glyf.length))).toBe(true);
    const [s, e] = span(0);
    expect(sparse.bytes.subarray(s, e).equals(whole.subarray(s, e))).toBe(true);
    const [ms, me] = span((fontkit.create(whole) as import('fontkit').Font).glyphForCodePoint(0x7763).id); // 督
    expect(me).toBeGreaterThan(ms);
    expect(sparse.bytes.subarray(ms, me).every((b) => b === 0)).toBe(true);
  });

  it('reads a glyph’s outline when asked, and fontkit then sees the glyph as in the whole file', () => {
    const font = fontkit.create(sparse.bytes) as import('fontkit').Font;
    const gid = font.glyphForCodePoint(0x7763).id;
    sparse.ensure([gid]);
    const [s, e] = span(gid);
    expect(sparse.bytes.subarray(s, e).equals(whole.subarray(s, e))).toBe(true);
    const full = fontkit.create(whole) as import('fontkit').Font;
    expect(font.getGlyph(gid).bbox).toEqual(full.getGlyph(gid).bbox);
  });

  it.skipIf(!existsSync(LIBERATION))('reads the components of a composite glyph with it (short loca offsets)', () => {
    const lib = readFileSync(LIBERATION);
    const t = tables(lib);
    const g0 = t.get('glyf')!.offset;
    const at = (gid: number) => [g0 + lib.readUInt16BE(t.get('loca')!.offset + gid * 2) * 2, g0 + lib.readUInt16BE(t.get('loca')!.offset + gid * 2 + 2) * 2] as const;
    const font = fontkit.create(lib) as import('fontkit').Font;
    const comp = font.glyphForCodePoint(0xe9).id; // é: e and an acute accent
    const [cs, ce] = at(comp);
    expect(lib.readInt16BE(cs)).toBeLessThan(0);
    const part = lib.readUInt16BE(cs + 12);
    const partial = SparseFont.open(LIBERATION)!;
    partial.ensure([comp]);
    for (const g of [comp, part]) {
      const [s, e] = at(g);
      expect(partial.bytes.subarray(s, e).equals(lib.subarray(s, e)), `glyph ${g}`).toBe(true);
    }
    expect(ce).toBeGreaterThan(cs);
  });

  it('keeps reading outlines after its file is replaced or removed (a cache may be cleared during a run)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-sparse-'));
    const copy = join(dir, 'font.ttf');
    copyFileSync(file, copy);
    const opened = SparseFont.open(copy)!;
    rmSync(copy);
    const gid = (fontkit.create(whole) as import('fontkit').Font).glyphForCodePoint(0x7763).id;
    opened.ensure([gid]);
    const [s, e] = span(gid);
    expect(opened.bytes.subarray(s, e).equals(whole.subarray(s, e))).toBe(true);
  });

  it('refuses a file that is not TrueType with outlines', () => {
    expect(SparseFont.open(new URL(import.meta.url).pathname)).toBeNull();
    expect(SparseFont.open(join(tmpdir(), 'no-such-font.ttf'))).toBeNull();
  });
});
