import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { DubanError } from '../model/errors.js';
import type { Notice, Role, Task, UnitKind } from '../model/notice.js';
import type { Db } from './db.js';
import { changeLines, storeNewVersion, type NoticeChanges } from './versions.js';

/** One unit holding one task, after collectives are expanded to their members. */
export interface AssignmentRow {
  taskNo: number;
  unit: string;
  role: Role;
  /** Order within the task, lead first. */
  seq: number;
  /** The collective the unit was reached through (各区), or null. */
  via: string | null;
}

export interface UnitRow {
  name: string;
  kind: UnitKind;
  fullName: string | null;
}

export type RegisterOutcome = 'registered' | 'unchanged' | 'updated';

export interface RegisteredNotice {
  id: number;
  key: string;
  outcome: RegisterOutcome;
  contentHash: string;
  /** For 'updated': what the new version changed. */
  changes?: NoticeChanges;
}

/** The key forms and commands use for a notice: its 文号, else its title, else its file name. */
export function noticeKey(notice: Notice): string {
  const k = notice.meta.docNumber ?? notice.meta.title ?? basename(notice.source.file);
  return k.trim() || basename(notice.source.file);
}

/**
 * Expands the task's units: a collective with members (各区) becomes its members, each in the
 * collective's role; a unit named twice keeps its first (stronger) role. A collective the
 * directory cannot expand holds the task itself.
 */
export function expandAssignments(notice: Notice): AssignmentRow[] {
  const members = new Map<string, string[]>();
  for (const u of notice.units) if (u.kind === 'collective' && u.members && u.members.length > 0) members.set(u.name, u.members);
  const out: AssignmentRow[] = [];
  for (const task of notice.tasks) {
    const seen = new Set<string>();
    const add = (unit: string, role: Role, via: string | null) => {
      if (!unit || seen.has(unit)) return;
      seen.add(unit);
      out.push({ taskNo: task.no, unit, role, seq: seen.size, via });
    };
    for (const ref of task.units) {
      const m = members.get(ref.name);
      if (m) for (const name of m) add(name, ref.role, ref.name);
      else add(ref.name, ref.role, null);
    }
  }
  return out;
}

/** Every unit that holds a task or is named by the notice, with the kind the notice gives it. */
export function noticeUnits(notice: Notice, assignments: readonly AssignmentRow[]): UnitRow[] {
  const byName = new Map<string, UnitRow>();
  for (const u of notice.units) byName.set(u.name, { name: u.name, kind: u.kind, fullName: u.fullName });
  for (const a of assignments) if (!byName.has(a.unit)) byName.set(a.unit, { name: a.unit, kind: 'unknown', fullName: null });
  return [...byName.values()];
}

export function latestDeadline(task: Task): string | null {
  const dates = task.deadlines.map((d) => d.date).filter((d): d is string => d !== null);
  return dates.length ? dates.sort().at(-1)! : null;
}

/** What the database keeps of a notice, in a fixed order: its hash says whether two parses differ. */
function storedContent(notice: Notice, assignments: readonly AssignmentRow[], units: readonly UnitRow[]) {
  return {
    key: noticeKey(notice),
    docNumber: notice.meta.docNumber,
    title: notice.meta.title,
    signDate: notice.meta.signDate,
    chapters: notice.chapters.map((c) => [c.no, c.title]),
    tasks: notice.tasks.map((t) => ({
      no: t.no,
      label: t.label,
      chapter: t.chapter,
      parent: t.parent ?? null,
      title: t.title,
      text: t.text,
      deadline: latestDeadline(t),
      targets: t.targets.map((g) => [g.text, g.indicator, g.value, g.unit, g.qualifier]),
    })),
    assignments: assignments.map((a) => [a.taskNo, a.unit, a.role, a.seq, a.via]),
    units: units.map((u) => [u.name, u.kind, u.fullName]),
  };
}

export function noticeContentHash(notice: Notice): string {
  const assignments = expandAssignments(notice);
  return sha256(JSON.stringify(storedContent(notice, assignments, noticeUnits(notice, assignments))));
}

/**
 * Stores the notice, its tasks, units, expanded assignments and targets. Idempotent: the same
 * key and content change nothing. A changed notice under the same key (a corrected parse, an
 * edited ledger) becomes the notice's next version: tasks that stayed keep their rows and their
 * progress reports (versions.ts says how tasks are matched); `changes` lists the differences.
 */
