import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORM_COLUMNS, FORM_LETTER, FORM_SHEET, HEADER_ROW, META_SHEET } from '../../src/progress/form-layout.js';
import { formBytes, writeForms, type WrittenForm } from '../../src/progress/form-write.js';
import { readFilledForm } from '../../src/progress/form-read.js';
import { ensurePeriod, findUnit, openDatabase, parsePeriodId, registerNotice, unitTasks, type Db } from '../../src/store/index.js';
import { fixtureNotice } from '../helpers/progress-fixtures.js';

let db: Db;
let noticeId: number;
let forms: WrittenForm[];
let dir: string;

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return wb;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-forms-'));
  db = openDatabase(join(dir, 'duban.db'));
  noticeId = registerNotice(db, fixtureNotice()).id;
  forms = await writeForms(db, noticeId, ensurePeriod(db, parsePeriodId('2014-Q1')), join(dir, 'forms'));
});

describe('feedback forms', () => {
  it('writes one form per receiving unit, collectives expanded, named 单位-期别.xlsx', () => {
    const units = forms.map((f) => f.unit);
    expect(units).toContain('鄂城区');
    expect(units).toContain('梁子湖区');
    expect(units).toContain('古楼街道');
    expect(units).not.toContain('各区');
    expect(new Set(units).size).toBe(units.length);
    expect(readdirSync(join(dir, 'forms')).sort()).toEqual(forms.map((f) => basename(f.file)).sort());
    expect(basename(forms.find((f) => f.unit === '市工商局')!.file)).toBe('市工商局-2014-Q1.xlsx');
  });

  it('shows the unit, period, due date and instructions above the table, and one row block per task', async () => {
    const f = forms.find((x) => x.unit === '市发改委')!;
    const wb = await load(f.file);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    expect(String(ws.getCell('A1').value)).toBe('2014年第一季度工作任务进展情况反馈表');
    expect(String(ws.getCell('A2').value)).toBe('通知：鄂州政办发〔2014〕4号');
    expect(String(ws.getCell('A3').value)).toBe('填报单位：市发改委');
    expect(String(ws.getCell('E3').value)).toContain('2014-Q1');
    expect(String(ws.getCell('I3').value)).toBe('报送截止：2014年4月5日');
    const help = String(ws.getCell('A4').value);
    expect(help).toContain('滞后原因');
    expect(help).toContain('完成进度须为 100');
    expect(FORM_COLUMNS.map((_c, i) => ws.getRow(HEADER_ROW).getCell(i + 1).value)).toEqual([
      '任务序号', '任务名称', '承担角色', '量化指标', '状态', '完成进度(%)', '指标完成值', '进展情况', '取得的成绩和经验', '存在的问题',
      '拟采取的措施', '滞后原因', '填报日期',
    ]);
    // 市发改委 holds tasks 1 (support), 9 (lead, 2 targets), 11 (lead, 3 targets), 20 (support, 1 target).
    const col = (key: keyof typeof FORM_LETTER, row: number) => ws.getCell(`${FORM_LETTER[key]}${row}`).value;
    expect([6, 7, 9, 12].map((r) => col('taskNo', r))).toEqual([1, 9, 11, 20]);
    expect([6, 7, 9, 12].map((r) => col('role', r))).toEqual(['配合', '牵头', '牵头', '配合']);
    expect([7, 8].map((r) => col('targets', r))).toEqual(['高新技术产业增加值增长16%', '占全市GDP比重达14.5%']);
    expect(col('targets', 6)).toBe('无量化指标');
    expect(ws.getCell('E8').isMerged && ws.getCell('E8').master.address).toBe('E7');
    expect(ws.getCell('G8').isMerged).toBe(false);
  });

  it('offers drop-downs and validation, and leaves only the fill-in cells unlocked on a protected sheet', async () => {
    const wb = await load(forms.find((x) => x.unit === '市发改委')!.file);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    expect(ws.getCell('E7').dataValidation).toMatchObject({ type: 'list', formulae: ['"未启动,推进中,已完成,滞后"'] });
    expect(ws.getCell('F7').dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 100] });
    expect(ws.getCell('G7').dataValidation).toMatchObject({ type: 'decimal' });
    expect(ws.getCell('M7').dataValidation).toMatchObject({ type: 'date' });
    for (const c of FORM_COLUMNS) {
      const locked = ws.getCell(`${FORM_LETTER[c.key]}7`).protection?.locked !== false;
      expect(locked, c.header).toBe(!c.fill);
    }
    // Task 1 has no target: its 指标完成值 cell stays locked.
    expect(ws.getCell('G6').protection?.locked).not.toBe(false);
    const xml = strFromU8(unzipSync(readFileSync(forms[0]!.file))['xl/worksheets/sheet1.xml']!);
    expect(xml).toMatch(/<sheetProtection sheet="1"/);
    expect(xml).not.toMatch(/hashValue|password/);
    expect(xml).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"/);
    expect(xml).toMatch(/<pane[^>]*ySplit="5"[^>]*state="frozen"/);
    expect(ws.getColumn(8).width).toBeGreaterThan(20);
    expect(ws.getCell('H6').alignment?.wrapText).toBe(true);
  });

  it('keeps the identity in a very hidden metadata sheet, per row', async () => {
    const f = forms.find((x) => x.unit === '鄂城区')!;
    const wb = await load(f.file);
    const meta = wb.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    const form = readFilledForm(f.file, readFileSync(f.file));
    expect(form.identity).toMatchObject({ notice: '鄂州政办发〔2014〕4号', unit: '鄂城区', period: '2014-Q1', version: 1, source: 'metadata' });
    const held = unitTasks(db, noticeId, findUnit(db, '鄂城区')!.id);
    expect(form.blocks.map((b) => b.taskNo)).toEqual(held.map((t) => t.no));
    expect(form.blocks.map((b) => b.rows.length)).toEqual(held.map((t) => Math.max(1, t.targets.length)));
  });

  it('is byte-identical for identical input', async () => {
    const spec = {
      noticeKey: '鄂州政办发〔2014〕4号',
      noticeHash: 'x',
      unit: '市发改委',
      period: parsePeriodId('2014-Q2'),
      tasks: unitTasks(db, noticeId, findUnit(db, '市发改委')!.id),
    };
    const a = await formBytes(spec);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await formBytes(spec);
    expect(a.equals(b)).toBe(true);
    const other = await formBytes({ ...spec, unit: '市商务局' });
    expect(a.equals(other)).toBe(false);
  });
});
