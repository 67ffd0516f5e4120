/**
 * Random cell values in filled feedback forms. The seed notice's forms for 2014-Q1 are filled the
 * way the demo fills them, then 1–3 cells of the fill-in columns are overwritten with what people
 * and programs put there (numbers out of range, NaN, 10,000 characters, formulas, booleans, error
 * values, rich text, dates in odd spellings, full-width digits, control characters, blanks), and
 * now and then a merge is added, rows are left under the table or the hidden metadata sheet is
 * deleted. For every such file the import must:
 *  - accept it or reject it, never throw (only a DubanError naming the file would be acceptable);
 *  - on rejection, place every issue (file, sheet, row, cell address) in a Chinese message, name
 *    each planted cell that is invalid in its own right, and leave the database as it was;
 *  - on acceptance, hold exactly one current report per (task, unit, period), every value in
 *    range, and the planted valid values as the form states them;
 *  - change nothing when the same file is imported again.
 * The planted-bug tests at the end break the validator, the store or the duplicate check (through
 * the module mocks below) and show the property failing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DubanError } from '../../src/model/errors.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { fillDemoForms } from '../../src/progress/demo.js';
import { FORM_LETTER, type ColumnKey } from '../../src/progress/form-layout.js';
import { readFilledForm, type TaskBlock } from '../../src/progress/form-read.js';
import { writeForms } from '../../src/progress/form-write.js';
import { importProgressFiles, type FileImportResult } from '../../src/progress/import.js';
import { formatIssue } from '../../src/progress/issues.js';
import * as store from '../../src/store/index.js';
import {
  ACTUAL,
  ACTUAL_WITHOUT_TARGET,
  DATE,
  PERCENT,
  STATUS,
  TEXT,
  addMerge,
  dropMetadata,
  dumpDatabase,
  merges,
  openPackage,
  packageBytes,
  setCell,
  type Planted,
  type Written,
} from './form-cells.js';

/** Planted bugs, off unless a planted-bug test switches one on. */
const plant = vi.hoisted(() => ({ noRange: false, noCell: false, sideEffect: false, freshHash: false }));

vi.mock('../../src/progress/values.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/progress/values.js')>();
  return {
    ...real,
    // Planted: a copy of the percent parser that skips the 0–100 range.
    parsePercent: (raw: Parameters<typeof real.parsePercent>[0], pct?: boolean) => {
      const r = real.parsePercent(raw, pct);
      if (!plant.noRange || r.ok || r.reason !== '超出 0–100 的范围') return r;
      const v = typeof raw === 'number' ? raw : Number(String(raw).normalize('NFKC').replace(/[\s,，%％]/g, ''));
      return { ok: true as const, value: v };
    },
  };
});
vi.mock('../../src/progress/validate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/progress/validate.js')>();
  return {
    ...real,
    validateForm: (...args: Parameters<typeof real.validateForm>) => {
      const v = real.validateForm(...args);
      // Planted: issues that forget their cell; a validator that touches the database.
      if (plant.noCell) v.issues = v.issues.map(({ cell: _c, row: _r, ...rest }) => rest);
      if (plant.sideEffect && v.issues.length) args[0].prepare("UPDATE notices SET registered_at = 'checked'").run();
      return v;
    },
  };
});
vi.mock('../../src/store/notices.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/store/notices.js')>();
  let n = 0;
  // Planted: a duplicate check that never recognises a file.
  return { ...real, sha256: (b: Uint8Array | string) => (plant.freshHash ? `${real.sha256(b)}-${n++}` : real.sha256(b)) };
});

const RUNS = Number(process.env.FC_RUNS ?? 300);
const PERIOD = '2014-Q1';
const SEED = join(import.meta.dirname, '../../seeds/ezhou-2014-4.txt');
const fixedClock = () => new Date('2014-04-06T02:00:00Z');
const STATUSES = ['未启动', '推进中', '已完成', '滞后'];

