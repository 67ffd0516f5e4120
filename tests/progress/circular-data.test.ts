import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCircularData, trimText, type CircularData } from '../../src/progress/circular-data.js';
import { demoYear } from '../../src/progress/demo.js';
import { importProgressFiles } from '../../src/progress/import.js';
import { getPeriod, openDatabase, registerNotice, type Db } from '../../src/store/index.js';
import { fixtureNotice } from '../helpers/progress-fixtures.js';

const PERIODS = ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'];
let db: Db;
const data = new Map<string, CircularData>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-circular-'));
  db = openDatabase(join(dir, 'duban.db'));
  const id = registerNotice(db, fixtureNotice()).id;
  // More lagging and missing than the default demo, so every bucket and light occurs.
  const year = await demoYear(db, id, PERIODS, { formsDir: join(dir, 'forms'), filledDir: join(dir, 'filled') }, {
    seed: 3,
    profile: { laggingTask: 0.35, missingForm: 0.15 },
  });
  const results = importProgressFiles(db, year.flatMap((y) => y.filled.flatMap((f) => (f.file ? [f.file] : []))));
  expect(results.every((r) => r.outcome === 'imported')).toBe(true);
  for (const p of PERIODS) data.set(p, buildCircularData(db, p));
});

/** The lead's current report per task, straight from SQL (the fixture has one lead per task). */
function leadRows(period: string) {
  return db
    .prepare(
      `SELECT t.no, t.chapter, r.status, r.percent, r.delay_reason AS reason, lu.name AS lead
         FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' JOIN units lu ON lu.id = a.unit_id
         LEFT JOIN progress_reports r ON r.task_id = t.id AND r.unit_id = a.unit_id AND r.period_id = ? AND r.superseded_by IS NULL
        ORDER BY t.no`,
    )
    .all(period) as { no: number; chapter: string; status: string | null; percent: number | null; reason: string | null; lead: string }[];
}

