import type { Block, ChartBlock, ChartDatum } from '../../model/doc.js';
import { qrMatrix, qrRuns } from '../qr.js';
import type { Face, FontSet } from '../fonts/fonts.js';
import { plainRun, type DrawItem } from './display.js';
import { printable } from './printable.js';
import { AREA_HEIGHT, AREA_LEFT, AREA_WIDTH, BLACK, EM_ASCENT, GRID_LINES, LINE_PITCH, SIZE, lineTop } from './geometry.js';
import type { Pager } from './pager.js';

import { BAR_COLOR, datumColors } from '../chart-palette.js';

const LABEL_SIZE = SIZE.xiaosi;
const TITLE_SIZE = SIZE.si;
const ROW = 22;
const MIN_ROW = 13;

/**
 * Charts drawn as vector paths in a box of whole grid lines: a horizontal bar chart (labels on
 * the left, so that long unit names stay readable, values at the bar ends, a value axis below)
 * or a pie with a legend giving each share. A bar chart too long for one page continues on the
 * next with （续） after its title.
 */
export function placeChart(c: ChartBlock, pager: Pager, fonts: FontSet): void {
  if (c.kind === 'pie') placePie(c, pager, fonts);
  else placeBars(c, pager, fonts);
}

function textWidth(face: Face, text: string, size: number): number {
  let w = 0;
  for (const ch of printable(text, (cp) => face.has(cp))) w += face.advance(ch.codePointAt(0)!) * size;
  return w;
}

function formatValue(v: number, unit: string | undefined): string {
  const s = Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  return `${s}${unit ?? ''}`;
}

/** Reserves whole grid lines for a box of `height` pt and returns its top edge. */
function reserve(pager: Pager, height: number): number {
  const lines = Math.min(GRID_LINES, Math.ceil(height / LINE_PITCH - 1e-6));
  pager.ensure(lines);
  if (pager.line >= GRID_LINES) pager.newPage();
  const top = lineTop(pager.line);
  pager.line = Math.min(GRID_LINES, pager.line + lines);
  return top;
}

function titleRun(fonts: FontSet, title: string, top: number): DrawItem {
  const face = fonts.faces.heiti;
  const w = textWidth(face, title, TITLE_SIZE);
  return plainRun(face, title, TITLE_SIZE, AREA_LEFT + (AREA_WIDTH - w) / 2, top + (LINE_PITCH - TITLE_SIZE) / 2 + EM_ASCENT * TITLE_SIZE, BLACK);
}

function placeBars(c: ChartBlock, pager: Pager, fonts: FontSet): void {
  const face = fonts.faces.fangsong;
  const axisHeight = 24;
  const fixed = LINE_PITCH + axisHeight + 6;
  const perPage = Math.max(1, Math.floor((AREA_HEIGHT - fixed) / MIN_ROW));
  const rowHeight = c.data.length * ROW + fixed <= AREA_HEIGHT ? ROW : Math.max(MIN_ROW, (AREA_HEIGHT - fixed) / c.data.length);
  const max = Math.max(0, ...c.data.map((d) => d.value));
  const step = niceStep(max);
  const axisMax = Math.max(step, Math.ceil(max / step) * step);
  const labelWidth = Math.min(AREA_WIDTH * 0.35, Math.max(2 * LABEL_SIZE, ...c.data.map((d) => textWidth(face, d.label, LABEL_SIZE)))) + 8;
  const valueRoom = Math.max(...c.data.map((d) => textWidth(face, formatValue(d.value, c.unit), LABEL_SIZE)), 20) + 8;
  const x0 = AREA_LEFT + labelWidth;
  const plotWidth = AREA_WIDTH - labelWidth - valueRoom;
  for (let start = 0; start < Math.max(1, c.data.length); start += perPage) {
    const chunk = c.data.slice(start, start + perPage);
    const top = reserve(pager, fixed + chunk.length * rowHeight);
    const items = pager.items;
    items.push(titleRun(fonts, start === 0 ? c.title : `${c.title}（续）`, top));
    const plotTop = top + LINE_PITCH;
    const plotBottom = plotTop + chunk.length * rowHeight;
    const bar = Math.min(14, rowHeight * 0.62);
    chunk.forEach((d: ChartDatum, i) => {
      const cy = plotTop + i * rowHeight + rowHeight / 2;
      const baseline = cy - LABEL_SIZE / 2 + EM_ASCENT * LABEL_SIZE;
      const label = fitText(face, d.label, LABEL_SIZE, labelWidth - 8);
      items.push(plainRun(face, label, LABEL_SIZE, x0 - 6 - textWidth(face, label, LABEL_SIZE), baseline, BLACK));
      const w = (Math.max(0, d.value) / axisMax) * plotWidth;
      if (w > 0) items.push({ kind: 'rect', x: x0, y: cy - bar / 2, w, h: bar, fill: BAR_COLOR, stroke: null, lineWidth: 0 });
      items.push(plainRun(face, formatValue(d.value, c.unit), LABEL_SIZE, x0 + w + 4, baseline, BLACK));
    });
    items.push({ kind: 'line', x1: x0, y1: plotTop - 2, x2: x0, y2: plotBottom, width: 0.8, color: BLACK });
    items.push({ kind: 'line', x1: x0, y1: plotBottom, x2: x0 + plotWidth, y2: plotBottom, width: 0.8, color: BLACK });
    const tickSize = 10.5;
    for (let v = 0; v <= axisMax + 1e-9; v += step) {
      const x = x0 + (v / axisMax) * plotWidth;
      items.push({ kind: 'line', x1: x, y1: plotBottom, x2: x, y2: plotBottom + 3, width: 0.6, color: BLACK });
      const t = formatValue(Math.round(v * 1e6) / 1e6, undefined);
      items.push(plainRun(face, t, tickSize, x - textWidth(face, t, tickSize) / 2, plotBottom + 5 + EM_ASCENT * tickSize, BLACK));
    }
  }
}