interface FilledForm {
  file: string;
  unit: string;
  bytes: Uint8Array;
  blocks: TaskBlock[];
  /** Task number → number of targets. */
  targets: Map<number, number>;
  /** Task numbers of the notice this unit does not hold. */
  notHeld: number[];
  lastRow: number;
}

const dir = mkdtempSync(join(tmpdir(), 'duban-form-cells-'));
let db: store.Db;
let noticeId: number;
let forms: FilledForm[] = [];
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  db = store.openDatabase(join(dir, 'duban.db'));
  const { notice } = await parseNoticeFile(SEED);
  noticeId = store.registerNotice(db, notice).id;
  const period = store.ensurePeriod(db, store.parsePeriodId(PERIOD));
  store.linkNoticePeriod(db, noticeId, period.id);
  const blank = await writeForms(db, noticeId, period, join(dir, 'forms'));
  const filled = await fillDemoForms(db, blank.map((f) => f.file), join(dir, 'filled'), { profile: { missingForm: 0, silentUnit: 0 } });
  const all = notice.tasks.map((t) => t.no);
  forms = filled.map((f) => {
    const bytes = readFileSync(f.file!);
    const read = readFilledForm(f.file!, bytes);
    const unit = store.findUnit(db, f.unit)!;
    const held = store.unitTasks(db, noticeId, unit.id);
    return {
      file: f.file!,
      unit: f.unit,
      bytes,
      blocks: read.blocks,
      targets: new Map(held.map((t) => [t.no, t.targets.length])),
      notHeld: all.filter((n) => !held.some((t) => t.no === n)),
      lastRow: Math.max(...read.blocks.flatMap((b) => b.rows)),
    };
  });
}, 120_000);

// ---------------------------------------------------------------------------------------------
// Cases.

const FILL_COLUMNS: ColumnKey[] = ['status', 'percent', 'actual', 'progress', 'achievements', 'problems', 'measures', 'delayReason', 'date'];

interface Edit {
  block: number;
  column: number;
  row: number;
  value: number;
  /** Write into a cell hidden by the task's own merge (second row of a multi-target task). */
  slave: boolean;
}

type StrayKind = 'note' | 'task-99' | 'task-held' | 'task-other' | 'fill-only' | 'actual-below';

interface Case {
  form: number;
  edits: Edit[];
  merge: { column: number; block: number; span: number; across: boolean } | null;
  stray: { kind: StrayKind; offset: number } | null;
  dropMeta: boolean;
}

/** One case in five. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const STRAY_KINDS: StrayKind[] = ['note', 'task-99', 'task-held', 'task-other', 'fill-only', 'actual-below'];

const caseArb: fc.Arbitrary<Case> = fc.record({
  form: fc.nat(),
  edits: fc.array(
    fc.record({ block: fc.nat(), column: fc.nat({ max: FILL_COLUMNS.length - 1 }), row: fc.nat(), value: fc.nat(), slave: fc.boolean() }),
    { minLength: 1, maxLength: 3 },
  ),
  merge: sometimes(fc.record({ column: fc.nat({ max: FILL_COLUMNS.length - 1 }), block: fc.nat(), span: fc.integer({ min: 2, max: 3 }), across: fc.boolean() })),
  stray: sometimes(fc.record({ kind: fc.constantFrom(...STRAY_KINDS), offset: fc.integer({ min: 1, max: 3 }) })),
  dropMeta: sometimes(fc.constant(true)).map(Boolean),
});

/** A planted cell and what it must come to. */
interface Expectation {
  address: string;
  column: ColumnKey;
  taskNo: number;
  /** 1-based target number for 指标完成值. */
  seq: number;
  planted: Planted;
  /** Behind a merge: its value is not read. */
  hidden: boolean;
}

const LIST: Partial<Record<ColumnKey, readonly Planted[]>> = {
  status: STATUS,
  percent: PERCENT,
  actual: ACTUAL,
  date: DATE,
  progress: TEXT,
  achievements: TEXT,
  problems: TEXT,
  measures: TEXT,
  delayReason: TEXT,
};

