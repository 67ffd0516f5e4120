import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { FontMetrics } from '../../../src/render/fonts/metrics.js';
import { bundledPath } from '../../../src/render/fonts/bundled.js';
import { fontkit } from '../../../src/render/fonts/libs.js';
import { openFont, glyphFor } from '../../../src/render/fonts/load.js';

const LIBERATION = '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf';
/** Code points of every kind a notice holds, and some no font has. */
const SAMPLE = [
  ...'督查通报鄂州市人民政府办公室关于印发（）〔〕《》、，。：；“”—…①②１２ＡＢabcXYZ 0123456789%‰',
  ...Array.from({ length: 400 }, (_, i) => String.fromCodePoint(0x4e00 + i * 53)),
  '\u{20000}', '\u{10ffff}', '\u0378', '\ufffd',
].map((c) => c.codePointAt(0)!);

function compare(font: import('fontkit').Font): void {
  const m = FontMetrics.of(font);
  expect(m).not.toBeNull();
  for (const cp of SAMPLE) {
    const g = font.glyphForCodePoint(cp);
    expect(m!.glyphId(cp), `U+${cp.toString(16)}`).toBe(g.id);
    expect(m!.advance(g.id), `U+${cp.toString(16)}`).toBe(g.advanceWidth);
  }
}

describe('font metrics read from the bytes', () => {
  it('are fontkit’s glyph ids and advances for the bundled fonts (cmap format 12)', () => {
    for (const role of ['fangsong', 'heiti'] as const) compare(fontkit.create(readFileSync(bundledPath(role))) as import('fontkit').Font);
  });

  it.skipIf(!existsSync(LIBERATION))('and for a Latin font with a format 4 Unicode cmap (Liberation Sans)', () => {
    compare(fontkit.create(readFileSync(LIBERATION)) as import('fontkit').Font);
  });

  it('leave a font fontkit must read (variations) to fontkit', () => {
    const font = openFont(bundledPath('heiti'));
    const fake = Object.create(font, { directory: { value: { tables: { ...(font as unknown as { directory: { tables: object } }).directory.tables, fvar: { offset: 0, length: 1 } } } } });
    expect(FontMetrics.of(fake as import('fontkit').Font)).toBeNull();
    expect(glyphFor(font, 0x7763).id).toBe(font.glyphForCodePoint(0x7763).id);
  });
});
