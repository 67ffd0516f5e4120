/**
 * The demo year in a fresh database: the seed notice parsed and registered, and for 2014-Q1..Q4
 * every unit's rows as the demo generator fills them (src/progress/demo.ts: demoRow,
 * demoSubmitDate), written straight through the store's writeImport rather than via xlsx forms,
 * which keeps the fixture under a second. A harsher profile gives a year with failing units.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNoticeFile } from '../../src/parse/index.js';
import { DEFAULT_DEMO_PROFILE, DEFAULT_DEMO_SEED, demoRow, demoSubmitDate, mulberry32, type DemoProfile } from '../../src/progress/demo.js';
import {
  ensurePeriod,
  linkNoticePeriod,
  openDatabase,
  parsePeriodId,
  receivingUnits,
  registerNotice,
  unitTasks,
  writeImport,
  type Db,
  type NewReport,
} from '../../src/store/index.js';

export const DEMO_PERIODS = ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'];

export interface DemoDbOptions {
  seed?: number;
  profile?: Partial<DemoProfile>;
  /** Units whose forms never come back in any period. */
  silent?: readonly string[];
}

export interface DemoDb {
  db: Db;
  dir: string;
  file: string;
  /** (unit, period) pairs that filed nothing. */
  missing: { unit: string; period: string }[];
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export async function buildDemoDb(opts: DemoDbOptions = {}, dir = mkdtempSync(join(tmpdir(), 'duban-eval-'))): Promise<DemoDb> {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const profile: DemoProfile = { ...DEFAULT_DEMO_PROFILE, ...opts.profile };
  const file = join(dir, 'duban.db');
  const db = openDatabase(file);
  const { notice } = await parseNoticeFile('seeds/ezhou-2014-4.txt', { unitsFile: 'seeds/ezhou-units.yaml' });
  const { id: noticeId } = registerNotice(db, notice, () => new Date('2014-01-20T00:00:00Z'));
  const missing: DemoDb['missing'] = [];
  for (const pid of DEMO_PERIODS) {
    const period = ensurePeriod(db, parsePeriodId(pid));
    linkNoticePeriod(db, noticeId, period.id);
    for (const unit of receivingUnits(db, noticeId)) {
      const silent = opts.silent?.includes(unit.name) ?? false;
      if (silent || mulberry32(seed ^ hash(`missing|${unit.name}|${pid}`))() < profile.missingForm) {
        missing.push({ unit: unit.name, period: pid });
        continue;
      }
      const when = demoSubmitDate(seed, unit.name, period, profile);
      const reports: NewReport[] = [];
      const held = unitTasks(db, noticeId, unit.id);
      for (const task of held) {
        // As the demo does: a unit files at least one row, a support row is left blank only beside others.
        const row = demoRow(seed, unit.name, task, period, task === held[0] ? { ...profile, blankSupportRow: 0 } : profile);
        if (!row) continue;
        reports.push({
          taskId: task.id,
          status: row.status,
          percent: row.percent,
          progress: row.progress,
          achievements: row.achievements,
          problems: row.problems,
          nextMeasures: row.measures,
          delayReason: row.delayReason,
          submittedDate: when.date,
          sourceRow: 6 + reports.length,
          actuals: task.targets.flatMap((g, i) => (row.actuals[i] == null ? [] : [{ targetId: g.id, actual: row.actuals[i]! }])),
        });
      }
      writeImport(
        db,
        {
          fileName: `${unit.name}-${pid}.xlsx`,
          sha256: `${unit.name}|${pid}|${seed}`,
          importedAt: `${when.date}T09:00:00Z`,
          noticeId,
          unitId: unit.id,
          periodId: pid,
          sheet: '反馈表',
        },
        reports,
      );
    }
  }
  return { db, dir, file, missing };
}
