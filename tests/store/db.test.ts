import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/model/errors.js';
import {
  SCHEMA_VERSION,
  expandAssignments,
  openDatabase,
  parsePeriodId,
  ensurePeriod,
  periodLabel,
  yearShareAtEnd,
  registerNotice,
  receivingUnits,
  unitTasks,
  schemaVersion,
  findUnit,
} from '../../src/store/index.js';
import { fixtureNotice } from '../helpers/progress-fixtures.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'duban-store-'));

function thrown(f: () => unknown): DubanError {
  try {
    f();
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('expected a DubanError');
}

describe('openDatabase', () => {
  it('creates the schema with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tmp(), 'sub', 'duban.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['notices', 'tasks', 'units', 'assignments', 'targets', 'periods', 'imports', 'progress_reports', 'report_target_actuals']),
    );
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const file = join(tmp(), 'd.db');
    const a = openDatabase(file);
    registerNotice(a, fixtureNotice());
    a.close();
    const b = openDatabase(file);
    expect(b.prepare('SELECT COUNT(*) FROM tasks').pluck().get()).toBe(9);
    b.close();
  });

  it('refuses a database made by a newer duban with a config error', () => {
    const file = join(tmp(), 'd.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const e = thrown(() => openDatabase(file));
    expect(e.kind).toBe('config');
    expect(e.message).toContain('升级');
  });

  it('reports a file that is not a database as an input error naming it', () => {
    const file = join(tmp(), 'notes.db');
    writeFileSync(file, '这不是数据库'.repeat(200));
    const e = thrown(() => openDatabase(file));
    expect(e.kind).toBe('input');
    expect(e.place.file).toBe(file);
  });

  it('with mustExist, a missing file is an input error instead of a new database', () => {
    expect(thrown(() => openDatabase(join(tmp(), 'none.db'), { mustExist: true })).kind).toBe('input');
  });
});

