/**
 * `duban circular` on a realistic database: the seed notice (34 tasks, 71 units after the unit
 * directory expands 各区/开发区/各街办) registered, a quarter of forms written, filled by the demo
 * generator and imported through the real import path; then the circular is read back from
 * its PDF and DOCX and checked against counts taken straight from the tables with SQL.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { loadCircularInput } from '../../src/circular/load.js';
import { DubanError } from '../../src/model/errors.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { demoYear } from '../../src/progress/demo.js';
import { importProgressFiles } from '../../src/progress/import.js';
import { ensurePeriod, linkNoticePeriod, openDatabase, parsePeriodId, registerNotice } from '../../src/store/index.js';
import { docxText, elements, findAll, paragraphText, part, xmlParts, parseXml, type XmlNode } from '../helpers/docx-xml.js';
import { readPdf, type PdfLine, type PdfPage } from '../helpers/pdf-text.js';

const PERIOD = '2014-Q1';
const SCHEDULE = 25;
const STEM = `${PERIOD} 督查通报`;
const dir = mkdtempSync(join(tmpdir(), 'duban-circular-doc-'));
const dbFile = join(dir, 'duban.db');
const outA = join(dir, 'a');
const outB = join(dir, 'b');

let pages: PdfPage[];
let pdfProse: string;
let docx: Buffer;
let docxProse: string;
let stdout: string;
let warmMs: number;

const squash = (s: string) => s.replace(/\s+/g, '');
const pageNumber = /^—\s*\d+\s*—$/;
const pct = (n: number, of: number) => Math.round((n / of) * 1000) / 10;

beforeAll(async () => {
  const db = openDatabase(dbFile);
  const { notice } = await parseNoticeFile('seeds/ezhou-2014-4.txt', { unitsFile: 'seeds/ezhou-units.yaml' });
  const id = registerNotice(db, notice, () => new Date('2014-01-20T00:00:00Z')).id;
  // Harsher than the default demo, so that every section of the circular has something in it.
  const year = await demoYear(db, id, [PERIOD], { formsDir: join(dir, 'forms'), filledDir: join(dir, 'filled') }, {
    seed: 3,
    profile: { laggingTask: 0.3, missingForm: 0.08, lateForm: 0.15, notStartedEarly: 0.12 },
  });
  const results = importProgressFiles(db, year.flatMap((y) => y.filled.flatMap((f) => (f.file ? [f.file] : []))));
  expect(results.every((r) => r.outcome === 'imported')).toBe(true);
  // A followed-up period nobody has reported for yet.
  linkNoticePeriod(db, id, ensurePeriod(db, parsePeriodId('2014-Q2')).id);
  db.close();

  const io = recordingIO();
  const code = await run(['circular', '--period', PERIOD, '--db', dbFile, '--out', outA], io);
  expect(code, io.stderr.join('\n')).toBe(0);
  stdout = io.stdout.join('\n');
  const again = recordingIO();
  const t0 = performance.now();
  expect(await run(['circular', '--period', '2014q1', '--db', dbFile, '--out', outB], again)).toBe(0);
  warmMs = performance.now() - t0;

  pages = await readPdf(readFileSync(join(outA, `${STEM}.pdf`)));
  pdfProse = squash(pages.flatMap((p) => p.lines.map((l) => l.text).filter((t) => !pageNumber.test(t.trim()))).join(''));
  docx = readFileSync(join(outA, `${STEM}.docx`));
  docxProse = squash(docxText(docx).join(''));
}, 180_000);

// ---------------------------------------------------------------- the database, by SQL

interface LeadRow {
  no: number;
  chapter: string;
  title: string;
  deadline: string | null;
  lead: string;
  status: string | null;
  percent: number | null;
}

function withDb<T>(f: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(dbFile, { mustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

/** Each task with its lead unit and the lead's current report for the period (one lead per task in the seed). */
function leadRows(): LeadRow[] {
  return withDb((db) => {
    const rows = db
      .prepare(
        `SELECT t.no, t.chapter, t.title, t.deadline, lu.name AS lead, r.status, r.percent
           FROM tasks t
           JOIN assignments a ON a.task_id = t.id AND a.role = 'lead'
           JOIN units lu ON lu.id = a.unit_id
           LEFT JOIN progress_reports r ON r.task_id = t.id AND r.unit_id = a.unit_id AND r.period_id = ? AND r.superseded_by IS NULL
          ORDER BY t.no`,
      )
      .all(PERIOD) as LeadRow[];
    expect(new Set(rows.map((r) => r.no)).size).toBe(rows.length);
    return rows;
  });
}

type Bucket = 'completed' | 'onSchedule' | 'behind' | 'notStarted' | 'notReported';

