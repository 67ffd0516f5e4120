import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { DubanError } from '../model/errors.js';

export interface FormsOptions {
  period: string;
  due?: string;
  units?: string;
  db?: string;
  out?: string;
}

/**
 * duban forms <notice> --period 2014-Q1: parses the notice, registers it in the database,
 * creates the period and writes one feedback form per unit holding tasks.
 */
export async function formsCommand(notice: string, opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const o = opts as unknown as FormsOptions;
  if (typeof o.period !== 'string') throw new DubanError('usage', '请用 --period 指定报送期，如 2014-Q1');
  const [{ loadNotice }, store, { writeForms }, { chineseDate }] = await Promise.all([
    import('../load/notice-source.js'),
    import('../store/index.js'),
    import('../progress/form-write.js'),
    import('../progress/values.js'),
  ]);
  const period = store.parsePeriodId(o.period, o.due ? { due: o.due } : {});
  const { notice: parsed } = await loadNotice(notice, o.units ? { unitsFile: o.units } : {});
  const dbPath = o.db ?? 'output/duban.db';
  const outDir = o.out ?? 'output/反馈表';
  const db = store.openDatabase(dbPath);
  try {
    const reg = store.registerNotice(db, parsed);
    if (reg.changes) for (const line of store.changeLines(reg.key, reg.changes)) io.err(line);
    const stored = store.ensurePeriod(db, period);
    store.linkNoticePeriod(db, reg.id, stored.id);
    const written = await writeForms(db, reg.id, stored, outDir);
    const verb = { registered: '已登记', unchanged: '已登记过', updated: '已更新' }[reg.outcome];
    io.out(`${verb}通知 ${reg.key}（${parsed.tasks.length} 项任务）`);
    io.out(`报送期 ${store.periodLabel(stored)}（${stored.id}），报送截止 ${chineseDate(stored.due)}`);
    io.out(`已为 ${written.length} 个单位生成反馈表，保存在 ${resolve(outDir)}`);
    return 0;
  } finally {
    db.close();
  }
}
