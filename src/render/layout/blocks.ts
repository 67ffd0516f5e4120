import type { Block, FontRole } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import { lineGlyphs } from './display.js';
import { AREA_LEFT, AREA_WIDTH, BLACK, BODY_SIZE, CHAR_PITCH, RED, gridBaseline } from './geometry.js';
import type { LineBox } from './linebreak.js';
import type { Pager } from './pager.js';
import { bodyStyle, gridLines, placeLines, runsToParts, GRID_SCALE } from './paragraph.js';
import { titleLines, TITLE_SIZE } from './title.js';
import { toUnits } from './tokens.js';

type BlockOf<T extends Block['type']> = Extract<Block, { type: T }>;

export const HEADING_ROLE: Record<1 | 2 | 3 | 4, FontRole> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

export function headingLines(b: BlockOf<'heading'>, fonts: FontSet): readonly LineBox[] {
  return gridLines({ parts: runsToParts(b.runs, HEADING_ROLE[b.level]), firstIndent: 2, align: 'justify' }, fonts);
}

export function paragraphLines(b: BlockOf<'paragraph'>, fonts: FontSet): readonly LineBox[] {
  return gridLines({ parts: runsToParts(b.runs, 'fangsong'), firstIndent: b.indent, align: b.align }, fonts);
}

/** 主送机关: flush left (its colon is in the tree's text). */
export function recipientLines(b: BlockOf<'recipients'>, fonts: FontSet): readonly LineBox[] {
  return gridLines({ parts: [{ text: b.text, style: bodyStyle() }], firstIndent: 0, align: 'justify' }, fonts);
}

export function titleBlockLines(b: BlockOf<'title'>, fonts: FontSet): LineBox[] {
  return titleLines(b.text, fonts);
}

/** A title line takes one grid line: 22 pt fits the 28.99 pt pitch. */
export function placeTitle(pager: Pager, lines: readonly LineBox[]): void {
  if (lines.length <= 3) pager.ensure(lines.length);
  placeLines(pager, lines, TITLE_SIZE);
}

/**
 * 附件说明: "附件：1.名称" two characters in; later items aligned under the first name, and wrapped
 * names aligned with the text after their number. Names lose a trailing full stop.
 */
export function attachmentNoteLines(b: BlockOf<'attachmentNote'>, fonts: FontSet): LineBox[] {
  const items = b.items.map((s) => s.trim().replace(/[。．.;；，,]+$/, '')).filter(Boolean);
  const out: LineBox[] = [];
  const labelCells = 3;
  items.forEach((name, i) => {
    const number = items.length > 1 ? `${i + 1}.` : '';
    const numberWidth = number ? widthInCells(number, fonts) : 0;
    const prefix = i === 0 ? '附件：' : '';
    out.push(
      ...gridLines(
        {
          parts: [{ text: `${prefix}${number}${name}`, style: bodyStyle() }],
          firstIndent: i === 0 ? 2 : 2 + labelCells,
          restIndent: 2 + labelCells + numberWidth,
          align: 'justify',
        },
        fonts,
      ),
    );
  });
  return out;
}

function widthInCells(text: string, fonts: FontSet): number {
  return toUnits([{ text, style: bodyStyle() }], fonts, GRID_SCALE).reduce((w, u) => w + u.width, 0) / CHAR_PITCH;
}

/** 成文日期 in Arabic numerals without leading zeros: 2014-01-13 → 2014年1月13日. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : date.trim();
}

/**
 * 署名 and 成文日期 without a seal: the organ two characters from the right, the date on the next
 * line starting two characters right of the organ's start; a date longer than that is set two
 * characters from the right and the organ moves left with it.
 */
export function placeSignature(pager: Pager, b: BlockOf<'signature'>, fonts: FontSet): void {
  const organ = toUnits([{ text: b.organ, style: bodyStyle() }], fonts, GRID_SCALE);
  const date = toUnits([{ text: chineseDate(b.date), style: bodyStyle() }], fonts, GRID_SCALE);
  const wo = organ.reduce((w, u) => w + u.width, 0);
  const wd = date.reduce((w, u) => w + u.width, 0);
  const two = 2 * CHAR_PITCH;
  let organStart = AREA_WIDTH - two - wo;
  let dateStart = organStart + two;
  if (dateStart + wd > AREA_WIDTH - two) {
    dateStart = AREA_WIDTH - two - wd;
    organStart = dateStart - two;
  }
  const rows = [
    { units: organ, start: Math.max(0, organStart) },
    { units: date, start: Math.max(0, dateStart) },
  ].filter((r) => r.units.length > 0);
  pager.ensure(rows.length);
  for (const r of rows) {
    const ln = pager.nextLine();
    const xs: number[] = [];
    let x = r.start;
    for (const u of r.units) {
      xs.push(x);
      x += u.width;
    }
    const line: LineBox = { units: r.units, xs, right: x, spread: false, hang: false };
    pager.items.push(...lineGlyphs(line, AREA_LEFT, gridBaseline(ln, BODY_SIZE)));
  }
}

/** 附件 label: 3号黑体 flush left on line 1 of a new page. */
export function placeAttachmentLabel(pager: Pager, b: BlockOf<'attachmentLabel'>, fonts: FontSet): void {
  if (!pager.atTop()) pager.newPage();
  placeLines(pager, gridLines({ parts: [{ text: b.text, style: bodyStyle('heiti') }], firstIndent: 0, align: 'left' }, fonts));
}

/** A masthead or 发文字号 met after the start of the document: set in place, not as a 版头. */
export function placeLooseHeaderBlock(pager: Pager, b: BlockOf<'masthead'> | BlockOf<'docNumber'>, fonts: FontSet): void {
  if (b.type === 'masthead') {
    placeLines(pager, titleLines(b.text, fonts, AREA_WIDTH, RED), TITLE_SIZE);
  } else {
    placeLines(pager, gridLines({ parts: [{ text: b.text, style: bodyStyle('fangsong', false, BODY_SIZE, BLACK) }], firstIndent: 0, align: 'center' }, fonts));
  }
}
