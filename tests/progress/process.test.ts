/**
 * Real processes against one database file: a child SIGKILLed in the middle of an import's
 * transaction leaves the database as it was; two children importing at once both land.
 * The children run the project's TypeScript through tests/progress/child/ts-hooks.mjs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importProgressFile } from '../../src/progress/import.js';
import { ensurePeriod, linkNoticePeriod, openDatabase, parsePeriodId, registerNotice } from '../../src/store/index.js';
import { formCsv, syntheticNotice } from '../helpers/progress-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = ['--import', './tests/progress/child/register.mjs', 'tests/progress/child/import-child.ts'];
const KEY = '测试政办发〔2014〕1号';

interface ChildArgs {
  db: string;
  files: string[];
  pauseAtRow?: number;
  rowDelayMs?: number;
}

function startChild(args: ChildArgs): { proc: ChildProcess; lines: string[]; done: Promise<number | null>; paused: Promise<void> } {
  const proc = spawn(process.execPath, [...CHILD, JSON.stringify(args)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let onPause: () => void = () => {};
  const paused = new Promise<void>((resolve) => (onPause = resolve));
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line === 'PAUSED') onPause();
      else lines.push(line);
    }
  });
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      resolve(code);
    }),
  );
  return { proc, lines, done, paused };
}

function setup(tasks: number, units: number, support: number) {
  const dir = mkdtempSync(join(tmpdir(), 'duban-proc-'));
  const dbFile = join(dir, 'duban.db');
  const db = openDatabase(dbFile);
  const notice = syntheticNotice(tasks, units, support, KEY);
  const id = registerNotice(db, notice).id;
  const p = ensurePeriod(db, parsePeriodId('2014-Q1'));
  linkNoticePeriod(db, id, p.id);
  return { dir, dbFile, db, notice };
}

describe('processes', () => {
  it('SIGKILL in the middle of an import transaction leaves the database unchanged', async () => {
    const { dir, dbFile, db } = setup(1000, 1, 0);
    // better-sqlite3's page cache is 16 MB: 30 kB a row makes the transaction spill into the WAL.
    const long = '按照年度工作计划稳步推进各项工作，'.repeat(600);
    const file = join(dir, '测试单位001-2014-Q1.csv');
    const rows = Array.from({ length: 1000 }, (_, i) => ({ taskNo: i + 1, status: '推进中' as const, percent: 30, progress: long, date: '2014-04-02' }));
    writeFileSync(file, formCsv(KEY, '测试单位001', '2014-Q1', rows));
    const count = () => db.prepare('SELECT (SELECT COUNT(*) FROM progress_reports) + (SELECT COUNT(*) FROM imports)').pluck().get();
    const walBefore = existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0;

    const child = startChild({ db: dbFile, files: [file], pauseAtRow: 800 });
    await child.paused;
    // 800 rows (about 24 MB) are written, uncommitted; part of them already sits in the WAL file.
    const walDuring = statSync(`${dbFile}-wal`).size;
    expect(walDuring).toBeGreaterThan(walBefore + 4_000_000);
    expect(count()).toBe(0);
    child.proc.kill('SIGKILL');
    expect(await child.done).toBeNull();

    db.close();
    const after = openDatabase(dbFile);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.prepare('SELECT COUNT(*) FROM progress_reports').pluck().get()).toBe(0);
    expect(after.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(0);
    // The file is not marked imported: importing it again works, completely.
    const r = importProgressFile(after, file);
    expect(r).toMatchObject({ outcome: 'imported', reports: 1000 });
    after.close();
  });

  it('two processes importing different files into one database at the same time both land', async () => {
    const { dir, dbFile, db, notice } = setup(200, 40, 2);
    const files = notice.units
      .filter((u) => u.kind !== 'collective')
      .map((u) => {
        const held = notice.tasks.filter((t) => t.units.some((x) => x.name === u.name));
        const file = join(dir, `${u.name}-2014-Q1.csv`);
        writeFileSync(file, formCsv(KEY, u.name, '2014-Q1', held.map((t) => ({ taskNo: t.no, status: '推进中', percent: 25, date: '2014-04-01' }))));
        return { file, rows: held.length };
      });
    expect(files.length).toBe(40);
    const shared = files[0]!.file;
    const a = files.slice(1, 20).map((f) => f.file);
    const b = files.slice(20).map((f) => f.file);
    // Each transaction lasts a while (2 ms a row), so the two writers must queue on the lock.
    const ca = startChild({ db: dbFile, files: [shared, ...a], rowDelayMs: 2 });
    const cb = startChild({ db: dbFile, files: [...b, shared], rowDelayMs: 2 });
    expect(await ca.done).toBe(0);
    expect(await cb.done).toBe(0);

    const results = [...ca.lines, ...cb.lines].map((l) => JSON.parse(l) as { file: string; outcome: string; start: number; end: number });
    expect(results).toHaveLength(41);
    expect(results.filter((r) => r.file !== shared).every((r) => r.outcome === 'imported')).toBe(true);
    expect(results.filter((r) => r.file === shared).map((r) => r.outcome).sort()).toEqual(['duplicate', 'imported']);
    const span = (lines: string[]) => {
      const rs = lines.map((l) => JSON.parse(l) as { start: number; end: number });
      return [Math.min(...rs.map((r) => r.start)), Math.max(...rs.map((r) => r.end))] as const;
    };
    const [sa, ea] = span(ca.lines);
    const [sb, eb] = span(cb.lines);
    expect(sa < eb && sb < ea).toBe(true);

    const total = files.reduce((n, f) => n + f.rows, 0);
    expect(db.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(40);
    expect(db.prepare('SELECT COUNT(*) FROM progress_reports WHERE superseded_by IS NULL').pluck().get()).toBe(total);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
