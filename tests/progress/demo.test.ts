import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PROFILE, demoRow, demoSubmitDate, fillDemoForms, mulberry32 } from '../../src/progress/demo.js';
import { writeForms, type WrittenForm } from '../../src/progress/form-write.js';
import { readFilledForm } from '../../src/progress/form-read.js';
import { ensurePeriod, findUnit, openDatabase, parsePeriodId, registerNotice, unitTasks, type Db, type HeldTask } from '../../src/store/index.js';
import { fixtureNotice } from '../helpers/progress-fixtures.js';

let db: Db;
let dir: string;
let forms: WrittenForm[];
let noticeId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-demo-'));
  db = openDatabase(join(dir, 'duban.db'));
  noticeId = registerNotice(db, fixtureNotice()).id;
  forms = (await writeForms(db, noticeId, ensurePeriod(db, parsePeriodId('2014-Q2')), join(dir, 'forms'))).slice(0, 8);
});

describe('demo data', () => {
  it('mulberry32 is a fixed sequence for a fixed seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('same seed, same files; another seed, other files', async () => {
    const files = forms.map((f) => f.file);
    const one = await fillDemoForms(db, files, join(dir, 'a'), { seed: 7 });
    const two = await fillDemoForms(db, files, join(dir, 'b'), { seed: 7 });
    const three = await fillDemoForms(db, files, join(dir, 'c'), { seed: 8 });
    const bytes = (f: string | null) => (f ? readFileSync(f) : null);
    expect(one.map((x) => x.file !== null)).toEqual(two.map((x) => x.file !== null));
    one.forEach((x, i) => {
      if (x.file) expect(bytes(x.file)!.equals(bytes(two[i]!.file)!), x.unit).toBe(true);
    });
    const differs = one.some((x, i) => x.file && three[i]!.file && !bytes(x.file)!.equals(bytes(three[i]!.file)!));
    expect(differs).toBe(true);
  });

  it('writes values into the form cells, readable by the importer', async () => {
    const unit = forms.find((f) => f.unit === '市工商局')!;
    const [filled] = await fillDemoForms(db, [unit.file], join(dir, 'd'), { profile: { missingForm: 0 } });
    const form = readFilledForm(filled!.file!, readFileSync(filled!.file!));
    const status = form.blocks[0]!.cells.status![0]!.value;
    expect(['未启动', '推进中', '已完成', '滞后']).toContain(status);
    expect(form.blocks[0]!.cells.date![0]!.value).toEqual(new Date(`${filled!.submitted}T00:00:00Z`));
  });

  it('tells a realistic story over many units and tasks: rising progress, some lagging with reasons, some late', () => {
    const held = unitTasks(db, noticeId, findUnit(db, '市发改委')!.id);
    const profile = { ...DEFAULT_DEMO_PROFILE, blankSupportRow: 0 };
    const quarters = ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'].map((q) => parsePeriodId(q));
    let rows = 0;
    let lagging = 0;
    let late = 0;
    let completedQ4 = 0;
    for (let u = 0; u < 200; u++) {
      const unit = `单位${u}`;
      for (const task of held) {
        const series = quarters.map((q) => demoRow(1, unit, task as HeldTask, q, profile)!);
        for (let i = 1; i < 4; i++) expect(series[i]!.percent).toBeGreaterThanOrEqual(series[i - 1]!.percent);
        for (const r of series) {
          rows++;
          if (r.status === '滞后') {
            lagging++;
            expect(r.delayReason).not.toBe('');
          }
          if (r.status === '已完成') expect(r.percent).toBe(100);
          expect(r.actuals).toHaveLength(task.targets.length);
        }
        if (series[3]!.status === '已完成') completedQ4++;
      }
      if (demoSubmitDate(1, unit, quarters[0]!, profile).late) late++;
    }
    expect(lagging / rows).toBeGreaterThan(0.02);
    expect(lagging / rows).toBeLessThan(0.15);
    expect(late / 200).toBeGreaterThan(0.04);
    expect(late / 200).toBeLessThan(0.2);
    expect(completedQ4 / (200 * held.length)).toBeGreaterThan(0.6);
  });
});
