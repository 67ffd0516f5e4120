import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoYear, type DemoPeriod } from '../../src/progress/demo.js';
import { writeForms, type WrittenForm } from '../../src/progress/form-write.js';
import { importProgressFile, importProgressFiles, type FileImportResult } from '../../src/progress/import.js';
import { formatIssue } from '../../src/progress/issues.js';
import {
  currentReports,
  ensurePeriod,
  findUnit,
  linkNoticePeriod,
  openDatabase,
  parsePeriodId,
  registerNotice,
  reportHistory,
  sha256,
  type Db,
} from '../../src/store/index.js';
import { editWorkbook, fixtureNotice, fillFgwForm } from '../helpers/progress-fixtures.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'duban-import-'));
const count = (db: Db, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
const issuesOf = (r: FileImportResult) => (r.outcome === 'rejected' ? r.issues.map(formatIssue) : []);
const fixedClock = () => new Date('2014-04-03T02:00:00Z');

describe('round trip: forms → demo filling → import', () => {
  let db: Db;
  let noticeId: number;
  let year: DemoPeriod[];
  let filled: string[];
  let first: FileImportResult[];
  let dir: string;

  beforeAll(async () => {
    dir = tmp();
    db = openDatabase(join(dir, 'duban.db'));
    noticeId = registerNotice(db, fixtureNotice()).id;
    year = await demoYear(db, noticeId, ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'], {
      formsDir: join(dir, 'forms'),
      filledDir: join(dir, 'filled'),
    });
    filled = year.flatMap((y) => y.filled.flatMap((f) => (f.file ? [f.file] : [])));
    first = importProgressFiles(db, filled, { now: fixedClock });
  });

  it('imports every filled form, and the missing ones are simply absent', () => {
    expect(first.flatMap(issuesOf)).toEqual([]);
    expect(first.every((r) => r.outcome === 'imported')).toBe(true);
    const missing = year.flatMap((y) => y.filled.filter((f) => !f.file));
    expect(missing.length).toBeGreaterThan(0);
    expect(filled.length + missing.length).toBe(4 * year[0]!.forms.length);
    expect(count(db, 'SELECT COUNT(*) FROM imports')).toBe(filled.length);
  });

  it('holds exactly one current report per (task, unit, period), each for a task the unit holds', () => {
    const dupes = count(
      db,
      `SELECT COUNT(*) FROM (SELECT 1 FROM progress_reports WHERE superseded_by IS NULL
        GROUP BY task_id, unit_id, period_id HAVING COUNT(*) > 1)`,
    );
    expect(dupes).toBe(0);
    const stray = count(
      db,
      `SELECT COUNT(*) FROM progress_reports r LEFT JOIN assignments a ON a.task_id = r.task_id AND a.unit_id = r.unit_id
        WHERE a.task_id IS NULL`,
    );
    expect(stray).toBe(0);
    const rows = first.reduce((n, r) => n + (r.outcome === 'imported' ? r.reports : 0), 0);
    expect(count(db, 'SELECT COUNT(*) FROM progress_reports WHERE superseded_by IS NULL')).toBe(rows);
    expect(count(db, 'SELECT COUNT(*) FROM report_target_actuals')).toBeGreaterThan(0);
  });

  it('re-importing the same files changes nothing and says so', () => {
    const before = count(db, 'SELECT COUNT(*) FROM progress_reports');
    const again = importProgressFiles(db, filled.slice(0, 20));
    expect(again.map((r) => r.outcome)).toEqual(Array(20).fill('duplicate'));
    expect(count(db, 'SELECT COUNT(*) FROM progress_reports')).toBe(before);
    expect(count(db, 'SELECT COUNT(*) FROM imports')).toBe(filled.length);
  });

  it('a corrected file supersedes the earlier reports and keeps them as history', async () => {
    const original = year[1]!.filled.find((f) => f.unit === '市发改委' && f.file)!.file!;
    const corrected = await editWorkbook(original, join(dir, 'corrected', basename(original)), (ws) => {
      ws.getCell('E9').value = '滞后';
      ws.getCell('F9').value = 20;
      ws.getCell('L9').value = '电商基地征地尚未完成';
    });
    const unit = findUnit(db, '市发改委')!;
    const reportsBefore = count(db, 'SELECT COUNT(*) FROM progress_reports');
    const r = importProgressFile(db, corrected, { now: fixedClock });
    expect(issuesOf(r)).toEqual([]);
    const earlier = first.find((x) => x.file === original)!;
    const n = earlier.outcome === 'imported' ? earlier.reports : -1;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(r).toMatchObject({ outcome: 'imported', unit: '市发改委', period: '2014-Q2', reports: n, superseded: n });
    expect(count(db, 'SELECT COUNT(*) FROM progress_reports')).toBe(reportsBefore + n);
    const task11 = count(db, 'SELECT id FROM tasks WHERE no = 11');
    const history = reportHistory(db, task11, unit.id, '2014-Q2');
    expect(history).toHaveLength(2);
    expect(history[0]!.supersededBy).toBe(history[1]!.id);
    expect(history[1]).toMatchObject({ status: '滞后', percent: 20, delayReason: '电商基地征地尚未完成', supersededBy: null });
    const current = currentReports(db, noticeId, '2014-Q2').filter((c) => c.unit === '市发改委');
    expect(current).toHaveLength(n);
    expect(current.map((c) => c.taskNo)).toEqual(expect.arrayContaining([9, 11]));
    expect(current.find((c) => c.taskNo === 11)!.status).toBe('滞后');
  });
});

