import type { CliIO } from './io.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { EXIT } from '../model/errors.js';
import type { Notice } from '../model/notice.js';
import { loadNotice } from '../load/notice-source.js';
import { writeFileAtomic } from '../util/atomic-write.js';

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
  const text = opts.json ? `${JSON.stringify(notice, null, 2)}\n` : summary(notice, units?.file ?? null);
  if (opts.output) {
    writeFileAtomic(opts.output, text);
    io.err(`已写入 ${opts.output}`);
  } else io.out(text);
  if (!opts.json) for (const d of notice.diagnostics) io.err(formatDiagnostic(d));
  const warnings = notice.diagnostics.filter((d) => d.level !== 'info').length;
  return opts.strict && warnings > 0 ? EXIT.content : EXIT.ok;
}

function taskRange(notice: Notice, chapter: string): string {
  const nos = notice.tasks.filter((t) => t.chapter === chapter).map((t) => t.label);
  if (nos.length === 0) return '无任务';
  return nos.length === 1 ? `任务 ${nos[0]}` : `任务 ${nos[0]}–${nos[nos.length - 1]}，共 ${nos.length} 项`;
}

export function summary(notice: Notice, unitsFile: string | null): string {
  const m = notice.meta;
  const lines: string[] = [];
  lines.push(`${m.docNumber ?? '（无文号）'}  ${m.title ?? '（未识别标题）'}`);
  lines.push(`发文机关：${m.issuer ?? '未识别'}　成文日期：${m.signDate ?? '未识别'}　发布日期：${m.publishDate ?? '未识别'}`);
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
  const unknown = notice.units.filter((u) => u.kind === 'unknown').length;
  if (unitsFile && unknown) lines.push(`名录外单位 ${unknown} 个（已保留，见警告）`);
  const warnings = notice.diagnostics.length;
  lines.push(warnings ? `警告 ${warnings} 条（见下）` : '没有警告');
  return `${lines.join('\n')}\n`;
}
