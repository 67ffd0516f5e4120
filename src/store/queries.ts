import type { Role, UnitKind } from '../model/notice.js';
import type { Db } from './db.js';

export interface UnitRecord {
  id: number;
  name: string;
  kind: UnitKind;
  fullName: string | null;
}

/** A unit that holds tasks of a notice, with how many it leads and supports. */
export interface ReceivingUnitRecord extends UnitRecord {
  lead: number;
  support: number;
}

export interface TargetRecord {
  id: number;
  seq: number;
  text: string;
  indicator: string;
  value: number;
  unit: string;
  qualifier: string | null;
}

export interface TaskRecord {
  id: number;
  no: number;
  label: string;
  chapter: string | null;
  title: string;
  text: string;
  deadline: string | null;
  targets: TargetRecord[];
}

/** A task as one unit holds it. */
export interface HeldTask extends TaskRecord {
  role: Role;
  via: string | null;
}

export interface AssignmentRecord {
  taskId: number;
  unitId: number;
  unit: string;
  role: Role;
  seq: number;
}

const UNIT_SELECT = 'SELECT id, name, kind, full_name AS fullName FROM units';

/** Width, composition and spaces do not tell two unit names apart (a form typed by hand, ８ vs 8). */
const unitKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');

/**
 * The unit of that name: written exactly as stored, else the one unit whose name differs only in
 * width, composition or spaces. Both sides are normalised, since stored names are the notice's own
 * (ſ, Ⅱ, e + U+0301 stay as written).
 */
export function findUnit(db: Db, name: string): UnitRecord | null {
  const exact = db.prepare(`${UNIT_SELECT} WHERE name = ?`).get(name) as UnitRecord | undefined;
  if (exact) return exact;
  const key = unitKey(name);
  const hits = (db.prepare(UNIT_SELECT).all() as UnitRecord[]).filter((u) => unitKey(u.name) === key);
  return hits.length === 1 ? hits[0]! : null;
}

/** Units holding tasks of the notice, in the order the notice first names them. */
export function receivingUnits(db: Db, noticeId: number): ReceivingUnitRecord[] {
  return db
    .prepare(
      `SELECT u.id, u.name, u.kind, u.full_name AS fullName,
              SUM(a.role = 'lead') AS lead, SUM(a.role = 'support') AS support,
              MIN(t.no * 1000 + a.seq) AS firstSeen
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id
        WHERE t.notice_id = ?
        GROUP BY u.id ORDER BY firstSeen`,
    )
    .all(noticeId)
    .map((r) => {
      const { firstSeen: _f, ...rest } = r as ReceivingUnitRecord & { firstSeen: number };
      return rest;
    });
}

/** The notice's task numbers (cheap: for checking that a number exists). */
export function noticeTaskNumbers(db: Db, noticeId: number): Set<number> {
  return new Set((db.prepare('SELECT no FROM tasks WHERE notice_id = ? AND removed_in IS NULL').pluck().all(noticeId) as number[]));
}

export function noticeTasks(db: Db, noticeId: number): TaskRecord[] {
  const tasks = db
    .prepare('SELECT id, no, label, chapter, title, text, deadline FROM tasks WHERE notice_id = ? AND removed_in IS NULL ORDER BY no')
    .all(noticeId) as Omit<TaskRecord, 'targets'>[];
  const targets = targetsByTask(db, noticeId);
  return tasks.map((t) => ({ ...t, targets: targets.get(t.id) ?? [] }));
}

/** The tasks a unit holds in a notice, in task order. */
export function unitTasks(db: Db, noticeId: number, unitId: number): HeldTask[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.no, t.label, t.chapter, t.title, t.text, t.deadline, a.role, a.via
         FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.notice_id = ? AND a.unit_id = ? ORDER BY t.no`,
    )
    .all(noticeId, unitId) as Omit<HeldTask, 'targets'>[];
  const targets = targetsByTask(db, noticeId, unitId);
  return rows.map((t) => ({ ...t, targets: targets.get(t.id) ?? [] }));
}

export function noticeAssignments(db: Db, noticeId: number): AssignmentRecord[] {
  return db
    .prepare(
      `SELECT a.task_id AS taskId, a.unit_id AS unitId, u.name AS unit, a.role, a.seq
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id
        WHERE t.notice_id = ? ORDER BY t.no, a.seq`,
    )
    .all(noticeId) as AssignmentRecord[];
}

/** Targets of the notice's tasks, or only of the tasks `unitId` holds. */
function targetsByTask(db: Db, noticeId: number, unitId?: number): Map<number, TargetRecord[]> {
  const columns = 'g.task_id AS taskId, g.id, g.seq, g.text, g.indicator, g.value, g.unit, g.qualifier';
  const rows = (
    unitId === undefined
      ? db
          .prepare(`SELECT ${columns} FROM targets g JOIN tasks t ON t.id = g.task_id WHERE t.notice_id = ? AND t.removed_in IS NULL ORDER BY g.task_id, g.seq`)
          .all(noticeId)
      : db
          .prepare(
            `SELECT ${columns} FROM targets g JOIN tasks t ON t.id = g.task_id JOIN assignments a ON a.task_id = t.id
              WHERE t.notice_id = ? AND a.unit_id = ? ORDER BY g.task_id, g.seq`,
          )
          .all(noticeId, unitId)
  ) as (TargetRecord & { taskId: number })[];
  const out = new Map<number, TargetRecord[]>();
  for (const { taskId, ...g } of rows) {
    const list = out.get(taskId) ?? [];
    list.push(g);
    out.set(taskId, list);
  }
  return out;
}
