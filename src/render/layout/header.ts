import type { DocProfile } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import { placedLineGlyphs, type GlyphRun, type RuleLine } from './display.js';
import {
  AREA_LEFT, AREA_RIGHT, AREA_TOP, AREA_WIDTH, BLACK, BODY_SIZE, EM_ASCENT, GRID_LINES, MM, PAGE_HEIGHT, RED, SIZE,
  gridBaseline, lineTop,
} from './geometry.js';
import type { Pager } from './pager.js';
import { gridLines, bodyStyle } from './paragraph.js';
import { toUnits } from './tokens.js';

/** 发文机关标志: 初号 小标宋, condensed horizontally when longer than the type area, as printers do. */
export const MASTHEAD_SIZE = SIZE.chu;
/** The letter's double lines are 170 mm long, centred on the type area. */
const LETTER_RULE = 170 * MM;
const THICK = 2.2;
const THIN = 0.75;
const RULE_GAP = 1.6;

export interface HeaderInput {
  masthead: string | null;
  docNumber: string | null;
}

/**
 * 版头 on page 1. 文件格式: the mark's top edge 35 mm below the type area's top, 发文字号 two lines
 * under it, centred, and a red line 4 mm under the number. 信函格式: the mark's top edge 30 mm from
 * the paper's top, a thick-over-thin double red line 4 mm under it, 发文字号 flush right below.
 * Leaves the pager on the first free grid line under the header.
 */
export function layoutHeader(profile: DocProfile, h: HeaderInput, pager: Pager, fonts: FontSet): void {
  if (h.masthead === null) {
    if (h.docNumber !== null) placeDocNumber(profile, h.docNumber, 0, pager, fonts);
    pager.line = h.docNumber !== null ? 1 : 0;
    return;
  }
  const markTop = profile === 'letter' ? 30 * MM : AREA_TOP + 35 * MM;
  pager.items.push(mastheadRun(h.masthead, markTop, fonts));
  const markBottom = markTop + MASTHEAD_SIZE;
  if (profile === 'letter') {
    const y = markBottom + 4 * MM;
    pager.items.push(...doubleRule(y, 'thick-over-thin'));
    const ruleBottom = y + THICK + RULE_GAP + THIN;
    const numLine = firstLineBelow(ruleBottom + 1 * MM);
    if (h.docNumber !== null) placeDocNumber(profile, h.docNumber, numLine, pager, fonts);
    pager.line = h.docNumber !== null ? numLine + 1 : numLine;
  } else {
    const numLine = firstLineBelow(markBottom) + 1;
    if (h.docNumber !== null) placeDocNumber(profile, h.docNumber, numLine, pager, fonts);
    const ruleY = lineTop(numLine) + BODY_SIZE + 4 * MM;
    pager.items.push(rule(AREA_LEFT, AREA_RIGHT, ruleY, THICK, RED));
    pager.line = firstLineBelow(ruleY + 2);
  }
}

/** The letter's thin-over-thick double line 20 mm above the bottom of page 1. */
export function letterFooterRule(): RuleLine[] {
  const bottom = PAGE_HEIGHT - 20 * MM;
  return doubleRule(bottom - THICK - RULE_GAP - THIN, 'thin-over-thick');
}

function firstLineBelow(y: number): number {
  let r = 0;
  while (r < GRID_LINES && lineTop(r) < y - 0.01) r++;
  return r;
}

function mastheadRun(text: string, top: number, fonts: FontSet): GlyphRun {
  const units = toUnits([{ text, style: { role: 'xiaobiaosong', size: MASTHEAD_SIZE, bold: false, color: RED } }], fonts, 1);
  const natural = units.reduce((w, u) => w + u.width, 0);
  const scale = Math.min(1, AREA_WIDTH / Math.max(natural, 1));
  const face = units[0]?.face ?? fonts.faces.xiaobiaosong;
  const chars: string[] = [];
  const xs: number[] = [];
  let x = AREA_LEFT + (AREA_WIDTH - natural * scale) / 2;
  for (const u of units) {
    for (const ch of u.chars) {
      const adv = u.face.advance(ch.codePointAt(0)!) * MASTHEAD_SIZE;
      const cell = u.kind === 'cell' ? u.pitch : adv;
      chars.push(ch);
      xs.push(x + ((cell - adv) / 2) * scale);
      x += cell * scale;
    }
  }
  return {
    kind: 'glyphs', face, size: MASTHEAD_SIZE, color: RED, bold: false, hscale: Math.round(scale * 1000) / 10,
    baseline: top + EM_ASCENT * MASTHEAD_SIZE, chars, xs,
  };
}

function placeDocNumber(profile: DocProfile, text: string, line: number, pager: Pager, fonts: FontSet): void {
  const align = profile === 'letter' ? 'right' : 'center';
  const lines = gridLines({ parts: [{ text, style: bodyStyle('fangsong', false, BODY_SIZE, BLACK) }], firstIndent: 0, align }, fonts);
  lines.forEach((l, i) => pager.items.push(...placedLineGlyphs(l, AREA_LEFT, gridBaseline(line + i, BODY_SIZE))));
}

function doubleRule(top: number, order: 'thick-over-thin' | 'thin-over-thick'): RuleLine[] {
  const cx = AREA_LEFT + AREA_WIDTH / 2;
  const x1 = cx - LETTER_RULE / 2;
  const x2 = cx + LETTER_RULE / 2;
  const [a, b] = order === 'thick-over-thin' ? [THICK, THIN] : [THIN, THICK];
  return [rule(x1, x2, top + a / 2, a, RED), rule(x1, x2, top + a + RULE_GAP + b / 2, b, RED)];
}

export function rule(x1: number, x2: number, y: number, width: number, color: string): RuleLine {
  return { kind: 'line', x1, y1: y, x2, y2: y, width, color };
}
