/**
 * Import speed. (1) The real notice (34 tasks, ~70 units): four quarters of demo-filled .xlsx
 * forms import in under 3 s. (2) A synthetic year of 300 units × 500 and × 2,000 tasks (CSV,
 * 1,200 files each): import time grows linearly with the rows. Figures are printed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNoticeFile } from '../../src/parse/index.js';
import { buildCircularData } from '../../src/progress/circular-data.js';
import { demoYear } from '../../src/progress/demo.js';
import { importProgressFiles } from '../../src/progress/import.js';
import { ensurePeriod, linkNoticePeriod, openDatabase, parsePeriodId, registerNotice } from '../../src/store/index.js';
import { formCsv, syntheticNotice } from '../helpers/progress-fixtures.js';

const QUARTERS = ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'];

describe('import speed', () => {
  it('four quarters of forms for the real notice (~70 units) import in under 3 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
    const db = openDatabase(join(dir, 'duban.db'));
    const { notice } = await parseNoticeFile('seeds/ezhou-2014-4.txt');
    const id = registerNotice(db, notice).id;
    const year = await demoYear(db, id, QUARTERS, { formsDir: join(dir, 'forms'), filledDir: join(dir, 'filled') });
    const files = year.flatMap((y) => y.filled.flatMap((f) => (f.file ? [f.file] : [])));
    const units = year[0]!.forms.length;
    expect(units).toBeGreaterThanOrEqual(60);

    const t0 = performance.now();
    const results = importProgressFiles(db, files);
    const ms = performance.now() - t0;
    const rows = results.reduce((n, r) => n + (r.outcome === 'imported' ? r.reports : 0), 0);
    console.log(`real notice: ${units} units × 4 quarters, ${files.length} .xlsx files, ${rows} reports imported in ${ms.toFixed(0)} ms`);
    expect(results.every((r) => r.outcome === 'imported')).toBe(true);
    expect(ms).toBeLessThan(3000);
    const c0 = performance.now();
    const c = buildCircularData(db, '2014-Q4');
    console.log(`  circular data for 2014-Q4: ${(performance.now() - c0).toFixed(0)} ms, ${c.totals.total} tasks, ${c.units.length} units`);
  });

  function syntheticYear(tasks: number): { ms: number; rows: number; files: number } {
    const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
    const db = openDatabase(join(dir, 'duban.db'));
    const notice = syntheticNotice(tasks, 300, 2);
    const id = registerNotice(db, notice).id;
    const held = new Map<string, number[]>();
    for (const t of notice.tasks) for (const u of t.units) held.set(u.name, [...(held.get(u.name) ?? []), t.no]);
    const files: string[] = [];
    for (const [qi, q] of QUARTERS.entries()) {
      const p = ensurePeriod(db, parsePeriodId(q));
      linkNoticePeriod(db, id, p.id);
      mkdirSync(join(dir, q));
      for (const [unit, nos] of held) {
        const file = join(dir, q, `${unit}-${q}.csv`);
        const rows = nos.map((no) => ({
          taskNo: no,
          status: '推进中' as const,
          percent: 20 * (qi + 1),
          progress: '按计划推进，已完成阶段性目标。',
          date: p.due,
          ...(no % 3 === 1 ? { actual: no * 0.2 * (qi + 1) } : {}),
        }));
        writeFileSync(file, formCsv(notice.meta.docNumber!, unit, q, rows));
        files.push(file);
      }
    }
    const t0 = performance.now();
    const results = importProgressFiles(db, files);
    const ms = performance.now() - t0;
    expect(results.every((r) => r.outcome === 'imported')).toBe(true);
    const rows = results.reduce((n, r) => n + (r.outcome === 'imported' ? r.reports : 0), 0);
    db.close();
    return { ms, rows, files: files.length };
  }

  it('a synthetic year of 300 units imports in time linear in the rows (500 vs 2,000 tasks)', () => {
    syntheticYear(100); // warm-up: JIT and file cache
    const small = syntheticYear(500);
    const large = syntheticYear(2000);
    for (const [n, r] of [
      [500, small],
      [2000, large],
    ] as const) {
      console.log(
        `synthetic: 300 units × ${n} tasks, ${r.files} CSV files, ${r.rows} reports in ${r.ms.toFixed(0)} ms (${((r.ms * 1000) / r.rows).toFixed(0)} µs a report)`,
      );
    }
    expect(large.rows).toBe(4 * small.rows);
    // Four times the rows: linear time is about four times as long (quadratic would be sixteen).
    expect(large.ms / small.ms).toBeLessThan(7);
  });
});
