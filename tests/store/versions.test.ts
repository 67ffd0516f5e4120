/** Matching tasks between notice versions: what keeps its row (and reports), what is added or removed. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Notice, Task } from '../../src/model/notice.js';
import { changeLines, openDatabase, registerNotice, SCHEMA_VERSION } from '../../src/store/index.js';
import { fixtureNotice, summariseUnits } from '../helpers/progress-fixtures.js';

const db = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'duban-versions-')), 'd.db'));
const ids = (d: ReturnType<typeof db>) =>
  new Map((d.prepare('SELECT title, id FROM tasks WHERE removed_in IS NULL').all() as { title: string; id: number }[]).map((r) => [r.title, r.id]));

function renumber(n: Notice, tasks: Task[]): Notice {
  const out = tasks.map((t, i) => ({ ...t, no: i + 1, label: String(i + 1), parent: null }));
  return { ...n, tasks: out, units: summariseUnits(out) };
}

describe('notice versions', () => {
  it('migrates to the version with notice_versions', () => {
    const d = db();
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(d.prepare("SELECT COUNT(*) FROM pragma_table_info('tasks') WHERE name = 'removed_in'").pluck().get()).toBe(1);
  });

  it('a task inserted at the top renumbers the others, which keep their rows (matched by chapter and title)', () => {
    const d = db();
    const v1 = fixtureNotice();
    registerNotice(d, v1);
    const before = ids(d);
    const extra: Task = { ...v1.tasks[0]!, title: '新增的第一项任务', text: '新增的第一项任务。', targets: [], deadlines: [] };
    const v2 = renumber(v1, [extra, ...v1.tasks]);
    const reg = registerNotice(d, v2);
    expect(reg.changes).toMatchObject({ version: 2, removed: [], reassigned: [], edited: [], kept: v1.tasks.length });
    expect(reg.changes!.added.map((t) => t.title)).toEqual(['新增的第一项任务']);
    const after = ids(d);
    for (const t of v1.tasks) expect(after.get(t.title)).toBe(before.get(t.title));
    expect(d.prepare('SELECT no FROM tasks WHERE id = ?').pluck().get(before.get(v1.tasks[0]!.title))).toBe(2);
  });

  it('a corrected title is matched by chapter and label; a removed task without reports is deleted', () => {
    const d = db();
    const v1 = fixtureNotice();
    registerNotice(d, v1);
    const before = ids(d);
    const v2 = structuredClone(v1);
    v2.tasks[1]!.title = `${v1.tasks[1]!.title}（改）`;
    const dropped = v2.tasks.pop()!;
    v2.units = summariseUnits(v2.tasks);
    const reg = registerNotice(d, v2);
    expect(reg.changes!.edited.map((t) => t.no)).toEqual([v1.tasks[1]!.no]);
    expect(reg.changes!.removed).toEqual([{ no: dropped.no, label: dropped.label, title: dropped.title, kept: false }]);
    expect(ids(d).get(`${v1.tasks[1]!.title}（改）`)).toBe(before.get(v1.tasks[1]!.title));
    expect(d.prepare('SELECT COUNT(*) FROM tasks WHERE id = ?').pluck().get(before.get(dropped.title))).toBe(0);
    const lines = changeLines(reg.key, reg.changes!);
    expect(lines[0]).toContain('已登记为第 2 版');
    expect(lines.some((l) => l.startsWith('  删除任务：'))).toBe(true);
    expect(d.prepare('SELECT changes FROM notice_versions WHERE version = 2').pluck().get()).toBe(lines.join('\n'));
  });
});
