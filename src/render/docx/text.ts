/** Tree runs → docx runs. Every string from the tree enters the document through here. */
import { Tab, TextRun, type IRunOptions } from './lib.js';
import type { FontRole, Run } from '../../model/doc.js';
import { xmlSafe } from '../../util/xml-safe.js';
import { fontOf } from './fonts.js';
import { halfPoints } from './geometry.js';

export interface RunStyle {
  /** Face of runs that do not name one; omitted means the paragraph style's. */
  font?: FontRole;
  sizePt?: number;
  color?: string;
  bold?: boolean;
  /** Horizontal character scale in percent. */
  scale?: number;
}

function runOptions(style: RunStyle, font: FontRole | undefined, bold: boolean | undefined): IRunOptions {
  const face = font ?? style.font;
  const b = bold ?? style.bold;
  return {
    ...(face ? { font: fontOf(face) } : {}),
    ...(style.sizePt ? { size: halfPoints(style.sizePt), sizeComplexScript: halfPoints(style.sizePt) } : {}),
    ...(style.color ? { color: style.color } : {}),
    ...(b ? { bold: true, boldComplexScript: true } : {}),
    ...(style.scale && style.scale !== 100 ? { scale: style.scale } : {}),
  };
}

/** Tabs inside a line become w:tab (a literal tab in w:t is only a space to Word). */
function lineChildren(line: string): (string | Tab)[] {
  return line.split('\t').flatMap((part, i) => (i > 0 ? [new Tab(), part] : [part])).filter((c) => c !== '');
}

/** One text with line breaks (\n) as w:br. */
export function textRuns(text: string, style: RunStyle = {}, font?: FontRole, bold?: boolean): TextRun[] {
  const options = runOptions(style, font, bold);
  return xmlSafe(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ ...options, children: lineChildren(line), ...(i > 0 ? { break: 1 } : {}) }));
}

export function treeRuns(runs: readonly Run[], style: RunStyle = {}): TextRun[] {
  return runs.flatMap((r) => textRuns(r.text, style, r.font, r.bold));
}
