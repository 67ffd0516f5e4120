/**
 * A chart block: its title as a centred line of text, then the chart as a picture whose
 * alternative text lists the data, or, where no picture can be drawn, the data as a table, so
 * that the words are in the document either way.
 */
import { AlignmentType, ImageRun, Paragraph, type Table } from './lib.js';
import type { Block, ChartBlock } from '../../model/doc.js';
import { qrPng } from '../qr.js';
import { xmlSafe } from '../../util/xml-safe.js';
import { chartImage, formatValue } from './chart-image.js';
import { textRuns } from './text.js';
import { tableOf } from './table.js';

/** Pictures are 150 mm wide at 96 px/inch, and at most 200 mm high. */
const DISPLAY_WIDTH_PX = Math.round((150 / 25.4) * 96);
const DISPLAY_MAX_HEIGHT_PX = Math.round((200 / 25.4) * 96);

/** The alternative text of the picture: 标签：数值；… */
export function chartDescription(chart: ChartBlock): string {
  return chart.data.map((d) => `${d.label}：${formatValue(d.value, chart.unit)}`).join('；');
}

function dataTable(chart: ChartBlock): Table {
  return tableOf({
    type: 'table',
    widths: [3, 1],
    header: [[{ text: '项目' }, { text: chart.unit ? `数值（${chart.unit}）` : '数值' }]],
    rows: chart.data.map((d) => [{ text: d.label }, { text: formatValue(d.value, undefined), align: 'right' as const }]),
  });
}

export function chartChildren(chart: ChartBlock, drawingId: number): (Paragraph | Table)[] {
  const title = chart.title
    ? [new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, keepNext: true, children: textRuns(chart.title) })]
    : [];
  const image = chartImage(chart);
  if (!image) return [...title, dataTable(chart)];
  const scale = Math.min(DISPLAY_WIDTH_PX / image.width, DISPLAY_MAX_HEIGHT_PX / image.height);
  const picture = new ImageRun({
    type: 'png',
    data: image.png,
    transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
    altText: { id: String(drawingId), name: `chart${drawingId}`, title: xmlSafe(chart.title), description: xmlSafe(chartDescription(chart)) },
  });
  return [...title, new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [picture] })];
}

/** A QR code 3.5 cm wide, the caption and the link under it, all flush left. */
export function qrChildren(q: Extract<Block, { type: 'qr' }>, drawingId: number): Paragraph[] {
  const { png, width } = qrPng(q.data, 6);
  const px = Math.round((35 / 25.4) * 96);
  const picture = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: px, height: px },
    altText: { id: String(drawingId), name: `qr${drawingId}`, title: xmlSafe(q.caption || '二维码'), description: xmlSafe(q.data) },
  });
  void width;
  return [
    new Paragraph({ alignment: AlignmentType.LEFT, indent: { firstLine: 0, left: 640 }, keepNext: true, children: [picture] }),
    ...(q.caption ? [new Paragraph({ alignment: AlignmentType.LEFT, indent: { firstLine: 0, left: 640 }, keepNext: true, children: textRuns(q.caption) })] : []),
    new Paragraph({ alignment: AlignmentType.LEFT, indent: { firstLine: 0, left: 640 }, children: textRuns(q.data) }),
  ];
}
