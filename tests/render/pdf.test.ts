import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocTree } from '../../src/model/doc.js';
import { loadFonts, type Face } from '../../src/render/fonts/fonts.js';
import { isCellChar } from '../../src/render/layout/chars.js';
import { parseMarkup } from '../../src/render/markup/parse.js';
import { writePdf } from '../../src/render/pdf/write.js';
import { renderTemplate } from '../../src/render/template.js';
import { readPdf, type PdfLine, type PdfPage } from '../helpers/pdf-text.js';
import { sampleMarkup } from './markup-sample.js';

const MM = 72 / 25.4;
const LEFT = 28 * MM;
const TOP = 37 * MM;
const WIDTH = 156 * MM;
const HEIGHT = 225 * MM;
const PITCH = WIDTH / 28;
const LINE = HEIGHT / 22;
const NO_START = new Set([...'，。、；：？！）》」』”’…—〕］】〉,.;:?!)]']);
const NO_END = new Set([...'（《「『“‘〔［【〈([']);
const HANG = new Set([...'，。、；：？！']);

const fonts = loadFonts({ systemFonts: false });
let letterTree: DocTree;
let letterPdf: Buffer;
let pages: PdfPage[];

beforeAll(async () => {
  letterTree = parseMarkup(sampleMarkup('letter'), 'sample.hbs');
  letterPdf = writePdf(letterTree, fonts);
  pages = await readPdf(letterPdf);
});

const isBody = (l: PdfLine): boolean => Math.abs(l.size - 16) < 0.01 && l.y > TOP && l.y < TOP + HEIGHT;

function faceOf(font: string): Face {
  if (/Sans/.test(font)) return fonts.faces.heiti;
  if (/Medium/.test(font)) return fonts.faces.kaiti;
  if (/Bold/.test(font)) return fonts.faces.xiaobiaosong;
  return fonts.faces.fangsong;
}

/** Grid cells a line occupies from the left margin: one per CJK character, Latin by width. */
function cells(line: PdfLine): number {
  let n = 0;
  for (const item of line.items) {
    const face = faceOf(item.font);
    for (const ch of item.str) {
      const cp = ch.codePointAt(0)!;
      n += isCellChar(cp) ? 1 : (face.advance(cp) * 16) / PITCH;
    }
  }
  return n;
}

/** Body lines followed by a continuation line (one starting at the left margin): the full lines. */
function fullLines(): { line: PdfLine; next: PdfLine }[] {
  const all = pages.flatMap((p) => p.lines.filter(isBody));
  const out: { line: PdfLine; next: PdfLine }[] = [];
  all.forEach((line, i) => {
    const next = all[i + 1];
    const starts = Math.abs(line.x - LEFT) < 1 || Math.abs(line.x - (LEFT + 2 * PITCH)) < 1;
    if (next && starts && Math.abs(next.x - LEFT) < 1) out.push({ line, next });
  });
  return out;
}

