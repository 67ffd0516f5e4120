import type { Block, DocProfile } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import { lineGlyphs } from './display.js';
import { AREA_BOTTOM, AREA_LEFT, AREA_RIGHT, AREA_WIDTH, BLACK, EM_ASCENT, GRID_LINES, LINE_PITCH, MM, SIZE, lineTop } from './geometry.js';
import { rule } from './header.js';
import { breakLines, type LineBox } from './linebreak.js';
import type { Pager } from './pager.js';
import { chineseDate } from './blocks.js';
import { toUnits, type TextStyle } from './tokens.js';

type Imprint = Extract<Block, { type: 'imprint' }>;

const IMPRINT_SIZE = SIZE.si;
const THICK = 0.35 * MM;
const THIN = 0.25 * MM;

/**
 * 版记 at the foot of the last page, in 4号仿宋: 抄送 one character in from each side (wrapped
 * lines aligned after 抄送：), then 印发机关 one character in from the left and 印发日期 one character
 * in from the right. 文件格式 rules it: thick lines first and last (the last on the type area's
 * bottom edge), a thin one between. 信函格式 keeps only 抄送, without lines.
 */
export function placeImprint(profile: DocProfile, b: Imprint, pager: Pager, fonts: FontSet): void {
  const style: TextStyle = { role: 'fangsong', size: IMPRINT_SIZE, bold: false, color: BLACK };
  const one = IMPRINT_SIZE;
  const ccLines: LineBox[] = [];
  if (b.cc && b.cc.trim()) {
    const cc = b.cc.trim().replace(/[。.]?$/, '。');
    const units = toUnits([{ text: `抄送：${cc}`, style }], fonts, 1);
    ccLines.push(...breakLines(units, { width: AREA_WIDTH - 2 * one, firstIndent: 0, restIndent: 3 * one, align: 'justify', allowHang: true }));
  }
  const printLine = profile === 'file' ? printerLine(b, style, fonts) : null;
  const rows = [...ccLines.map((l) => ({ line: l, left: AREA_LEFT + one })), ...(printLine ? [{ line: printLine, left: AREA_LEFT }] : [])];
  if (rows.length === 0) return;
  if (pager.line > GRID_LINES - rows.length) pager.newPage();
  const start = GRID_LINES - rows.length;
  rows.forEach((r, i) => {
    const baseline = lineTop(start + i) + LINE_PITCH / 2 - IMPRINT_SIZE / 2 + EM_ASCENT * IMPRINT_SIZE;
    pager.items.push(...lineGlyphs(r.line, r.left, baseline));
  });
  if (profile === 'file') {
    pager.items.push(rule(AREA_LEFT, AREA_RIGHT, lineTop(start) + THICK / 2, THICK, BLACK));
    if (ccLines.length > 0 && printLine) pager.items.push(rule(AREA_LEFT, AREA_RIGHT, lineTop(start + ccLines.length), THIN, BLACK));
    pager.items.push(rule(AREA_LEFT, AREA_RIGHT, AREA_BOTTOM - THICK / 2, THICK, BLACK));
  }
  pager.line = GRID_LINES;
}

function printerLine(b: Imprint, style: TextStyle, fonts: FontSet): LineBox | null {
  const organ = b.printer?.trim() ?? '';
  const date = b.printDate ? `${chineseDate(b.printDate)}印发` : '';
  if (!organ && !date) return null;
  const one = IMPRINT_SIZE;
  const o = toUnits([{ text: organ, style }], fonts, 1);
  const d = toUnits([{ text: date, style }], fonts, 1);
  const xs: number[] = [];
  let x = one;
  for (const u of o) {
    xs.push(x);
    x += u.width;
  }
  let dx = AREA_WIDTH - one - d.reduce((w, u) => w + u.width, 0);
  for (const u of d) {
    xs.push(dx);
    dx += u.width;
  }
  return { units: [...o, ...d], xs, right: dx, spread: false, hang: false };
}
