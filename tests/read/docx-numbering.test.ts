import { describe, expect, it } from 'vitest';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { readSourceBytes } from '../../src/read/index.js';
import { formatNumber } from '../../src/read/docx-numbering.js';
import { parseSource } from '../../src/parse/notice.js';
import { emptyUnitDirectory } from '../../src/units/index.js';

/** A notice typed in Word whose chapters and tasks carry automatic list numbers, not typed ones. */
async function numberedNotice(): Promise<Uint8Array> {
  const para = (text: string, level?: number, reference = 'tasks') =>
    new Paragraph({ children: [new TextRun(text)], ...(level === undefined ? {} : { numbering: { reference, level } }) });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'tasks',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          para('某市人民政府办公室关于印发重点工作任务分解方案的通知'),
          para('稳增长', 0),
          para('地区生产总值增长6%。（牵头单位：市发改委；配合单位：市统计局）', 1),
          para('固定资产投资增长8%。（牵头单位：市发改委）', 1),
          para('惠民生', 0),
          para('新增城镇就业2万人。（牵头单位：市人社局）', 1),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('DOCX automatic list numbers', () => {
  it('renders numbers Word computes in front of the text, so the parser sees chapters and tasks', async () => {
    const source = await readSourceBytes('numbered.docx', await numberedNotice());
    expect(source.lines.filter((l) => /^(一|二|\d)/.test(l))).toEqual([
      '一、稳增长',
      '1.地区生产总值增长6%。（牵头单位：市发改委；配合单位：市统计局）',
      '2.固定资产投资增长8%。（牵头单位：市发改委）',
      '二、惠民生',
      '1.新增城镇就业2万人。（牵头单位：市人社局）',
    ]);
    const n = parseSource(source, emptyUnitDirectory());
    expect(n.tasks.map((t) => `${t.chapter}${t.label}:${t.units.map((u) => u.raw).join('、')}`)).toEqual(['一1:市发改委、市统计局', '一2:市发改委', '二1:市人社局']);
  });

  it('formats counters as Word does', () => {
    expect([1, 10, 11, 20, 23].map((n) => formatNumber(n, 'chineseCounting'))).toEqual(['一', '十', '十一', '二十', '二十三']);
    expect(formatNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatNumber(4, 'upperRoman')).toBe('IV');
    expect(formatNumber(2, 'bullet')).toBe('');
  });
});