function bucket(r: LeadRow): Bucket {
  if (r.status === null) return 'notReported';
  if (r.status === '已完成') return 'completed';
  if (r.status === '未启动') return 'notStarted';
  if (r.status === '滞后' || SCHEDULE - (r.percent ?? 0) >= 10) return 'behind';
  return 'onSchedule';
}

function light(r: LeadRow): 'red' | 'yellow' | 'green' {
  if (r.status === '已完成') return 'green';
  const gap = SCHEDULE - (r.percent ?? 0);
  if (r.status === null || r.status === '滞后' || gap > 30 || (r.deadline !== null && r.deadline < '2014-03-31')) return 'red';
  return gap >= 10 ? 'yellow' : 'green';
}

function counts(rows: LeadRow[]): Record<Bucket | 'total', number> {
  const c = { total: rows.length, completed: 0, onSchedule: 0, behind: 0, notStarted: 0, notReported: 0 };
  for (const r of rows) c[bucket(r)]++;
  return c;
}

/** Units holding tasks, with the first date they filed in the period (null: nothing). */
function submissions(): { unit: string; first: string | null; due: string }[] {
  return withDb(
    (db) =>
      db
        .prepare(
          `SELECT u.name AS unit, (SELECT MIN(r.submitted_date) FROM progress_reports r WHERE r.unit_id = u.id AND r.period_id = ?) AS first,
                  (SELECT due_date FROM periods WHERE id = ?) AS due
             FROM units u WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = u.id)`,
        )
        .all(PERIOD, PERIOD) as { unit: string; first: string | null; due: string }[],
  );
}

// ---------------------------------------------------------------- reading the files back

/** Tables of the DOCX body: rows of cell texts. */
function docxTables(buf: Buffer): string[][][] {
  const body = part(buf, 'word/document.xml');
  return findAll(body, 'w:tbl').map((tbl) =>
    elements(tbl)
      .filter((r) => r.name === 'w:tr')
      .map((tr) => elements(tr).filter((c) => c.name === 'w:tc').map((tc) => findAll(tc, 'w:p').map(paragraphText).join(''))),
  );
}

function tableWithHeader(tables: string[][][], first: string): string[][] {
  const t = tables.find((rows) => rows[0]!.join('|').startsWith(first));
  expect(t, first).toBeDefined();
  return t!;
}

/** The prose between two markers (the first occurrence of each after `from`). */
function between(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  expect(i, from).toBeGreaterThanOrEqual(0);
  const j = text.indexOf(to, i + from.length);
  expect(j, to).toBeGreaterThan(i);
  return text.slice(i, j);
}

function charCounts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of squash(s)) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

// ---------------------------------------------------------------- tests

