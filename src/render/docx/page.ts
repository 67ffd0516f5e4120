/**
 * Section properties and the page furniture: A4 with the GB/T 9704 margins and the 22-line
 * grid; page numbers "— N —" in 4号宋体, odd pages right and even pages left, 1 character in
 * (evenAndOddHeaders is set on the document); 信函格式 has no number on page 1, its masthead in
 * the first-page header and the thin-over-thick red line 20 mm above the bottom of page 1.
 */
import {
  AlignmentType,
  BorderStyle,
  DocumentGridType,
  Footer,
  Header,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type ISectionOptions,
} from './lib.js';
import type { DocProfile } from '../../model/doc.js';
import { PAGE_NUMBER_FACE, runFont } from './fonts.js';
import {
  FOOTER_DISTANCE,
  LETTER_FOOTER_DISTANCE,
  LETTER_HEADER_DISTANCE,
  LETTER_LINE_OVERHANG,
  LINE_PITCH,
  PAGE,
  PAGE_NUMBER_PT,
  RED,
  halfPoints,
  mm,
  pt,
} from './geometry.js';

const ONE_CHAR = pt(PAGE_NUMBER_PT);

function pageNumberParagraph(side: 'odd' | 'even', spaceAfter: number): Paragraph {
  return new Paragraph({
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: ONE_CHAR, firstLine: 0 } : { left: ONE_CHAR, firstLine: 0 },
    spacing: { before: 0, after: spaceAfter, line: pt(PAGE_NUMBER_PT), lineRule: LineRuleType.EXACT },
    children: [
      new TextRun({
        font: runFont(PAGE_NUMBER_FACE),
        size: halfPoints(PAGE_NUMBER_PT),
        sizeComplexScript: halfPoints(PAGE_NUMBER_PT),
        children: ['— ', PageNumber.CURRENT, ' —'],
      }),
    ],
  });
}

/** 信函格式, page 1: the lower red double line, thin over thick, 170 mm long. */
function letterBottomLine(): Paragraph {
  return new Paragraph({
    indent: { left: LETTER_LINE_OVERHANG, right: LETTER_LINE_OVERHANG, firstLine: 0 },
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 18, color: RED, space: 0 } },
    children: [],
  });
}

export function sectionOf(profile: DocProfile, body: ISectionOptions['children'], firstPageHeader: Paragraph[]): ISectionOptions {
  const letter = profile === 'letter';
  const footerDistance = letter ? LETTER_FOOTER_DISTANCE : FOOTER_DISTANCE;
  const lift = FOOTER_DISTANCE - footerDistance;
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: {
          top: PAGE.top,
          bottom: PAGE.bottom,
          left: PAGE.left,
          right: PAGE.right,
          header: letter ? LETTER_HEADER_DISTANCE : mm(15),
          footer: footerDistance,
          gutter: 0,
        },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
      titlePage: letter,
    },
    headers: letter ? { first: new Header({ children: firstPageHeader }) } : {},
    footers: {
      default: new Footer({ children: [pageNumberParagraph('odd', lift)] }),
      even: new Footer({ children: [pageNumberParagraph('even', lift)] }),
      ...(letter ? { first: new Footer({ children: [letterBottomLine()] }) } : {}),
    },
    children: body,
  };
}
