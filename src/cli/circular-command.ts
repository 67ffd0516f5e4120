import { join } from 'node:path';
import type { CliIO } from './io.js';
import { DubanError, EXIT } from '../model/errors.js';
import { parseFormats, templatePath, writeDocument, type DocFormat } from '../render/output.js';
import { renderTemplate } from '../render/template.js';
import { circularFileStem } from '../circular/files.js';

export interface CircularCommandOptions {
  period?: string;
  db?: string;
  out?: string;
  format?: string;
  fonts?: string;
}

function option(opts: Record<string, unknown>, key: keyof CircularCommandOptions): string | undefined {
  const v = opts[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** `duban circular --period 2014-Q1`: the period's 督查通报 as DOCX and PDF. */
export async function circularCommand(opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const started = performance.now();
  const formats = parseFormats<DocFormat>(option(opts, 'format') ?? 'docx,pdf', ['docx', 'pdf']);
  const periodId = option(opts, 'period');
  if (!periodId) throw new DubanError('usage', '请用 --period 指定报送期，如 2014-Q1');
  const [{ openDatabase }, { loadCircularInput }, { buildCircularContext }] = await Promise.all([
    import('../store/db.js'),
    import('../circular/load.js'),
    import('../circular/context.js'),
  ]);
  const db = openDatabase(option(opts, 'db') ?? 'output/duban.db', { mustExist: true });
  let input;
  try {
    input = loadCircularInput(db, periodId);
  } finally {
    db.close();
  }
  const context = buildCircularContext(input);
  const fonts = formats.includes('pdf')
    ? (await import('../render/fonts/fonts.js')).loadFonts({ fontsDir: option(opts, 'fonts') })
    : undefined;
  const tree = renderTemplate(templatePath('circular.hbs'), context);
  const outDir = option(opts, 'out') ?? 'output/circulars';
  const files = await writeDocument(tree, join(outDir, circularFileStem(context.period.id)), { formats, fonts });

  const t = context.totals;
  const r = context.reporting;
  io.out(
    `${context.period.label}督查通报：任务${t.total}项，已完成${t.completed}项、按序时推进${t.onSchedule}项、滞后${t.behind}项、` +
      `未启动${t.notStarted}项、未报送${t.notReported}项；应报送单位${r.expected}个，逾期${r.late}个、未报送${r.missing}个`,
  );
  for (const f of files) io.out(`已写入 ${f}`);
  io.err(`用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  if (fonts) {
    const { fontReportLines } = await import('../render/fonts/fonts.js');
    io.err(`字体：${fontReportLines(fonts).join('；')}`);
  }
  return EXIT.ok;
}