describe('registerNotice', () => {
  it('stores tasks, targets, units and expanded assignments, once', () => {
    const db = openDatabase(join(tmp(), 'd.db'));
    const first = registerNotice(db, fixtureNotice());
    expect(first.outcome).toBe('registered');
    expect(first.key).toBe('鄂州政办发〔2014〕4号');
    const again = registerNotice(db, fixtureNotice());
    expect(again).toMatchObject({ id: first.id, outcome: 'unchanged' });
    expect(db.prepare('SELECT COUNT(*) FROM notices').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM targets').pluck().get()).toBe(10);

    // 各区 and 开发区 on task 7 are held by each member, as supporting units, named via the collective.
    const t7 = db
      .prepare(
        `SELECT u.name, a.role, a.via FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id
          WHERE t.no = 7 ORDER BY a.seq`,
      )
      .all() as { name: string; role: string; via: string | null }[];
    expect(t7[0]).toEqual({ name: '市住建委', role: 'lead', via: null });
    expect(t7.filter((a) => a.via === '各区').map((a) => a.name)).toEqual(['鄂城区', '华容区', '梁子湖区']);
    expect(t7.filter((a) => a.via === '开发区').map((a) => a.name)).toEqual(['葛店开发区', '鄂州开发区']);
    expect(t7.every((a, i) => (i === 0 ? a.role === 'lead' : a.role === 'support'))).toBe(true);

    // Collectives themselves receive nothing; their members do.
    const receiving = receivingUnits(db, first.id).map((u) => u.name);
    expect(receiving).not.toContain('各区');
    expect(receiving).toContain('西山街道');
    expect(receiving.length).toBe(new Set(expandAssignments(fixtureNotice()).map((a) => a.unit)).size);
    const fgw = findUnit(db, '市发改委')!;
    expect(unitTasks(db, first.id, fgw.id).map((t) => [t.no, t.role])).toEqual([
      [1, 'support'],
      [9, 'lead'],
      [11, 'lead'],
      [20, 'support'],
    ]);
    expect(unitTasks(db, first.id, fgw.id).find((t) => t.no === 9)!.targets.map((g) => g.value)).toEqual([16, 14.5]);
  });

  it('stores a changed notice as its next version, keeping the reports of the tasks that stayed', () => {
    const db = openDatabase(join(tmp(), 'd.db'));
    const reg = registerNotice(db, fixtureNotice());
    const changed = fixtureNotice();
    changed.tasks[0]!.units.push({ raw: '统计局', name: '市统计局', role: 'support' });
    const v2 = registerNotice(db, changed);
    expect(v2).toMatchObject({ id: reg.id, outcome: 'updated' });
    expect(v2.changes!.reassigned.map((t) => [t.no, t.gained, t.lost])).toEqual([[1, ['市统计局（配合）'], []]]);
    expect(db.prepare("SELECT COUNT(*) FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.no = 1").pluck().get()).toBe(7);

    // A report refers to task 1: going back to the first parse keeps the task row and the report.
    const p = ensurePeriod(db, parsePeriodId('2014-Q1'));
    const unit = findUnit(db, '市工商局')!;
    const task = db.prepare('SELECT id FROM tasks WHERE no = 1').pluck().get() as number;
    db.prepare("INSERT INTO imports (file_name, file_sha256, imported_at, notice_id, unit_id, period_id, row_count) VALUES ('f', 'h', 't', ?, ?, ?, 1)").run(reg.id, unit.id, p.id);
    db.prepare(
      "INSERT INTO progress_reports (task_id, unit_id, period_id, status, percent, submitted_date, source_file, source_row, import_id) VALUES (?, ?, ?, '推进中', 30, '2014-04-01', 'f', 6, 1)",
    ).run(task, unit.id, p.id);
    const v3 = registerNotice(db, fixtureNotice());
    expect(v3.changes).toMatchObject({ version: 3, added: [], removed: [] });
    expect(db.prepare('SELECT id FROM tasks WHERE no = 1').pluck().get()).toBe(task);
    expect(db.prepare('SELECT COUNT(*) FROM progress_reports WHERE task_id = ?').pluck().get(task)).toBe(1);
    expect(db.prepare('SELECT version FROM notice_versions WHERE notice_id = ? ORDER BY version').pluck().all(reg.id)).toEqual([1, 2, 3]);
    expect(db.prepare("SELECT COUNT(*) FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.no = 1").pluck().get()).toBe(6);
  });

  it('keeps one current report per (task, unit, period) in the schema itself', () => {
    const db = openDatabase(join(tmp(), 'd.db'));
    const reg = registerNotice(db, fixtureNotice());
    const p = ensurePeriod(db, parsePeriodId('2014-Q1'));
    const unit = findUnit(db, '市工商局')!;
    const task = db.prepare('SELECT id FROM tasks WHERE no = 1').pluck().get() as number;
    db.prepare("INSERT INTO imports (file_name, file_sha256, imported_at, notice_id, unit_id, period_id, row_count) VALUES ('f', 'h', 't', ?, ?, ?, 1)").run(reg.id, unit.id, p.id);
    const insert = db.prepare(
      "INSERT INTO progress_reports (task_id, unit_id, period_id, status, percent, submitted_date, source_file, source_row, import_id) VALUES (?, ?, ?, '推进中', 30, '2014-04-01', 'f', 6, 1)",
    );
    insert.run(task, unit.id, p.id);
    expect(() => insert.run(task, unit.id, p.id)).toThrow(/UNIQUE/);
  });
});

describe('periods', () => {
  it('parses quarters and months with due dates after the period end', () => {
    expect(parsePeriodId('2014-Q1')).toMatchObject({ id: '2014-Q1', kind: 'quarterly', start: '2014-01-01', end: '2014-03-31', due: '2014-04-05' });
    expect(parsePeriodId('2014q4')).toMatchObject({ id: '2014-Q4', end: '2014-12-31', due: '2015-01-05' });
    expect(parsePeriodId('2016-2')).toMatchObject({ id: '2016-02', kind: 'monthly', end: '2016-02-29', due: '2016-03-05' });
    expect(parsePeriodId('2014-Q2', { dueOffsetDays: 10 }).due).toBe('2014-07-10');
    expect(parsePeriodId('2014-Q2', { due: '2014-06-28' }).due).toBe('2014-06-28');
    expect(periodLabel(parsePeriodId('2014-Q3'))).toBe('2014年第三季度');
    expect(periodLabel(parsePeriodId('2014-11'))).toBe('2014年11月');
    expect(yearShareAtEnd(parsePeriodId('2014-Q1'))).toBe(0.25);
    expect(yearShareAtEnd(parsePeriodId('2014-11'))).toBeCloseTo(11 / 12);
    for (const bad of ['2014', '2014-Q5', '2014-13', 'Q1', '']) expect(thrown(() => parsePeriodId(bad)).kind).toBe('usage');
  });
});
