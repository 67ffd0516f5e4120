import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, parseRules, type EvaluationFacts, type EvaluationResult } from '../../src/evaluate/index.js';
import { circularData } from '../../src/evaluate/context.js';
import { loadEvaluationFacts } from '../../src/evaluate/load-facts.js';
import { evaluationDocs, writeEvaluation, type EvaluationDocs } from '../../src/evaluate/write.js';
import type { Block, DocTree, TableBlock } from '../../src/model/doc.js';
import { docxText } from '../helpers/docx-xml.js';
import { readPdf } from '../helpers/pdf-text.js';
import { buildDemoDb } from './demo-db.js';

const rules = parseRules(readFileSync('seeds/evaluation-rules.yaml', 'utf8'), 'seeds/evaluation-rules.yaml');
const SILENT = '市发改委';

let facts: EvaluationFacts;
let result: EvaluationResult;
let docs: EvaluationDocs;
const temp: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'duban-evaldoc-'));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

beforeAll(async () => {
  const { db } = await buildDemoDb({ silent: [SILENT] }, scratch());
  facts = loadEvaluationFacts(db, 2014);
  db.close();
  result = evaluate(facts, rules);
  docs = await evaluationDocs(facts, result, rules);
});

const ofType = <T extends Block['type']>(tree: DocTree, type: T) => tree.blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);
const runsText = (b: Block) => ('runs' in b ? b.runs.map((r) => r.text).join('') : '');
const allText = (tree: DocTree) => tree.blocks.map(runsText).join('\n');

describe('the circular (文件格式)', () => {
  it('has the head, the title and the signature from the data', () => {
    const c = docs.circular;
    expect(c.profile).toBe('file');
    expect(c.meta.date).toBe(facts.date);
    expect(ofType(c, 'masthead')[0]!.text).toBe('鄂州市人民政府目标责任考核办公室');
    expect(ofType(c, 'docNumber')[0]!.text).toBe(`鄂州目考办发〔${facts.date.slice(0, 4)}〕1号`);
    expect(ofType(c, 'title')[0]!.text).toBe('关于2014年度《政府工作报告》工作任务落实情况考核结果的通报');
    expect(ofType(c, 'signature')[0]).toMatchObject({ organ: '鄂州市人民政府目标责任考核办公室' });
    expect(ofType(c, 'imprint')[0]!.cc).toContain('市监察局');
  });

  it('takes the date and the head from the rules when they set them', () => {
    const text = readFileSync('seeds/evaluation-rules.yaml', 'utf8')
      .replace(/^(\s+)date: null/m, '$1date: 2015-01-20')
      .replace(/^(\s+)docNumber: .*$/m, '$1docNumber: "{城市}目考发〔{发文年度}〕3号"');
    const dated = parseRules(text, 'r.yaml');
    const data = circularData(facts, result, dated);
    expect([data.circular.date, data.circular.cnDate, data.circular.docNumber]).toEqual(['2015-01-20', '2015年1月20日', '鄂州目考发〔2015〕3号']);
    expect(() => parseRules(text.replace('date: 2015-01-20', 'date: 2015-02-30'), 'r.yaml')).toThrow(/document\.date（成文日期）应为 2015-01-20 这样的日期/);
  });

  it('states the method the rules define, and the counts per grade', () => {
    const text = allText(docs.circular);
    expect(text).toContain('逾期报送的每期扣1分，未报送的每期扣10分');
    expect(text).toContain('牵头单位按1.0、配合单位按0.5的权重计算');
    const c = result.counts;
    expect(text).toContain(`其中，优秀${c.优秀}个，良好${c.良好}个，合格${c.合格}个，不合格${c.不合格}个。`);
    expect(text).toContain(`不合格等次（${c.不合格}个）：${result.accountable.join('、')}。`);
  });

  it('charts the distribution of every scored unit', () => {
    const chart = ofType(docs.circular, 'chart')[0]!;
    expect(chart.kind).toBe('bar');
    expect(chart.data.reduce((s, d) => s + d.value, 0)).toBe(result.units.length);
    expect(chart.data[0]).toEqual({ label: '60分以下', value: result.units.filter((u) => u.score < 60).length });
  });

  it('ranks every unit in a table with score and grade', () => {
    const table = ofType(docs.circular, 'table')[0] as TableBlock;
    expect(table.header[0]!.map((c) => c.text)).toEqual(['名次', '单位', '牵头任务', '配合任务', '得分', '等次']);
    expect(table.rows.map((r) => [r[0]!.text, r[1]!.text, r[4]!.text, r[5]!.text])).toEqual(
      result.units.map((u) => [String(u.rank), u.unit, String(u.score), u.grade]),
    );
  });

  it('names the failing unit with its facts and proposes 问责 to the supervision bureau', () => {
    const text = allText(docs.circular);
    const silent = result.units.find((u) => u.unit === SILENT)!;
    expect(text).toContain(`${SILENT}得分${silent.score}分，排第${silent.rank}名`);
    expect(text).toContain('2014年第一季度未报送进展情况，扣10分');
    expect(text).toContain(`建议市监察局对${result.accountable.join('、')}启动问责程序，追究相关领导责任。`);
  });
});

