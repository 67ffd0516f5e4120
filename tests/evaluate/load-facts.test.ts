import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, parseRules, type EvaluationFacts } from '../../src/evaluate/index.js';
import { parseEvents } from '../../src/evaluate/events.js';
import { loadEvaluationFacts } from '../../src/evaluate/load-facts.js';
import type { Db } from '../../src/store/index.js';
import { buildDemoDb, type DemoDb } from './demo-db.js';

const rules = parseRules(readFileSync('seeds/evaluation-rules.yaml', 'utf8'), 'seeds/evaluation-rules.yaml');
const SILENT = '市发改委';

let demo: DemoDb;
let db: Db;
let facts: EvaluationFacts;
let blanked: { unit: string; taskNo: number; period: string };

beforeAll(async () => {
  demo = await buildDemoDb({ silent: [SILENT] });
  db = demo.db;
  // One lagging row loses its reason, so the unexplained-lag rule has something to find.
  const row = db
    .prepare(
      `SELECT r.id, u.name AS unit, t.no AS taskNo, r.period_id AS period FROM progress_reports r
         JOIN units u ON u.id = r.unit_id JOIN tasks t ON t.id = r.task_id
        WHERE r.status = '滞后' AND r.superseded_by IS NULL ORDER BY r.id LIMIT 1`,
    )
    .get() as { id: number; unit: string; taskNo: number; period: string };
  db.prepare("UPDATE progress_reports SET delay_reason = '' WHERE id = ?").run(row.id);
  blanked = row;
  facts = loadEvaluationFacts(db, 2014);
});

const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];

afterAll(() => {
  db.close();
  rmSync(demo.dir, { recursive: true, force: true });
});

