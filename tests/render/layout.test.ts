import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocTree } from '../../src/model/doc.js';
import { DubanError } from '../../src/model/errors.js';
import { bundledPath } from '../../src/render/fonts/bundled.js';
import { Face, fontReport, fontReportLines, loadFonts, type FontSet } from '../../src/render/fonts/fonts.js';
import { parseFcList } from '../../src/render/fonts/discover.js';
import type { GlyphRun } from '../../src/render/layout/display.js';
import { layoutDocument } from '../../src/render/layout/document.js';
import { AREA_WIDTH, CHAR_PITCH, gridBaseline } from '../../src/render/layout/geometry.js';
import type { LineBox } from '../../src/render/layout/linebreak.js';
import { gridLines } from '../../src/render/layout/paragraph.js';
import { titleLines } from '../../src/render/layout/title.js';
import { toUnits } from '../../src/render/layout/tokens.js';

const fonts = loadFonts({ systemFonts: false });
const style = { role: 'fangsong' as const, size: 16, bold: false, color: '#000000' };
const lines = (text: string, firstIndent = 0): readonly LineBox[] => gridLines({ parts: [{ text, style }], firstIndent, align: 'justify' }, fonts);
const textOf = (l: LineBox): string => l.units.map((u) => u.chars.join('')).join('');
const HAN = '政府工作报告确定的各项任务要逐条细化明确责任确保完成加强领导狠抓落实严格督查强化问责';

describe('grid line breaking', () => {
  it('fills full lines with 28 cells ending exactly at 156 mm; the last line is ragged', () => {
    const text = HAN.repeat(3).slice(0, 70);
    const ls = lines(text, 2);
    expect(ls.map((l) => [...textOf(l)].length)).toEqual([26, 28, 16]);
    expect(ls[0]!.xs[0]).toBeCloseTo(2 * CHAR_PITCH, 6);
    for (const l of ls.slice(0, -1)) expect(l.right).toBeCloseTo(AREA_WIDTH, 6);
    expect(ls[2]!.right).toBeCloseTo(16 * CHAR_PITCH, 6);
  });

  it('hangs one small closing mark in cell 29', () => {
    const ls = lines(`${HAN.slice(0, 28)}，${HAN.slice(0, 5)}`);
    expect(textOf(ls[0]!)).toBe(`${HAN.slice(0, 28)}，`);
    expect(ls[0]!.hang).toBe(true);
    expect(ls[0]!.right).toBeCloseTo(AREA_WIDTH, 6);
    expect(ls[0]!.xs.at(-1)).toBeCloseTo(AREA_WIDTH, 6);
  });

  it('pushes the previous character down before a closing bracket and spreads the line', () => {
    const ls = lines(`${HAN.slice(0, 28)}）${HAN.slice(0, 5)}`);
    expect(textOf(ls[0]!)).toBe(HAN.slice(0, 27));
    expect(ls[0]!.spread).toBe(true);
    expect(ls[0]!.right).toBeCloseTo(AREA_WIDTH, 6);
    expect(textOf(ls[1]!).startsWith(`${HAN[27]}）`)).toBe(true);
  });

  it('never ends a line with an opening mark and never splits …… or ——', () => {
    const open = lines(`${HAN.slice(0, 27)}《${HAN.slice(0, 6)}》`);
    expect(textOf(open[0]!)).toBe(HAN.slice(0, 27));
    expect(textOf(open[1]!).startsWith('《')).toBe(true);
    const dots = lines(`${HAN.slice(0, 27)}……${HAN.slice(0, 6)}`);
    expect(textOf(dots[0]!)).toBe(HAN.slice(0, 26));
    expect(textOf(dots[1]!).startsWith(`${HAN[26]}……`)).toBe(true);
    const dash = lines(`${HAN.slice(0, 27)}——${HAN.slice(0, 6)}`);
    expect(textOf(dash[1]!).startsWith(`${HAN[26]}——`)).toBe(true);
  });

  it('keeps numbers such as 14.5% and 1.8:1 whole and never starts a line with a half-width comma', () => {
    const ls = lines(`${HAN.slice(0, 26)}14.5%,比例1.8:1${HAN}`);
    const all = ls.map(textOf);
    expect(all.some((t) => t.includes('14.5%'))).toBe(true);
    for (const t of all) expect(/^[,.;:?!)]/.test(t)).toBe(false);
    const ratio = lines(`${HAN.slice(0, 25)}比例1.8:1${HAN}`).map(textOf);
    expect(ratio.some((t) => t.includes('1.8:1'))).toBe(true);
  });

  it('cuts a word longer than the line', () => {
    const ls = lines('x'.repeat(200));
    expect(ls.length).toBeGreaterThan(1);
    for (const l of ls) expect(l.right).toBeLessThanOrEqual(AREA_WIDTH + 0.01);
  });
});

