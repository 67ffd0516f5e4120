/**
 * A corrected notice registered under the key of one already stored becomes its next version.
 * Tasks are matched between versions so that a task that stayed keeps its row, and with it the
 * progress reports that refer to it:
 *   1. same chapter, printed label and title;
 *   2. same chapter and title (the task moved or was renumbered);
 *   3. same title anywhere (the task changed chapter);
 *   4. same chapter and printed label (the title was corrected).
 * Each step takes only pairs that are unique among the tasks still unmatched. A matched task
 * whose targets changed while reports hold actual values for the old targets is treated as
 * removed and added, so no actual value is attached to a target it was not reported against.
 * A removed task with reports stays (removed_in = version, no assignments, negative number);
 * one without reports is deleted.
 */
import type { Notice, Task } from '../model/notice.js';
import type { Db } from './db.js';
import type { TaskRecord } from './queries.js';
import {
  insertAssignments,
  insertChapters,
  insertTargets,
  insertTask,
  latestDeadline,
  upsertUnits,
  type AssignmentRow,
  type UnitRow,
} from './notices.js';

export interface TaskRef {
  no: number;
  label: string;
  title: string;
}

export interface Reassignment extends TaskRef {
  /** e.g. 市审计局（牵头） */
  gained: string[];
  lost: string[];
}

export interface NoticeChanges {
  version: number;
  added: TaskRef[];
  /** `kept`: the task had progress reports, which stay in the database. */
  removed: (TaskRef & { kept: boolean })[];
  reassigned: Reassignment[];
  /** Text, title, targets or deadline changed; the task keeps its reports. */
  edited: TaskRef[];
  /** Tasks that kept their row (and history). */
  kept: number;
}

/** A stored task as the version comparison needs it: targets as one comparable string. */
interface OldTask extends Omit<TaskRecord, 'targets'> {
  targets: string;
  units: Map<string, string>;
  reports: number;
  actuals: number;
}

const ROLE = { lead: '牵头', support: '配合' } as const;

function targetSig(rows: readonly (readonly unknown[])[]): string {
  return JSON.stringify(rows);
}

function loadOld(db: Db, noticeId: number): OldTask[] {
  const tasks = db
    .prepare('SELECT id, no, label, chapter, title, text, deadline FROM tasks WHERE notice_id = ? AND removed_in IS NULL ORDER BY no')
    .all(noticeId) as Omit<OldTask, 'targets' | 'units' | 'reports' | 'actuals'>[];
  const targets = db.prepare('SELECT text, indicator, value, unit, qualifier FROM targets WHERE task_id = ? ORDER BY seq').raw();
  const units = db.prepare('SELECT u.name, a.role FROM assignments a JOIN units u ON u.id = a.unit_id WHERE a.task_id = ? ORDER BY a.seq').raw();
  const reports = db.prepare('SELECT COUNT(*) FROM progress_reports WHERE task_id = ?').pluck();
  const actuals = db.prepare('SELECT COUNT(*) FROM report_target_actuals x JOIN targets g ON g.id = x.target_id WHERE g.task_id = ?').pluck();
  return tasks.map((t) => ({
    ...t,
    targets: targetSig(targets.all(t.id) as unknown[][]),
    units: new Map((units.all(t.id) as [string, string][]).map(([n, r]) => [n, r])),
    reports: reports.get(t.id) as number,
    actuals: actuals.get(t.id) as number,
  }));
}

function match(olds: readonly OldTask[], news: readonly Task[]): Map<Task, OldTask> {
  const pairs = new Map<Task, OldTask>();
  const taken = new Set<OldTask>();
  const keys: ((t: { chapter: string | null; label: string; title: string }) => string)[] = [
    (t) => `${t.chapter}\u0000${t.label}\u0000${t.title}`,
    (t) => `${t.chapter}\u0000${t.title}`,
    (t) => t.title,
    (t) => `${t.chapter}\u0000${t.label}`,
  ];
  for (const key of keys) {
    const oldBy = new Map<string, OldTask[]>();
    for (const o of olds) if (!taken.has(o)) oldBy.set(key(o), [...(oldBy.get(key(o)) ?? []), o]);
    const newBy = new Map<string, Task[]>();
    for (const n of news) if (!pairs.has(n)) newBy.set(key(n), [...(newBy.get(key(n)) ?? []), n]);
    for (const [k, ns] of newBy) {
      const os = oldBy.get(k);
      if (ns.length === 1 && os?.length === 1) {
        pairs.set(ns[0]!, os[0]!);
        taken.add(os[0]!);
      }
    }
  }
  return pairs;
}

