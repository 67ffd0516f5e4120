/**
 * The task ledger, read back with exceljs: layout (title, header, frozen rows, print setup,
 * widths), one row per task with the notice's values, and a unit sheet that agrees with it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/model/notice.js';
import { TASK_SHEET, UNIT_SHEET, ledgerTitle, writeLedger } from '../../src/ledger/index.js';
import { MEMBER_INDENT } from '../../src/ledger/rows.js';
import { displayWidth } from '../../src/ledger/sheet-style.js';
import { parseXml, xmlParts } from '../helpers/docx-xml.js';
import { sampleNotice } from '../helpers/sample-notice.js';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

function rowValues(sheet: ExcelJS.Worksheet, r: number, columns: number): (string | number)[] {
  return Array.from({ length: columns }, (_, i) => {
    const v = sheet.getRow(r).getCell(i + 1).value;
    return typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v);
  });
}

const notice = sampleNotice();
const buffer = await writeLedger(notice);
const book = await load(buffer);
const tasks = book.getWorksheet(TASK_SHEET)!;
const units = book.getWorksheet(UNIT_SHEET)!;

describe('writeLedger: 任务台账', () => {
  it('has the two sheets, a merged title row and the header row', () => {
    expect(book.worksheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual(['任务台账', '单位视图']);
    // What the cells do not show travels in a very hidden sheet (for reading the ledger back).
    expect(book.worksheets.filter((s) => s.state !== 'visible').map((s) => [s.name, s.state])).toEqual([['duban', 'veryHidden']]);
    expect(tasks.getCell('A1').value).toBe('市七届人大四次会议《政府工作报告》主要工作任务分解落实意见任务分解台账');
    expect(ledgerTitle(notice)).toBe(tasks.getCell('A1').value);
    expect(tasks.getCell('H1').isMerged).toBe(true);
    expect(tasks.getCell('H1').master.address).toBe('A1');
    expect(rowValues(tasks, 2, 8)).toEqual(['序号', '章节', '任务', '主要内容', '量化指标', '时限', '牵头单位', '配合单位']);
  });

  it('writes one row per task with the notice values', () => {
    expect(tasks.rowCount).toBe(2 + notice.tasks.length);
    expect(rowValues(tasks, 3, 8)).toEqual([
      1,
      '一、大力解放思想，全面深化改革，激活发展内生动力',
      '全面激发市场活力',
      notice.tasks[0]!.text,
      '',
      '',
      '市工商局',
      '市法制办、市商务局、市发改委、市金融办、人行',
    ]);
    const t11 = rowValues(tasks, 6, 8);
    expect(t11[0]).toBe(11);
    expect(t11[1]).toBe('三、实施创新驱动，加快转方式调结构，打造鄂州经济升级版');
    expect(t11[4]).toBe('完成3平方公里配套基础设施建设；新增限上企业40家；旅游总收入突破50亿元');
    expect(t11[5]).toBe('今年；全年');
    expect(t11[7]).toContain('各区、开发区、各街办');
    const t9 = rowValues(tasks, 5, 8);
    expect(t9[4]).toBe('高新技术产业增加值增长16%；占全市GDP比重达14.5%');
    notice.tasks.forEach((t, i) => {
      const row = rowValues(tasks, 3 + i, 8);
      expect(row[0]).toBe(t.no);
      expect(row[2]).toBe(t.title);
      expect(row[3]).toBe(t.text);
      expect(row[5]).toBe(t.deadlines.map((d) => d.text).join('；'));
    });
  });

  it('freezes the two top rows and prints A4 landscape, one page wide, with titles and page numbers', () => {
    for (const sheet of [tasks, units]) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.headerFooter.oddFooter).toContain('&P');
      expect(sheet.headerFooter.oddFooter).toContain('&N');
    }
    const workbookXml = xmlParts(buffer)['xl/workbook.xml']!;
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;任务台账&apos;!$1:$2</definedName>');
  });

  it('fits column widths to the Chinese text and wraps it inside borders', () => {
    const widths = Array.from({ length: 8 }, (_, i) => tasks.getColumn(i + 1).width ?? 0);
    expect(widths.every((w) => w > 0)).toBe(true);
    expect(Math.max(...widths)).toBe(widths[3]);
    expect(widths[6]).toBeGreaterThanOrEqual(displayWidth('市发改委') + 2);
    expect(widths[0]).toBeLessThan(widths[1]!);
    const cell = tasks.getCell('D3');
    expect(cell.alignment.wrapText).toBe(true);
    expect(cell.border.top?.style).toBe('thin');
    expect(cell.font.name).toBe('宋体');
    expect(tasks.getCell('A2').font.name).toBe('黑体');
  });

  it('gives byte-identical files for the same notice, dated by its 成文日期', async () => {
    const again = await writeLedger(sampleNotice());
    expect(Buffer.compare(buffer, again)).toBe(0);
    expect(xmlParts(buffer)['docProps/core.xml']).toContain('2014-01-13T00:00:00Z');
    const dated = await writeLedger(notice, { date: '2014-02-01' });
    expect(xmlParts(dated)['docProps/core.xml']).toContain('2014-02-01T00:00:00Z');
  });
});

describe('writeLedger: 单位视图', () => {
  const header = rowValues(units, 2, 5);
  const rows = Array.from({ length: units.rowCount - 2 }, (_, i) => rowValues(units, 3 + i, 5));
  const byName = new Map(rows.map((r) => [String(r[0]), r]));
  const list = (s: string | number | undefined) => (s ? String(s).split('、').map(Number) : []);

  it('has a row per unit with kind, led and supported tasks and a total', () => {
    expect(header).toEqual(['单位', '类别', '牵头任务', '配合任务', '合计']);
    expect(byName.get('市发改委')).toEqual(['市发改委', '市直部门', '6、9、11', '1、12、19、20', 7]);
    expect(byName.get('人行')?.[1]).toBe('企业');
  });

  it('agrees with the task sheet: every unit of a task lists it in the right column', () => {
    for (let r = 3; r <= tasks.rowCount; r++) {
      const [no, , , , , , lead, support] = rowValues(tasks, r, 8);
      for (const name of String(lead).split('、').filter(Boolean)) expect(list(byName.get(name)?.[2])).toContain(no);
      for (const name of String(support).split('、').filter(Boolean)) expect(list(byName.get(name)?.[3])).toContain(no);
    }
    for (const r of rows) {
      const total = new Set([...list(r[2]), ...list(r[3])]).size;
      expect(r[4]).toBe(total);
    }
  });

  it('shows a collective followed by its members, which carry the collective tasks', () => {
    const i = rows.findIndex((r) => r[0] === '各区');
    expect(rows[i]!.slice(1)).toEqual(['集合称谓', '', '6、9、11', 3]);
    expect(rows.slice(i + 1, i + 4).map((r) => r[0])).toEqual(['鄂城区', '华容区', '梁子湖区'].map((m) => `${MEMBER_INDENT}${m}`));
    for (const m of rows.slice(i + 1, i + 4)) expect(m.slice(1)).toEqual(['各区成员', '', '6、9、11', 3]);
  });
});

describe('writeLedger: hostile unit names', () => {
  const names = ['<script>&"单位"', '🏛️政务服务局', '名'.repeat(300), '控制\u0001字符\u001f单位\u0007\ud800\uffff', "单'引号", ']]>'];

  function hostileNotice(): Notice {
    const n = sampleNotice();
    n.tasks[0]!.units = names.map((name, i) => ({ raw: name, name, role: i === 0 ? 'lead' : 'support' }));
    n.tasks[0]!.text = `正文含控制字符\u0000与\u000b竖排制表${'长'.repeat(40_000)}`;
    n.units.push({ name: names[0]!, kind: 'unknown', fullName: null, lead: [1], support: [] });
    return n;
  }

  it('still writes a package whose XML parses and which exceljs reads', async () => {
    const out = await writeLedger(hostileNotice());
    for (const [path, xml] of Object.entries(xmlParts(out))) expect(() => parseXml(xml), path).not.toThrow();
    const back = await load(out);
    const sheet = back.getWorksheet(TASK_SHEET)!;
    expect(sheet.getCell('G3').value).toBe('<script>&"单位"');
    expect(String(sheet.getCell('H3').value)).toContain('🏛️政务服务局');
    expect(String(sheet.getCell('H3').value)).toContain('名'.repeat(300));
    expect(String(sheet.getCell('H3').value)).toContain('控制字符单位');
    expect(String(sheet.getCell('H3').value)).toContain(']]>');
    const text = String(sheet.getCell('D3').value);
    expect(text.startsWith('正文含控制字符与竖排制表')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(32_767);
    const unitNames = back.getWorksheet(UNIT_SHEET)!.getColumn(1).values.map(String);
    expect(unitNames).toContain('控制字符单位');
    expect(unitNames).toContain('<script>&"单位"');
  });
});

describe('writeLedger: speed', () => {
  it('writes the ledger of a notice quickly', async () => {
    const start = performance.now();
    for (let i = 0; i < 10; i++) await writeLedger(notice);
    const each = (performance.now() - start) / 10;
    console.log(`ledger: ${each.toFixed(1)} ms each`);
    expect(each).toBeLessThan(1000);
  });
});