describe('title wrapping', () => {
  const wrap = (t: string): string[] => titleLines(t, fonts).map(textOf);

  it('keeps a short title on one line', () => {
    expect(wrap('关于进一步加强政务督查工作的通知')).toEqual(['关于进一步加强政务督查工作的通知']);
  });

  it('breaks at sensible points without orphans', () => {
    expect(wrap('市人民政府办公室关于交办《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》的函')).toEqual([
      '市人民政府办公室关于交办',
      '《市七届人大四次会议〈政府工作报告〉',
      '主要工作任务分解落实意见》的函',
    ]);
    expect(wrap('关于落实《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》有关任务的交办函')).toEqual([
      '关于落实《市七届人大四次会议',
      '〈政府工作报告〉主要工作任务',
      '分解落实意见》有关任务的交办函',
    ]);
    expect(wrap('市人民政府办公室关于2014年第一季度全市重点工作进展情况的通报')).toEqual([
      '市人民政府办公室关于2014年',
      '第一季度全市重点工作进展情况的通报',
    ]);
    const one = wrap('关于印发鄂州市政府工作报告主要工作任务分解落实意见的通知');
    expect(one.at(-1)!.length).toBeGreaterThanOrEqual(3);
  });
});

describe('fonts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-fonts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stands in the bundled fonts and says so', () => {
    expect(fontReport(fonts).map((r) => [r.role, r.wanted, r.used, r.substituted])).toEqual([
      ['fangsong', '仿宋_GB2312', 'Noto Serif SC Regular', true],
      ['xiaobiaosong', '方正小标宋简体', 'Noto Serif SC Bold', true],
      ['heiti', '黑体', 'Noto Sans SC Medium', true],
      ['kaiti', '楷体_GB2312', 'Noto Serif SC Medium', true],
    ]);
    expect(fontReportLines(fonts)[0]).toBe('仿宋_GB2312 → Noto Serif SC Regular（代用）');
  });

  it('prefers the --fonts folder, by file name', () => {
    copyFileSync(bundledPath('heiti'), join(dir, 'SIMHEI.TTF'));
    const set = loadFonts({ fontsDir: dir, systemFonts: false });
    expect(set.faces.heiti.path).toBe(join(dir, 'SIMHEI.TTF'));
    expect(set.faces.heiti.bundled).toBe(false);
    expect(fontReport(set).find((r) => r.role === 'heiti')).toMatchObject({ used: 'SIMHEI.TTF', substituted: false });
    expect(set.faces.fangsong.bundled).toBe(true);
  });

  it('rejects a missing fonts folder', () => {
    expect(() => loadFonts({ fontsDir: join(dir, 'nope') })).toThrow(DubanError);
  });

  it('reads fontconfig listings', () => {
    expect(parseFcList('/usr/share/fonts/simfang.ttf: FangSong,仿宋\n/x/NotoSerifCJK.ttc: Noto Serif CJK SC,Noto Serif CJK SC Black\n')).toEqual([
      { path: '/usr/share/fonts/simfang.ttf', families: ['FangSong', '仿宋'] },
      { path: '/x/NotoSerifCJK.ttc', families: ['Noto Serif CJK SC', 'Noto Serif CJK SC Black'] },
    ]);
  });

  it('takes characters an official font lacks from the bundled one', () => {
    class Gb2312Like extends Face {
      override has(cp: number): boolean {
        return cp !== 0x9555 && super.has(cp);
      }
    }
    const official = new Gb2312Like('fangsong', 'fangsong', '仿宋_GB2312', bundledPath('kaiti'), false);
    const set: FontSet = { ...fonts, faces: { ...fonts.faces, fangsong: official }, fallback: fonts.fallback };
    const units = toUnits([{ text: '朱镕基', style }], set, 1);
    expect(units.map((u) => u.face === official)).toEqual([true, false, true]);
    expect(units[1]!.face.bundled).toBe(true);
  });
});