/** Replaces the stored content of notice `noticeId` by `notice`, keeping what stayed. */
export function storeNewVersion(
  db: Db,
  noticeId: number,
  notice: Notice,
  assignments: readonly AssignmentRow[],
  units: readonly UnitRow[],
): NoticeChanges {
  const version = (db.prepare('SELECT version FROM notices WHERE id = ?').pluck().get(noticeId) as number) + 1;
  const olds = loadOld(db, noticeId);
  const pairs = match(olds, notice.tasks);
  const byTask = new Map<number, AssignmentRow[]>();
  for (const a of assignments) byTask.set(a.taskNo, [...(byTask.get(a.taskNo) ?? []), a]);
  const changes: NoticeChanges = { version, added: [], removed: [], reassigned: [], edited: [], kept: 0 };
  const ref = (t: { no: number; label: string; title: string }): TaskRef => ({ no: t.no, label: t.label, title: t.title });

  // Targets changed under reported actual values: not the same task any more.
  for (const [n, o] of pairs) {
    const sig = targetSig(n.targets.map((g) => [g.text, g.indicator, g.value, g.unit, g.qualifier]));
    if (sig !== o.targets && o.actuals > 0) pairs.delete(n);
  }
  const matchedOld = new Set(pairs.values());

  db.prepare('DELETE FROM chapters WHERE notice_id = ?').run(noticeId);
  insertChapters(db, noticeId, notice);
  const unitIds = upsertUnits(db, units);
  // Free the current numbers first: the new version numbers its tasks afresh.
  db.prepare('UPDATE tasks SET no = -id WHERE notice_id = ? AND removed_in IS NULL').run(noticeId);

  for (const o of olds) {
    if (matchedOld.has(o)) continue;
    db.prepare('DELETE FROM assignments WHERE task_id = ?').run(o.id);
    if (o.reports > 0) db.prepare('UPDATE tasks SET removed_in = ? WHERE id = ?').run(version, o.id);
    else db.prepare('DELETE FROM tasks WHERE id = ?').run(o.id);
    changes.removed.push({ ...ref(o), kept: o.reports > 0 });
  }

  const taskIds = new Map<number, number>();
  for (const t of notice.tasks) {
    const o = pairs.get(t);
    if (!o) {
      taskIds.set(t.no, insertTask(db, noticeId, t));
      changes.added.push(ref(t));
      continue;
    }
    taskIds.set(t.no, o.id);
    db.prepare('UPDATE tasks SET no = ?, label = ?, chapter = ?, parent = ?, title = ?, text = ?, deadline = ? WHERE id = ?').run(
      t.no,
      t.label,
      t.chapter,
      t.parent ?? null,
      t.title,
      t.text,
      latestDeadline(t),
      o.id,
    );
    const sig = targetSig(t.targets.map((g) => [g.text, g.indicator, g.value, g.unit, g.qualifier]));
    if (sig !== o.targets) {
      db.prepare('DELETE FROM targets WHERE task_id = ?').run(o.id);
      insertTargets(db, o.id, t);
    }
    if (sig !== o.targets || t.title !== o.title || t.text !== o.text || latestDeadline(t) !== o.deadline) changes.edited.push(ref(t));
    const now = new Map((byTask.get(t.no) ?? []).map((a) => [a.unit, a.role as string]));
    const gained = [...now].filter(([u, r]) => o.units.get(u) !== r).map(([u, r]) => `${u}（${ROLE[r as 'lead']}）`);
    const lost = [...o.units].filter(([u]) => !now.has(u)).map(([u]) => u);
    if (gained.length || lost.length) changes.reassigned.push({ ...ref(t), gained, lost });
    db.prepare('DELETE FROM assignments WHERE task_id = ?').run(o.id);
    changes.kept++;
  }
  insertAssignments(db, assignments, taskIds, unitIds);
  return changes;
}

/** The changes as Chinese lines for stderr. */
export function changeLines(key: string, c: NoticeChanges): string[] {
  const name = (t: TaskRef) => `第${t.no}项“${t.title}”`;
  const lines = [`通知 ${key} 已登记为第 ${c.version} 版：保留 ${c.kept} 项任务及其进展记录，新增 ${c.added.length} 项，删除 ${c.removed.length} 项，调整责任单位 ${c.reassigned.length} 项`];
  for (const t of c.added) lines.push(`  新增任务：${name(t)}`);
  for (const t of c.removed) lines.push(`  删除任务：原第${t.label}项“${t.title}”${t.kept ? '（已有的进展记录保留在数据库中）' : ''}`);
  for (const t of c.reassigned) {
    const parts = [t.gained.length ? `增加或改为 ${t.gained.join('、')}` : '', t.lost.length ? `不再承担：${t.lost.join('、')}` : ''].filter(Boolean);
    lines.push(`  调整责任单位：${name(t)}，${parts.join('；')}`);
  }
  for (const t of c.edited) lines.push(`  修改内容：${name(t)}`);
  return lines;
}
