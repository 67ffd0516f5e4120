import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { fontkit, PDFDocument } from '../../../src/render/fonts/libs.js';
import { bundledPath } from '../../../src/render/fonts/bundled.js';

const require = createRequire(import.meta.url);
/** A 1×1 red PNG. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

function pdfBytes(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

describe('the modules loaded on first use', () => {
  it('stand in for fontkit’s Unicode tries until text is shaped, then shape it', () => {
    const trieFile = createRequire(require.resolve('fontkit')).resolve('unicode-trie');
    // The module cache holds the stand-in, not unicode-trie's own class.
    const cached = require.cache[trieFile]?.exports as { name?: string } | undefined;
    expect(typeof cached).toBe('function');
    expect(cached?.name).not.toBe('UnicodeTrie');
    const font = fontkit.create(require('node:fs').readFileSync(bundledPath('heiti'))) as import('fontkit').Font;
    const run = font.layout('督查通报 No.1');
    expect(run.glyphs.length).toBe(9);
    expect(run.glyphs.every((g) => g.id > 0 || g.codePoints[0] === 0x20)).toBe(true);
  });

  it('still encrypt, break lines and decode PNG images when a PDF asks for them', async () => {
    const doc = new PDFDocument({ userPassword: 'duban', ownerPassword: 'office', pdfVersion: '1.7ext3' });
    doc.text('A line of text long enough to be broken by the line breaker pdfkit loads for its own text layout. '.repeat(4));
    doc.image(PNG_1X1, 72, 300, { width: 10 });
    const bytes = await pdfBytes(doc);
    const text = bytes.toString('latin1');
    expect(text).toContain('/Filter /Standard');
    expect(text).toContain('/AESV3');
    expect(text).toContain('/Subtype /Image');
  });
});
