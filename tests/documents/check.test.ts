/**
 * Every document the pipeline writes — letters, circular, evaluation circular and score sheets —
 * for the seed and for every corpus notice, each with an office file drafted by `duban office
 * init`, passes the document check (tests/helpers/document-check.ts). DOCX files are read back
 * for all; PDFs for a sample (two corpus notices in full, and seed letters and a circular).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { receivingUnits } from '../../src/letters/context.js';
import type { Notice } from '../../src/model/notice.js';
import { loadOfficeSettings, type OfficeSettings } from '../../src/office/settings.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { demoYear } from '../../src/progress/demo.js';
import * as store from '../../src/store/index.js';
import { distinctFileStems } from '../../src/util/safe-filename.js';
import { docxText } from '../helpers/docx-xml.js';
import { checkParagraphs, cityWordingLeft, type DocKind } from '../helpers/document-check.js';
import { readPdf } from '../helpers/pdf-text.js';

const root = join(import.meta.dirname, '../..');
const corpus = join(root, 'tests/fixtures/corpus');
const seed = join(root, 'seeds/ezhou-2014-4.txt');
const base = mkdtempSync(join(tmpdir(), 'duban-check-'));

/** Places the notices do not name (the office would type them into `office init`). */
const PLACES: Record<string, [string, string]> = {
  '04': ['平顶山', '市'],
  '06': ['常熟', '市'],
  '09': ['样例', '市'],
  '14': ['样例', '市'],
  '15': ['样例', '市'],
  '26': ['芜湖', '市'],
  // The stored page names no issuer; the text says 中共广州市委、广州市人民政府.
  '30': ['广州', '市'],
};

/** Notices read back as PDF too. */
const PDF_SAMPLE = new Set(['04', '20']);

interface Written {
  dir: string;
  notice: Notice;
  year: number;
  office: OfficeSettings;
  source: string;
  pdf: boolean;
}

async function cli(argv: string[]): Promise<void> {
  const io = recordingIO();
  const code = await run(argv, io);
  if (code !== 0) throw new Error(`duban ${argv.join(' ')} → ${code}: ${io.stderr.join('')}`);
}

/** office init → letters → ledger → forms, demo fill → import → circular → evaluate. */
async function pipeline(file: string, id: string, opts: { office?: string; pdf: boolean; quarters: string[] | null }): Promise<Written | null> {
  const dir = join(base, id);
  let parsed: Notice;
  try {
    parsed = (await parseNoticeFile(file)).notice;
  } catch {
    return null; // no tasks found yet: the parser's side (corpus 25, 30)
  }
  const year = parsed.meta.year ?? 2010;
  const flags: string[] = [];
  if (!parsed.meta.year) flags.push('--year', String(year));
  if (!parsed.meta.title && !parsed.meta.attachmentTitle && !parsed.meta.docNumber) flags.push('--title', `关于印发${year}年重点工作任务分解方案的通知`);
  if (!parsed.meta.signDate && !parsed.meta.publishDate) flags.push('--date', `${year}-03-01`);
  let officeFile = opts.office;
  if (!officeFile) {
    officeFile = join(dir, 'office.yaml');
    const place = PLACES[id];
    await cli(['office', 'init', file, '-o', officeFile, ...(place ? ['--city', place[0], '--level', place[1]] : [])]);
  }
  const office = loadOfficeSettings(officeFile);
  const formats = opts.pdf ? 'docx,pdf' : 'docx';
  await cli(['letters', file, '--office', officeFile, '--out', join(dir, 'letters'), '--format', formats, ...flags]);
  await cli(['ledger', file, '--out', join(dir, 'ledger.xlsx')]);
  const db = join(dir, 'duban.db');
  const quarters = opts.quarters ?? [`${year}-Q1`, `${year}-Q4`];
  const { notice } = await parseNoticeFile(file, { meta: { year } });
  const handle = store.openDatabase(db);
  try {
    const reg = store.registerNotice(handle, notice);
    await demoYear(handle, reg.id, quarters, { formsDir: join(dir, 'forms'), filledDir: join(dir, 'filled') });
  } finally {
    handle.close();
  }
  await cli(['progress', 'import', ...quarters.map((q) => join(dir, 'filled', q)), '--db', db, '--quiet']);
  await cli(['circular', '--period', quarters[0]!, '--db', db, '--office', officeFile, '--out', join(dir, 'circular'), '--format', formats]);
  await cli(['evaluate', '--year', String(year), '--db', db, '--office', officeFile, '--out', join(dir, 'evaluate'), '--format', opts.pdf ? 'docx,pdf' : 'docx']);
  return { dir, notice: parsed, year, office, source: readFileSync(file, 'utf8'), pdf: opts.pdf };
}

async function pdfLines(file: string): Promise<string[]> {
  const pages = await readPdf(readFileSync(file));
  return pages.flatMap((p) => p.lines.map((l) => l.text).filter((t) => !/^—\s*\d+\s*—$/.test(t.trim())));
}

function filesIn(dir: string, ext: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(`.${ext}`)).map((f) => join(dir, f)) : [];
}

