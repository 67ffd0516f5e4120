/**
 * Hostile unit names → documents and forms that still open. Notices whose units are called
 * CON, NUL.txt, ../../x, 300 characters of emoji and controls, {{x}}, <w:t>]]> … go through every
 * writer (交办函 DOCX + PDF, 任务台账, 反馈表), either as a notice file through the CLI
 * in-process (names as the reader and parser leave them) or as a Notice model handed to the
 * writers the way the commands do (names exactly as generated). Then: every file stays in its
 * folder under a distinct, Windows-valid name; every package unzips into well-formed XML; each
 * letter shows its unit's name (DOCX: all but what XML cannot hold; PDF: what the font can draw,
 * □ for what it cannot); no template syntax in a name is evaluated; no temp file is left.
 *
 * The inputs that found bugs are kept as examples; the planted-bug tests at the end switch on a
 * broken file-name sanitiser, XML filter, glyph filter or cell escaping (through the module mocks
 * below) and show the same checks failing. FC_SEED, FC_RUNS, FC_PATH, FC_SHRINK and FC_STATS
 * steer fast-check when hunting.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { recordingIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { writeLedger } from '../../src/ledger/index.js';
import { buildLetterContext, receivingUnits } from '../../src/letters/context.js';
import { chooseOffice } from '../../src/office/choose.js';
import type { Notice } from '../../src/model/notice.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { readFilledForm } from '../../src/progress/form-read.js';
import { writeForms } from '../../src/progress/form-write.js';
import { readXlsx } from '../../src/progress/xlsx-read.js';
import { writeBatch } from '../../src/render/batch.js';
import { loadFonts, type FontSet } from '../../src/render/fonts/fonts.js';
import { AREA_LEFT, AREA_RIGHT, CHAR_PITCH } from '../../src/render/layout/geometry.js';
import { templatePath } from '../../src/render/output.js';
import { renderTemplate } from '../../src/render/template.js';
import * as store from '../../src/store/index.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { distinctFileStems } from '../../src/util/safe-filename.js';
import { docxText } from '../helpers/docx-xml.js';
import { readPdf } from '../helpers/pdf-text.js';
import {
  comparable,
  docxExpected,
  folderViolations,
  hostileNotice,
  listFiles,
  noticePlan,
  noticeText,
  packageViolations,
  pdfExpected,
  type NoticePlan,
} from './hostile.js';

/** Planted bugs, off unless a planted-bug test switches one on. */
const plant = vi.hoisted(() => ({ keepSlashes: false, rawXml: false, rawCells: false, notdef: false }));

vi.mock('../../src/util/safe-filename.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/util/safe-filename.js')>();
  return {
    ...real,
    // Planted: a sanitiser that forgets path separators and dots.
    distinctFileStems: (names: readonly string[]) => (plant.keepSlashes ? names.map((n) => n.slice(0, 100)) : real.distinctFileStems(names)),
  };
});
vi.mock('../../src/util/xml-safe.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/util/xml-safe.js')>();
  return {
    ...real,
    // Planted: XML-illegal characters passed through to the DOCX writer.
    xmlSafe: (t: string) => (plant.rawXml ? t : real.xmlSafe(t)),
    // Planted: spreadsheet strings left to exceljs, which drops controls.
    ooxmlText: (t: string) => (plant.rawCells ? t : real.ooxmlText(t)),
  };
});
vi.mock('../../src/render/layout/printable.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/render/layout/printable.js')>();
  // Planted: every character handed to the PDF font, drawable or not.
  return { ...real, printable: (t: string, canDraw: (cp: number) => boolean) => (plant.notdef ? t : real.printable(t, canDraw)) };
});
vi.mock('../../src/render/layout/memo.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/render/layout/memo.js')>();
  // Layout memoises lines as a pure function of their text; the planted printable() changes that function.
  class PlantAwareMemo<T> extends real.LayoutMemo<T> {
    override get(fonts: FontSet, key: string, compute: () => T): T {
      return plant.notdef ? compute() : super.get(fonts, key, compute);
    }
  }
  return { ...real, LayoutMemo: PlantAwareMemo };
});

