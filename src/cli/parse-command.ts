import type { CliIO } from './io.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { EXIT } from '../model/errors.js';
import type { Notice } from '../model/notice.js';
import { loadNotice } from '../load/notice-source.js';
import { SOURCE_WORDS } from '../parse/meta.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { MAX_UNIT_NAME, reviewCounts, type ReviewCounts } from '../parse/review.js';

export interface ParseCommandOptions {
  units?: string;
  json?: boolean;
  output?: string;
  keywords?: boolean;
  strict?: boolean;
}

/** `duban parse <file>`: a Chinese summary, or the model as JSON (the stable contract). */
export async function parseCommand(file: string, opts: ParseCommandOptions, io: CliIO): Promise<number> {
  const { notice, units } = await loadNotice(file, { unitsFile: opts.units, keywords: opts.keywords });
  const review = reviewCounts(notice, units !== null);
  const text = opts.json ? `${JSON.stringify(notice, null, 2)}\n` : summary(notice, units?.file ?? null, review);
  if (opts.output) {
    writeFileAtomic(opts.output, text);
    io.err(`已写入 ${opts.output}`);
  } else io.out(text);
  if (!opts.json) for (const d of notice.diagnostics) io.err(formatDiagnostic(d));
  if (review.withoutUnits > 0) {
    io.err(`有 ${review.withoutUnits} 项任务没有找到责任单位，已照原样列出（退出码 ${EXIT.partial}：解析完成但有缺漏）`);
    return EXIT.partial;
  }
  const warnings = notice.diagnostics.filter((d) => d.level !== 'info').length;
  return opts.strict && warnings > 0 ? EXIT.content : EXIT.ok;
}

function taskRange(notice: Notice, chapter: string): string {
  const nos = notice.tasks.filter((t) => t.chapter === chapter).map((t) => t.label);
  if (nos.length === 0) return '无任务';
  return nos.length === 1 ? `任务 ${nos[0]}` : `任务 ${nos[0]}–${nos[nos.length - 1]}，共 ${nos.length} 项`;
}

function reviewLine(r: ReviewCounts, unitsFile: string | null): string {
  const items = [
    `没有责任单位的任务 ${r.withoutUnits} 项`,
    unitsFile ? `名录外单位 ${r.unknownUnits} 个` : null,
    `像句子或超过 ${MAX_UNIT_NAME} 字的单位名称 ${r.sentenceLike} 个`,
    `同一任务中重复的单位 ${r.repeated} 处`,
  ];
  return `审核要点：${items.filter(Boolean).join('；')}`;
}

export function summary(notice: Notice, unitsFile: string | null, review: ReviewCounts): string {
  const m = notice.meta;
  const lines: string[] = [];
  lines.push(`${m.docNumber ?? '（无文号）'}  ${m.title ?? '（未识别标题）'}`);
  lines.push(`发文机关：${m.issuer ?? '未识别'}　成文日期：${m.signDate ?? '未识别'}　发布日期：${m.publishDate ?? '未识别'}`);
  const from = (f: keyof NonNullable<typeof m.provenance>) => SOURCE_WORDS[m.provenance?.[f] ?? 'missing'];
  lines.push(`年度：${m.year ?? '未知'}（${from('year')}）　地区：${m.city ? `${m.city}${m.level ?? ''}` : '未知'}（${from('city')}）　标题：${from('title')}`);
  if (m.recipients.length) lines.push(`主送：${m.recipients.join('、')}`);
  if (notice.planDeadline || notice.planRecipient) {
    lines.push(`实施方案：${notice.planDeadline ?? '（未写明时限）'} 前报送${notice.planRecipient ?? '（未写明）'}`);
  }
  const single = notice.units.filter((u) => u.kind !== 'collective');
  const collectives = notice.units.filter((u) => u.kind === 'collective');
  const leads = single.filter((u) => u.lead.length > 0).length;
  const targets = notice.tasks.reduce((n, t) => n + t.targets.length, 0);
  lines.push(
    `章节 ${notice.chapters.length} 个，任务 ${notice.tasks.length} 项，责任单位 ${single.length} 个（其中牵头单位 ${leads} 个），量化指标 ${targets} 项`,
  );
  if (collectives.length) {
    lines.push(`集合称谓 ${collectives.length} 个：${collectives.map((c) => `${c.name}${c.members ? `（${c.members.join('、')}）` : ''}`).join('；')}`);
  }
  lines.push(`单位名录：${unitsFile ?? '未使用（未找到与本通知对应的名录）'}`);
  for (const c of notice.chapters) lines.push(`  ${c.no}、${c.title}（${taskRange(notice, c.no)}）`);
  lines.push(reviewLine(review, unitsFile));
  const warnings = notice.diagnostics.length;
  lines.push(warnings ? `警告 ${warnings} 条（见下）` : '没有警告');
  return `${lines.join('\n')}\n`;
}
