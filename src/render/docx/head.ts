/**
 * 版头: 发文机关标志, 发文字号 and the red line(s), and the title block (标题, 主送机关).
 * The writer owns the 版头's geometry (mark 35 mm into the type area, 发文字号 two lines below it,
 * red line 4 mm below that; in a letter the mark 30 mm from the page top in the first-page
 * header, with the double line under it). Blank lines between later elements: spacing.ts.
 */
import { AlignmentType, BorderStyle, LineRuleType, Paragraph } from './lib.js';
import type { DocProfile } from '../../model/doc.js';
import { FILE_MASTHEAD_BEFORE, LETTER_LINE_OVERHANG, LINE_PITCH, PAGE, RED, SEPARATOR_SPACE_PT, pt, textCells } from './geometry.js';
import { STYLE } from './styles.js';
import { textRuns } from './text.js';

/** Marks are 初号 (42 pt), narrowed (as offices do) when the name is wider than the type area. */
const MASTHEAD_PT = 42;

export interface MastheadSize {
  sizePt: number;
  /** Horizontal character scale in percent. */
  scale: number;
}

export function mastheadSize(text: string): MastheadSize {
  const widthPt = PAGE.typeWidth / 20;
  const natural = Math.max(1, textCells(text)) * MASTHEAD_PT;
  return { sizePt: MASTHEAD_PT, scale: natural > widthPt ? Math.floor((widthPt / natural) * 100) : 100 };
}

const redLine = { style: BorderStyle.SINGLE, size: 12, color: RED, space: SEPARATOR_SPACE_PT };
/** 信函格式: thick over thin (thickThin puts the thick line on the side nearer the text). */
const doubleLine = { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 18, color: RED, space: SEPARATOR_SPACE_PT };

export function mastheadParagraph(text: string, profile: DocProfile, separator: boolean): Paragraph {
  const { sizePt, scale } = mastheadSize(text);
  const letter = profile === 'letter';
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: letter ? { left: LETTER_LINE_OVERHANG, right: LETTER_LINE_OVERHANG, firstLine: 0 } : { firstLine: 0 },
    spacing: { before: letter ? 0 : FILE_MASTHEAD_BEFORE, after: 0, line: pt(sizePt), lineRule: LineRuleType.EXACT },
    ...(separator ? { border: { bottom: letter ? doubleLine : redLine } } : {}),
    children: textRuns(text, { font: 'xiaobiaosong', sizePt, color: RED, scale }),
  });
}

/** 发文字号: centred two lines under the mark (文件), flush right under the double line (信函). */
export function docNumberParagraph(text: string, profile: DocProfile, separator: boolean, afterMasthead: boolean): Paragraph {
  const letter = profile === 'letter';
  return new Paragraph({
    alignment: letter ? AlignmentType.RIGHT : AlignmentType.CENTER,
    indent: { firstLine: 0 },
    spacing: { before: !letter && afterMasthead ? 2 * LINE_PITCH : 0, after: 0 },
    ...(separator ? { border: { bottom: redLine } } : {}),
    children: textRuns(text),
  });
}

export function titleParagraph(text: string): Paragraph {
  return new Paragraph({ style: STYLE.title, children: textRuns(text) });
}

export function recipientsParagraph(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, children: textRuns(text) });
}