describe('duban circular --period 2014-Q1 on the seed year', () => {
  it('writes one DOCX and one PDF with a Windows-safe name and prints the totals', () => {
    expect(readdirSync(outA).sort()).toEqual([`${STEM}.docx`, `${STEM}.pdf`]);
    const c = counts(leadRows());
    expect(stdout).toContain(`任务${c.total}项，已完成${c.completed}项、按序时推进${c.onSchedule}项、滞后${c.behind}项`);
  });

  it('looks like a 督查通报: red masthead, 文号, title, 主送, signature and 版记', () => {
    const first = pages[0]!.lines.map((l) => squash(l.text));
    expect(first[0]).toBe('鄂州市人民政府政务督查室');
    expect(first[1]).toBe('鄂州督通〔2014〕1号');
    expect(first.slice(2, 4).join('')).toBe('关于2014年第一季度《政府工作报告》工作任务落实情况的通报');
    expect(first[4]).toBe('各区人民政府、开发区管委会，各街道办事处，市政府各部门：');
    expect(pages[0]!.colouredText.find((t) => t.text.includes('督查室'))!.color).not.toBe('#000000');
    expect(pdfProse).toContain('根据《市人民政府办公室关于印发〈市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见〉的通知》（鄂州政办发〔2014〕4号）要求');
    const last = pages.at(-1)!.lines.map((l) => squash(l.text));
    expect(last).toContain('抄送：市委办公室，市人大常委会办公室，市政协办公室。');
    expect(last.some((t) => /^鄂州市人民政府政务督查室\d{4}年\d+月\d+日印发$/.test(t))).toBe(true);
    expect(docxProse).toContain('鄂州督通〔2014〕1号');
  });

  it('states the totals, shares and lights a direct count of the database gives, in both files', () => {
    const rows = leadRows();
    const c = counts(rows);
    const lights = { green: 0, yellow: 0, red: 0 };
    for (const r of rows) lights[light(r)]++;
    // Every bucket the sentence names appears with its share (the demo profile makes these non-zero).
    expect(c.onSchedule * c.behind * c.notReported * c.notStarted).toBeGreaterThan(0);
    const sentences = [
      `按序时进度推进${c.onSchedule}项，占${pct(c.onSchedule, c.total)}%`,
      `进度滞后${c.behind}项，占${pct(c.behind, c.total)}%`,
      `尚未启动${c.notStarted}项，占${pct(c.notStarted, c.total)}%`,
      `牵头单位未报送进展情况${c.notReported}项，占${pct(c.notReported, c.total)}%`,
      `本期亮绿灯${lights.green}项、黄灯${lights.yellow}项、红灯${lights.red}项`,
      `对${c.total}项任务逐项核对`,
    ];
    if (c.completed) sentences.push(`已完成${c.completed}项，占${pct(c.completed, c.total)}%`);
    for (const s of sentences) {
      expect(pdfProse, s).toContain(s);
      expect(docxProse, s).toContain(s);
    }
    // The 合计 row of the chapter table, cell by cell, in the PDF …
    const total = pages.flatMap((p) => p.lines).find((l) => l.items[0]?.str === '合计')!;
    expect(total.items.map((i) => i.str).filter((s) => s.trim())).toEqual(
      ['合计', c.total, c.completed, c.onSchedule, c.behind, c.notStarted, c.notReported].map(String),
    );
    // … and every chapter row in the DOCX.
    const table = tableWithHeader(docxTables(docx), '章节|任务数|已完成|按序时推进|滞后|未启动|未报送');
    const chapters = [...new Set(rows.map((r) => r.chapter))];
    expect(table.slice(1, -1).map((r) => r[0]!.split('、')[0])).toEqual(chapters);
    for (const [i, ch] of chapters.entries()) {
      const k = counts(rows.filter((r) => r.chapter === ch));
      expect(table[i + 1]!.slice(1), ch).toEqual([k.total, k.completed, k.onSchedule, k.behind, k.notStarted, k.notReported].map(String));
    }
    expect(table.at(-1)).toEqual(['合计', ...[c.total, c.completed, c.onSchedule, c.behind, c.notStarted, c.notReported].map(String)]);
  });

  it('counts the units that reported on time, late and not at all as the submissions say', () => {
    const subs = submissions();
    const late = subs.filter((s) => s.first !== null && s.first > s.due);
    const silent = subs.filter((s) => s.first === null);
    expect(late.length).toBeGreaterThan(0);
    expect(silent.length).toBeGreaterThan(0);
    const s = `应报送的${subs.length}个责任单位中，按时报送${subs.length - late.length - silent.length}个，逾期报送${late.length}个，未报送${silent.length}个`;
    expect(pdfProse).toContain(s);
    expect(docxProse).toContain(s);
  });

  it('names every lagging task with its lead unit, and every late and silent unit', () => {
    const lagging = leadRows().filter((r) => bucket(r) === 'behind');
    expect(lagging.length).toBeGreaterThan(2);
    for (const text of [pdfProse, docxProse]) {
      const intro = between(text, '部分任务进度滞后。', '具体如下');
      for (const r of lagging) expect(intro, r.lead).toContain(r.lead);
      expect(intro).toContain(`有${lagging.length}项任务进度滞后`);
      const named = between(text, '部分单位报送不及时、不完整。', '现予以点名通报');
      for (const s of submissions()) {
        if (s.first === null) expect(named, s.unit).toContain(`${s.unit}`);
        else if (s.first > s.due) expect(named, s.unit).toMatch(new RegExp(`${s.unit}（逾期\\d+天）`));
      }
    }
    // The lagging table: one row per lagging task, lead and percent as reported.
    const table = tableWithHeader(docxTables(docx), '序号|任务|牵头单位|进度|亮灯|滞后原因');
    expect(table.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual(lagging.map((r) => [`${r.title}（第${r.no}项）`, r.lead, `${r.percent}%`]));
    for (const row of table.slice(1)) expect(row[5]!.length, row[1]).toBeGreaterThan(4);
  });

  it('draws both charts: vector text in the PDF, a picture with the data as its description in the DOCX', () => {
    const lines = pages.flatMap((p) => p.lines).map((l) => squash(l.text));
    const barTitle = lines.indexOf('各部分任务按序时进度推进比例');
    expect(barTitle).toBeGreaterThan(0);
    expect(lines[barTitle + 1]).toMatch(/^一、大力解放思想\d+(\.\d)?%$/);
    expect(lines).toContain('2014年第一季度任务进展状态');
    const c = counts(leadRows());
    expect(lines).toContain(`滞后${c.behind}项（${pct(c.behind, c.total)}%）`);
    const descr = findAll(part(docx, 'word/document.xml'), 'wp:docPr').map((d) => d.attrs.descr ?? '');
    expect(descr).toHaveLength(2);
    expect(descr[0]).toMatch(/^一、大力解放思想：\d+(\.\d)?%；二、坚持产城一体：/);
    expect(descr[1]).toContain(`滞后：${c.behind}项`);
    expect(Object.keys(xmlParts(docx)).length).toBeGreaterThan(0);
  });

  it('carries the same words in the PDF and the DOCX', () => {
    // PDF: page numbers out, chart contents out (their words are the DOCX pictures' descriptions),
    // and a table's header row once (the PDF repeats it on every page the table runs onto).
    const titles = ['各部分任务按序时进度推进比例', '2014年第一季度任务进展状态'];
    const kept: PdfLine[] = [];
    for (const p of pages) {
      let inChart = false;
      for (const l of p.lines) {
        const t = squash(l.text);
        if (pageNumber.test(l.text.trim())) continue;
        if (titles.some((x) => t.startsWith(x))) inChart = true;
        else if (l.size >= 14) inChart = false;
        else if (inChart) continue;
        kept.push(l);
      }
    }
    const pdf = charCounts(kept.map((l) => l.text).join(''));
    const headers = [
      ['章节任务数已完成', '章节任务数已完成按序时推进滞后未启动未报送'],
      ['牵头单位进度亮灯', '序号任务牵头单位进度亮灯滞后原因'],
    ];
    for (const [mark, header] of headers) {
      const repeats = kept.filter((l) => squash(l.text).includes(mark!)).length - 1;
      expect(repeats, mark).toBeGreaterThanOrEqual(0);
      for (const [ch, n] of charCounts(header!)) pdf.set(ch, (pdf.get(ch) ?? 0) - n * repeats);
    }
    // DOCX: the body's and headers' paragraphs, pictures left out.
    const parts = xmlParts(docx);
    const paragraphs = Object.keys(parts)
      .filter((p) => /^word\/(header\d*|document)\.xml$/.test(p))
      .flatMap((p) => findAll(parseXml(parts[p]!), 'w:p'))
      .filter((p: XmlNode) => findAll(p, 'wp:docPr').length === 0)
      .map(paragraphText);
    const want = charCounts(paragraphs.join(''));
    for (const [k, v] of [...pdf]) if (v === 0 && !want.has(k)) pdf.delete(k);
    expect(pdf).toEqual(want);
  });

  it('is reproducible byte for byte, and a warm run takes well under a second', () => {
    for (const ext of ['docx', 'pdf']) {
      expect(readFileSync(join(outB, `${STEM}.${ext}`)).equals(readFileSync(join(outA, `${STEM}.${ext}`))), ext).toBe(true);
    }
    console.log(`circular 2014-Q1 (DOCX + PDF), second run in-process: ${warmMs.toFixed(0)} ms`);
    expect(warmMs).toBeLessThan(1000);
  });
});

describe('refusals', () => {
  it('a period with no reports yet: a Chinese message naming it, no files', async () => {
    const io = recordingIO();
    const out = join(dir, 'empty');
    expect(await run(['circular', '--period', '2014-Q2', '--db', dbFile, '--out', out], io)).toBe(4);
    expect(io.stderr.join('')).toContain('2014年第二季度（2014-Q2）还没有导入任何单位的进展报告，无法生成督查通报');
    expect(() => readdirSync(out)).toThrow();
  });

  it('an unknown period is a DubanError naming it and listing the known ones', async () => {
    const db = openDatabase(dbFile, { mustExist: true });
    try {
      expect(() => loadCircularInput(db, '2015-Q1')).toThrow(DubanError);
      expect(() => loadCircularInput(db, '2015-Q1')).toThrow('数据库中没有报送期 2015-Q1（已有：2014-Q1、2014-Q2）');
    } finally {
      db.close();
    }
    const io = recordingIO();
    expect(await run(['circular', '--period', '2015-Q1', '--db', dbFile, '--out', join(dir, 'x')], io)).toBe(2);
    expect(io.stderr.join('')).toContain('2015-Q1');
    const bad = recordingIO();
    expect(await run(['circular', '--period', '2014-Q5', '--db', dbFile, '--out', join(dir, 'x')], bad)).toBe(2);
    expect(bad.stderr.join('')).toContain('报送期“2014-Q5”格式不对');
  });

  it('a missing database file or an unknown format is refused in Chinese', async () => {
    const io = recordingIO();
    expect(await run(['circular', '--period', PERIOD, '--db', join(dir, 'none.db'), '--out', join(dir, 'x')], io)).toBe(3);
    expect(io.stderr.join('')).toContain('数据库文件不存在');
    const fmt = recordingIO();
    expect(await run(['circular', '--period', PERIOD, '--db', dbFile, '--format', 'odt'], fmt)).toBe(2);
    expect(fmt.stderr.join('')).toContain('odt');
  });
});
