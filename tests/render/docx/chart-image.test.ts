import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ChartBlock } from '../../../src/model/doc.js';
import { chartImage } from '../../../src/render/docx/chart-image.js';

/**
 * Chart pictures are drawn with the font registered for them alone: the canvas library is loaded
 * without its scan of the system's fonts, so a picture is the same on every machine and loading
 * does not pay for that scan. (On a machine without system fonts the family check holds anyway.)
 */

interface Families {
  GlobalFonts: { families: { family: string }[] };
}

const chart: ChartBlock = {
  type: 'chart',
  kind: 'bar',
  title: '各单位完成率',
  unit: '%',
  data: [
    { label: '市监察局', value: 80 },
    { label: '市财政局', value: 45.5 },
  ],
};

describe('chart pictures', () => {
  it('are drawn as PNG with only the chart font known to the canvas, leaving the environment as it was', () => {
    const before = process.env.DISABLE_SYSTEM_FONTS_LOAD;
    const image = chartImage(chart);
    expect(image).not.toBeNull();
    expect(image!.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(process.env.DISABLE_SYSTEM_FONTS_LOAD).toBe(before);
    const canvas = createRequire(import.meta.url)('@napi-rs/canvas') as Families;
    // The registered file's own family name and the alias it was registered under, nothing else.
    expect(canvas.GlobalFonts.families.map((f) => f.family).sort()).toEqual(['DubanChartSans', 'Noto Sans SC']);
  });

  it('are the same bytes when drawn again', () => {
    expect(chartImage(chart)!.png.equals(chartImage(chart)!.png)).toBe(true);
  });
});
