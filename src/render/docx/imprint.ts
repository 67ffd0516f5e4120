/**
 * 版记: 抄送 and 印发机关 / 印发日期 in 4号仿宋, each 1 character in from both sides, between
 * separator lines (first and last thick 0.35 mm, middle thin 0.25 mm). 信函格式 keeps only 抄送,
 * without lines.
 */
import { AlignmentType, BorderStyle, Paragraph, TabStopType } from './lib.js';
import type { DocProfile } from '../../model/doc.js';
import { ccText, printDateText } from './labels.js';
import { IMPRINT_PT, PAGE, pt, textCells } from './geometry.js';
import { textRuns } from './text.js';

/** Border sizes are in eighths of a point: 0.35 mm ≈ 1 pt, 0.25 mm ≈ 0.75 pt. */
const THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
const ONE_CHAR = pt(IMPRINT_PT);

export interface ImprintInput {
  cc: string | null;
  printer: string | null;
  printDate: string | null;
}

export function imprintParagraphs(input: ImprintInput, profile: DocProfile): Paragraph[] {
  const lines = profile === 'file';
  const out: Paragraph[] = [];
  const hasPrintLine = profile === 'file' && Boolean(input.printer?.trim() || input.printDate);
  const style = { sizePt: IMPRINT_PT };
  if (input.cc?.trim()) {
    const label = textCells('抄送：') * ONE_CHAR;
    out.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        indent: { left: ONE_CHAR + label, hanging: label, right: ONE_CHAR },
        ...(lines ? { border: { top: THICK, bottom: hasPrintLine ? THIN : THICK } } : {}),
        children: textRuns(ccText(input.cc), style),
      }),
    );
  }
  if (hasPrintLine) {
    const rightTab = PAGE.typeWidth - ONE_CHAR;
    const text = [input.printer?.trim() ?? '', input.printDate ? printDateText(input.printDate) : ''].join('\t');
    out.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        indent: { left: ONE_CHAR, right: ONE_CHAR, firstLine: 0 },
        tabStops: [{ type: TabStopType.RIGHT, position: rightTab }],
        ...(lines ? { border: { ...(input.cc?.trim() ? {} : { top: THICK }), bottom: THICK } } : {}),
        children: textRuns(text, style),
      }),
    );
  }
  return out;
}