const colIndex = (letter: string) => letter.charCodeAt(0) - 64;
const letterOf = (n: number) => String.fromCharCode(64 + n);
const rowOf = (address: string) => Number(/\d+$/.exec(address)![0]);

interface Built {
  bytes: Uint8Array;
  form: FilledForm;
  expectations: Expectation[];
  description: string[];
}

function plantEdits(c: Case, form: FilledForm, pkg: ReturnType<typeof openPackage>, byAddress: Map<string, Expectation>, description: string[]): void {
  for (const e of c.edits) {
    const block = form.blocks[e.block % form.blocks.length]!;
    const key = FILL_COLUMNS[e.column]!;
    const perRow = key === 'actual';
    const multi = block.rows.length > 1;
    const i = perRow ? e.row % block.rows.length : e.slave && multi ? 1 + (e.row % (block.rows.length - 1)) : 0;
    const row = block.rows[i]!;
    const seq = block.targetSeqs[i] ?? i + 1;
    const list = perRow && seq > (form.targets.get(block.taskNo) ?? 0) ? ACTUAL_WITHOUT_TARGET : LIST[key]!;
    const planted = list[e.value % list.length]!;
    const address = `${FORM_LETTER[key]}${row}`;
    setCell(pkg, address, planted.cell);
    byAddress.set(address, { address, column: key, taskNo: block.taskNo, seq, planted, hidden: !perRow && i > 0 });
    description.push(`${address} (task ${block.taskNo}, ${key}) ← ${planted.label}`);
  }
}

function plantMerge(c: Case, form: FilledForm, pkg: ReturnType<typeof openPackage>, description: string[]): void {
  if (!c.merge) return;
  const block = form.blocks[c.merge.block % form.blocks.length]!;
  const left = colIndex(FORM_LETTER[FILL_COLUMNS[c.merge.column]!]);
  const top = block.rows[0]!;
  const right = c.merge.across ? Math.min(13, left + c.merge.span - 1) : left;
  const bottom = c.merge.across ? top : Math.max(top + c.merge.span - 1, block.rows.at(-1)!);
  if (right === left && bottom === top) return;
  // Overlapping merges make a file Excel refuses to open: not a case worth generating.
  if (merges(pkg.sheet).some((m) => m.top <= bottom && m.bottom >= top && m.left <= right && m.right >= left)) return;
  const range = `${letterOf(left)}${top}:${letterOf(right)}${bottom}`;
  addMerge(pkg, range);
  description.push(`merge ${range}`);
}

function plantStray(c: Case, form: FilledForm, pkg: ReturnType<typeof openPackage>, byAddress: Map<string, Expectation>, description: string[]): void {
  if (!c.stray) return;
  const row = form.lastRow + c.stray.offset;
  const put = (col: ColumnKey, w: Written) => setCell(pkg, `${FORM_LETTER[col]}${row}`, w);
  // A row repeating the last task's number right below it reads as that task's next target row
  // (hand-made tables do that), so a duplicate is made of another task.
  const lastTask = form.blocks.at(-1)!.taskNo;
  const held = [...form.targets.keys()].filter((n) => n !== lastTask);
  const no: Record<string, number> = {
    'task-99': 99,
    'task-held': held[c.stray.offset % Math.max(1, held.length)] ?? 99,
    'task-other': form.notHeld[c.stray.offset % Math.max(1, form.notHeld.length)] ?? 99,
  };
  switch (c.stray.kind) {
    case 'note':
      put('taskNo', { t: 'inline', v: '填表人：张三　联系电话：027-12345678' });
      put('progress', { t: 'inline', v: '（本表经分管领导审核）' });
      break;
    case 'fill-only':
      put('status', { t: 'inline', v: '推进中' });
      put('percent', { t: 'number', v: '50' });
      break;
    case 'actual-below':
      put('actual', { t: 'number', v: '5' });
      break;
    default: {
      const address = `${FORM_LETTER.taskNo}${row}`;
      put('taskNo', { t: 'number', v: String(no[c.stray.kind]) });
      put('status', { t: 'inline', v: '推进中' });
      put('percent', { t: 'number', v: '50' });
      const planted: Planted = { label: `stray row of task ${no[c.stray.kind]}`, cell: { t: 'empty' }, verdict: { kind: 'invalid' } };
      byAddress.set(address, { address, column: 'taskNo', taskNo: no[c.stray.kind]!, seq: 0, planted, hidden: false });
    }
  }
  description.push(`stray ${c.stray.kind} in row ${row}`);
}

