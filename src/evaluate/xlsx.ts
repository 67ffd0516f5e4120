/**
 * The evaluation as an Excel workbook for the target office's own checks: the ranking (with a
 * formula that re-adds each unit's lines, so a reviewer sees the sum hold in Excel itself), every
 * score line, every task with its status and targets, and the method. Same input ⇒ same bytes.
 */
import * as ExcelJS from '../util/exceljs.js';
import { deterministicZip } from '../util/office-zip.js';
import { describeRules } from './describe.js';
import type { EvaluationResult } from './evaluate.js';
import type { EvaluationFacts } from './facts.js';
import { ruleLabel, type Rules } from './rules.js';
import { ROLE_LABEL } from './score.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE5F0' } };
const LINES_SHEET = '评分明细';

function sheetWith(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  return ws;
}

function ranking(wb: ExcelJS.Workbook, facts: EvaluationFacts, result: EvaluationResult): void {
  const ws = sheetWith(wb, '排名', [
    { header: '名次', width: 6 },
    { header: '单位', width: 18 },
    { header: '单位全称', width: 30 },
    { header: '牵头任务', width: 9 },
    { header: '配合任务', width: 9 },
    { header: '基础分', width: 8 },
    { header: '加分', width: 8 },
    { header: '扣分', width: 8 },
    { header: '得分', width: 8 },
    { header: '核对（基础分+明细合计）', width: 14 },
    { header: '按分数等次', width: 10 },
    { header: '等次', width: 8 },
    { header: '等次说明', width: 60 },
  ]);
  const byName = new Map(facts.units.map((u) => [u.name, u]));
  result.units.forEach((u, i) => {
    const r = i + 2;
    const tasks = byName.get(u.unit)?.tasks ?? [];
    ws.addRow([
      u.rank,
      u.unit,
      u.fullName ?? '',
      tasks.filter((t) => t.role === 'lead').length,
      tasks.filter((t) => t.role === 'support').length,
      u.base,
      u.added,
      -u.deducted,
      u.score,
      { formula: `ROUND(F${r}+SUMIF('${LINES_SHEET}'!A:A,B${r},'${LINES_SHEET}'!I:I),2)`, result: u.score },
      u.scoreGrade,
      u.grade,
      u.gradeNotes.join('；'),
    ]);
  });
  for (const u of result.unscored) ws.addRow(['—', u.unit, u.fullName ?? '', 0, 0, null, null, null, null, null, null, '不参评', '本年度未承担任务']);
  for (const key of ['F', 'G', 'H', 'I', 'J']) ws.getColumn(key).numFmt = '0.00';
}

function lines(wb: ExcelJS.Workbook, result: EvaluationResult): void {
  const ws = sheetWith(wb, LINES_SHEET, [
    { header: '单位', width: 18 },
    { header: '名次', width: 6 },
    { header: '序号', width: 6 },
    { header: '任务序号', width: 8 },
    { header: '报送期', width: 10 },
    { header: '设置项', width: 24 },
    { header: '依据', width: 30 },
    { header: '评分事项', width: 80 },
    { header: '加减分', width: 8 },
  ]);
  for (const u of result.units) {
    u.breakdown.forEach((l, i) => {
      ws.addRow([u.unit, u.rank, i + 1, l.taskNo ?? null, l.period ?? null, l.rule, ruleLabel(l.rule), l.description, l.points]);
    });
  }
  ws.getColumn('I').numFmt = '0.00';
  ws.autoFilter = { from: 'A1', to: 'I1' };
}

function tasks(wb: ExcelJS.Workbook, facts: EvaluationFacts, result: EvaluationResult): void {
  const ws = sheetWith(wb, '任务', [
    { header: '单位', width: 18 },
    { header: '任务序号', width: 8 },
    { header: '任务', width: 36 },
    { header: '角色', width: 6 },
    { header: '年末状态', width: 9 },
    { header: '完成百分比', width: 9 },
    { header: '状态所属报送期', width: 16 },
    { header: '量化指标', width: 36 },
    { header: '目标值', width: 9 },
    { header: '实际值', width: 9 },
    { header: '实际值来源', width: 28 },
  ]);
  const byName = new Map(facts.units.map((u) => [u.name, u]));
  for (const u of result.units) {
    for (const t of byName.get(u.unit)?.tasks ?? []) {
      const base = [u.unit, t.no, t.title, ROLE_LABEL[t.role], t.status ?? '未报告', t.percent, t.statusPeriod ?? ''];
      if (t.targets.length === 0) ws.addRow([...base, '', null, null, '']);
      for (const g of t.targets) {
        const from = g.actualFrom ? `${g.actualFrom.unit}（${g.actualFrom.period}）` : '';
        ws.addRow([...base, g.text, g.value, g.actual, from]);
      }
    }
  }
  ws.autoFilter = { from: 'A1', to: 'K1' };
}

function method(wb: ExcelJS.Workbook, facts: EvaluationFacts, result: EvaluationResult, rules: Rules): void {
  const ws = wb.addWorksheet('说明');
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 100;
  const rows: [string, string][] = [
    ['考核年度', String(facts.year)],
    ['考核规则文件', rules.file],
    ['参评单位', `${result.units.length}个（优秀${result.counts.优秀}、良好${result.counts.良好}、合格${result.counts.合格}、不合格${result.counts.不合格}）`],
    ['报送期', facts.periods.map((p) => p.label).join('、')],
    ...describeRules(rules).map((p, i): [string, string] => [i === 0 ? '考核办法' : '', p]),
  ];
  for (const r of rows) ws.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(1).font = { bold: true };
}

export async function evaluationWorkbook(facts: EvaluationFacts, result: EvaluationResult, rules: Rules, date: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duban';
  wb.lastModifiedBy = 'duban';
  wb.created = new Date(`${date}T00:00:00Z`);
  wb.modified = new Date(`${date}T00:00:00Z`);
  ranking(wb, facts, result);
  lines(wb, result);
  tasks(wb, facts, result);
  method(wb, facts, result, rules);
  // Stored, not deflated: deterministicZip compresses once, on the re-pack.
  const raw = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions);
  return deterministicZip(new Uint8Array(raw as ArrayBuffer), date);
}
