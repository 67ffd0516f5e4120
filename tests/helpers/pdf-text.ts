/**
 * Reads a PDF back for tests: per page, the text items with position (points from the page's
 * top-left, y at the baseline), size and real font name, grouped into lines; and the fill colour
 * each piece of text was painted with. Uses pdfjs-dist's legacy build without a worker.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfItem {
  str: string;
  x: number;
  /** Baseline, measured from the top of the page. */
  y: number;
  width: number;
  size: number;
  font: string;
}

export interface PdfLine {
  y: number;
  x: number;
  right: number;
  text: string;
  size: number;
  items: PdfItem[];
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  lines: PdfLine[];
  /** Text shown with each fill colour (#rrggbb), in stream order. */
  colouredText: { color: string; text: string }[];
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const task = getDocument({ data: new Uint8Array(bytes), disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  const pages: PdfPage[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const ops = await page.getOperatorList();
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const raw of content.items as TextItemLike[]) {
        if (!('str' in raw) || raw.str === '') continue;
        const [a, b, , , e, f] = raw.transform as [number, number, number, number, number, number];
        const fontObj = page.commonObjs.has(raw.fontName) ? (page.commonObjs.get(raw.fontName) as { name?: string }) : undefined;
        items.push({ str: raw.str, x: e, y: view.height - f, width: raw.width, size: Math.hypot(a, b), font: fontObj?.name ?? raw.fontName });
      }
      pages.push({ width: view.width, height: view.height, items, lines: groupLines(items), colouredText: colouredText(ops) });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

function groupLines(items: PdfItem[]): PdfLine[] {
  const sorted = [...items].sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: PdfLine[] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) < 0.5);
    if (line) line.items.push(it);
    else lines.push({ y: it.y, x: 0, right: 0, text: '', size: it.size, items: [it] });
  }
  for (const l of lines) {
    l.items.sort((p, q) => p.x - q.x);
    l.x = l.items[0]!.x;
    l.right = Math.max(...l.items.map((i) => i.x + i.width));
    l.text = l.items.map((i) => i.str).join('');
    l.size = Math.max(...l.items.map((i) => i.size));
  }
  return lines.sort((p, q) => p.y - q.y);
}

function colouredText(ops: { fnArray: number[]; argsArray: unknown[] }): { color: string; text: string }[] {
  const out: { color: string; text: string }[] = [];
  let color = '#000000';
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.setFillRGBColor) color = String(args[0]);
    if (fn === OPS.showText || fn === OPS.showSpacedText) {
      const glyphs = args[0] as unknown[];
      const text = glyphs
        .map((g) => (g && typeof g === 'object' && 'unicode' in g ? String((g as { unicode: string }).unicode) : ''))
        .join('');
      out.push({ color, text });
    }
  });
  return out;
}
