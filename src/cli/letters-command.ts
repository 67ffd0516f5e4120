import { join } from 'node:path';
import type { CliIO } from './io.js';
import { startProgress } from './progress-bar.js';
import { DubanError, EXIT } from '../model/errors.js';
import type { UnitSummary } from '../model/notice.js';
import { parseNoticeFile } from '../parse/index.js';
import { buildLetterContext, receivingUnits } from '../letters/context.js';
import { renderTemplate } from '../render/template.js';
import { parseFormats, templatePath, type DocFormat } from '../render/output.js';
import { markCpu, prestartPdfWorker, writeBatch } from '../render/batch.js';
import { distinctFileStems } from '../util/safe-filename.js';
import type { UnitDirectory } from '../units/types.js';

export interface LettersCommandOptions {
  units?: string;
  out: string;
  format: string;
  unit?: string;
  fonts?: string;
  date?: string;
}

function pickUnits(all: UnitSummary[], wanted: string | undefined, dir: UnitDirectory | null): UnitSummary[] {
  if (!wanted) return all;
  const canonical = dir?.lookup(wanted)?.name ?? wanted;
  const hit = all.filter((u) => u.name === canonical || u.name === wanted);
  if (hit.length === 0) throw new DubanError('usage', `通知中没有承担任务的单位“${wanted}”`);
  return hit;
}

/** `duban letters <notice>`: one 交办函 per receiving unit, as DOCX and PDF. */
export async function lettersCommand(file: string, opts: LettersCommandOptions, io: CliIO): Promise<number> {
  const started = performance.now();
  markCpu();
  const formats = parseFormats<DocFormat>(opts.format, ['docx', 'pdf']);
  if (opts.date && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new DubanError('usage', `日期“${opts.date}”格式不对，应为 2014-01-13 这样的形式`);
  // PDF: fontconfig is asked now, while the notice is parsed.
  if (formats.includes('pdf')) void (await import('../render/fonts/discover.js')).prefetchSystemFonts();
  const { notice, units } = await parseNoticeFile(file, { unitsFile: opts.units });
  // All letters, and a core was idle while parsing: a worker loads pdfkit and the fonts while the letters are rendered.
  if (formats.includes('pdf') && !opts.unit) prestartPdfWorker(opts.fonts, !formats.includes('docx'));
  const all = receivingUnits(notice);
  const chosen = pickUnits(all, opts.unit, units);
  const stems = distinctFileStems(all.map((u) => u.name));
  const stemOf = new Map(all.map((u, i) => [u.name, stems[i]!]));
  const template = templatePath('letter.hbs');
  const jobs = chosen.map((unit) => ({
    tree: renderTemplate(template, buildLetterContext(notice, unit, { seq: all.indexOf(unit) + 1, city: units?.city, date: opts.date })),
    base: join(opts.out, stemOf.get(unit.name)!),
    label: unit.name,
  }));
  const progress = await startProgress(io, chosen.length, '交办函');
  const files = (await writeBatch(jobs, { formats, fontsDir: opts.fonts, onDone: (label) => progress.tick(label) }).finally(() => progress.stop())).length;
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  io.err(`交办函已写入 ${opts.out}：单位 ${chosen.length} 个，文件 ${files} 个，警告 ${notice.diagnostics.length} 条，用时 ${secs} 秒`);
  if (formats.includes('pdf')) {
    const { fontReportLines, loadFonts } = await import('../render/fonts/fonts.js');
    io.err(`字体：${fontReportLines(loadFonts({ fontsDir: opts.fonts })).join('；')}`);
  }
  return EXIT.ok;
}