describe('PDF of a 交办函 (信函格式)', () => {
  it('has A4 pages and at least 3 pages of body text', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(595.28, 1);
      expect(p.height).toBeCloseTo(841.89, 1);
    }
    expect(pages.filter((p) => p.lines.filter(isBody).length >= 20).length).toBeGreaterThanOrEqual(3);
  });

  it('sets body text in 16 pt on the 22-line grid, starting 37 mm from the top', () => {
    const p2 = pages[1]!.lines.filter(isBody);
    expect(p2.length).toBe(22);
    expect(Math.abs(p2[0]!.y - 0.88 * 16 - TOP)).toBeLessThan(1 * MM);
    for (const p of pages) {
      const body = p.lines.filter(isBody);
      expect(body.length).toBeLessThanOrEqual(22);
      for (const l of body) {
        const slot = (l.y - 0.88 * 16 - TOP) / LINE;
        expect(Math.abs(slot - Math.round(slot))).toBeLessThan(0.01);
      }
    }
    const sizes = new Set(pages.flatMap((p) => p.items.filter((i) => /[\u4e00-\u9fff]/.test(i.str)).map((i) => Math.round(i.size))));
    expect(sizes).toContain(16);
  });

  it('fills every full line with 28 cells exactly to 156 mm from the 28 mm margin', () => {
    const full = fullLines();
    expect(full.length).toBeGreaterThan(60);
    let pure = 0;
    let exact = 0;
    for (const { line, next } of full) {
      const last = line.text.at(-1)!;
      const hangs = HANG.has(last) && line.right - LEFT > WIDTH + PITCH / 2;
      const right = hangs ? line.right - PITCH : line.right;
      expect(Math.abs(line.x - LEFT) < 1 * MM || Math.abs(line.x - LEFT - 2 * PITCH) < 1 * MM).toBe(true);
      expect(Math.abs(right - LEFT - WIDTH), line.text).toBeLessThan(1 * MM);
      const n = cells(line) + (line.x - LEFT > PITCH ? 2 : 0) - (hangs ? 1 : 0);
      expect(n, line.text).toBeLessThanOrEqual(28.02);
      expect(n, line.text).toBeGreaterThan(26);
      if (![...line.text].every((ch) => isCellChar(ch.codePointAt(0)!))) continue;
      pure++;
      if (Math.abs(n - 28) < 0.01) {
        exact++;
        continue;
      }
      // Otherwise a character was pushed down: the next line starts with it, followed by a mark that
      // may not start a line (or the pushed character is an opening mark).
      expect(n, line.text).toBeCloseTo(27, 2);
      const [first, second] = [...next.text];
      expect(NO_START.has(second!) || NO_END.has(first!), `${line.text} / ${next.text}`).toBe(true);
    }
    expect(pure).toBeGreaterThan(40);
    expect(exact / pure).toBeGreaterThan(0.8);
  });

  it('never starts a line with a closing mark nor ends one with an opening mark', () => {
    const lines = pages.flatMap((p) => p.lines.filter((l) => isBody(l) || Math.abs(l.size - 22) < 0.01));
    expect(lines.length).toBeGreaterThan(100);
    for (const l of lines) {
      expect(NO_START.has(l.text[0]!), l.text).toBe(false);
      expect(NO_END.has(l.text.at(-1)!), l.text).toBe(false);
    }
  });

  it('keeps numbers with half-width marks whole', () => {
    const text = pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n');
    expect(text).toContain('14.5%');
    expect(text).toContain('1.8:1');
    expect(text).toContain('——以上任务请于每月25日前报送进展情况——');
  });

  it('numbers pages "— N —", right on odd pages and left on even ones, none on page 1', () => {
    pages.forEach((p, i) => {
      const numbers = p.lines.filter((l) => /^— \d+ —$/.test(l.text));
      if (i === 0) {
        expect(numbers).toEqual([]);
        return;
      }
      expect(numbers.map((l) => l.text)).toEqual([`— ${i + 1} —`]);
      const l = numbers[0]!;
      expect(l.size).toBeCloseTo(14, 1);
      expect(l.y).toBeGreaterThan(TOP + HEIGHT + 5 * MM);
      expect(l.y).toBeLessThan(TOP + HEIGHT + 12 * MM);
      if ((i + 1) % 2 === 1) expect(Math.abs(l.right - (LEFT + WIDTH - 14))).toBeLessThan(1.5);
      else expect(Math.abs(l.x - (LEFT + 14))).toBeLessThan(1.5);
    });
  });

  it('draws the masthead in red 小标宋 above the title', () => {
    const p1 = pages[0]!;
    expect(p1.colouredText).toContainEqual({ color: '#e60012', text: '鄂州市人民政府办公室' });
    const mast = p1.lines.find((l) => l.text === '鄂州市人民政府办公室')!;
    expect(mast.size).toBeGreaterThanOrEqual(36);
    expect(Math.abs(mast.y - 0.88 * mast.size - 30 * MM)).toBeLessThan(1 * MM);
    const number = p1.lines.find((l) => l.text === '鄂州政办函〔2014〕4号')!;
    expect(Math.abs(number.right - (LEFT + WIDTH))).toBeLessThan(1 * MM);
    const title = p1.lines.filter((l) => Math.abs(l.size - 22) < 0.01).map((l) => l.text);
    expect(title.join('')).toBe('市人民政府办公室关于交办《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》的函');
    expect(title.every((t) => [...t].length >= 3)).toBe(true);
    expect(p1.colouredText.filter((t) => t.text.includes('市发改委')).every((t) => t.color === '#000000')).toBe(true);
  });

  it('signs two characters from the right with the date below', () => {
    const all = pages.flatMap((p) => p.lines);
    const organ = all.find((l) => l.text === '鄂州市人民政府办公室' && l.size === 16)!;
    const date = all.find((l) => l.text === '2014年1月13日' && l.size === 16)!;
    expect(Math.abs(organ.right - (LEFT + WIDTH - 2 * PITCH))).toBeLessThan(1);
    expect(Math.abs(date.x - (organ.x + 2 * PITCH))).toBeLessThan(1);
    expect(date.y - organ.y).toBeCloseTo(LINE, 1);
  });

  it('renders identical bytes for identical input', () => {
    const again = writePdf(parseMarkup(sampleMarkup('letter'), 'sample.hbs'), fonts);
    expect(again.equals(letterPdf)).toBe(true);
    expect(letterPdf.toString('latin1')).toContain('D:20140113000000Z');
  });

  it('renders a 3-page letter in well under 60 ms once fonts are loaded', () => {
    const markup = sampleMarkup('letter', 5).replace(/<table[\s\S]*<\/chart>/, '').replace(/<pagebreak\/>[\s\S]*?<imprint/, '<imprint');
    const tree = parseMarkup(markup, 'sample.hbs');
    const first = writePdf(tree, fonts);
    expect((first.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBe(3);
    const n = 60;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) writePdf(tree, fonts);
    const per = (performance.now() - t0) / n;
    console.log(`60 three-page letters: ${per.toFixed(1)} ms each`);
    expect(per).toBeLessThan(60);
  });
});