export function registerNotice(db: Db, notice: Notice, now: () => Date = () => new Date()): RegisteredNotice {
  if (notice.tasks.length === 0) {
    throw new DubanError('content', '通知中没有解析出任务，无法登记', { file: notice.source.file });
  }
  const key = noticeKey(notice);
  const assignments = expandAssignments(notice);
  const units = noticeUnits(notice, assignments);
  const contentHash = sha256(JSON.stringify(storedContent(notice, assignments, units)));
  return db
    .transaction((): RegisteredNotice => {
      const existing = db.prepare('SELECT id, content_hash FROM notices WHERE key = ?').get(key) as
        | { id: number; content_hash: string }
        | undefined;
      if (existing && existing.content_hash === contentHash) return { id: existing.id, key, outcome: 'unchanged', contentHash };
      if (existing) {
        const changes = storeNewVersion(db, existing.id, notice, assignments, units);
        const at = now().toISOString();
        db.prepare(
          'UPDATE notices SET doc_number = ?, title = ?, source_file = ?, sign_date = ?, content_hash = ?, registered_at = ?, version = ? WHERE id = ?',
        ).run(notice.meta.docNumber, notice.meta.title, notice.source.file, notice.meta.signDate, contentHash, at, changes.version, existing.id);
        db.prepare('INSERT INTO notice_versions (notice_id, version, content_hash, source_file, registered_at, changes) VALUES (?, ?, ?, ?, ?, ?)').run(
          existing.id,
          changes.version,
          contentHash,
          notice.source.file,
          at,
          changeLines(key, changes).join('\n'),
        );
        return { id: existing.id, key, outcome: 'updated', contentHash, changes };
      }
      const at = now().toISOString();
      const id = Number(
        db
          .prepare(
            'INSERT INTO notices (key, doc_number, title, source_file, sign_date, content_hash, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(key, notice.meta.docNumber, notice.meta.title, notice.source.file, notice.meta.signDate, contentHash, at)
          .lastInsertRowid,
      );
      db.prepare('INSERT INTO notice_versions (notice_id, version, content_hash, source_file, registered_at) VALUES (?, 1, ?, ?, ?)').run(
        id,
        contentHash,
        notice.source.file,
        at,
      );
      insertContent(db, id, notice, assignments, units);
      return { id, key, outcome: 'registered', contentHash };
    })
    .immediate();
}

function insertContent(db: Db, noticeId: number, notice: Notice, assignments: readonly AssignmentRow[], units: readonly UnitRow[]): void {
  insertChapters(db, noticeId, notice);
  const unitIds = upsertUnits(db, units);
  const taskIds = new Map<number, number>();
  for (const t of notice.tasks) taskIds.set(t.no, insertTask(db, noticeId, t));
  insertAssignments(db, assignments, taskIds, unitIds);
}

export function insertChapters(db: Db, noticeId: number, notice: Notice): void {
  const chapter = db.prepare('INSERT INTO chapters (notice_id, no, title, seq) VALUES (?, ?, ?, ?)');
  notice.chapters.forEach((c, i) => chapter.run(noticeId, c.no, c.title, i + 1));
}

/** Inserts or refreshes the units; returns their ids by name. */
export function upsertUnits(db: Db, units: readonly UnitRow[]): Map<string, number> {
  // A unit's kind and full name are refreshed only when this notice knows better than 'unknown'.
  const unitInsert = db.prepare('INSERT INTO units (name, kind, full_name) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING');
  const unitUpdate = db.prepare(
    "UPDATE units SET kind = ?, full_name = COALESCE(?, full_name) WHERE name = ? AND (? <> 'unknown')",
  );
  for (const u of units) {
    unitInsert.run(u.name, u.kind, u.fullName);
    unitUpdate.run(u.kind, u.fullName, u.name, u.kind);
  }
  // Looked up through SQLite rather than by the stored text: a name that is not well-formed UTF-16
  // (a lone surrogate) is stored with U+FFFD in its place and would not compare equal in JS.
  const unitId = db.prepare('SELECT id FROM units WHERE name = ?').pluck();
  return new Map(units.map((u) => [u.name, unitId.get(u.name) as number]));
}

export function insertTask(db: Db, noticeId: number, t: Task): number {
  const taskId = Number(
    db
      .prepare('INSERT INTO tasks (notice_id, no, label, chapter, parent, title, text, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(noticeId, t.no, t.label, t.chapter, t.parent ?? null, t.title, t.text, latestDeadline(t)).lastInsertRowid,
  );
  insertTargets(db, taskId, t);
  return taskId;
}

export function insertTargets(db: Db, taskId: number, t: Task): void {
  const targetInsert = db.prepare(
    'INSERT INTO targets (task_id, seq, text, indicator, value, unit, qualifier) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  t.targets.forEach((g, i) => targetInsert.run(taskId, i + 1, g.text, g.indicator, g.value, g.unit, g.qualifier));
}

export function insertAssignments(
  db: Db,
  assignments: readonly AssignmentRow[],
  taskIds: ReadonlyMap<number, number>,
  unitIds: ReadonlyMap<string, number>,
): void {
  const assign = db.prepare('INSERT INTO assignments (task_id, unit_id, role, seq, via) VALUES (?, ?, ?, ?, ?)');
  for (const a of assignments) {
    const taskId = taskIds.get(a.taskNo);
    if (taskId !== undefined) assign.run(taskId, unitIds.get(a.unit)!, a.role, a.seq, a.via);
  }
}

export interface NoticeRecord {
  id: number;
  key: string;
  docNumber: string | null;
  title: string | null;
  sourceFile: string;
  signDate: string | null;
  contentHash: string;
}

function noticeColumns(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}id AS id, ${a}key AS key, ${a}doc_number AS docNumber, ${a}title AS title, ${a}source_file AS sourceFile, ${a}sign_date AS signDate, ${a}content_hash AS contentHash`;
}

export function findNoticeByKey(db: Db, key: string): NoticeRecord | null {
  const norm = key.normalize('NFKC').replace(/\s+/g, '');
  const rows = db.prepare(`SELECT ${noticeColumns()} FROM notices`).all() as NoticeRecord[];
  return rows.find((r) => r.key.normalize('NFKC').replace(/\s+/g, '') === norm) ?? null;
}

export function getNotice(db: Db, id: number): NoticeRecord | null {
  return (db.prepare(`SELECT ${noticeColumns()} FROM notices WHERE id = ?`).get(id) as NoticeRecord | undefined) ?? null;
}

/** The notices followed up in a period, in registration order. */
export function noticesForPeriod(db: Db, periodId: string): NoticeRecord[] {
  return db
    .prepare(
      `SELECT ${noticeColumns('n')} FROM notices n JOIN notice_periods np ON np.notice_id = n.id WHERE np.period_id = ? ORDER BY n.id`,
    )
    .all(periodId) as NoticeRecord[];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
