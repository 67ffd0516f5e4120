/**
 * The one chart palette of both writers (PDF vector charts in layout/chart.ts, DOCX pictures in
 * docx/chart-image.ts), so that a series has the same colour in the PDF and the DOCX of a
 * document. Colours carry the 红黄绿 meaning of the supervision office's lights: on schedule is
 * green (never red), behind is red, not started is amber, done is blue, not reported is grey.
 * A label with no fixed meaning takes the next colour of SERIES by its place in the chart,
 * skipping colours that carry a meaning, so that it cannot be mistaken for one.
 */
import type { ChartDatum } from '../model/doc.js';

export const CHART_COLORS = {
  done: '#2F5597',
  onSchedule: '#3A8E3A',
  behind: '#C00000',
  notStarted: '#E6A117',
  notReported: '#8C8C8C',
} as const;

/** Status labels (templates/circular.hbs, status rules) and light names → their colour. */
const BY_LABEL: Record<string, string> = {
  已完成: CHART_COLORS.done,
  完成: CHART_COLORS.done,
  按序时推进: CHART_COLORS.onSchedule,
  按进度推进: CHART_COLORS.onSchedule,
  正常推进: CHART_COLORS.onSchedule,
  推进中: CHART_COLORS.onSchedule,
  绿灯: CHART_COLORS.onSchedule,
  滞后: CHART_COLORS.behind,
  红灯: CHART_COLORS.behind,
  黄灯: CHART_COLORS.notStarted,
  未启动: CHART_COLORS.notStarted,
  未报送: CHART_COLORS.notReported,
};

/** Colours for labels without a meaning: sober, distinct in grey print, none red, amber or green. */
export const SERIES = ['#2F5597', '#5B9BD5', '#7030A0', '#264478', '#9E480E', '#A5A5A5', '#4472C4', '#636363', '#997300', '#255E91'];

/** Colour of one bar of a single-series bar chart (a rate, e.g. 按序时进度推进比例): the first series colour. */
export const BAR_COLOR = SERIES[0]!;

/** The colour of each datum of a chart, in order. */
export function datumColors(data: readonly Pick<ChartDatum, 'label'>[]): string[] {
  let next = 0;
  return data.map((d) => BY_LABEL[d.label.trim()] ?? SERIES[next++ % SERIES.length]!);
}
