/**
 * Who may do what: the office password and sessions, the units' reporting links, and the audit
 * trail. All state lives in the workspace database (migration 2).
 */
import type { Db } from '../store/db.js';
import { getPeriod, addDays, parsePeriodId, type Period } from '../store/periods.js';
import { findUnit, receivingUnits, type UnitRecord } from '../store/queries.js';
import { noticesForPeriod, type NoticeRecord } from '../store/notices.js';
import { DubanError } from '../model/errors.js';
import { hashPassword, newSecret, sha256Hex, verifyPassword } from './secrets.js';
import { stmt } from './sql.js';

export const SESSION_HOURS = 8;
export const MIN_PASSWORD_CHARS = 8;

export function setOfficePassword(db: Db, password: string, now: Date): void {
  if (Array.from(password).length < MIN_PASSWORD_CHARS) {
    throw new DubanError('usage', `密码至少 ${MIN_PASSWORD_CHARS} 个字符`);
  }
  db.prepare(
    `INSERT INTO office_password (id, hash, set_at) VALUES (1, ?, ?)
     ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at`,
  ).run(hashPassword(password), now.toISOString());
  // A new password ends every open session.
  db.prepare('DELETE FROM web_sessions').run();
  audit(db, { at: now, actor: '办公室', action: 'set-password' });
}

export function hasOfficePassword(db: Db): boolean {
  return db.prepare('SELECT 1 FROM office_password WHERE id = 1').get() !== undefined;
}

export function checkOfficePassword(db: Db, password: string): boolean {
  const row = db.prepare('SELECT hash FROM office_password WHERE id = 1').get() as { hash: string } | undefined;
  return row ? verifyPassword(password, row.hash) : false;
}

/** A new session; returns the id for the cookie (only its hash is stored). */
export function openSession(db: Db, now: Date, address: string): string {
  const id = newSecret();
  db.prepare('DELETE FROM web_sessions WHERE expires_at < ?').run(now.toISOString());
  db.prepare('INSERT INTO web_sessions (id_hash, created_at, expires_at, address) VALUES (?, ?, ?, ?)').run(
    sha256Hex(id),
    now.toISOString(),
    new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    address,
  );
  return id;
}

/** The stored hash of a live session, or null. */
export function findSession(db: Db, id: string | undefined, now: Date): string | null {
  if (!id || id.length > 100) return null;
  const hash = sha256Hex(id);
  const row = db.prepare('SELECT expires_at AS expiresAt FROM web_sessions WHERE id_hash = ?').get(hash) as
    | { expiresAt: string }
    | undefined;
  return row && row.expiresAt > now.toISOString() ? hash : null;
}

export function closeSession(db: Db, idHash: string): void {
  db.prepare('DELETE FROM web_sessions WHERE id_hash = ?').run(idHash);
}

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  unitId?: number | null;
  periodId?: string | null;
  importId?: number | null;
  detail?: string;
  address?: string | null;
}