describe('PDF of a 文件格式 document', () => {
  it('has the red line under the number, page numbers from page 1 and the imprint at the foot', async () => {
    const pdf = writePdf(parseMarkup(sampleMarkup('file', 6), 'sample.hbs'), fonts);
    const ps = await readPdf(pdf);
    const p1 = ps[0]!;
    const mast = p1.lines.find((l) => l.text === '鄂州市人民政府办公室')!;
    expect(Math.abs(mast.y - 0.88 * mast.size - (TOP + 35 * MM))).toBeLessThan(1 * MM);
    const number = p1.lines.find((l) => l.text === '鄂州政办函〔2014〕4号')!;
    expect(Math.abs((number.x + number.right) / 2 - (LEFT + WIDTH / 2))).toBeLessThan(1 * MM);
    expect(p1.lines.some((l) => l.text === '— 1 —')).toBe(true);
    const last = ps.at(-1)!;
    const cc = last.lines.find((l) => l.text.startsWith('抄送：'))!;
    expect(cc.text).toBe('抄送：市委办公室，市人大常委会办公室。');
    expect(cc.size).toBeCloseTo(14, 1);
    expect(Math.abs(cc.x - (LEFT + 14))).toBeLessThan(1);
    const printed = last.lines.find((l) => l.text.endsWith('印发'))!;
    expect(printed.text).toMatch(/^鄂州市人民政府办公室\s*2014年1月13日印发$/);
    expect(Math.abs(printed.right - (LEFT + WIDTH - 14))).toBeLessThan(1);
    expect(printed.y).toBeGreaterThan(TOP + HEIGHT - LINE);
  });
});

describe('data with markup characters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('comes out literally in the PDF text', async () => {
    const file = join(dir, 'letter.hbs');
    writeFileSync(file, '<doc profile="letter" date="2014-01-13">\n<to>{{unit}}</to>\n<p>请{{unit}}报送。</p>\n</doc>\n');
    const unit = '甲<乙>&丙{{丁}}';
    const pdf = writePdf(renderTemplate(file, { unit }), fonts);
    const text = (await readPdf(pdf)).flatMap((p) => p.lines.map((l) => l.text));
    expect(text).toContain(`${unit}：`);
    expect(text).toContain(`请${unit}报送。`);
  });
});
