import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/doc.js';
import { DubanError } from '../../src/model/errors.js';
import { parseMarkup } from '../../src/render/markup/parse.js';
import { collapseWhitespace, normalizePunctuation } from '../../src/render/markup/text.js';
import { sampleMarkup } from './markup-sample.js';

function errorOf(fn: () => unknown): DubanError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('expected a DubanError');
}

const wrap = (inner: string): string => `<doc profile="letter" date="2014-01-13">\n${inner}\n</doc>`;
const blocksOf = (inner: string): Block[] => parseMarkup(wrap(inner), 'x.hbs').blocks;

describe('parseMarkup on the sample 交办函', () => {
  const tree = parseMarkup(sampleMarkup(), 'sample.hbs');

  it('maps every element to its block', () => {
    const types = new Set(tree.blocks.map((b) => b.type));
    for (const t of ['masthead', 'docNumber', 'title', 'recipients', 'heading', 'paragraph', 'table', 'attachmentNote', 'attachmentLabel', 'signature', 'imprint', 'pageBreak', 'blank', 'chart']) {
      expect(types, t).toContain(t);
    }
    expect(tree.profile).toBe('letter');
    expect(tree.meta).toEqual({ title: '关于交办《政府工作报告》主要工作任务的函', author: '鄂州市人民政府办公室', date: '2014-01-13' });
  });

  it('normalises half-width punctuation next to Chinese but keeps numbers', () => {
    const to = tree.blocks.find((b) => b.type === 'recipients');
    expect(to).toEqual({ type: 'recipients', text: '市发改委，市经信委：' });
    const p = tree.blocks.find((b) => b.type === 'paragraph')!;
    expect(p.type === 'paragraph' && p.runs[0]!.text).toBe(
      '根据《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》（鄂州政办发〔2014〕4号），现将你单位牵头负责的工作任务交办如下。全市生产总值增长14.5%，三次产业结构调整为1.8:1，请认真抓好落实。',
    );
  });

  it('splits a heading after its phrase and keeps run-in and inline faces', () => {
    const h1 = tree.blocks.find((b) => b.type === 'heading' && b.level === 1);
    expect(h1).toEqual({
      type: 'heading',
      level: 1,
      runs: [{ text: '一、加强领导、明确目标。' }, { text: '各级政府、各部门要切实加强领导，明确目标任务，充分发挥主动性、积极性和创造性。', font: 'fangsong' }],
    });
    const runIn = tree.blocks.find((b) => b.type === 'paragraph' && b.runs[0]!.font === 'heiti');
    expect(runIn?.type === 'paragraph' && runIn.runs.map((r) => r.font ?? null)).toEqual(['heiti', null]);
    const bold = tree.blocks.find((b) => b.type === 'paragraph' && b.runs[0]!.bold);
    expect(bold?.type === 'paragraph' && bold.runs[0]!.text).toBe('2.创新新型城镇化体制机制。');
    // The newline between </b> and the text vanishes next to Chinese.
    expect(bold?.type === 'paragraph' && bold.runs[1]!.text.startsWith('创新沿江滨湖新区')).toBe(true);
    const h4 = tree.blocks.find((b) => b.type === 'heading' && b.level === 4);
    expect(h4).toEqual({ type: 'heading', level: 4, runs: [{ text: '（1）' }, { text: '工作要求', font: 'kaiti' }] });
  });

  it('reads tables, charts, attachments, signature and imprint', () => {
    const table = tree.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.widths).toEqual([1, 5, 3]);
    expect(table?.type === 'table' && table.header).toEqual([[{ text: '序号' }, { text: '任务' }, { text: '责任单位' }]]);
    expect(table?.type === 'table' && table.rows.at(-1)).toEqual([{ text: '合计', colSpan: 2, align: 'center' }, { text: '5项' }]);
    expect(table?.type === 'table' && table.fontSize).toBe(12);
    const charts = tree.blocks.filter((b) => b.type === 'chart');
    expect(charts[0]).toEqual({
      type: 'chart', kind: 'bar', title: '各单位任务完成率', unit: '%',
      data: [{ label: '市发改委', value: 92.5 }, { label: '市经信委', value: 80 }, { label: '市住建委', value: 45 }],
    });
    expect(charts[1]!.type === 'chart' && charts[1]!.kind).toBe('pie');
    expect(tree.blocks.find((b) => b.type === 'attachmentNote')).toEqual({ type: 'attachmentNote', items: ['任务清单', '进展情况反馈表'] });
    expect(tree.blocks.find((b) => b.type === 'signature')).toEqual({ type: 'signature', organ: '鄂州市人民政府办公室', date: '2014-01-13' });
    expect(tree.blocks.find((b) => b.type === 'imprint')).toEqual({
      type: 'imprint', cc: '市委办公室，市人大常委会办公室', printer: '鄂州市人民政府办公室', printDate: '2014-01-13',
    });
    expect(tree.blocks.find((b) => b.type === 'blank')).toEqual({ type: 'blank', lines: 1 });
    expect(tree.blocks.find((b) => b.type === 'attachmentLabel')).toEqual({ type: 'attachmentLabel', text: '附件1' });
  });

  it('decodes entities', () => {
    const p = tree.blocks.filter((b) => b.type === 'paragraph').at(-1);
    expect(p?.type === 'paragraph' && p.runs[0]!.text).toBe('见台账 & 反馈表 <电子版> ——详见附表。');
  });
});

