/**
 * The ledger as an editable source: a ledger opened, edited and saved by exceljs (not duban's
 * ledger code) is read back with exactly the edits; letters and forms follow, and registering
 * the corrected notice keeps the Q1 history of the tasks that did not change. Bad ledgers give
 * one Chinese line naming file and cell, a non-zero exit and no output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { run } from '../../src/cli/run.js';
import { recordingIO } from '../../src/cli/io.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { loadNotice } from '../../src/load/notice-source.js';
import { writeLedger, TASK_SHEET } from '../../src/ledger/index.js';
import { buildLetterContext, receivingUnits } from '../../src/letters/context.js';
import type { Notice } from '../../src/model/notice.js';
import { openDatabase } from '../../src/store/index.js';
import { fillDemoForms } from '../../src/progress/demo.js';
import { importProgressFiles } from '../../src/progress/import.js';
import { docxText } from '../helpers/docx-xml.js';
import { chooseOffice } from '../../src/office/choose.js';

const root = join(import.meta.dirname, '../..');
const seed = join(root, 'seeds/ezhou-2014-4.txt');
const tmp = mkdtempSync(join(tmpdir(), 'duban-ledger-read-'));
const edited = join(tmp, '任务台账（改）.xlsx');
let original: Notice;
let notice: Notice;
let filledDir: string;

const NEW_TEXT = '推进档案信息化建设，新增数字化档案40家。';

async function editedBook(edit: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writeLedger(original)) as unknown as ArrayBuffer);
  edit(book.getWorksheet(TASK_SHEET)!);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const rowOf = (no: number) => no + 2;

beforeAll(async () => {
  original = (await parseNoticeFile(seed)).notice;
  writeFileSync(
    edited,
    await editedBook((sheet) => {
      // Task 30: 市审计局 leads, 市监察局 leaves the task.
      sheet.getCell(`G${rowOf(30)}`).value = '市审计局';
      // Task 1: 市档案局 joins as support.
      sheet.getCell(`H${rowOf(1)}`).value = `${String(sheet.getCell(`H${rowOf(1)}`).value)}、市档案局`;
      // A new task at the end, in the last chapter; task 10's row deleted.
      const chapter = String(sheet.getCell(`B${rowOf(34)}`).value);
      sheet.addRow(['', chapter, '推进档案信息化', NEW_TEXT, '', '', '档案局', '市经信委']);
      sheet.spliceRows(rowOf(10), 1);
    }),
  );
  notice = (await loadNotice(edited)).notice;
}, 60_000);

const byTitle = (n: Notice, title: string) => n.tasks.find((t) => t.title === title)!;
const unit = (n: Notice, name: string) => n.units.find((u) => u.name === name)!;

describe('a ledger edited with exceljs, read back', () => {
  it('shows exactly the edits', () => {
    expect(notice.tasks).toHaveLength(34);
    expect(notice.tasks.map((t) => t.no)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    const removed = original.tasks[9]!;
    expect(notice.tasks.some((t) => t.title === removed.title)).toBe(false);

    const t30 = byTitle(notice, original.tasks[29]!.title);
    expect(t30.units.filter((u) => u.role === 'lead').map((u) => u.name)).toEqual(['市审计局']);
    expect(t30.units.map((u) => u.name)).not.toContain('市监察局');
    expect(t30.units.filter((u) => u.role === 'support')).toEqual(original.tasks[29]!.units.filter((u) => u.role === 'support'));

    const t1 = notice.tasks[0]!;
    expect(t1.units.map((u) => [u.name, u.role]).at(-1)).toEqual(['市档案局', 'support']);
    expect(t1.units.slice(0, -1)).toEqual(original.tasks[0]!.units);

    const added = notice.tasks.at(-1)!;
    expect(added).toMatchObject({ no: 34, title: '推进档案信息化', text: NEW_TEXT, chapter: original.tasks[33]!.chapter, parent: null });
    expect(added.units.map((u) => [u.name, u.role])).toEqual([
      ['市档案局', 'lead'],
      ['市经信委', 'support'],
    ]);
    expect(added.targets.map((g) => g.value)).toEqual([40]);

    // Everything else is as it was: the untouched tasks equal the original ones but for their number.
    const untouched = (t: Notice['tasks'][number]) => ({ ...t, no: 0, parent: null });
    const others = original.tasks.filter((t) => ![1, 10, 30].includes(t.no));
    for (const t of others) expect(untouched(byTitle(notice, t.title))).toEqual(untouched(t));
    expect(notice.meta).toEqual(original.meta);
    expect(notice.chapters).toEqual(original.chapters);
  });

  it('letters follow: 市监察局 leads 2 tasks, 市档案局 gets task 1 and the new task', async () => {
    const jcj = unit(notice, '市监察局');
    expect(jcj.lead).toHaveLength(2);
    expect(jcj.lead.map((n) => notice.tasks[n - 1]!.title)).toEqual([original.tasks[30]!.title, original.tasks[33]!.title]);
    const out = join(tmp, '交办函');
    for (const name of ['市监察局', '市档案局', '市审计局']) {
      const io = recordingIO();
      expect(await run(['letters', edited, '--out', out, '--format', 'docx', '--unit', name], io), io.stderr.join('\n')).toBe(0);
    }
    const squash = (s: string) => s.replace(/\s+/g, '');
    const text = (name: string) => squash(docxText(readFileSync(join(out, `${name}.docx`))).join(''));
    expect(text('市监察局')).not.toContain(squash(original.tasks[29]!.title));
    expect(text('市审计局')).toContain(squash(original.tasks[29]!.title));
    expect(text('市档案局')).toContain('推进档案信息化');
    expect(text('市档案局')).toContain(squash(original.tasks[0]!.title));
    const ctx = buildLetterContext(notice, unit(notice, '市档案局'), { seq: 1, office: (await chooseOffice(notice)).office });
    expect(ctx.lead.map((t) => t.title)).toEqual(['推进档案信息化']);
    expect(ctx.support.map((t) => t.no)).toEqual([1, ...unit(original, '市档案局').support.map((n) => n - 1)]);
    expect(receivingUnits(notice).length).toBe(receivingUnits(original).length);
  });

  it('forms follow, and re-registering keeps the Q1 history of the tasks that did not change', async () => {
    const db = join(tmp, 'duban.db');
    const q1 = join(tmp, '反馈表Q1');
    const io = recordingIO();
    expect(await run(['forms', seed, '--period', '2014-Q1', '--db', db, '--out', q1], io), io.stderr.join('\n')).toBe(0);
    const handle = openDatabase(db);
    filledDir = join(tmp, '反馈表Q1（填报）');
    await fillDemoForms(handle, readdirSync(q1).filter((f) => f.endsWith('.xlsx')).map((f) => join(q1, f)), filledDir);
    const imported = importProgressFiles(handle, readdirSync(filledDir).map((f) => join(filledDir, f)));
    expect(imported.every((r) => r.outcome === 'imported')).toBe(true);
    const historyByTitle = () =>
      new Map(
        (handle
          .prepare(
            `SELECT t.title AS title, COUNT(r.id) AS n FROM tasks t LEFT JOIN progress_reports r ON r.task_id = t.id
              WHERE t.removed_in IS NULL GROUP BY t.id`,
          )
          .all() as { title: string; n: number }[]).map((r) => [r.title, r.n]),
      );
    const before = historyByTitle();
    const reportsBefore = handle.prepare('SELECT COUNT(*) FROM progress_reports').pluck().get() as number;
    handle.close();

    const q2 = join(tmp, '反馈表Q2');
    const io2 = recordingIO();
    expect(await run(['forms', edited, '--period', '2014-Q2', '--db', db, '--out', q2], io2), io2.stderr.join('\n')).toBe(0);
    const said = io2.stderr.join('\n');
    expect(said).toContain('已登记为第 2 版');
    expect(said).toContain('新增任务：第34项“推进档案信息化”');
    expect(said).toContain(`删除任务：原第10项“${original.tasks[9]!.title}”（已有的进展记录保留在数据库中）`);
    expect(said).toMatch(/调整责任单位：第29项“着力转变政府职能”，增加或改为 市审计局（牵头）；不再承担：市监察局/);
    expect(said).toMatch(/调整责任单位：第1项“全面激发市场活力”，增加或改为 市档案局（配合）/);

    const after = new Database(db, { readonly: true });
    try {
      const now = new Map(
        (after
          .prepare(
            `SELECT t.title AS title, COUNT(r.id) AS n FROM tasks t LEFT JOIN progress_reports r ON r.task_id = t.id
              WHERE t.removed_in IS NULL GROUP BY t.id`,
          )
          .all() as { title: string; n: number }[]).map((r) => [r.title, r.n]),
      );
      for (const t of original.tasks) {
        if (t.no === 10) continue;
        expect(now.get(t.title), t.title).toBe(before.get(t.title));
      }
      expect(now.get('推进档案信息化')).toBe(0);
      expect(after.prepare('SELECT COUNT(*) FROM progress_reports').pluck().get()).toBe(reportsBefore);
      expect(after.prepare('SELECT COUNT(*) FROM tasks WHERE removed_in = 2').pluck().get()).toBe(1);
    } finally {
      after.close();
    }
    // Q2 forms: 市监察局's form no longer holds task 30's successor; 市档案局's holds the new task.
    const files = readdirSync(q2);
    expect(files.some((f) => f.includes('市档案局'))).toBe(true);
    const archive = new ExcelJS.Workbook();
    await archive.xlsx.load(readFileSync(join(q2, files.find((f) => f.includes('市档案局'))!)) as unknown as ArrayBuffer);
    const cells = archive.worksheets[0]!.getSheetValues().flat().map(String).join('');
    expect(cells).toContain('推进档案信息化');

    // A Q1 form filled from the first version is refused now: its task numbers may name other tasks.
    const resaved = new ExcelJS.Workbook();
    await resaved.xlsx.load(readFileSync(join(filledDir, readdirSync(filledDir)[0]!)) as unknown as ArrayBuffer);
    const lateFile = join(tmp, 'late.xlsx');
    writeFileSync(lateFile, Buffer.from(await resaved.xlsx.writeBuffer()));
    const reimport = openDatabase(db);
    try {
      const again = importProgressFiles(reimport, [lateFile]);
      expect(again[0]!.outcome).toBe('rejected');
      expect(JSON.stringify(again[0])).toContain('已改正为第 2 版');
    } finally {
      reimport.close();
    }

    // The Q1 circular can still be made from the corrected notice's database.
    const io3 = recordingIO();
    expect(await run(['circular', '--period', '2014-Q1', '--db', db, '--out', join(tmp, '通报'), '--format', 'docx'], io3), io3.stderr.join('\n')).toBe(0);
  });
});

describe('bad ledgers', () => {
  async function fails(bytes: Buffer, name: string): Promise<string> {
    const file = join(tmp, name);
    writeFileSync(file, bytes);
    const out = join(tmp, `out-${name}`);
    const io = recordingIO();
    const code = await run(['letters', file, '--out', out, '--format', 'docx'], io);
    expect(code).not.toBe(0);
    expect(io.stderr).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    return io.stderr[0]!;
  }

  it('a ledger whose header was deleted', async () => {
    const line = await fails(await editedBook((s) => s.spliceRows(2, 1)), 'no-header.xlsx');
    expect(line).toContain('no-header.xlsx');
    expect(line).toContain('工作表“任务台账”');
    expect(line).toContain('单元格A2');
    expect(line).toContain('表头');
  });

  it('a unit cell of 2,000 characters', async () => {
    const line = await fails(await editedBook((s) => void (s.getCell('H5').value = '单'.repeat(2000))), 'long-unit.xlsx');
    expect(line).toContain('long-unit.xlsx');
    expect(line).toContain('单元格H5');
    expect(line).toContain('第 5 行，“配合单位”列');
    expect(line).toContain('2000 个字');
  });

  it('an xlsx that is not a ledger', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    const line = await fails(Buffer.from(await book.xlsx.writeBuffer()), 'other.xlsx');
    expect(line).toContain('other.xlsx');
    expect(line).toContain('不是 duban 生成的任务台账');
  });

  it('a ledger without its hidden sheet, or from a newer duban', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeLedger(original)) as unknown as ArrayBuffer);
    book.removeWorksheet(book.getWorksheet('duban')!.id);
    const copied = await fails(Buffer.from(await book.xlsx.writeBuffer()), 'copied.xlsx');
    expect(copied).toContain('隐藏信息表');

    const newer = new ExcelJS.Workbook();
    await newer.xlsx.load((await writeLedger(original)) as unknown as ArrayBuffer);
    newer.getWorksheet('duban')!.getCell('B1').value = 99;
    const line = await fails(Buffer.from(await newer.xlsx.writeBuffer()), 'newer.xlsx');
    expect(line).toContain('较新版本的 duban');
    expect(line).toContain('工作表“duban”');
  });

  it('unknown units typed into a cell are warned about, with the cell', async () => {
    const file = join(tmp, 'unknown.xlsx');
    writeFileSync(file, await editedBook((s) => void (s.getCell('G4').value = '市星际旅行局')));
    const n = (await loadNotice(file)).notice;
    expect(n.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('单元格G4：单位“市星际旅行局”不在单位名录中')]);
  });
});
