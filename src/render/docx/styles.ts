/**
 * The style sheet: Normal is the 3号仿宋 body on the 28 × 22 grid; the title and the four
 * heading levels are styles (so Word's navigation pane and outline view work) in black, with
 * the faces GB/T 9704 names. Widow control, which docx cannot express in a style, is switched
 * off in Normal by the package step (package.ts).
 */
import { AlignmentType, LineRuleType, type IStylesOptions, type IRunStylePropertiesOptions } from './lib.js';
import type { FontRole } from '../../model/doc.js';
import { fontOf } from './fonts.js';
import { BODY_PT, CHARACTER_SPACING, LINE_PITCH, TITLE_PT, halfPoints } from './geometry.js';

export const STYLE = {
  normal: 'Normal',
  title: 'DocTitle',
  heading: ['Heading1', 'Heading2', 'Heading3', 'Heading4'] as const,
} as const;

/** Heading levels 一、 （一） 1. （1）. */
export const HEADING_FONT: Record<1 | 2 | 3 | 4, FontRole> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' };

export function bodyRun(): IRunStylePropertiesOptions {
  return {
    font: fontOf('fangsong'),
    size: halfPoints(BODY_PT),
    sizeComplexScript: halfPoints(BODY_PT),
    characterSpacing: CHARACTER_SPACING,
    color: '000000',
    language: LANGUAGE,
  };
}

function headingStyle(level: 1 | 2 | 3 | 4) {
  return {
    run: { font: fontOf(HEADING_FONT[level]), size: halfPoints(BODY_PT), color: '000000', bold: false, italics: false },
    paragraph: {
      keepNext: true,
      outlineLevel: level - 1,
      indent: { firstLineChars: 200, firstLine: 640 },
      spacing: { before: 0, after: 0 },
    },
  };
}

export function styles(): IStylesOptions {
  return {
    default: {
      document: { run: bodyRun(), paragraph: { spacing: { before: 0, after: 0 } } },
      heading1: headingStyle(1),
      heading2: headingStyle(2),
      heading3: headingStyle(3),
      heading4: headingStyle(4),
    },
    paragraphStyles: [
      {
        id: STYLE.normal,
        name: 'Normal',
        run: bodyRun(),
        paragraph: { alignment: AlignmentType.BOTH, spacing: { before: 0, after: 0 } },
      },
      {
        id: STYLE.title,
        name: '公文标题',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { font: fontOf('xiaobiaosong'), size: halfPoints(TITLE_PT), sizeComplexScript: halfPoints(TITLE_PT) },
        // One grid line per title line whatever the face's own line height (as the PDF lays it).
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: { firstLine: 0 },
          keepNext: true,
          spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT },
        },
      },
    ],
  };
}