const RUNS = Number(process.env.FC_RUNS ?? 60);
const PERIOD = '2014-Q1';
const base = mkdtempSync(join(tmpdir(), 'duban-hostile-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Written {
  root: string;
  letters: string;
  forms: string;
  ledger: string;
  db: string;
  notice: Notice | null;
  /** Exit codes of letters, ledger, forms (CLI mode), with stderr. */
  codes: number[];
  stderr: string;
}

function caseFolders(): Omit<Written, 'notice' | 'codes' | 'stderr'> {
  const root = mkdtempSync(join(base, 'case-'));
  return { root, letters: join(root, 'out', '交办函'), forms: join(root, 'out', '反馈表'), ledger: join(root, 'out', '任务台账.xlsx'), db: join(root, 'duban.db') };
}

/** The writers fed a Notice model, the way letters-command.ts, ledger-command.ts and forms-command.ts call them. */
async function writeFromModel(notice: Notice): Promise<Written> {
  const w = caseFolders();
  const all = receivingUnits(notice);
  const stems = distinctFileStems(all.map((u) => u.name));
  const { office } = await chooseOffice(notice);
  const jobs = all.map((unit, i) => ({
    tree: renderTemplate(templatePath('letter.hbs'), buildLetterContext(notice, unit, { seq: i + 1, office })),
    base: join(w.letters, stems[i]!),
    label: unit.name,
  }));
  await writeBatch(jobs, { formats: ['docx', 'pdf'] });
  writeFileAtomic(w.ledger, await writeLedger(notice));
  const db = store.openDatabase(w.db);
  try {
    const reg = store.registerNotice(db, notice);
    const period = store.ensurePeriod(db, store.parsePeriodId(PERIOD));
    store.linkNoticePeriod(db, reg.id, period.id);
    await writeForms(db, reg.id, period, w.forms);
  } finally {
    db.close();
  }
  return { ...w, notice, codes: [0, 0, 0], stderr: '' };
}

/** The notice as a file, through the CLI in-process: the names as reader and parser leave them. */
async function writeFromText(text: string): Promise<Written> {
  const w = caseFolders();
  const file = join(w.root, '通知.txt');
  writeFileSync(file, text);
  const io = recordingIO();
  const codes = [
    await run(['letters', file, '--out', w.letters], io),
    await run(['ledger', file, '--out', w.ledger], io),
    await run(['forms', file, '--period', PERIOD, '--db', w.db, '--out', w.forms], io),
  ];
  let notice: Notice | null = null;
  if (codes.every((c) => c === 0)) notice = (await parseNoticeFile(file)).notice;
  return { ...w, notice, codes, stderr: io.stderr.join('\n') };
}

const fonts = loadFonts();
const canDraw = (cp: number) => fonts.faces.fangsong.has(cp) || fonts.fallback('fangsong').has(cp);
const pageNumber = /^—\s*\d+\s*—$/;

/**
 * The type area (版心) across, plus one hanging punctuation mark on the right; 3 pt either side
 * for glyph origins that sit outside their ink (a dash stretched to fill its cell starts left of it).
 */
const LEFT = AREA_LEFT - 3;
const RIGHT = AREA_RIGHT + CHAR_PITCH + 3;

/** The PDF's text without page numbers, and any text painted outside the type area across or the page down. */
async function pdfText(file: string): Promise<{ text: string; outside: string[] }> {
  const pages = await readPdf(readFileSync(file));
  const outside = pages.flatMap((p, n) =>
    p.items
      .filter((i) => i.x < LEFT || i.x + i.width > RIGHT || i.y < 0 || i.y > p.height)
      .map((i) => `page ${n + 1} at x ${i.x.toFixed(0)}–${(i.x + i.width).toFixed(0)}: ${JSON.stringify(i.str.slice(0, 30))}`),
  );
  return { text: pages.flatMap((p) => p.lines.map((l) => l.text).filter((t) => !pageNumber.test(t.trim()))).join(''), outside };
}

/** Every property of the suite for one written case; the list of what is wrong, empty when all holds. */
async function caseViolations(w: Written): Promise<string[]> {
  const out: string[] = [];
  if (w.codes.some((c) => c !== 0)) {
    counts.refused++;
    if (process.env.FC_STATS) console.log(w.codes, w.stderr.split("\n")[0]);
    // Only a notice without tasks may be refused, and then with a Chinese message, never a crash.
    if (w.codes.some((c) => c === 1) || !/[\u4e00-\u9fff]/.test(w.stderr)) out.push(`commands failed ${w.codes.join(',')}: ${w.stderr}`);
    return out;
  }
  const notice = w.notice!;
  const files = listFiles(w.root);
  const letterFiles = files.filter((f) => f.startsWith(w.letters));
  const formFiles = files.filter((f) => f.startsWith(w.forms));
  const known = new Set([...letterFiles, ...formFiles, w.ledger, w.db, `${w.db}-wal`, `${w.db}-shm`, join(w.root, '通知.txt')]);
  for (const f of files) if (!known.has(f)) out.push(`unexpected file ${JSON.stringify(f)}`);
  const stray = readdirSync(base).filter((n) => !n.startsWith('case-'));
  if (stray.length) out.push(`files escaped the case folder: ${JSON.stringify(stray)}`);
  out.push(...folderViolations(w.letters, letterFiles), ...folderViolations(w.forms, formFiles));
  if (!files.includes(w.ledger)) out.push('no ledger written');

  const units = receivingUnits(notice);
  counts.letters += units.length;
  if (letterFiles.length !== 2 * units.length) out.push(`${letterFiles.length} letter files for ${units.length} units`);
  // Each form, read back, names the unit it was written for as import will look it up.
  const db = store.openDatabase(w.db, { mustExist: true });
  try {
    const reg = store.findNoticeByKey(db, store.noticeKey(notice));
    const formUnits = reg ? store.receivingUnits(db, reg.id).map((u) => u.name) : [];
    if (formFiles.length !== formUnits.length) out.push(`${formFiles.length} forms for ${formUnits.length} units`);
    const stems = distinctFileStems(formUnits.map((u) => `${u}-${PERIOD}`));
    formUnits.forEach((unit, i) => {
      const file = join(w.forms, `${stems[i]}.xlsx`);
      if (!files.includes(file)) return void out.push(`no form ${JSON.stringify(basename(file))} for ${JSON.stringify(unit)}`);
      const form = readFilledForm(file, readFileSync(file));
      const found = store.findUnit(db, form.identity.unit ?? '');
      if (form.issues.length) out.push(`form of ${JSON.stringify(unit)} unreadable: ${form.issues.map((x) => x.message).join('; ')}`);
      else if (found?.name !== unit) out.push(`form of ${JSON.stringify(unit)} reads back as unit ${JSON.stringify(form.identity.unit)}, found ${JSON.stringify(found?.name)}`);
    });
  } finally {
    db.close();
  }

  for (const f of files.filter((x) => /\.(docx|xlsx)$/.test(x))) out.push(...packageViolations(f));
  if (out.length) return out;

  // Each letter shows its unit's name; the stems are the command's own.
  const stems = distinctFileStems(units.map((u) => u.name));
  for (const [i, unit] of units.entries()) {
    const name = unit.fullName ?? unit.name;
    const docx = comparable(docxText(readFileSync(join(w.letters, `${stems[i]}.docx`))).join(''));
    if (!docx.includes(docxExpected(name))) out.push(`DOCX of ${JSON.stringify(name)} does not show ${JSON.stringify(docxExpected(name))}`);
    // pdf.js folds compatibility characters (ﬁ → fi) when it extracts text: compare both folded.
    const read = await pdfText(join(w.letters, `${stems[i]}.pdf`));
    if (read.outside.length) out.push(`PDF of ${JSON.stringify(name)} paints text outside the type area: ${read.outside.slice(0, 3).join('; ')}`);
    const pdf = comparable(read.text).normalize('NFKC');
    const want = pdfExpected(name, canDraw).normalize('NFKC');
    if (!pdf.includes(want)) out.push(`PDF of ${JSON.stringify(name)} does not show ${JSON.stringify(want)}: ${JSON.stringify(pdf.slice(0, 200))}`);
  }

  // The ledger lists every unit.
  const ledgerText = readXlsx(readFileSync(w.ledger))
    .flatMap((s) => [...s.rows.values()].flatMap((r) => [...r.values()].map((c) => String(c.value))))
    .map(comparable)
    .join('\n');
  for (const u of notice.units) if (!ledgerText.includes(docxExpected(u.name))) out.push(`ledger does not list ${JSON.stringify(u.name)}`);
  return out;
}

async function modelCase(plan: NoticePlan): Promise<string[]> {
  return caseViolations(await writeFromModel(hostileNotice(plan)));
}

async function textCase(plan: NoticePlan): Promise<string[]> {
  return caseViolations(await writeFromText(noticeText(plan)));
}

const counts = { model: 0, text: 0, refused: 0, letters: 0 };

describe('hostile unit names', () => {
  it(
    'every writer keeps its files in the folder, valid and distinct, and its documents open and show the name',
    async () => {
      await fc.assert(
        fc.asyncProperty(noticePlan, fc.boolean(), async (plan, viaText) => {
          counts[viaText ? 'text' : 'model']++;
          const v = viaText ? await textCase(plan) : await modelCase(plan);
          if (process.env.FC_DEBUG) console.log(JSON.stringify(plan), viaText, v);
          if (v.length) throw new Error(v.slice(0, 8).join('\n'));
        }),
        { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? 20140113), path: process.env.FC_PATH, endOnFailure: !process.env.FC_SHRINK },
      );
      expect(counts.model + counts.text).toBeGreaterThanOrEqual(RUNS);
      expect(counts.model).toBeGreaterThan(0);
      expect(counts.text - counts.refused).toBeGreaterThan(0);
      if (process.env.FC_STATS) console.log(counts);
    },
    240_000,
  );
});

