import { join } from 'node:path';
import type { CliIO } from './io.js';
import type { CircularContext } from '../circular/context.js';
import type { StoredCircularInput } from '../circular/load.js';
import { circularFileStem } from '../circular/files.js';
import type { DocTree } from '../model/doc.js';
import { DubanError, EXIT } from '../model/errors.js';
import { parseFormats, templatePath, type DocFormat } from '../render/output.js';
import { renderTemplate } from '../render/template.js';

export interface CircularCommandOptions {
  period?: string;
  db?: string;
  out?: string;
  format?: string;
  fonts?: string;
  statusRules?: string;
  office?: string;
}

function option(opts: Record<string, unknown>, key: keyof CircularCommandOptions): string | undefined {
  const v = opts[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The period's numbers from the database, and the circular's document tree. */
async function prepare(dbFile: string, periodId: string, rulesFile?: string, officeFile?: string): Promise<{ context: CircularContext; tree: DocTree }> {
  const [{ openDatabase }, { loadCircularInput }, { buildCircularContext }, { readStatusRules }] = await Promise.all([
    import('../store/db.js'),
    import('../circular/load.js'),
    import('../circular/context.js'),
    import('../progress/rules-cached.js'),
  ]);
  const rules = await readStatusRules(rulesFile);
  const db = openDatabase(dbFile, { mustExist: true });
  let input: StoredCircularInput;
  try {
    input = loadCircularInput(db, periodId, { rules });
  } finally {
    db.close();
  }
  const { officeForStoredNotice } = await import('../office/choose.js');
  const office = await officeForStoredNotice(input.sourceFile, input.officeHints, officeFile);
  const context = buildCircularContext({ ...input, office });
  return { context, tree: renderTemplate(templatePath('circular.hbs'), context) };
}

/** `duban circular --period 2014-Q1`: the period's 督查通报 as DOCX and PDF. */
export async function circularCommand(opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const started = performance.now();
  const formats = parseFormats<DocFormat>(option(opts, 'format') ?? 'docx,pdf', ['docx', 'pdf']);
  const periodId = option(opts, 'period');
  if (!periodId) throw new DubanError('usage', '请用 --period 指定报送期，如 2014-Q1');
  const fontsDir = option(opts, 'fonts');
  const { prestartPdfWorker, writeBatch } = await import('../render/batch.js');
  // fontconfig answers (and a worker, with DUBAN_THREADS=2, loads pdfkit and the fonts) while the database is read.
  if (formats.includes('pdf')) {
    prestartPdfWorker(fontsDir);
    void import('../render/fonts/discover.js').then((m) => m.prefetchSystemFonts());
  }
  const { context, tree } = await prepare(option(opts, 'db') ?? 'output/duban.db', periodId, option(opts, 'statusRules'), option(opts, 'office'));
  const base = join(option(opts, 'out') ?? 'output/督查通报', circularFileStem(context.period.id));
  const files = await writeBatch([{ tree, base, label: context.period.label }], { formats, ...(fontsDir ? { fontsDir } : {}) });
  const fontsModule = formats.includes('pdf') ? await import('../render/fonts/fonts.js') : undefined;
  const fonts = fontsModule?.loadFonts({ fontsDir });
  const t = context.totals;
  const r = context.reporting;
  io.out(
    `${context.period.label}督查通报：任务${t.total}项，已完成${t.completed}项、按序时推进${t.onSchedule}项、滞后${t.behind}项、` +
      `未启动${t.notStarted}项、未报送${t.notReported}项；应报送单位${r.expected}个，逾期${r.late}个、未报送${r.missing}个`,
  );
  for (const f of files) io.out(`已写入 ${f}`);
  io.err(`用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  if (fontsModule && fonts) io.err(`字体：${fontsModule.fontReportLines(fonts).join('；')}`);
  return EXIT.ok;
}
