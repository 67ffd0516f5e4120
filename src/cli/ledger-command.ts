import type { CliIO } from './io.js';
import { EXIT } from '../model/errors.js';
import { loadNotice } from '../load/notice-source.js';
import { writeLedger } from '../ledger/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface LedgerCommandOptions {
  units?: string;
  out: string;
}

/** `duban ledger <notice>`: the task ledger (任务分解台账) as one Excel workbook. */
export async function ledgerCommand(file: string, opts: LedgerCommandOptions, io: CliIO): Promise<number> {
  const started = performance.now();
  const { notice } = await loadNotice(file, { unitsFile: opts.units });
  const xlsx = await writeLedger(notice);
  writeFileAtomic(opts.out, xlsx);
  const ms = Math.round(performance.now() - started);
  const units = notice.units.filter((u) => u.kind !== 'collective').length;
  io.err(`任务台账已写入 ${opts.out}：任务 ${notice.tasks.length} 项，责任单位 ${units} 个，用时 ${ms} 毫秒`);
  return EXIT.ok;
}
