/** 正文 blocks: headings, paragraphs, 附件说明, 附件 labels, signature and blank lines. */
import { AlignmentType, Paragraph } from './lib.js';
import type { Align, Run } from '../../model/doc.js';
import { attachmentNoteLines, chineseDate } from './labels.js';
import { CHAR, textCells } from './geometry.js';
import { STYLE } from './styles.js';
import { textRuns, treeRuns } from './text.js';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
} as const;

export function alignment(a: Align): (typeof ALIGN)[Align] {
  return ALIGN[a];
}

/** Run-in text after the heading keeps its own font (e.g. 仿宋 after a 楷体 （一）). */
export function headingParagraph(level: 1 | 2 | 3 | 4, runs: readonly Run[]): Paragraph {
  return new Paragraph({ style: STYLE.heading[level - 1], children: treeRuns(runs) });
}

export function bodyParagraph(runs: readonly Run[], indent: number, align: Align): Paragraph {
  return new Paragraph({
    alignment: alignment(align),
    // firstLine too: LibreOffice ignores firstLineChars alone. 320 twips = one 16 pt character.
    indent: indent > 0 ? { firstLineChars: Math.round(indent * 100), firstLine: Math.round(indent * 320) } : { firstLine: 0 },
    children: treeRuns(runs),
  });
}

/**
 * 附件说明, two characters in: 附件：1.×× with the following items and any wrapped lines
 * aligned under the first item's name.
 */
export function attachmentNoteParagraphs(items: readonly string[]): Paragraph[] {
  const lines = attachmentNoteLines(items);
  const numberCells = Math.max(0, ...lines.map((l) => textCells(l.number)));
  const nameStart = 2 + textCells('附件：') + numberCells;
  return lines.map(
    (l) =>
      new Paragraph({
        alignment: AlignmentType.LEFT,
        indent: {
          left: Math.round(nameStart * CHAR),
          hanging: Math.round((nameStart - 2 - (l.prefix ? 0 : textCells('附件：'))) * CHAR),
        },
        children: textRuns(`${l.prefix}${l.number}${l.name}`),
      }),
  );
}

/** 附件 / 附件1 on the attachment's first page: 黑体, flush left. */
export function attachmentLabelParagraph(text: string, newPage: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    indent: { firstLine: 0 },
    pageBreakBefore: newPage,
    children: textRuns(text, { font: 'heiti' }),
  });
}

export interface SignatureSpaces {
  /** Characters between the organ name and the right edge of the type area. */
  organRight: number;
  dateRight: number;
}

/**
 * Without a seal: the organ 2 characters from the right; the date on the next line starting
 * 2 characters to the right of the organ's start, or, when it is too long for that, 2 characters
 * from the right with the organ moved left to keep the 2-character step.
 */
export function signatureSpaces(organ: string, date: string): SignatureSpaces {
  const a = textCells(organ);
  const d = textCells(date);
  const dateRight = Math.max(2, a - d);
  return { organRight: dateRight + d + 2 - a, dateRight };
}

export function signatureParagraphs(organ: string, date: string): Paragraph[] {
  const dateText = chineseDate(date);
  const s = signatureSpaces(organ, dateText);
  const line = (text: string, right: number) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, right: Math.round(right * CHAR) },
      children: textRuns(text),
    });
  return [...(organ ? [line(organ, s.organRight)] : []), ...(dateText ? [line(dateText, s.dateRight)] : [])];
}

export function blankParagraphs(lines: number): Paragraph[] {
  const n = Math.max(0, Math.min(50, Math.floor(lines)));
  return Array.from({ length: n }, () => new Paragraph({ indent: { firstLine: 0 }, children: [] }));
}
