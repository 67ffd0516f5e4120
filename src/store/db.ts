import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DubanError } from '../model/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

/** An open workspace database. */
export type Db = Database.Database;

export interface OpenOptions {
  /** How long a writer waits for another process's transaction before giving up. */
  busyTimeoutMs?: number;
  /** Open without creating or migrating (for read-only commands); the file must exist. */
  mustExist?: boolean;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating when needed) the workspace database and brings its schema up to date.
 * WAL lets readers run beside one writer; busy_timeout makes a second process wait for the
 * first one's transaction instead of failing at once.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new DubanError('input', '数据库路径是一个文件夹，请指定文件', { file: path });
  }
  if (opts.mustExist && !existsSync(path)) {
    throw new DubanError('input', '数据库文件不存在，请先用 duban forms 生成反馈表（会同时建立数据库）', { file: path });
  }
  let db: Db;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (e) {
    throw new DubanError('output', `无法打开数据库（${reason(e)}）`, { file: path });
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, path);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DubanError) throw e;
    const msg = reason(e);
    if (/not a database|file is encrypted|malformed/i.test(msg)) {
      throw new DubanError('input', '不是有效的 duban 数据库文件（可能已损坏或是其他文件）', { file: path });
    }
    throw new DubanError('output', `无法使用数据库（${msg}）`, { file: path });
  }
}

/** Runs the steps the file has not seen yet, each in its own write transaction. */
export function migrate(db: Db, path = db.name): void {
  const version = () => Number(db.pragma('user_version', { simple: true }));
  const current = version();
  if (current > SCHEMA_VERSION) {
    throw new DubanError(
      'config',
      `数据库结构版本为 ${current}，本程序只支持到 ${SCHEMA_VERSION}，请升级 duban 后再使用此数据库`,
      { file: path },
    );
  }
  if (current === SCHEMA_VERSION) return;
  // Another process may be migrating the same new file: re-read the version under the lock.
  db.transaction(() => {
    for (let v = version(); v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