function build(c: Case): Built {
  const form = forms[c.form % forms.length]!;
  const pkg = openPackage(form.bytes);
  const byAddress = new Map<string, Expectation>();
  const description: string[] = [`form ${basename(form.file)}`];
  plantEdits(c, form, pkg, byAddress, description);
  plantMerge(c, form, pkg, description);
  for (const m of merges(pkg.sheet)) {
    for (const x of byAddress.values()) {
      const r = rowOf(x.address);
      const col = colIndex(x.address[0]!);
      if (r >= m.top && r <= m.bottom && col >= m.left && col <= m.right && (r !== m.top || col !== m.left)) x.hidden = true;
    }
  }
  plantStray(c, form, pkg, byAddress, description);
  if (c.dropMeta) {
    dropMetadata(pkg);
    description.push('metadata sheet deleted');
  }
  return { bytes: packageBytes(pkg), form, expectations: [...byAddress.values()], description };
}

// ---------------------------------------------------------------------------------------------
// The properties.

const stats = { cases: 0, imported: 0, rejected: 0, duplicate: 0, invalidPlanted: 0, validChecked: 0, merged: 0, stray: 0, noMeta: 0 };

function consistencyViolations(): string[] {
  const out: string[] = [];
  const dupes = db
    .prepare('SELECT task_id, unit_id, period_id, COUNT(*) AS n FROM progress_reports WHERE superseded_by IS NULL GROUP BY 1, 2, 3 HAVING n > 1')
    .all();
  if (dupes.length) out.push(`several current reports: ${JSON.stringify(dupes)}`);
  for (const r of db.prepare('SELECT id, status, percent FROM progress_reports').all() as { id: number; status: string; percent: number | null }[]) {
    if (!STATUSES.includes(r.status)) out.push(`report ${r.id} has status ${JSON.stringify(r.status)}`);
    if (r.percent !== null && !(Number.isFinite(r.percent) && r.percent >= 0 && r.percent <= 100)) out.push(`report ${r.id} has percent ${r.percent}`);
  }
  for (const a of db.prepare('SELECT report_id, actual FROM report_target_actuals').all() as { report_id: number; actual: number }[]) {
    if (!Number.isFinite(a.actual)) out.push(`report ${a.report_id} has actual ${a.actual}`);
  }
  return out;
}

function issueViolations(file: string, r: FileImportResult): string[] {
  if (r.outcome !== 'rejected') return [];
  const out: string[] = [];
  if (r.issues.length === 0) out.push('rejected without an issue');
  for (const i of r.issues) {
    const line = formatIssue(i);
    const placed =
      i.file === file &&
      i.sheet === '反馈表' &&
      Number.isInteger(i.row) &&
      /^[A-Z]{1,3}[1-9]\d*$/.test(i.cell ?? '') &&
      line.startsWith(`${file} 工作表“反馈表” 第${i.row}行 ${i.cell}`) &&
      /[\u4e00-\u9fff]/.test(i.message);
    if (!placed) out.push(`issue not placed in file, sheet, row and cell: ${line}`);
  }
  return out;
}

function storedValue(x: Expectation, rep: store.ReportRecord): unknown {
  if (x.column === 'status') return rep.status;
  if (x.column === 'percent') return rep.percent;
  if (x.column === 'date') return rep.submittedDate;
  const target = db
    .prepare('SELECT g.id FROM targets g JOIN tasks t ON t.id = g.task_id WHERE t.notice_id = ? AND t.no = ? AND g.seq = ?')
    .pluck()
    .get(noticeId, x.taskNo, x.seq);
  return rep.actuals.find((a) => a.targetId === target)?.actual;
}

