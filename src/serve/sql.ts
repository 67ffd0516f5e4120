/** Prepared statements kept per connection: the server runs the same few queries all day. */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/db.js';
import type { HeldTask, TargetRecord } from '../store/queries.js';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/** store/queries.unitTasks with kept statements (same rows, same order). */
export function heldTasks(db: Db, noticeId: number, unitId: number): HeldTask[] {
  const rows = stmt(
    db,
    `SELECT t.id, t.no, t.label, t.chapter, t.title, t.text, t.deadline, a.role, a.via
       FROM assignments a JOIN tasks t ON t.id = a.task_id
      WHERE t.notice_id = ? AND a.unit_id = ? ORDER BY t.no`,
  ).all(noticeId, unitId) as Omit<HeldTask, 'targets'>[];
  const targets = stmt(
    db,
    `SELECT g.task_id AS taskId, g.id, g.seq, g.text, g.indicator, g.value, g.unit, g.qualifier
       FROM targets g JOIN tasks t ON t.id = g.task_id JOIN assignments a ON a.task_id = t.id
      WHERE t.notice_id = ? AND a.unit_id = ? ORDER BY g.task_id, g.seq`,
  ).all(noticeId, unitId) as (TargetRecord & { taskId: number })[];
  return rows.map((t) => ({ ...t, targets: targets.filter((g) => g.taskId === t.id).map(({ taskId: _t, ...g }) => g) }));
}