describe('document layout', () => {
  const tree = (blocks: DocTree['blocks'], profile: DocTree['profile'] = 'letter'): DocTree => ({ profile, meta: { title: 't', author: 'a', date: '2014-01-13' }, blocks });
  const texts = (runs: GlyphRun[]): string => runs.map((r) => r.chars.join('')).join('');
  const glyphRuns = (items: unknown[]): GlyphRun[] => items.filter((i): i is GlyphRun => (i as GlyphRun).kind === 'glyphs');

  it('puts an attachment label on a new page and its title on line 3', () => {
    const laid = layoutDocument(tree([{ type: 'paragraph', runs: [{ text: '正文。' }], indent: 2, align: 'justify' }, { type: 'attachmentLabel', text: '附件1' }, { type: 'title', text: '任务清单' }]), fonts);
    expect(laid.pages.length).toBe(2);
    const runs = glyphRuns(laid.pages[1]!.items);
    const label = runs.find((r) => r.chars.join('') === '附件1')!;
    const title = runs.find((r) => r.chars.join('') === '任务清单')!;
    expect(label.baseline).toBeCloseTo(gridBaseline(0, 16), 6);
    expect(title.baseline).toBeCloseTo(gridBaseline(2, 22), 6);
  });

  it('moves a heading that would end a page down with its text', () => {
    const para = { type: 'paragraph' as const, runs: [{ text: HAN.slice(0, 20) }], indent: 2, align: 'justify' as const };
    const blocks: DocTree['blocks'] = [...Array.from({ length: 21 }, () => para), { type: 'heading', level: 1, runs: [{ text: '一、加强领导' }] }, para];
    const laid = layoutDocument(tree(blocks), fonts);
    const page2 = texts(glyphRuns(laid.pages[1]!.items));
    expect(page2.startsWith('一、加强领导')).toBe(true);
  });

  it('never breaks an element off a page it does not fit', () => {
    const big = { type: 'table' as const, widths: [1, 3], header: [[{ text: '序号' }, { text: '内容' }]], rows: Array.from({ length: 60 }, (_, i) => [{ text: String(i + 1) }, { text: HAN }]) };
    const laid = layoutDocument(tree([big]), fonts);
    expect(laid.pages.length).toBeGreaterThan(2);
    for (const p of laid.pages.slice(0, -1)) expect(texts(glyphRuns(p.items)).startsWith('序号内容')).toBe(true);
  });

  it('splits a row taller than a page across pages', () => {
    const tall = { type: 'table' as const, widths: [1, 3], header: [[{ text: '序号' }, { text: '内容' }]], rows: [[{ text: '1' }, { text: HAN.repeat(30) }]] };
    const laid = layoutDocument(tree([tall]), fonts);
    expect(laid.pages.length).toBeGreaterThanOrEqual(2);
    const shown = laid.pages.map((p) => texts(glyphRuns(p.items).filter((r) => r.size === 12 && r.face === fonts.faces.fangsong)));
    expect(shown.join('').replace(/^1/, '').replace(/— \d+ —/g, '')).toContain(HAN.repeat(30).slice(0, 200));
  });

  it('draws charts as vector shapes on whole grid lines', () => {
    const data = [{ label: '市发改委', value: 92.5 }, { label: '市经信委', value: 80 }, { label: '市住建委', value: 0 }];
    const laid = layoutDocument(tree([{ type: 'chart', kind: 'bar', title: '完成率', unit: '%', data }, { type: 'chart', kind: 'pie', title: '状态', data }]), fonts);
    const items = laid.pages.flatMap((p) => p.items);
    expect(items.filter((i) => i.kind === 'rect').length).toBe(2 + 3);
    expect(items.filter((i) => i.kind === 'sector').length).toBe(2);
    const labels = texts(glyphRuns(items));
    expect(labels).toContain('92.5%');
    expect(labels).toContain('市发改委  92.5（53.6%）');
  });

  it('condenses a long masthead to the type area', () => {
    const laid = layoutDocument(tree([{ type: 'masthead', text: '鄂州市人民政府办公室文件' }, { type: 'docNumber', text: '鄂州政办发〔2014〕4号' }], 'file'), fonts);
    const mast = glyphRuns(laid.pages[0]!.items).find((r) => r.chars.join('') === '鄂州市人民政府办公室文件')!;
    expect(mast.hscale).toBeLessThan(100);
    const right = mast.xs.at(-1)! + mast.size * (mast.hscale / 100);
    expect(right - mast.xs[0]!).toBeLessThanOrEqual(AREA_WIDTH + 0.5);
  });
});