function valueViolations(built: Built, r: FileImportResult): string[] {
  const out: string[] = [];
  for (const x of built.expectations) {
    if (x.hidden) continue;
    if (x.planted.verdict.kind === 'invalid') {
      stats.invalidPlanted++;
      if (r.outcome === 'imported') out.push(`accepted although ${x.address} holds ${x.planted.label}`);
      else if (r.outcome === 'rejected' && !r.issues.some((i) => i.cell === x.address)) {
        out.push(`no issue names ${x.address} (${x.planted.label}): ${r.issues.map(formatIssue).join(' | ')}`);
      }
    }
    const checked: readonly ColumnKey[] = ['status', 'percent', 'date', 'actual'];
    if (x.planted.verdict.kind === 'valid' && r.outcome === 'imported' && checked.includes(x.column)) {
      stats.validChecked++;
      const rep = store.currentReports(db, noticeId, PERIOD).find((p) => p.unit === built.form.unit && p.taskNo === x.taskNo);
      if (!rep || rep.importId !== r.importId) out.push(`no report from this file for task ${x.taskNo}`);
      else {
        const got = storedValue(x, rep);
        if (got !== x.planted.verdict.value) out.push(`${x.address} (${x.planted.label}) stored as ${JSON.stringify(got)}, expected ${JSON.stringify(x.planted.verdict.value)}`);
      }
    }
  }
  return out;
}

let caseNo = 0;

