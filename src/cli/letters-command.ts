import { join } from 'node:path';
import type { CliIO } from './io.js';
import { startProgress } from './progress-bar.js';
import { DubanError, EXIT } from '../model/errors.js';
import type { UnitSummary } from '../model/notice.js';
import { loadNotice } from '../load/notice-source.js';
import { gapWarning } from '../parse/review.js';
import { buildLetterContext, missingLetterField, receivingUnits, type LetterPortal } from '../letters/context.js';
import { chooseOffice } from '../office/choose.js';
import { withSettingsPlace } from '../parse/meta.js';
import { renderTemplate } from '../render/template.js';
import { parseFormats, templatePath, type DocFormat } from '../render/output.js';
import { prestartPdfWorker, writeBatch } from '../render/batch.js';
import { distinctFileStems } from '../util/safe-filename.js';
import type { UnitDirectory } from '../units/types.js';

export interface LettersCommandOptions {
  units?: string;
  out: string;
  format: string;
  unit?: string;
  fonts?: string;
  date?: string;
  /** --office <yaml>: office settings; default the seeds/ file matching the notice. */
  office?: string;
  /** --title / --year: metadata the notice lacks or gets wrong. */
  title?: string;
  year?: string;
  portalUrl?: string;
  period?: string;
  db?: string;
}

/** --year 2013 as a number; DubanError('usage') otherwise. */
export function yearFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const y = Number(raw.normalize('NFKC'));
  if (!/^\d{4}$/.test(raw.normalize('NFKC')) || y < 1949 || y > 2099) throw new DubanError('usage', `年份“${raw}”应为四位数字，如 2014`);
  return y;
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
  const formats = parseFormats<DocFormat>(opts.format, ['docx', 'pdf']);
  if (opts.date && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new DubanError('usage', `日期“${opts.date}”格式不对，应为 2014-01-13 这样的形式`);
  if (formats.includes('pdf')) {
    // fontconfig is asked (and a worker, with DUBAN_THREADS=2, loads pdfkit and the fonts) while this thread reads the notice.
    prestartPdfWorker(opts.fonts);
    void (await import('../render/fonts/discover.js')).prefetchSystemFonts();
  }
  const year = yearFlag(opts.year);
  const { notice, units } = await loadNotice(file, { unitsFile: opts.units, meta: { ...(opts.title ? { title: opts.title } : {}), ...(year ? { year } : {}) } });
  const missing = missingLetterField(notice, opts.date);
  if (missing) throw new DubanError('usage', missing, { file });
  const { office, drafted } = await chooseOffice(notice, { officeFile: opts.office });
  notice.meta = withSettingsPlace(notice.meta, office.area);
  if (drafted) io.err(`未找到本地办公室设置，已按通知推定（${office.office.name}，${office.letters.prefix}）；可用 duban office init 生成设置文件核对后用 --office 指定`);
  const gaps = gapWarning(notice);
  if (gaps) io.err(gaps);
  const all = receivingUnits(notice);
  if (all.length === 0) throw new DubanError('content', '没有任何任务找到责任单位，无法生成交办函；请先用 duban parse 核对', { file });
  const chosen = pickUnits(all, opts.unit, units);
  const stems = distinctFileStems(all.map((u) => u.name));
  const stemOf = new Map(all.map((u, i) => [u.name, stems[i]!]));
  const template = templatePath('letter.hbs');
  const portals = opts.portalUrl ? await portalLinks(opts, chosen) : new Map<string, LetterPortal>();
  const jobs = chosen.map((unit) => ({
    tree: renderTemplate(
      template,
      buildLetterContext(notice, unit, { seq: all.indexOf(unit) + 1, office, ...(opts.date ? { date: opts.date } : {}), portal: portals.get(unit.name) }),
    ),
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

/** A fresh reporting link for each chosen unit (duban letters --portal-url URL --period 2014-Q1). */
async function portalLinks(opts: LettersCommandOptions, chosen: UnitSummary[]): Promise<Map<string, LetterPortal>> {
  if (!opts.period) throw new DubanError('usage', '使用 --portal-url 时请用 --period 指定报送期，如 2014-Q1');
  if (!/^https?:\/\/\S+$/i.test(opts.portalUrl!)) throw new DubanError('usage', `网址“${opts.portalUrl}”不对，应以 http:// 或 https:// 开头`);
  const [{ openDatabase }, { issueLinks }, { readStatusRules }, { parsePeriodId, periodLabel }] = await Promise.all([
    import('../store/db.js'),
    import('../serve/access.js'),
    import('../progress/rules-cached.js'),
    import('../store/periods.js'),
  ]);
  const period = parsePeriodId(opts.period);
  const db = openDatabase(opts.db ?? 'output/duban.db', { mustExist: true });
  try {
    const links = issueLinks(db, { periodId: period.id, baseUrl: opts.portalUrl!, portalGraceDays: (await readStatusRules()).portalGraceDays, now: new Date() });
    const byUnit = new Map(links.map((l) => [l.unit, l]));
    const out = new Map<string, LetterPortal>();
    for (const u of chosen) {
      const l = byUnit.get(u.name);
      if (!l) throw new DubanError('content', `数据库中${period.id}没有单位“${u.name}”的任务，无法生成填报链接（请先用 duban forms 生成该期反馈表）`);
      out.set(u.name, { url: l.url, periodLabel: periodLabel(period), expiresOn: l.expiresOn });
    }
    return out;
  } finally {
    db.close();
  }
}
