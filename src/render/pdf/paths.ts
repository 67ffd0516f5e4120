import type PDFDocument from 'pdfkit';
import type { Box, RuleLine, Sector } from '../layout/display.js';

type Doc = InstanceType<typeof PDFDocument>;

export function drawLine(doc: Doc, l: RuleLine): void {
  doc.save().lineWidth(l.width).strokeColor(l.color).lineCap('butt').moveTo(l.x1, l.y1).lineTo(l.x2, l.y2).stroke().restore();
}

export function drawBox(doc: Doc, b: Box): void {
  doc.save();
  doc.rect(b.x, b.y, b.w, b.h);
  if (b.fill && b.stroke) doc.lineWidth(b.lineWidth).fillAndStroke(b.fill, b.stroke);
  else if (b.fill) doc.fill(b.fill);
  else if (b.stroke) doc.lineWidth(b.lineWidth).stroke(b.stroke);
  doc.restore();
}

/** A pie sector as Bézier arcs of at most 90° each, with a white edge between sectors. */
export function drawSector(doc: Doc, s: Sector): void {
  const point = (a: number): [number, number] => [s.cx + s.r * Math.sin(a), s.cy - s.r * Math.cos(a)];
  doc.save();
  const full = s.to - s.from >= 2 * Math.PI - 1e-9;
  if (!full) doc.moveTo(s.cx, s.cy).lineTo(...point(s.from));
  else doc.moveTo(...point(s.from));
  const pieces = Math.max(1, Math.ceil((s.to - s.from) / (Math.PI / 2)));
  const step = (s.to - s.from) / pieces;
  const k = (4 / 3) * Math.tan(step / 4) * s.r;
  for (let i = 0; i < pieces; i++) {
    const a0 = s.from + i * step;
    const a1 = a0 + step;
    const [x0, y0] = point(a0);
    const [x1, y1] = point(a1);
    // Tangent directions of a clockwise arc (angles from 12 o'clock, y down).
    doc.bezierCurveTo(x0 + k * Math.cos(a0), y0 + k * Math.sin(a0), x1 - k * Math.cos(a1), y1 - k * Math.sin(a1), x1, y1);
  }
  doc.closePath().lineWidth(0.8).fillAndStroke(s.fill, '#FFFFFF');
  doc.restore();
}