describe('facts from the demo year', () => {
  it('knows the city, the periods and a date from the data', () => {
    expect(facts.city).toBe('鄂州');
    expect(facts.periods.map((p) => p.id)).toEqual(['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4']);
    const latest = db.prepare('SELECT MAX(submitted_date) FROM progress_reports').pluck().get() as string;
    expect(facts.date).toBe(latest > '2015-01-05' ? latest : '2015-01-05');
    expect(facts.notices).toEqual([{ key: '鄂州政办发〔2014〕4号', docNumber: '鄂州政办发〔2014〕4号', title: expect.stringContaining('政府工作报告') }]);
  });

  it('holds every assignment once, with its role', () => {
    const rows = all<{ unit: string; no: number; role: string }>(
      'SELECT u.name AS unit, t.no, a.role FROM assignments a JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id ORDER BY u.name, t.no',
    );
    const got = facts.units.flatMap((u) => u.tasks.map((t) => ({ unit: u.name, no: t.no, role: t.role })));
    const key = (x: { unit: string; no: number }) => `${x.unit}#${String(x.no).padStart(3, '0')}`;
    expect([...got].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...rows].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('takes each task’s year-end status from the unit’s latest report', () => {
    const latest = all<{ unit: string; no: number; status: string; percent: number | null }>(
      `SELECT u.name AS unit, t.no, r.status, r.percent FROM progress_reports r
         JOIN units u ON u.id = r.unit_id JOIN tasks t ON t.id = r.task_id JOIN periods p ON p.id = r.period_id
        WHERE r.superseded_by IS NULL
          AND p.end_date = (SELECT MAX(p2.end_date) FROM progress_reports r2 JOIN periods p2 ON p2.id = r2.period_id
                             WHERE r2.task_id = r.task_id AND r2.unit_id = r.unit_id AND r2.superseded_by IS NULL)`,
    );
    expect(latest.length).toBeGreaterThan(100);
    for (const l of latest) {
      const t = facts.units.find((u) => u.name === l.unit)!.tasks.find((x) => x.no === l.no)!;
      expect([t.status, t.percent], `${l.unit} #${l.no}`).toEqual([l.status, l.percent]);
    }
    const silent = facts.units.find((u) => u.name === SILENT)!;
    expect(silent.tasks.length).toBeGreaterThan(5);
    expect(silent.tasks.every((t) => t.status === null && t.statusPeriod === null)).toBe(true);
  });

  it('marks exactly the forms that never came back as missing, and late ones after their due date', () => {
    const missing = facts.units.flatMap((u) => u.reports.filter((r) => r.state === 'missing').map((r) => `${u.name}|${r.period}`));
    expect(missing.sort()).toEqual(demo.missing.map((m) => `${m.unit}|${m.period}`).sort());
    const reports = facts.units.flatMap((u) => u.reports);
    expect(reports.filter((r) => r.state === 'late').length).toBeGreaterThan(5);
    for (const r of reports) {
      if (r.state === 'late') expect(r.submitted! > r.due).toBe(true);
      if (r.state === 'onTime') expect(r.submitted! <= r.due).toBe(true);
    }
  });

  it('reads each target’s actual from the latest period, the lead unit first', () => {
    const withTargets = facts.units.flatMap((u) => u.tasks.filter((t) => t.targets.length > 0).map((t) => ({ u, t })));
    expect(withTargets.length).toBeGreaterThan(10);
    for (const { t } of withTargets) {
      for (const [i, g] of t.targets.entries()) {
        const row = db
          .prepare(
            `SELECT x.actual, u.name AS unit FROM report_target_actuals x
               JOIN progress_reports r ON r.id = x.report_id JOIN periods p ON p.id = r.period_id
               JOIN tasks t ON t.id = r.task_id JOIN targets g ON g.id = x.target_id JOIN units u ON u.id = r.unit_id
               JOIN assignments a ON a.task_id = r.task_id AND a.unit_id = r.unit_id
              WHERE t.no = ? AND g.seq = ? AND r.superseded_by IS NULL ORDER BY p.end_date DESC, a.seq LIMIT 1`,
          )
          .get(t.no, i + 1) as { actual: number; unit: string } | undefined;
        expect(g.actual).toBe(row?.actual ?? null);
        expect(g.actualFrom?.unit ?? null).toBe(row?.unit ?? null);
      }
    }
  });

  it('keeps the lag whose reason was blanked, and scores it', () => {
    const u = facts.units.find((x) => x.name === blanked.unit)!;
    const rep = u.reports.find((r) => r.period === blanked.period)!;
    expect(rep.lagging).toContainEqual({ no: blanked.taskNo, label: String(blanked.taskNo), reason: '' });
    const score = evaluate(facts, rules).units.find((x) => x.unit === blanked.unit)!;
    const line = score.breakdown.find((l) => l.rule === 'reports.unexplainedLag' && l.period === blanked.period && l.taskNo === blanked.taskNo)!;
    expect(line.points).toBe(-2);
  });
});

describe('evaluating the demo year', () => {
  it('scores every unit, holds the invariant, and fails the silent unit', () => {
    const r = evaluate(facts, rules);
    expect(r.units.length).toBe(facts.units.filter((u) => u.tasks.length > 0).length);
    for (const u of r.units) {
      expect(Math.round(u.base * 100) + u.breakdown.reduce((s, l) => s + Math.round(l.points * 100), 0), u.unit).toBe(Math.round(u.score * 100));
    }
    const silent = r.units.find((u) => u.unit === SILENT)!;
    expect(silent.grade).toBe('不合格');
    expect(silent.breakdown.filter((l) => l.rule === 'reports.missing')).toHaveLength(4);
    expect(silent.breakdown.find((l) => l.rule === 'reports.cap')!.points).toBe(10);
    expect(r.accountable).toContain(SILENT);
    expect(r.counts.优秀).toBeLessThanOrEqual(Math.floor(r.units.length * 0.2));
  });

  it('applies recorded events, and refuses events for units without tasks', () => {
    const events = parseEvents('- unit: 市工商局\n  veto: 发生重大安全生产责任事故\n  note: 2014年5月\n- unit: 市财政局\n  bonus: 领导批示肯定\n', 'events.yaml');
    const withEvents = loadEvaluationFacts(db, 2014, { events });
    const r = evaluate(withEvents, rules);
    expect(r.units.find((u) => u.unit === '市工商局')!.grade).toBe('不合格');
    const fin = r.units.find((u) => u.unit === '市财政局')!;
    expect(fin.breakdown.find((l) => l.rule === 'bonus.items.领导批示肯定')!.points).toBe(2);
    expect(() => loadEvaluationFacts(db, 2014, { events: parseEvents('- unit: 不存在的局\n  bonus: 领导批示肯定\n', 'e.yaml') })).toThrow(/不存在的局/);
    expect(() => parseEvents('- unit: 市财政局\n  bonus: 领导批示肯定\n  veto: x\n', 'e.yaml')).toThrow(/unit，以及 bonus/);
  });

  it('lists a unit that holds no task apart, without a score', () => {
    db.prepare("INSERT INTO units (name, kind, full_name) VALUES ('市档案馆', 'department', '鄂州市档案馆')").run();
    try {
      const r = evaluate(loadEvaluationFacts(db, 2014), rules);
      expect(r.unscored).toEqual([{ unit: '市档案馆', fullName: '鄂州市档案馆' }]);
      expect(r.units.some((u) => u.unit === '市档案馆')).toBe(false);
    } finally {
      db.prepare("DELETE FROM units WHERE name = '市档案馆'").run();
    }
  });

  it('refuses a year the database does not follow', () => {
    expect(() => loadEvaluationFacts(db, 2013)).toThrow(/没有2013年度跟踪的通知/);
  });
});