/** Every document written, with its kind, the organ it must name and (letters) its unit. */
function documents(w: Written): { file: string; kind: DocKind; organ: string; unit?: string[] }[] {
  const units = receivingUnits(w.notice);
  const stems = distinctFileStems(units.map((u) => u.name));
  const unitOf = new Map(units.map((u, i) => [stems[i]!, u]));
  const out: { file: string; kind: DocKind; organ: string; unit?: string[] }[] = [];
  const exts = w.pdf ? ['docx', 'pdf'] : ['docx'];
  for (const ext of exts) {
    for (const f of filesIn(join(w.dir, 'letters'), ext)) {
      const u = unitOf.get(basename(f, `.${ext}`));
      out.push({ file: f, kind: 'letter', organ: w.office.office.name, unit: u ? [u.name, ...(u.fullName ? [u.fullName] : [])] : [] });
    }
    for (const f of filesIn(join(w.dir, 'circular'), ext)) out.push({ file: f, kind: 'circular', organ: w.office.office.name });
    for (const f of filesIn(join(w.dir, 'evaluate'), ext)) out.push({ file: f, kind: 'evaluation', organ: w.office.evaluation.organ });
    for (const f of filesIn(join(w.dir, 'evaluate', '评分表'), ext)) out.push({ file: f, kind: 'sheet', organ: w.office.evaluation.organ });
  }
  return out;
}

async function check(w: Written): Promise<{ problems: string[]; count: number; texts: string[][] }> {
  const problems: string[] = [];
  const texts: string[][] = [];
  const docs = documents(w);
  for (const d of docs) {
    const paragraphs = d.file.endsWith('.pdf') ? await pdfLines(d.file) : docxText(readFileSync(d.file));
    texts.push(paragraphs);
    // PDF lines are not paragraphs: the sentence and copy checks read the DOCX.
    const isPdf = d.file.endsWith('.pdf');
    problems.push(
      ...checkParagraphs(isPdf ? [paragraphs.join('')] : paragraphs, {
        kind: d.kind,
        year: w.year,
        source: w.source,
        organ: d.organ,
        ...(d.unit && !isPdf ? { unit: d.unit } : {}),
        file: d.file.slice(base.length + 1),
      }).filter((p) => !isPdf || !/句子重复|版头和落款/.test(p)),
    );
    if (isPdf && !paragraphs.join('').replace(/\s+/g, '').includes(d.organ)) problems.push(`${d.file}：PDF 中没有“${d.organ}”`);
  }
  return { problems, count: docs.length, texts };
}

const corpusFiles = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();

describe('the document check, on every corpus notice with a drafted office file', () => {
  for (const name of corpusFiles) {
    const id = name.slice(0, 2);
    it(name, async (t) => {
      const w = await pipeline(join(corpus, name), id, { pdf: PDF_SAMPLE.has(id), quarters: null });
      if (!w) return t.skip('no tasks parsed yet (parser work in progress)');
      const { problems, count } = await check(w);
      expect(count).toBeGreaterThan(2);
      expect(problems).toEqual([]);
    }, 240_000);
  }
});

describe('a district office (蔡甸区, corpus 20)', () => {
  it('prints 区-level masthead, 代字 and 抄送, and no 市 wording', async () => {
    const w = (await pipeline(join(corpus, '20-caidian-2023-labelled-unit-lines.txt'), '20b', { pdf: false, quarters: null }))!;
    expect(w.office.area).toMatchObject({ name: '蔡甸', level: '区' });
    expect(w.office.office.name).toBe('蔡甸区人民政府督查室');
    expect(w.office.letters.prefix).toBe('蔡督交');
    expect(w.office.accountability).toBe('区监察委员会');
    const { problems, texts } = await check(w);
    expect(problems).toEqual([]);
    const all = texts.flat();
    expect(all.some((p) => p.includes('蔡督交〔2023〕1号'))).toBe(true);
    expect(all.some((p) => p.includes('蔡督通〔2023〕1号'))).toBe(true);
    expect(all.some((p) => /^抄送：.*区委办公室，区人大常委会办公室，区政协办公室/.test(p))).toBe(true);
    expect(all.some((p) => p.includes('区监察委员会'))).toBe(true);
    expect(texts.flatMap((t) => cityWordingLeft(t, w.source))).toEqual([]);
  }, 240_000);
});

describe('the seed, with its own office file', () => {
  it('passes the check on letters, circular, evaluation and score sheets; PDFs of a sample', async () => {
    const office = join(root, 'seeds/ezhou-office.yaml');
    const w = (await pipeline(seed, 'seed', { office, pdf: false, quarters: ['2014-Q1', '2014-Q4'] }))!;
    await cli(['letters', seed, '--office', office, '--out', join(w.dir, 'letters'), '--format', 'pdf', '--unit', '市监察局']);
    await cli(['circular', '--period', '2014-Q4', '--db', join(w.dir, 'duban.db'), '--office', office, '--out', join(w.dir, 'circular'), '--format', 'docx,pdf']);
    const { problems, count } = await check({ ...w, pdf: false });
    expect(count).toBeGreaterThan(140);
    expect(problems).toEqual([]);
    const extra = await check({ ...w, pdf: true });
    expect(extra.problems).toEqual([]);
  }, 600_000);
});