describe('the inputs that found bugs, kept as examples', () => {
  it.each([
    ['CON. as a form: CON.-2014-Q1.xlsx is the device CON on Windows', ['CON.', '市财政局']],
    ['ﬁ and FI: distinct to toLowerCase, one name to a case-folding file system', ['财政ﬁ局', '财政FI局']],
    ['control characters, bidi marks and emoji: .notdef glyphs copied out as U+0000', ['市\u0001\u202e局😀', '市财政局']],
    ['the Kelvin sign: the form could not find its own unit (NFKC on one side only)', ['\u212A局', '市财政局']],
    ['a literal _x0041_: read back as A from the ledger and the form', ['文字_x0041_局', '市财政局']],
    ['a lone surrogate: the store lost the unit (NOT NULL constraint failed: assignments.unit_id)', ['\ud800局', '市财政局']],
  ])('%s', async (_name, names) => {
    expect(await modelCase({ names, tasks: [names.map((_n, i) => i)] })).toEqual([]);
  });

  it('two lone surrogates: both letters were written to one file (the file system stores U+FFFD for each)', () => {
    const stems = distinctFileStems(['\ud800局', '\udfff局']);
    expect(new Set(stems.map((s) => s.replace(/[\ud800-\udfff]/g, '\ufffd'))).size).toBe(2);
  });

  it('"......" after a full line: the word hung 31 pt past the type area', async () => {
    const plan = { names: ['测'.repeat(28) + '......' + '测测局', '市财政局'], tasks: [[0, 1]] };
    expect(await modelCase(plan)).toEqual([]);
  });
});