describe('buildCircularData agrees with direct SQL counts', () => {
  it.each(PERIODS)('%s: task buckets and lights', (p) => {
    const c = data.get(p)!;
    const schedule = { '2014-Q1': 25, '2014-Q2': 50, '2014-Q3': 75, '2014-Q4': 100 }[p]!;
    expect(c.period.schedule).toBe(schedule);
    const rows = leadRows(p);
    const gap = (r: (typeof rows)[number]) => schedule - (r.percent ?? 0);
    const expected = {
      total: rows.length,
      completed: rows.filter((r) => r.status === '已完成').length,
      notStarted: rows.filter((r) => r.status === '未启动').length,
      notReported: rows.filter((r) => r.status === null).length,
      behind: rows.filter((r) => r.status === '滞后' || (r.status === '推进中' && gap(r) >= 10)).length,
      onSchedule: rows.filter((r) => r.status === '推进中' && gap(r) < 10).length,
      ahead: rows.filter((r) => r.status === '推进中' && gap(r) < 0).length,
    };
    expect(c.totals).toEqual(expected);
    const red = rows.filter((r) => r.status === null || r.status === '滞后' || (r.status !== '已完成' && gap(r) > 30)).length;
    const yellow = rows.filter((r) => r.status !== null && r.status !== '滞后' && r.status !== '已完成' && gap(r) >= 10 && gap(r) <= 30).length;
    expect(c.lights).toEqual({ red, yellow, green: rows.length - red - yellow });
    // By chapter, the counts add up to the totals.
    const sum = (k: keyof typeof expected) => c.byChapter.reduce((n, ch) => n + ch.counts[k], 0);
    for (const k of Object.keys(expected) as (keyof typeof expected)[]) expect(sum(k), k).toBe(expected[k]);
    expect(c.byChapter.map((ch) => ch.no)).toEqual([...new Set(rows.map((r) => r.chapter))]);
    // Lagging tasks: named with their lead and the reason the lead gave.
    expect(c.lagging.map((l) => l.no)).toEqual(rows.filter((r) => r.status === '滞后' || (r.status === '推进中' && gap(r) >= 10)).map((r) => r.no));
    for (const l of c.lagging) {
      const row = rows.find((r) => r.no === l.no)!;
      expect(l.leadUnits).toEqual([row.lead]);
      if (row.status === '滞后') expect(l.reasons[0]).toEqual({ unit: row.lead, role: 'lead', text: row.reason });
    }
  });

  it.each(PERIODS)('%s: units late, silent, and reporting rates', (p) => {
    const c = data.get(p)!;
    const due = getPeriod(db, p)!.due;
    const subs = db
      .prepare(
        `SELECT u.name, MIN(r.submitted_date) AS first FROM progress_reports r JOIN units u ON u.id = r.unit_id
          WHERE r.period_id = ? GROUP BY u.id`,
      )
      .all(p) as { name: string; first: string }[];
    expect(c.lateUnits.map((u) => u.unit).sort()).toEqual(subs.filter((s) => s.first > due).map((s) => s.name).sort());
    const holders = db.prepare('SELECT DISTINCT u.name FROM assignments a JOIN units u ON u.id = a.unit_id').pluck().all() as string[];
    const silent = holders.filter((h) => !subs.some((s) => s.name === h));
    expect([...c.silentUnits].sort()).toEqual(silent.sort());
    expect(c.reporting).toMatchObject({ expected: holders.length, missing: silent.length, late: c.lateUnits.length });
    const rates = db
      .prepare(
        `SELECT u.name, COUNT(DISTINCT a.task_id) AS held, COUNT(DISTINCT r.id) AS reported
           FROM assignments a JOIN units u ON u.id = a.unit_id
           LEFT JOIN progress_reports r ON r.task_id = a.task_id AND r.unit_id = a.unit_id AND r.period_id = ? AND r.superseded_by IS NULL
          GROUP BY u.id`,
      )
      .all(p) as { name: string; held: number; reported: number }[];
    for (const r of rates) {
      const u = c.units.find((x) => x.unit === r.name)!;
      expect([u.tasksHeld, u.reported], r.name).toEqual([r.held, r.reported]);
    }
  });

  it('covers every bucket and light at least once over the year (so the comparisons above mean something)', () => {
    const all = PERIODS.map((p) => data.get(p)!);
    for (const k of ['completed', 'onSchedule', 'behind', 'notReported'] as const) {
      expect(all.some((c) => c.totals[k] > 0), k).toBe(true);
    }
    for (const k of ['green', 'yellow', 'red'] as const) expect(all.some((c) => c.lights[k] > 0), k).toBe(true);
    expect(all.some((c) => c.lagging.some((l) => l.status === '滞后' && l.reasons[0]?.role === 'lead'))).toBe(true);
  });

  it('shows progress through the year and the demo story: lags with reasons, late and silent units', () => {
    const [q1, q2, q3, q4] = PERIODS.map((p) => data.get(p)!);
    const mean = (c: CircularData) => {
      const reported = c.tasks.filter((t) => t.percent !== null);
      return reported.reduce((n, t) => n + t.percent!, 0) / reported.length;
    };
    expect(mean(q1!)).toBeLessThan(mean(q2!));
    expect(mean(q2!)).toBeLessThan(mean(q3!));
    expect(mean(q3!)).toBeLessThan(mean(q4!));
    expect(q4!.totals.completed).toBeGreaterThan((q4!.totals.total - q4!.totals.notReported) / 2);
    const all = [q1!, q2!, q3!, q4!];
    expect(all.some((c) => c.lateUnits.length > 0)).toBe(true);
    expect(all.some((c) => c.silentUnits.length > 0)).toBe(true);
    expect(all.flatMap((c) => c.tasks.flatMap((t) => t.delayReasons)).length).toBeGreaterThan(0);
  });

  it('lists achievements per task, lead first, trimmed', () => {
    const c = data.get('2014-Q3')!;
    expect(c.achievements.length).toBeGreaterThan(0);
    for (const a of c.achievements) {
      const task = c.tasks.find((t) => t.no === a.taskNo)!;
      const firstSupport = a.entries.findIndex((e) => e.role === 'support');
      if (firstSupport > 0) expect(a.entries.slice(0, firstSupport).every((e) => task.leadUnits.includes(e.unit))).toBe(true);
      for (const e of a.entries) expect(Array.from(e.text).length).toBeLessThanOrEqual(c.rules.achievementChars + 2);
    }
    expect(trimText('一是加强领导。二是完善机制。三是强化督查，确保各项任务按期完成。', 16)).toBe('一是加强领导。二是完善机制。');
    expect(trimText('甲'.repeat(30), 10)).toBe(`${'甲'.repeat(10)}……`);
  });
});