describe('validation', () => {
  let db: Db;
  let forms: WrittenForm[];
  let dir: string;
  const formOf = (unit: string) => forms.find((f) => f.unit === unit)!.file;

  beforeAll(async () => {
    dir = tmp();
    db = openDatabase(join(dir, 'duban.db'));
    const id = registerNotice(db, fixtureNotice()).id;
    const p = ensurePeriod(db, parsePeriodId('2014-Q1'));
    linkNoticePeriod(db, id, p.id);
    forms = await writeForms(db, id, p, join(dir, 'forms'));
  });

  /** A 市发改委 form with every task filled in plausibly; `edit` then spoils it. */
  async function fgwForm(name: string, edit: Parameters<typeof editWorkbook>[2] = () => {}): Promise<string> {
    return editWorkbook(formOf('市发改委'), join(dir, name), fillFgwForm(edit));
  }

  it('rejects a whole form for one bad cell, naming file, sheet, row and cell, and stores nothing of it', async () => {
    const file = await fgwForm('bad-F9.xlsx', (ws) => void (ws.getCell('F9').value = 150));
    const before = count(db, 'SELECT COUNT(*) FROM progress_reports');
    const r = importProgressFile(db, file);
    expect(r.outcome).toBe('rejected');
    expect(issuesOf(r)).toEqual([`${file} 工作表“反馈表” 第9行 F9（完成进度(%)）：完成进度“150”超出 0–100 的范围`]);
    expect(count(db, 'SELECT COUNT(*) FROM progress_reports')).toBe(before);
    expect(count(db, 'SELECT COUNT(*) FROM imports WHERE file_sha256 = ?', sha256(readFileSync(file)))).toBe(0);
  });

  it.each([
    ['unknown task', (ws) => void (ws.getCell('A6').value = 99), 'A6', '中没有第 99 项任务'],
    ['task the unit does not hold', (ws) => void (ws.getCell('A6').value = 34), 'A6', '第 34 项任务不是本单位承担的任务'],
    ['status not in the list', (ws) => void (ws.getCell('E6').value = '进行中'), 'E6', '状态“进行中”不在可选范围内'],
    ['percent not a number', (ws) => void (ws.getCell('F6').value = '八十'), 'F6', '完成进度“八十”不是数字'],
    ['已完成 under 100', (ws) => void ((ws.getCell('E6').value = '已完成'), (ws.getCell('F6').value = 80)), 'F6', '完成进度应为 100（现为 80）'],
    ['滞后 without reason', (ws) => void (ws.getCell('E12').value = '滞后'), 'L12', '请填写滞后原因'],
    ['a date that is not a date', (ws) => void (ws.getCell('M6').value = '三月底'), 'M6', '填报日期“三月底”不是有效日期'],
    ['target value not a number', (ws) => void (ws.getCell('G8').value = '约13'), 'G8', '指标完成值“约13”不是数字'],
    ['content without status', (ws) => void (ws.getCell('E12').value = null), 'E12', '没有选择状态'],
  ] as [string, Parameters<typeof editWorkbook>[2], string, string][])('%s', async (name, edit, cell, text) => {
    const r = importProgressFile(db, await fgwForm(`${name}.xlsx`, edit));
    const lines = issuesOf(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(` ${cell}（`);
    expect(lines[0]).toContain(text);
  });

  it.each([
    ['form for another notice', (_ws, meta) => void (meta!.getCell('B3').value = '鄂州政办发〔2099〕1号'), '本表属于通知“鄂州政办发〔2099〕1号”，数据库中没有登记该通知'],
    ['unknown unit', (_ws, meta) => void (meta!.getCell('B5').value = '市不存在局'), '填报单位“市不存在局”不承担'],
    ['unknown period', (_ws, meta) => void (meta!.getCell('B6').value = '2015-Q1'), '数据库中没有报送期 2015-Q1'],
    ['missing header', (ws) => void (ws.getCell('A5').value = '序'), '找不到表头行'],
  ] as [string, Parameters<typeof editWorkbook>[2], string][])('%s', async (name, edit, text) => {
    const r = importProgressFile(db, await fgwForm(`${name}.xlsx`, edit));
    expect(r.outcome).toBe('rejected');
    expect(issuesOf(r).join('\n')).toContain(text);
  });

  it('lists every problem of a file at once', async () => {
    const file = await fgwForm('many.xlsx', (ws) => {
      ws.getCell('F6').value = 150;
      ws.getCell('E7').value = '完成';
      ws.getCell('M12').value = '下周';
    });
    expect(issuesOf(importProgressFile(db, file)).map((l) => /\s([A-M]\d+)（/.exec(l)?.[1])).toEqual(['F6', 'E7', 'M12']);
  });

  it('tolerates what WPS and Excel users do: text numbers, odd dates, merged text, notes below, blank rows', async () => {
    const file = await fgwForm('tolerant.xlsx', (ws) => {
      ws.getCell('F6').value = '８０％';
      ws.getCell('E6').value = ' 推进中 ';
      ws.getCell('M6').value = '2014年4月2日';
      ws.getCell('F7').value = ' 45 ';
      ws.getCell('M7').value = '2014.4.3';
      ws.getCell('M9').value = 41733; // 2014-04-04 as a bare serial
      ws.getCell('M12').value = '2014/4/1';
      // (exceljs shares loaded style objects between cells: replace, do not mutate.)
      ws.getCell('F12').style = { ...ws.getCell('F12').style, numFmt: '0%' };
      ws.getCell('F12').value = 0.35; // shown as 35%
      // A unit merges the 进展情况 of tasks 11 and 20 and writes once.
      ws.unMergeCells('H9:H11');
      ws.mergeCells('H9:H12');
      ws.getCell('H9').value = '两项任务同步推进';
      ws.getCell('A16').value = '填表人：张三  联系电话：0711-3333333';
      ws.getCell('H20').value = '（本表已经分管领导审核）';
    });
    const r = importProgressFile(db, file);
    expect(issuesOf(r)).toEqual([]);
    expect(r).toMatchObject({ outcome: 'imported', reports: 4 });
    const unit = findUnit(db, '市发改委')!;
    const rows = db
      .prepare(
        `SELECT t.no, r.percent, r.submitted_date AS d, r.progress FROM progress_reports r JOIN tasks t ON t.id = r.task_id
          WHERE r.unit_id = ? AND r.superseded_by IS NULL ORDER BY t.no`,
      )
      .all(unit.id);
    expect(rows).toEqual([
      { no: 1, percent: 80, d: '2014-04-02', progress: '已制定实施方案' },
      { no: 9, percent: 45, d: '2014-04-03', progress: '已制定实施方案' },
      { no: 11, percent: 30, d: '2014-04-04', progress: '两项任务同步推进' },
      { no: 20, percent: 35, d: '2014-04-01', progress: '两项任务同步推进' },
    ]);
    const actuals = db
      .prepare(
        `SELECT g.text, x.actual FROM report_target_actuals x JOIN targets g ON g.id = x.target_id
          JOIN progress_reports r ON r.id = x.report_id WHERE r.unit_id = ? AND r.superseded_by IS NULL ORDER BY g.id`,
      )
      .all(unit.id);
    expect(actuals).toEqual([
      { text: '高新技术产业增加值增长16%', actual: 4.2 },
      { text: '占全市GDP比重达14.5%', actual: 13.1 },
    ]);
  });

  it('reads CSV saved by Excel on Chinese Windows (GB18030) and UTF-8 with BOM, identity from the header lines', () => {
    const lines = [
      '2014年第一季度工作任务进展情况反馈表,,,,,,,,,,,,',
      '通知：鄂州政办发〔2014〕4号,,,,,,,,,,,,',
      '填报单位：市人社局,,,,报送期：2014年第一季度（2014-Q1）,,,,报送截止：2014年4月5日,,,,',
      '"填报说明：1. 只在白色单元格填写……",,,,,,,,,,,,',
      '任务序号,任务名称,承担角色,量化指标,状态,完成进度(%),指标完成值,进展情况,取得的成绩和经验,存在的问题,拟采取的措施,滞后原因,填报日期',
      '26,健全促进就业创业体制机制,牵头,新增就业1.8万人,推进中,30,0.52,"开展就业培训12期，""春风行动""招聘会3场",,,加大援助力度,,2014-4-1',
      '27,建立更加公平可持续的社会保障制度,牵头,新建保障性住房6300套,滞后,10,600,开工建设,,资金不到位,争取资金,上级资金未下达,2014-4-2',
      '',
      '填表人：李四,,,,,,,,,,,,',
    ].join('\r\n');
    const gbk = join(dir, '人社局.csv');
    writeFileSync(gbk, iconv.encode(lines, 'gb18030'));
    const r = importProgressFile(db, gbk);
    expect(issuesOf(r)).toEqual([]);
    expect(r).toMatchObject({ outcome: 'imported', unit: '市人社局', period: '2014-Q1', reports: 2 });
    const reports = currentReports(db, 1, '2014-Q1').filter((x) => x.unit === '市人社局');
    expect(reports.map((x) => [x.taskNo, x.status, x.percent, x.submittedDate])).toEqual([
      [26, '推进中', 30, '2014-04-01'],
      [27, '滞后', 10, '2014-04-02'],
    ]);
    expect(reports[0]!.progress).toBe('开展就业培训12期，"春风行动"招聘会3场');
    expect(reports[0]!.actuals.map((a) => a.actual)).toEqual([0.52]);

    // The same table in UTF-8 with BOM and an error: the message names the CSV row and cell.
    const utf8 = join(dir, '市人社局-2014-Q1.csv');
    writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.replace(',推进中,30,', ',推进中,130,'))]));
    expect(issuesOf(importProgressFile(db, utf8))).toEqual([`${utf8} 第6行 F6（完成进度(%)）：完成进度“130”超出 0–100 的范围`]);
  });

  it('reads a bare CSV table, identity from the file name, target rows without task numbers, notes between rows', () => {
    const file = join(dir, '市发改委-2014-Q1.csv');
    writeFileSync(
      file,
      [
        '任务序号,状态,完成进度,量化指标,指标完成值,填报日期',
        '9,推进中,40,高新技术产业增加值增长16%,5,2014-04-01',
        ',,,占全市GDP比重达14.5%,13.5,',
        '（注：第11项由市商务局具体承办）,,,,,',
        '11,未启动,,,,2014-04-01',
      ].join('\n'),
    );
    const r = importProgressFile(db, file);
    expect(issuesOf(r)).toEqual([]);
    expect(r).toMatchObject({ outcome: 'imported', unit: '市发改委', reports: 2 });
    const task9 = currentReports(db, 1, '2014-Q1').find((x) => x.unit === '市发改委' && x.taskNo === 9)!;
    expect(task9.actuals.map((a) => a.actual)).toEqual([5, 13.5]);
    expect(currentReports(db, 1, '2014-Q1').find((x) => x.unit === '市发改委' && x.taskNo === 11)!.percent).toBe(0);
  });

  it('refuses old .xls files and unreadable files with a hint', () => {
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(issuesOf(importProgressFile(db, xls))[0]).toContain('另存为” .xlsx');
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, Buffer.from('PK\u0003\u0004garbage'));
    expect(issuesOf(importProgressFile(db, broken))[0]).toContain('不是有效的 .xlsx 文件');
    expect(issuesOf(importProgressFile(db, join(dir, 'nope.xlsx')))[0]).toContain('文件不存在');
  });
});
