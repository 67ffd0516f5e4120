/**
 * One chart palette for both writers: in the circular's pie chart every status has the same
 * colour in the PDF (vector sectors and legend) and in the DOCX (the PNG picture), colours
 * follow the 红黄绿 meaning (on schedule green, behind red), and on schedule is never red.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ChartBlock, DocTree } from '../../src/model/doc.js';
import { CHART_COLORS, datumColors } from '../../src/render/chart-palette.js';
import { chartImage } from '../../src/render/docx/chart-image.js';
import { loadFonts } from '../../src/render/fonts/fonts.js';
import { layoutDocument } from '../../src/render/layout/document.js';

const require = createRequire(import.meta.url);
const canvas = require('@napi-rs/canvas') as {
  createCanvas(w: number, h: number): { getContext(k: '2d'): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
  loadImage(b: Buffer): Promise<{ width: number; height: number }>;
};

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();

/** The circular's pie as templates/circular.hbs writes it (every status present, and with some absent). */
const pie = (labels: string[]): ChartBlock => ({ type: 'chart', kind: 'pie', title: '2014年第一季度任务进展状态', unit: '项', data: labels.map((label, i) => ({ label, value: 3 + i })) });
const ALL = ['已完成', '按序时推进', '滞后', '未启动', '未报送'];

function pdfColors(chart: ChartBlock): { sectors: string[]; legend: string[] } {
  const tree: DocTree = { profile: 'file', meta: { title: 't', author: 'a', date: '2014-04-10' }, blocks: [chart] };
  const items = layoutDocument(tree, loadFonts({ systemFonts: false })).pages.flatMap((p) => p.items);
  return {
    sectors: items.flatMap((i) => (i.kind === 'sector' ? [i.fill.toUpperCase()] : [])),
    legend: items.flatMap((i) => (i.kind === 'rect' && i.fill ? [i.fill.toUpperCase()] : [])),
  };
}

/** Colour of each legend square of the DOCX picture (drawImage/getImageData on the PNG). */
async function docxLegendColors(chart: ChartBlock): Promise<string[]> {
  const img = chartImage(chart)!;
  expect(img).not.toBeNull();
  const pic = await canvas.loadImage(img.png);
  const g = canvas.createCanvas(pic.width, pic.height).getContext('2d');
  g.drawImage(pic, 0, 0);
  // drawPie: legend squares of 28 px at x = 40 + 2r + 80 (r = 240), rows of 56 px from y = 40.
  return chart.data.map((_, i) => {
    const d = g.getImageData(600 + 14, 40 + 56 * i + 28, 1, 1).data;
    return hex(d[0]!, d[1]!, d[2]!);
  });
}

describe('chart palette', () => {
  it('gives the statuses their 红黄绿 meaning, on schedule never red', () => {
    const colors = datumColors(ALL.map((label) => ({ label })));
    expect(colors).toEqual([CHART_COLORS.done, CHART_COLORS.onSchedule, CHART_COLORS.behind, CHART_COLORS.notStarted, CHART_COLORS.notReported]);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(CHART_COLORS.onSchedule.slice(i, i + 2), 16)) as [number, number, number];
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);
    // Without 已完成 the colours do not shift: a status keeps its colour whatever else is shown.
    expect(datumColors([{ label: '按序时推进' }, { label: '滞后' }])).toEqual([CHART_COLORS.onSchedule, CHART_COLORS.behind]);
  });

  it.each([[ALL], [['按序时推进', '滞后', '未报送']]])('DOCX picture and PDF chart colour each series alike: %j', async (labels) => {
    const chart = pie(labels);
    const pdf = pdfColors(chart);
    const docx = await docxLegendColors(chart);
    expect(pdf.sectors).toEqual(pdf.legend);
    expect(docx).toEqual(pdf.legend);
    const onSchedule = labels.indexOf('按序时推进');
    expect(pdf.legend[onSchedule]).toBe(CHART_COLORS.onSchedule.toUpperCase());
    expect(docx[onSchedule]).not.toBe(CHART_COLORS.behind.toUpperCase());
  });
});