/** Imports one mutated form twice; every violation of the properties, empty when all hold. */
function caseViolations(c: Case): string[] {
  const built = build(c);
  stats.cases++;
  if (c.merge) stats.merged++;
  if (c.stray) stats.stray++;
  if (c.dropMeta) stats.noMeta++;
  const caseDir = join(dir, 'cases', String(caseNo++));
  mkdirSync(caseDir, { recursive: true });
  const file = join(caseDir, basename(built.form.file));
  writeFileSync(file, built.bytes);

  const out: string[] = [];
  const importOnce = (): FileImportResult | null => {
    try {
      return importProgressFiles(db, [file], { now: fixedClock })[0]!;
    } catch (e) {
      if (!(e instanceof DubanError && e.place.file)) out.push(`import threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      return null;
    }
  };
  const before = dumpDatabase(db);
  const first = importOnce();
  const after = dumpDatabase(db);
  if (first) {
    stats[first.outcome]++;
    if (first.outcome !== 'imported' && after !== before) out.push(`database changed by a ${first.outcome} file`);
    out.push(...issueViolations(file, first), ...valueViolations(built, first));
  }
  out.push(...consistencyViolations());
  const second = importOnce();
  if (dumpDatabase(db) !== after) out.push('importing the same file again changed the database');
  if (first && second) {
    const expected = first.outcome === 'rejected' ? 'rejected' : 'duplicate';
    if (second.outcome !== expected) out.push(`second import: ${second.outcome}, expected ${expected}`);
  }
  return out.length ? [...built.description, ...out] : [];
}

function check(c: Case): void {
  const v = caseViolations(c);
  if (v.length) throw new Error(v.slice(0, 12).join('\n'));
}

const options = (runs: number, seed = Number(process.env.FC_SEED ?? 20140401)) => ({
  numRuns: runs,
  seed,
  endOnFailure: !process.env.FC_SHRINK,
  path: process.env.FC_PATH,
});

describe('random cell values in filled feedback forms', () => {
  it('imports untouched filled forms, and the same forms without their metadata sheet', () => {
    mkdirSync(join(dir, 'no-meta'), { recursive: true });
    for (const f of forms.filter((_, i) => i % 10 === 0)) {
      const pkg = openPackage(f.bytes);
      dropMetadata(pkg);
      const file = join(dir, 'no-meta', basename(f.file));
      writeFileSync(file, packageBytes(pkg));
      const [r] = importProgressFiles(db, [file], { now: fixedClock });
      expect(r!.outcome, r!.outcome === 'rejected' ? r!.issues.map(formatIssue).join('\n') : '').toBe('imported');
    }
    expect(consistencyViolations()).toEqual([]);
  });

  it(
    'accepts or rejects every mutated form: placed issues, database untouched on rejection, values in range, re-import a no-op',
    () => {
      fc.assert(fc.property(caseArb, check), options(RUNS));
      if (process.env.FC_STATS) console.log(stats);
      expect(stats.cases).toBe(RUNS);
      expect(stats.imported).toBeGreaterThan(RUNS / 10);
      expect(stats.rejected).toBeGreaterThan(RUNS / 10);
      expect(stats.invalidPlanted).toBeGreaterThan(RUNS / 10);
      expect(stats.validChecked).toBeGreaterThan(RUNS / 20);
    },
    120_000,
  );
});

/** A case planting the listed values (by label) into one unit's form, for the bugs found so far. */
function caseFor(unit: string, edits: [column: ColumnKey, taskNo: number, label: string, row?: number][]): Case {
  const form = forms.findIndex((f) => f.unit === unit);
  if (form < 0) throw new Error(`no form for ${unit}`);
  return {
    form,
    edits: edits.map(([column, taskNo, label, row = 0]) => {
      const f = forms[form]!;
      const block = f.blocks.findIndex((b) => b.taskNo === taskNo);
      const list = column === 'actual' && row >= (f.targets.get(taskNo) ?? 0) ? ACTUAL_WITHOUT_TARGET : LIST[column]!;
      const value = list.findIndex((x) => x.label === label);
      if (block < 0 || value < 0) throw new Error(`no task ${taskNo} or value ${label}`);
      return { block, column: FILL_COLUMNS.indexOf(column), row, value, slave: false };
    }),
    merge: null,
    stray: null,
    dropMeta: false,
  };
}

describe('the inputs that found bugs, kept as examples', () => {
  it.each([
    ['a date cell before 1990 (t="d" 1899-12-30) was stored as the submission date', [['date', 9, 'ISO date cell 1899']]],
    ['serial 0 in a date-formatted cell was stored as 1899-12-30', [['date', 9, 'serial 0']]],
    ['a date-formatted 1e308 crashed the import with RangeError: Invalid time value', [['date', 9, 'serial 1e308']]],
    ['400 nines as 指标完成值 were stored as Infinity', [['actual', 9, '400 nines', 1]]],
  ] as [string, [ColumnKey, number, string, number?][]][])('%s', (_name, edits) => {
    expect(caseViolations(caseFor('市发改委', edits))).toEqual([]);
  });
});

describe('the property fails on a planted bug', () => {
  function failure(bug: keyof typeof plant, runs = 80): string {
    plant[bug] = true;
    try {
      fc.assert(fc.property(caseArb, check), { ...options(runs, 7), endOnFailure: true, path: undefined });
      return 'PASSED';
    } catch (e) {
      const err = e as Error & { cause?: unknown };
      return `${err.message}\n${err.cause instanceof Error ? err.cause.message : ''}`;
    } finally {
      plant[bug] = false;
    }
  }

  it('a percent parser without the 0–100 range: out-of-range values are accepted (or crash the store)', () => {
    expect(failure('noRange')).toMatch(/accepted although F\d+ holds|import threw SqliteError: CHECK constraint failed/);
  });

  it('issues without their cell', () => {
    expect(failure('noCell')).toMatch(/issue not placed in file, sheet, row and cell: .*：/);
  });

  it('a validator that writes to the database while rejecting', () => {
    expect(failure('sideEffect')).toMatch(/database changed by a rejected file/);
  });

  it('a duplicate check that never recognises a file', () => {
    expect(failure('freshHash')).toMatch(/importing the same file again changed the database|second import: imported, expected duplicate/);
  });
});
