/**
 * Charts for the DOCX writer as PNG pictures, drawn with @napi-rs/canvas and Noto Sans SC.
 * The canvas package is optional (today it comes only with pdfjs-dist), so it is loaded on
 * first use and its absence is an answer, not an error: `chartPng` then returns null and the
 * writer puts the data in a table instead. The picture holds no title; the document prints the
 * title as text above it. Bars are horizontal because unit names are long.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ChartBlock, ChartDatum } from '../../model/doc.js';
import { BAR_COLOR, datumColors } from '../chart-palette.js';

/** The part of @napi-rs/canvas used here, typed locally so nothing depends on its types. */
interface Ctx2D {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  textAlign: 'left' | 'right' | 'center';
  textBaseline: 'middle' | 'alphabetic' | 'top';
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  measureText(text: string): { width: number };
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  closePath(): void;
  fill(): void;
  stroke(): void;
}
interface CanvasLike {
  getContext(kind: '2d'): Ctx2D;
  toBuffer(mime: 'image/png'): Buffer;
}
interface CanvasModule {
  createCanvas(width: number, height: number): CanvasLike;
  GlobalFonts: { registerFromPath(path: string, alias?: string): unknown };
}

const FAMILY = 'DubanChartSans';
const FONT_FILE = '400Regular/NotoSansSC_400Regular.ttf';
const WIDTH = 1600;
const MAX_ITEMS = 40;

let loaded: CanvasModule | null | undefined;

/**
 * Loads the canvas library without its scan of every font on the system: charts are drawn in
 * Noto Sans SC alone, registered below. The scan was a third of a circular's chart (more on an
 * office PC with hundreds of fonts), and without it a picture cannot depend on the fonts of
 * the machine that drew it.
 */
function withoutSystemFonts<T>(load: () => T): T {
  const before = process.env.DISABLE_SYSTEM_FONTS_LOAD;
  process.env.DISABLE_SYSTEM_FONTS_LOAD = '1';
  try {
    return load();
  } finally {
    if (before === undefined) delete process.env.DISABLE_SYSTEM_FONTS_LOAD;
    else process.env.DISABLE_SYSTEM_FONTS_LOAD = before;
  }
}

function canvasModule(): CanvasModule | null {
  if (loaded !== undefined) return loaded;
  try {
    const require = createRequire(import.meta.url);
    const mod = withoutSystemFonts(() => require('@napi-rs/canvas') as CanvasModule);
    const fontDir = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    loaded = mod.GlobalFonts.registerFromPath(join(fontDir, FONT_FILE), FAMILY) ? mod : null;
  } catch {
    loaded = null;
  }
  return loaded;
}

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

type Colored = ChartDatum & { color: string };

/** The data drawn, each with its colour from the shared palette (given before any is left out, as the PDF does). */
function usable(data: readonly ChartDatum[], kind: ChartBlock['kind']): Colored[] {
  const colors = datumColors(data);
  return data
    .map((d, i) => ({ ...d, color: colors[i]! }))
    .filter((d) => Number.isFinite(d.value) && (kind === 'bar' || d.value > 0))
    .slice(0, MAX_ITEMS);
}

export function formatValue(value: number, unit: string | undefined): string {
  const v = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return `${v}${unit ?? ''}`;
}

function fitText(g: Ctx2D, text: string, maxWidth: number): string {
  if (g.measureText(text).width <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && g.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

function drawBars(mod: CanvasModule, chart: ChartBlock, data: Colored[]): ChartImage {
  const row = 64;
  const top = 40;
  const height = top * 2 + row * data.length;
  const canvas = mod.createCanvas(WIDTH, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, WIDTH, height);
  g.font = `30px ${FAMILY}`;
  g.textBaseline = 'middle';
  const labelWidth = Math.min(520, Math.max(...data.map((d) => g.measureText(d.label).width)) + 24);
  const valueWidth = Math.max(...data.map((d) => g.measureText(formatValue(d.value, chart.unit)).width)) + 24;
  const plotLeft = labelWidth + 16;
  const plotWidth = WIDTH - plotLeft - valueWidth - 24;
  const min = Math.min(0, ...data.map((d) => d.value));
  const max = Math.max(0, ...data.map((d) => d.value));
  const span = max - min || 1;
  const zeroX = plotLeft + ((0 - min) / span) * plotWidth;
  data.forEach((d, i) => {
    const y = top + i * row;
    const x1 = plotLeft + ((Math.min(0, d.value) - min) / span) * plotWidth;
    const w = (Math.abs(d.value) / span) * plotWidth;
    g.fillStyle = BAR_COLOR;
    g.fillRect(x1, y + 10, Math.max(1, w), row - 20);
    g.fillStyle = '#000000';
    g.textAlign = 'right';
    g.fillText(fitText(g, d.label, labelWidth - 24), labelWidth, y + row / 2);
    g.textAlign = 'left';
    g.fillText(formatValue(d.value, chart.unit), x1 + Math.max(1, w) + 12, y + row / 2);
  });
  g.strokeStyle = '#000000';
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(zeroX, top - 8);
  g.lineTo(zeroX, height - top + 8);
  g.stroke();
  return { png: canvas.toBuffer('image/png'), width: WIDTH, height };
}

function drawPie(mod: CanvasModule, chart: ChartBlock, data: Colored[]): ChartImage {
  const legendRow = 56;
  const height = Math.max(560, 80 + legendRow * data.length);
  const canvas = mod.createCanvas(WIDTH, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, WIDTH, height);
  const total = data.reduce((s, d) => s + d.value, 0);
  const r = 240;
  const cx = 40 + r;
  const cy = height / 2;
  let angle = -Math.PI / 2;
  g.font = `30px ${FAMILY}`;
  g.textBaseline = 'middle';
  data.forEach((d, i) => {
    const sweep = (d.value / total) * Math.PI * 2;
    g.fillStyle = d.color;
    g.beginPath();
    g.moveTo(cx, cy);
    g.arc(cx, cy, r, angle, angle + sweep);
    g.closePath();
    g.fill();
    angle += sweep;
    const y = 40 + legendRow * i + legendRow / 2;
    const x = cx + r + 80;
    g.fillRect(x, y - 14, 28, 28);
    g.fillStyle = '#000000';
    g.textAlign = 'left';
    const pct = `${Math.round((d.value / total) * 1000) / 10}%`;
    g.fillText(fitText(g, `${d.label}  ${formatValue(d.value, chart.unit)}（${pct}）`, WIDTH - x - 60), x + 44, y);
  });
  return { png: canvas.toBuffer('image/png'), width: WIDTH, height };
}

/** The chart as a PNG with its pixel size, or null when it cannot be drawn here. */
export function chartImage(chart: ChartBlock): ChartImage | null {
  const data = usable(chart.data, chart.kind);
  if (data.length === 0) return null;
  const mod = canvasModule();
  if (!mod) return null;
  try {
    return chart.kind === 'pie' ? drawPie(mod, chart, data) : drawBars(mod, chart, data);
  } catch {
    return null;
  }
}

export function chartPng(chart: ChartBlock): Buffer | null {
  return chartImage(chart)?.png ?? null;
}