function placePie(c: ChartBlock, pager: Pager, fonts: FontSet): void {
  const face = fonts.faces.fangsong;
  const legendRow = 20;
  const r = 2.6 * LINE_PITCH;
  const body = Math.max(2 * r + 12, c.data.length * legendRow + 12);
  const top = reserve(pager, LINE_PITCH + Math.min(body, AREA_HEIGHT - LINE_PITCH));
  const items = pager.items;
  items.push(titleRun(fonts, c.title, top));
  const cx = AREA_LEFT + AREA_WIDTH * 0.28;
  const cy = top + LINE_PITCH + 6 + r;
  const total = c.data.reduce((s, d) => s + Math.max(0, d.value), 0);
  if (total <= 0) {
    items.push({ kind: 'sector', cx, cy, r, from: 0, to: 2 * Math.PI, fill: '#D9D9D9' });
  }
  const colors = datumColors(c.data);
  if (total > 0) {
    let a = 0;
    c.data.forEach((d, i) => {
      const share = Math.max(0, d.value) / total;
      if (share <= 0) return;
      items.push({ kind: 'sector', cx, cy, r, from: a, to: a + share * 2 * Math.PI, fill: colors[i]! });
      a += share * 2 * Math.PI;
    });
  }
  const lx = AREA_LEFT + AREA_WIDTH * 0.56;
  const ly = top + LINE_PITCH + 6 + Math.max(0, (2 * r - c.data.length * legendRow) / 2);
  c.data.forEach((d, i) => {
    const y = ly + i * legendRow;
    items.push({ kind: 'rect', x: lx, y: y + (legendRow - 10) / 2, w: 10, h: 10, fill: colors[i]!, stroke: null, lineWidth: 0 });
    const pct = total > 0 ? `（${(Math.round((Math.max(0, d.value) / total) * 1000) / 10).toFixed(1)}%）` : '';
    const text = fitText(face, `${d.label}  ${formatValue(d.value, c.unit)}${pct}`, LABEL_SIZE, AREA_LEFT + AREA_WIDTH - lx - 16);
    items.push(plainRun(face, text, LABEL_SIZE, lx + 16, y + legendRow / 2 - LABEL_SIZE / 2 + EM_ASCENT * LABEL_SIZE, BLACK));
  });
}

/** Shortens a label with … when it would not fit. */
function fitText(face: Face, text: string, size: number, width: number): string {
  if (textWidth(face, text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(face, `${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** 1, 2 or 5 × 10^n, giving 4–8 ticks. */
export function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** A QR code 4 grid lines high at the left of the type area, its caption and link to the right. */
export function placeQr(q: Extract<Block, { type: 'qr' }>, pager: Pager, fonts: FontSet): void {
  const m = qrMatrix(q.data);
  const lines = 4;
  // One grid line more than the code: a half line of air above and below it.
  const top = reserve(pager, (lines + 1) * LINE_PITCH) + LINE_PITCH / 2 - 3;
  const side = lines * LINE_PITCH - 6;
  const unit = side / m.size;
  const x0 = AREA_LEFT + 2 * SIZE.san;
  const y0 = top + 3;
  for (const r of qrRuns(m)) {
    pager.items.push({ kind: 'rect', x: x0 + r.col * unit, y: y0 + r.row * unit, w: r.len * unit + 0.05, h: unit + 0.05, fill: BLACK, stroke: null, lineWidth: 0 });
  }
  const tx = x0 + side + 14;
  const room = AREA_LEFT + AREA_WIDTH - tx;
  const face = fonts.faces.fangsong;
  let y = top + LINE_PITCH / 2 - LABEL_SIZE / 2 + EM_ASCENT * LABEL_SIZE;
  for (const line of wrapText(face, q.caption, LABEL_SIZE, room)) {
    pager.items.push(plainRun(face, line, LABEL_SIZE, tx, y, BLACK));
    y += LABEL_SIZE * 1.5;
  }
  const small = 9;
  for (const line of wrapText(face, q.data, small, room).slice(0, 3)) {
    pager.items.push(plainRun(face, line, small, tx, y, BLACK));
    y += small * 1.4;
  }
}

function wrapText(face: Face, text: string, size: number, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (cur && textWidth(face, cur + ch, size) > width) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
