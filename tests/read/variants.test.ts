import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/read/index.js';
import { nonEmpty, SEED, taskLines, variant } from './helpers.js';

const seedLines = readFileSync(SEED, 'utf8').split('\n');

describe('the UTF-8 seed', () => {
  it('reads as txt/UTF-8 with one line per file line', async () => {
    const s = await readSource(SEED);
    expect(s.format).toBe('txt');
    expect(s.encoding).toBe('UTF-8');
    expect(s.file).toBe(SEED);
    expect(s.lines).toHaveLength(seedLines.length);
    expect(s.lines[0]).toBe(seedLines[0]);
    // Line 3 carries non-breaking spaces in the file: cleaned to plain spaces, line kept in place.
    expect(seedLines[2]).toContain('\u00a0');
    expect(s.lines[2]).toBe(seedLines[2]!.replace(/\u00a0/g, ' ').trimEnd());
    expect(taskLines(s.lines)).toHaveLength(34);
  });
});

describe('seed variants read to the same notice', async () => {
  const reference = await readSource(SEED);
  const refTasks = taskLines(reference.lines);

  it.each([
    ['ezhou-2014-4.gb18030.txt', 'GB18030'],
    ['ezhou-2014-4.utf16le-bom.txt', 'UTF-16LE'],
    ['ezhou-2014-4.utf16be-bom.txt', 'UTF-16BE'],
  ])('%s is txt in %s with identical lines', async (name, encoding) => {
    const s = await readSource(variant(name));
    expect(s.format).toBe('txt');
    expect(s.encoding).toBe(encoding);
    expect(s.lines).toEqual(reference.lines);
  });

  it('the DOCX has one line per paragraph, identical to the seed', async () => {
    const s = await readSource(variant('ezhou-2014-4.docx'));
    expect(s.format).toBe('docx');
    expect(s.encoding).toBe('UTF-8');
    expect(s.lines).toEqual(reference.lines);
  });

  // Furniture of the generated page: none of it may reach the parser.
  const FURNITURE = [/扫一扫/, /打印/, /关闭/, /字体/, /分享到/, /当前位置/, /上一篇/, /下一篇/, /版权所有/, /ICP备/, /访问者/, /相关文章/, /统计代码/, /请输入关键词/, /网站地图/, /TRS_Editor/, /_hmt/];
  const NAV_ITEMS = ['首页', '政务公开', '新闻中心', '政务服务', '政府文件', '部门文件', '简体版', '繁體版', '手机版', '微信', '微博'];

  it.each([
    ['ezhou-2014-4.html', 'UTF-8'],
    ['ezhou-2014-4.gbk.html', 'GB18030'],
  ])('%s keeps title, metadata and all 34 tasks, and drops the furniture', async (name, encoding) => {
    const s = await readSource(variant(name));
    expect(s.format).toBe('html');
    expect(s.encoding).toBe(encoding);
    const lines = nonEmpty(s.lines);
    expect(taskLines(s.lines)).toEqual(refTasks);
    // Everything of the seed's body (from 各区人民政府… to task 34) arrives, in order.
    const body = nonEmpty(reference.lines).slice(nonEmpty(reference.lines).findIndex((l) => l.startsWith('各区人民政府')), -1);
    const start = lines.indexOf(body[0]!);
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start)).toEqual(body);
    // Title and the metadata the parser needs.
    expect(lines).toContain(reference.lines[0]);
    expect(lines).toContain('索 引 号：011217651/2014-27670 | 文 号：鄂州政办发〔2014〕4号');
    expect(lines).toContain('发布机构：鄂州市政府 | 发布日期：2014年01月28日');
    expect(lines.some((l) => l.startsWith('发布日期：2014-01-28') && l.includes('来源：鄂州市人民政府办公室'))).toBe(true);
    for (const re of FURNITURE) expect(lines.filter((l) => re.test(l)), String(re)).toEqual([]);
    for (const item of NAV_ITEMS) expect(lines, item).not.toContain(item);
  });

  it('UTF-8 and GBK pages give the same lines', async () => {
    const a = await readSource(variant('ezhou-2014-4.html'));
    const b = await readSource(variant('ezhou-2014-4.gbk.html'));
    expect(b.lines).toEqual(a.lines);
  });
});
