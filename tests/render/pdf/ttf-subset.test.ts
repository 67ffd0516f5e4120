import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import type { FontRole } from '../../../src/model/doc.js';
import { bundledPath } from '../../../src/render/fonts/bundled.js';
import { openFont, type FontkitFont } from '../../../src/render/fonts/load.js';
import { buildSlim } from '../../../src/render/fonts/slim.js';
import { ttfSubset } from '../../../src/render/pdf/ttf-subset.js';

/**
 * ttf-subset.ts must write byte for byte the file fontkit's TTFSubset writes: pdfkit embeds it,
 * and the PDFs are compared byte for byte with earlier ones. The Noto fonts have no composite
 * glyphs, no cvt or fpgm and long loca; Liberation Sans (shipped with pdfjs-dist) has all of
 * them, and fewer advance widths than glyphs.
 */

const ROLES: FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti'];
const SEED_TEXT = readFileSync(new URL('../../../seeds/ezhou-2014-4.txt', import.meta.url), 'utf8');

interface SubsetLike {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}

/** Both subsets of `ids`, checking that every id maps alike on the way. */
function bothSubsets(font: FontkitFont, ids: readonly number[]): { ours: Buffer; fontkit: Buffer } {
  const theirs = font.createSubset() as unknown as SubsetLike;
  const ours = ttfSubset(font);
  if (!ours) throw new Error('font not taken by ttfSubset');
  for (const id of ids) expect(ours.includeGlyph(id)).toBe(theirs.includeGlyph(id));
  return { ours: Buffer.from(ours.encode()), fontkit: Buffer.from(theirs.encode()) };
}

function expectSameFile(font: FontkitFont, ids: readonly number[]): void {
  const { ours, fontkit: theirs } = bothSubsets(font, ids);
  // equals() first: a failing toEqual on 100 kB buffers prints for minutes.
  if (!ours.equals(theirs)) expect({ length: ours.length, firstDiff: firstDifference(ours, theirs) }).toEqual({ length: theirs.length, firstDiff: -1 });
}

function firstDifference(a: Buffer, b: Buffer): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}

/** A deterministic pseudo-random sequence (an LCG), so that a failure can be replayed. */
function randomIds(seed: number, count: number, numGlyphs: number): number[] {
  let s = seed >>> 0;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    ids.push(s % numGlyphs);
  }
  return ids;
}

function seedGlyphs(font: FontkitFont): number[] {
  return [...new Set(SEED_TEXT)].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
}

function compositeGlyphs(font: FontkitFont): number[] {
  const f = font as unknown as { numGlyphs: number; getGlyph(id: number): { _decode(): { numberOfContours: number } | null } };
  const ids: number[] = [];
  for (let gid = 0; gid < f.numGlyphs; gid++) if ((f.getGlyph(gid)._decode()?.numberOfContours ?? 0) < 0) ids.push(gid);
  return ids;
}

describe('ttfSubset on the bundled Noto fonts', () => {
  for (const role of ROLES) {
    describe(role, () => {
      const font = openFont(bundledPath(role));

      it('writes .notdef alone as fontkit does', () => expectSameFile(font, []));

      it("writes the seed notice's glyphs as fontkit does", () => {
        const ids = seedGlyphs(font);
        expectSameFile(font, ids);
        expectSameFile(font, ids.slice(0, 300).reverse());
      });

      it('writes random glyph sets as fontkit does', () => {
        for (const [seed, count] of [[1, 1], [2, 40], [3, 700], [4, 2500]] as const) expectSameFile(font, randomIds(seed, count, font.numGlyphs));
      });
    });
  }

  it('writes subsets of the slim copy as of the full font', () => {
    const path = bundledPath('fangsong');
    const full = openFont(path);
    const slim = fontkit.create(buildSlim(readFileSync(path), full)) as FontkitFont;
    const ids = seedGlyphs(slim);
    expectSameFile(slim, ids);
    expect(Buffer.from(ttfSubsetOf(slim, ids))).toEqual(Buffer.from(ttfSubsetOf(full, ids)));
  });
});

function ttfSubsetOf(font: FontkitFont, ids: readonly number[]): Uint8Array {
  const s = ttfSubset(font)!;
  for (const id of ids) s.includeGlyph(id);
  return s.encode();
}

describe('ttfSubset on fonts with composite glyphs, short loca and hinting tables', () => {
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts');
  const fonts = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'LiberationSans-Italic.ttf'].map(
    (file) => [file, fontkit.create(readFileSync(join(dir, file))) as FontkitFont] as const,
  );

  for (const [file, font] of fonts) {
    it(`${file}: composites, their components and random sets as fontkit writes them`, () => {
      const composites = compositeGlyphs(font);
      expect(composites.length).toBeGreaterThan(100);
      expectSameFile(font, []);
      expectSameFile(font, composites);
      expectSameFile(font, composites.slice(0, 20).reverse());
      // Components asked for before and after the composites that use them.
      expectSameFile(font, [...randomIds(5, 60, font.numGlyphs), ...composites.slice(40, 80), ...randomIds(6, 60, font.numGlyphs)]);
      for (const seed of [7, 8, 9]) expectSameFile(font, randomIds(seed, 250, font.numGlyphs));
      expectSameFile(font, Array.from({ length: font.numGlyphs }, (_, i) => font.numGlyphs - 1 - i));
    });
  }

  it('leaves glyph ids past the font to fontkit, which subsets them its own way', () => {
    const font = fonts[0]![1];
    expectSameFile(font, [36, font.numGlyphs + 3, 37]);
  });
});