describe('the score sheet of each unit', () => {
  it('one per scored unit, its lines adding up to the score', () => {
    expect(docs.sheets.map((s) => s.unit)).toEqual(result.units.map((u) => u.unit));
    for (const { unit, tree } of docs.sheets) {
      const score = result.units.find((u) => u.unit === unit)!;
      const [tasks, lines] = ofType(tree, 'table') as TableBlock[];
      expect(tasks!.rows).toHaveLength(facts.units.find((u) => u.name === unit)!.tasks.length);
      expect(lines!.rows).toHaveLength(score.breakdown.length + 2);
      const pts = lines!.rows.slice(1, -1).map((r) => Number(r[3]!.text.replace('−', '-').replace('+', '')));
      const base = Number(lines!.rows[0]![3]!.text);
      expect(Math.round(base * 100) + pts.reduce((s, p) => s + Math.round(p * 100), 0), unit).toBe(Math.round(score.score * 100));
      expect(lines!.rows.at(-1)![3]!.text).toBe(String(score.score));
      expect(lines!.rows.at(-1)![2]!.text).toBe(`等次：${score.grade}`);
    }
  });

  it('names the rule behind every line, in Chinese only', () => {
    const sheet = docs.sheets.find((s) => s.unit === SILENT)!.tree;
    const rows = (ofType(sheet, 'table')[1] as TableBlock).rows;
    expect(rows.some((r) => r[2]!.text === '未报送' && r[3]!.text === '−10')).toBe(true);
    expect(rows.some((r) => r[2]!.text === '报送扣分上限' && r[3]!.text === '+10')).toBe(true);
    expect(rows.some((r) => r[2]!.text === '年末状态“未报告”')).toBe(true);
  });
});

describe('written files', () => {
  let dirA: string;
  let small: EvaluationResult;

  beforeAll(async () => {
    // Three sheets are enough to check bytes; the CLI test writes the whole year.
    small = { ...result, units: [result.units[0]!, ...result.units.filter((u) => u.unit === SILENT)] };
    dirA = scratch();
    await writeEvaluation(facts, small, rules, { outDir: dirA, formats: ['docx', 'pdf', 'xlsx'] });
  });

  it('reads back from the PDF and the DOCX with the same words', async () => {
    const pdf = await readPdf(readFileSync(join(dirA, '2014年度考核结果通报.pdf')));
    const text = pdf.flatMap((p) => p.lines.map((l) => l.text)).join('');
    expect(text).toContain('鄂州市人民政府目标责任考核办公室');
    expect(text).toContain('工作任务落实情况考核结果的通报');
    expect(text).toContain(`建议市监察局对${SILENT}启动问责程序`);
    const docx = docxText(readFileSync(join(dirA, '2014年度考核结果通报.docx'))).join('');
    expect(docx).toContain(`建议市监察局对${SILENT}启动问责程序`);
    const sheetPdf = await readPdf(readFileSync(join(dirA, '评分表', `${SILENT}考核评分表.pdf`)));
    const sheetText = sheetPdf.flatMap((p) => p.lines.map((l) => l.text)).join('');
    expect(sheetText).toContain(`${SILENT}2014年度《政府工作报告》`);
    expect(sheetText).toContain('2014年第四季度未报送进展情况，扣10分');
  });

  it('same input, same bytes', async () => {
    const dirB = scratch();
    await writeEvaluation(facts, small, rules, { outDir: dirB, formats: ['docx', 'pdf', 'xlsx'] });
    const files = (d: string) => [...readdirSync(d).filter((f) => f.includes('.')), ...readdirSync(join(d, '评分表')).map((f) => join('评分表', f))].sort();
    expect(files(dirB)).toEqual(files(dirA));
    expect(files(dirA)).toHaveLength(3 + 2 * 2);
    for (const f of files(dirA)) expect(readFileSync(join(dirB, f)).equals(readFileSync(join(dirA, f))), f).toBe(true);
  });

  it('the workbook holds the ranking and every line, and its check column agrees', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dirA, '2014年度考核结果.xlsx')) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '评分明细', '任务', '说明']);
    const rank = wb.getWorksheet('排名')!;
    const lines = wb.getWorksheet('评分明细')!;
    for (const [i, u] of small.units.entries()) {
      const row = rank.getRow(i + 2);
      expect(row.getCell(2).value).toBe(u.unit);
      expect(row.getCell(9).value).toBe(u.score);
      expect((row.getCell(10).value as { result: number }).result).toBe(u.score);
      let sum = 0;
      lines.eachRow((r, n) => {
        if (n > 1 && r.getCell(1).value === u.unit) sum += Math.round(Number(r.getCell(9).value) * 100);
      });
      expect(Math.round(u.base * 100) + sum).toBe(Math.round(u.score * 100));
    }
  });
});
