/**
 * What a filled form leaves out or gets wrong in its task rows: a deleted row (a warning naming
 * the task; the unit's report stays missing), a task number twice (an error naming both rows),
 * a task the unit does not hold (an error naming the row), a percent cell holding a formula with
 * no stored result (an error saying so).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeForms, type WrittenForm } from '../../src/progress/form-write.js';
import { importProgressFile, type FileImportResult } from '../../src/progress/import.js';
import { formatIssue } from '../../src/progress/issues.js';
import { ensurePeriod, findUnit, linkNoticePeriod, openDatabase, parsePeriodId, registerNotice, type Db } from '../../src/store/index.js';
import { editWorkbook, fixtureNotice, fillFgwForm } from '../helpers/progress-fixtures.js';

const issuesOf = (r: FileImportResult) => (r.outcome === 'rejected' ? r.issues.map(formatIssue) : []);

describe('task rows a filled form leaves out or repeats', () => {
  let db: Db;
  let forms: WrittenForm[];
  let dir: string;
  let noticeId: number;
  /** Task number in column A of each task row of the blank 市发改委 form. */
  const taskAt = new Map<number, number>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-gaps-'));
    db = openDatabase(join(dir, 'duban.db'));
    noticeId = registerNotice(db, fixtureNotice()).id;
    const p = ensurePeriod(db, parsePeriodId('2014-Q1'));
    linkNoticePeriod(db, noticeId, p.id);
    forms = await writeForms(db, noticeId, p, join(dir, 'forms'));
    await editWorkbook(forms.find((f) => f.unit === '市发改委')!.file, join(dir, 'probe.xlsx'), (ws) => {
      for (const row of [6, 7, 9, 12]) taskAt.set(row, Number(ws.getCell(`A${row}`).value));
    });
  });

  /** The 市发改委 form with every task filled in plausibly, then `edit`. */
  function fgwForm(name: string, edit: Parameters<typeof editWorkbook>[2] = () => {}): Promise<string> {
    return editWorkbook(forms.find((f) => f.unit === '市发改委')!.file, join(dir, name), fillFgwForm(edit));
  }

  it('a deleted task row: imported with a warning naming the task, whose report stays missing', async () => {
    const deleted = taskAt.get(6)!;
    const file = await fgwForm('deleted-row.xlsx', (ws) => void ws.spliceRows(6, 1));
    const r = importProgressFile(db, file);
    expect(r.outcome).toBe('imported');
    if (r.outcome !== 'imported') return;
    expect(r.missing).toEqual([deleted]);
    expect(r.warnings.map(formatIssue)).toEqual([expect.stringContaining(`表中没有第 ${deleted} 项任务（`)]);
    expect(formatIssue(r.warnings[0]!)).toContain('未报送');
    const unit = findUnit(db, '市发改委')!;
    const stored = db
      .prepare('SELECT t.no FROM progress_reports r JOIN tasks t ON t.id = r.task_id WHERE r.unit_id = ? AND t.notice_id = ? ORDER BY t.no')
      .pluck()
      .all(unit.id, noticeId) as number[];
    expect(stored).not.toContain(deleted);
    expect(stored).toEqual(expect.arrayContaining([taskAt.get(9)!, taskAt.get(12)!]));
  });

  it('a task number twice: an error naming both rows', async () => {
    const r = importProgressFile(db, await fgwForm('twice.xlsx', (ws) => void (ws.getCell('A9').value = taskAt.get(6)!)));
    expect(r.outcome).toBe('rejected');
    const lines = issuesOf(r).filter((l) => l.includes('重复'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('第9行 A9');
    expect(lines[0]).toContain(`第 ${taskAt.get(6)} 项任务重复填报（第 6 行已填过）`);
  });

  it('a task number the unit does not hold: an error naming the row', async () => {
    const r = importProgressFile(db, await fgwForm('not-held.xlsx', (ws) => void (ws.getCell('A12').value = 34)));
    expect(r.outcome).toBe('rejected');
    expect(issuesOf(r)).toEqual([expect.stringMatching(/第12行 A12（.*）：第 34 项任务不是本单位承担的任务/)]);
  });

  it('a percent cell holding a formula with no stored result: an error saying so', async () => {
    const r = importProgressFile(db, await fgwForm('formula.xlsx', (ws) => void (ws.getCell('F9').value = { formula: '10*3' } as never)));
    expect(r.outcome).toBe('rejected');
    expect(issuesOf(r)).toEqual([expect.stringMatching(/第9行 F9（完成进度\(%\)）：完成进度是公式，但文件中没有保存公式的计算结果/)]);
  });

  it('a formula with its result stored is read as that result', async () => {
    const r = importProgressFile(db, await fgwForm('formula-cached.xlsx', (ws) => void (ws.getCell('F9').value = { formula: '10*3', result: 30 } as never)));
    expect(issuesOf(r)).toEqual([]);
    expect(r.outcome).toBe('imported');
  });
});