export function audit(db: Db, e: AuditEntry): void {
  stmt(
    db,
    'INSERT INTO audit_log (at, actor, action, unit_id, period_id, import_id, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.at.toISOString(), e.actor, e.action, e.unitId ?? null, e.periodId ?? null, e.importId ?? null, e.detail ?? '', e.address ?? null);
}

// ---------------------------------------------------------------- unit links

export interface IssuedLink {
  unit: string;
  url: string;
  expiresOn: string;
}

/** The last day a link of the period works: the due date plus the rules' portal grace. */
export function linkLastDay(period: Period, portalGraceDays: number): string {
  return addDays(period.due, portalGraceDays);
}

export function periodNotice(db: Db, period: Period, key?: string): NoticeRecord {
  const list = noticesForPeriod(db, period.id);
  if (key) {
    const hit = list.find((n) => n.key === key);
    if (!hit) throw new DubanError('usage', `报送期 ${period.id} 没有跟踪通知“${key}”`);
    return hit;
  }
  if (list.length === 1) return list[0]!;
  if (list.length === 0) throw new DubanError('content', `报送期 ${period.id} 还没有跟踪任何通知（请先用 duban forms 生成该期反馈表）`);
  throw new DubanError('usage', `报送期 ${period.id} 跟踪 ${list.length} 份通知（${list.map((n) => n.key).join('、')}），请用 --notice 指明`);
}

/** A fresh link for every unit holding tasks of the period's notice. Earlier links stay valid until revoked. */
export function issueLinks(
  db: Db,
  opts: { periodId: string; baseUrl: string; portalGraceDays: number; now: Date; notice?: string; unit?: string },
): IssuedLink[] {
  const period = getPeriod(db, opts.periodId);
  if (!period) throw new DubanError('usage', `数据库中没有报送期 ${opts.periodId}`);
  const notice = periodNotice(db, period, opts.notice);
  let units = receivingUnits(db, notice.id);
  if (opts.unit) {
    const u = findUnit(db, opts.unit);
    units = units.filter((x) => x.id === u?.id);
    if (units.length === 0) throw new DubanError('usage', `单位“${opts.unit}”不承担通知“${notice.key}”中的任务`);
  }
  const expiresOn = linkLastDay(period, opts.portalGraceDays);
  const base = opts.baseUrl.replace(/\/+$/, '');
  const insert = db.prepare(
    'INSERT INTO portal_tokens (token_hash, unit_id, notice_id, period_id, issued_at, expires_on) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return db.transaction(() =>
    units.map((u) => {
      const token = newSecret();
      insert.run(sha256Hex(token), u.id, notice.id, period.id, opts.now.toISOString(), expiresOn);
      return { unit: u.name, url: `${base}/r/${period.id}/${token}`, expiresOn };
    }),
  )();
}

/** Revokes a unit's links (of one period, or all); returns how many were live. */
export function revokeLinks(db: Db, unitName: string, now: Date, periodId?: string): { unit: UnitRecord; revoked: number } {
  const unit = findUnit(db, unitName);
  if (!unit) throw new DubanError('usage', `数据库中没有单位“${unitName}”`);
  const res = periodId
    ? db
        .prepare('UPDATE portal_tokens SET revoked_at = ? WHERE unit_id = ? AND period_id = ? AND revoked_at IS NULL')
        .run(now.toISOString(), unit.id, periodId)
    : db.prepare('UPDATE portal_tokens SET revoked_at = ? WHERE unit_id = ? AND revoked_at IS NULL').run(now.toISOString(), unit.id);
  audit(db, { at: now, actor: '办公室', action: 'revoke-links', unitId: unit.id, periodId: periodId ?? null, detail: `${res.changes}` });
  return { unit, revoked: res.changes };
}

export interface UnitAccess {
  tokenHash: string;
  unit: UnitRecord;
  notice: NoticeRecord;
  period: Period;
  expiresOn: string;
}

export type AccessRefusal = 'unknown' | 'wrong-period' | 'revoked' | 'expired';

/** What a link grants on `today` (China date), or why it grants nothing. */
export function resolveLink(db: Db, periodId: string, token: string, today: string): UnitAccess | AccessRefusal {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return 'unknown';
  const hash = sha256Hex(token);
  const row = stmt(
      db,
      `SELECT unit_id AS unitId, notice_id AS noticeId, period_id AS periodId, expires_on AS expiresOn, revoked_at AS revokedAt
         FROM portal_tokens WHERE token_hash = ?`,
    )
    .get(hash) as { unitId: number; noticeId: number; periodId: string; expiresOn: string; revokedAt: string | null } | undefined;
  if (!row) return 'unknown';
  if (row.periodId !== periodId) return 'wrong-period';
  if (row.revokedAt) return 'revoked';
  if (today > row.expiresOn) return 'expired';
  const unit = stmt(db, 'SELECT id, name, kind, full_name AS fullName FROM units WHERE id = ?').get(row.unitId) as UnitRecord;
  const notice = stmt(
    db,
    'SELECT id, key, doc_number AS docNumber, title, source_file AS sourceFile, sign_date AS signDate, content_hash AS contentHash FROM notices WHERE id = ?',
  ).get(row.noticeId) as NoticeRecord | undefined;
  const p = stmt(db, 'SELECT id, kind, start_date AS start, end_date AS end, due_date AS due FROM periods WHERE id = ?').get(row.periodId) as
    | Pick<Period, 'id' | 'kind' | 'start' | 'end' | 'due'>
    | undefined;
  if (!notice || !p) return 'unknown';
  const period: Period = { ...parsePeriodId(p.id), kind: p.kind, start: p.start, end: p.end, due: p.due };
  return { tokenHash: hash, unit, notice, period, expiresOn: row.expiresOn };
}
