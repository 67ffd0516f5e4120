import { existsSync } from 'node:fs';
import type { CliIO } from './io.js';
import { DubanError } from '../model/errors.js';
import { bundledEvaluationRulesFile } from '../evaluate/rules-cached.js';

const DEFAULT_RULES = 'seeds/evaluation-rules.yaml';

function option(opts: Record<string, unknown>, key: string): string | undefined {
  const v = opts[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function yearOf(raw: string | undefined): number {
  const y = Number(raw?.normalize('NFKC'));
  if (!raw || !/^\d{4}$/.test(raw.normalize('NFKC')) || y < 1990 || y > 2099) {
    throw new DubanError('usage', `考核年度“${raw ?? ''}”应为四位年份，如 2014`);
  }
  return y;
}

/**
 * duban evaluate --year 2014: scores every unit on the year's tasks and writes the circular,
 * one score sheet per unit and the workbook. The rules are checked before the database is read.
 */
export async function evaluateCommand(opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const { OUTPUT_FORMATS, writeEvaluation } = await import('../evaluate/write.js');
  type Format = (typeof OUTPUT_FORMATS)[number];
  const year = yearOf(option(opts, 'year'));
  const formats = (option(opts, 'format') ?? 'docx,pdf,xlsx').split(/[,，\s]+/).filter(Boolean).map((f) => f.toLowerCase());
  const bad = formats.find((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
  if (bad !== undefined || formats.length === 0) {
    throw new DubanError('usage', `不支持的输出格式“${bad ?? ''}”（可用：${OUTPUT_FORMATS.join('、')}）`);
  }
  let rulesFile = option(opts, 'rules') ?? DEFAULT_RULES;
  // The default names the bundled file; outside the project folder, use the copy that ships.
  if (rulesFile === DEFAULT_RULES && !existsSync(rulesFile)) rulesFile = bundledEvaluationRulesFile();
  const { readRules } = await import('../evaluate/rules-cached.js');
  let rules = await readRules(rulesFile);
  const eventsFile = option(opts, 'events');
  const events = eventsFile ? (await import('../evaluate/events.js')).loadEvents(eventsFile) : undefined;

  // Score sheets as PDF: with DUBAN_THREADS=2 a worker loads pdfkit and the fonts while the scores are worked out.
  if (formats.includes('pdf')) (await import('../render/batch.js')).prestartPdfWorker(option(opts, 'fonts'));
  const { openDatabase } = await import('../store/db.js');
  const { loadEvaluationFacts } = await import('../evaluate/load-facts.js');
  const db = openDatabase(option(opts, 'db') ?? 'output/duban.db', { mustExist: true });
  let facts;
  let stored;
  try {
    facts = loadEvaluationFacts(db, year, events ? { events } : {});
    const { findNoticeByKey } = await import('../store/notices.js');
    stored = facts.notices[0] ? findNoticeByKey(db, facts.notices[0].key) : null;
  } finally {
    db.close();
  }
  // The evaluating office, its 代字, 主送, 抄送 and 问责 body come from the office settings.
  const { officeForStoredNotice } = await import('../office/choose.js');
  const hints = [stored?.docNumber ?? '', stored?.title ?? '', ...facts.units.flatMap((u) => (u.fullName ? [u.fullName] : []))];
  const office = await officeForStoredNotice(stored?.sourceFile ?? '', hints, option(opts, 'office'));
  const { withOfficeDocument } = await import('../evaluate/office.js');
  rules = withOfficeDocument(rules, office);
  const { evaluate } = await import('../evaluate/evaluate.js');
  const result = evaluate(facts, rules);
  if (result.units.length === 0) throw new DubanError('content', `${year}年度没有承担任务的单位，无法考核`);
  const outDir = option(opts, 'out') ?? 'output/年度考核';
  const fontsDir = option(opts, 'fonts');
  const files = await writeEvaluation(facts, result, rules, { outDir, formats: formats as Format[], ...(fontsDir ? { fontsDir } : {}) });

  const c = result.counts;
  io.out(`${year}年度考核：参评单位${result.units.length}个，优秀${c.优秀}个、良好${c.良好}个、合格${c.合格}个、不合格${c.不合格}个`);
  if (result.demoted.length) io.out(`优秀名额${result.excellentLimit}个，${result.demoted.length}个单位按名次调整为良好`);
  const failing = result.units.filter((u) => u.grade === '不合格');
  io.out(`建议问责：${failing.length ? failing.map((u) => `${u.unit}（${u.score}分${u.vetoes.length ? '，一票否决' : ''}）`).join('、') : '无'}`);
  if (result.unscored.length) io.out(`未承担任务、不参评：${result.unscored.map((u) => u.unit).join('、')}`);
  io.out(`已写入 ${files.length} 个文件到 ${outDir}`);
  return 0;
}