describe('markup text rules', () => {
  it('collapses a newline to nothing between Chinese and to a space between Latin', () => {
    expect(collapseWhitespace(['  各级政府\n      切实加强 \n领导  '])).toEqual(['各级政府切实加强领导']);
    expect(collapseWhitespace(['Open\n   data'])).toEqual(['Open data']);
    expect(collapseWhitespace(['增长\n  14.5%'])).toEqual(['增长14.5%']);
    expect(collapseWhitespace(['加强', '\n  领导'])).toEqual(['加强', '领导']);
  });

  it('keeps half-width marks inside numbers and Latin text', () => {
    expect(normalizePunctuation('比例1.8:1,人口1,000人')).toBe('比例1.8:1，人口1,000人');
    expect(normalizePunctuation('(责任单位:市工商局、法制办)')).toBe('（责任单位：市工商局、法制办）');
    expect(normalizePunctuation('(1)加强领导')).toBe('（1）加强领导');
    expect(normalizePunctuation('Hello, world (ok)')).toBe('Hello, world (ok)');
    expect(normalizePunctuation('各区人民政府, 开发区管委会')).toBe('各区人民政府，开发区管委会');
  });

  it('parses blank lines, alignment and indents', () => {
    expect(blocksOf('<p indent="0" align="right">落款</p>')).toEqual([{ type: 'paragraph', runs: [{ text: '落款' }], indent: 0, align: 'right' }]);
    expect(blocksOf('<blank/>')).toEqual([{ type: 'blank', lines: 1 }]);
  });
});

describe('markup errors name the line', () => {
  it('rejects unknown elements and attributes', () => {
    const e = errorOf(() => parseMarkup(wrap('<p>正文</p>\n<foo>x</foo>'), 'letter.hbs'));
    expect(e.kind).toBe('config');
    expect(e.toLine()).toBe('letter.hbs 第3行：未知元素 <foo>');
    const a = errorOf(() => parseMarkup(wrap('<p\n  size="3">正文</p>'), 'letter.hbs'));
    expect(a.toLine()).toMatch(/^letter\.hbs 第3行：<p> 没有属性 size/);
  });

  it('rejects broken structure', () => {
    expect(errorOf(() => parseMarkup(wrap('<p>正文</h1>'))).message).toMatch(/结束标签 <\/h1> 与第2行的 <p> 不匹配/);
    expect(errorOf(() => parseMarkup(wrap('<p>正文'))).message).toMatch(/<p> 没有结束标签/);
    expect(errorOf(() => parseMarkup(wrap('<p>A & B</p>'))).message).toMatch(/&amp;/);
    expect(errorOf(() => parseMarkup(wrap('<p>1 < 2</p>'))).message).toMatch(/&lt;/);
    expect(errorOf(() => parseMarkup(wrap('<p>x</p>\n<!-- 未结束'))).message).toMatch(/注释/);
    expect(errorOf(() => parseMarkup('<p>正文</p>')).message).toMatch(/<doc/);
    expect(errorOf(() => parseMarkup(wrap('散落的文字'))).place.line).toBe(2);
  });

  it('checks attribute values', () => {
    expect(errorOf(() => parseMarkup('<doc profile="memo" date="2014-01-13"></doc>')).message).toMatch(/profile/);
    expect(errorOf(() => parseMarkup('<doc profile="letter" date="1月13日"></doc>')).message).toMatch(/date/);
    expect(errorOf(() => parseMarkup(wrap('<chart type="bar" title="t"><datum label="a" value="多"/></chart>'))).message).toMatch(/value 应为数字/);
    expect(errorOf(() => parseMarkup(wrap('<table widths="1,x"><tbody><tr><td>a</td></tr></tbody></table>'))).message).toMatch(/widths/);
    expect(errorOf(() => parseMarkup(wrap('<table widths="1"><tbody><tr><td>a</td><td>b</td></tr></tbody></table>'))).message).toMatch(/2 列/);
    expect(errorOf(() => parseMarkup(wrap('<signature organ="x"/>'))).message).toMatch(/缺少属性 date/);
    expect(errorOf(() => parseMarkup(wrap('<title>标题<b>粗</b></title>'))).message).toMatch(/只能有文字/);
    expect(errorOf(() => parseMarkup(wrap('<hei>孤立</hei>'))).message).toMatch(/只能用在/);
  });
});