describe('each check fails on a planted bug', () => {
  async function withPlant(bug: keyof typeof plant, plan: NoticePlan): Promise<string> {
    plant[bug] = true;
    try {
      return (await modelCase(plan)).join('\n');
    } finally {
      plant[bug] = false;
    }
  }

  it('file names: a sanitiser that keeps / and device names lets files out of the folder and breaks Windows', async () => {
    const plan = { names: ['../逃逸局', 'CON', 'con'], tasks: [[0, 1, 2]] };
    expect(await modelCase(plan)).toEqual([]);
    const v = await withPlant('keepSlashes', plan);
    expect(v).toMatch(/unexpected file .*out\/逃逸局\.docx/);
    expect(v).toMatch(/not a valid Windows file name \(device name\): "CON\.docx"/);
    expect(v).toMatch(/names collide when case-folded: "CON\.docx" \/ "con\.docx"/);
  });

  it('XML: a noncharacter let through makes document.xml ill-formed', async () => {
    const plan = { names: ['非字符\ufffe局', '市财政局'], tasks: [[0, 1]] };
    expect(await modelCase(plan)).toEqual([]);
    expect(await withPlant('rawXml', plan)).toMatch(/\.docx part word\/document\.xml: XML: forbidden character/);
  });

  it('PDF: characters without a glyph copied out as U+0000 instead of □', async () => {
    const plan = { names: ['表情😀\u202e局', '市财政局'], tasks: [[0, 1]] };
    expect(await modelCase(plan)).toEqual([]);
    expect(await withPlant('notdef', plan)).toMatch(/PDF of "表情😀\u202e局" does not show "表情□局"/);
  });

  it('forms: a unit whose name exceljs would change cannot be found from its own form', async () => {
    const plan = { names: ['控制\u0001字符局', '文字_x0041_局'], tasks: [[0, 1]] };
    expect(await modelCase(plan)).toEqual([]);
    const v = await withPlant('rawCells', plan);
    expect(v).toMatch(/form of "控制\\u0001字符局" reads back as unit "控制字符局"/);
    expect(v).toMatch(/form of "文字_x0041_局" reads back as unit "文字A局"/);
  });
});
