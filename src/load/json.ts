/**
 * A Notice read back from its JSON form (`duban parse --json`, perhaps corrected by hand). The
 * JSON is checked against the schema (each problem named by its path, e.g.
 * tasks[3].units[0].role); unit summaries are derived again from the tasks, so correcting a
 * task's units is enough; a unit name the directory does not know is warned about as in parse.
 */
import { DubanError } from '../model/errors.js';
import { NOTICE_SCHEMA_VERSION, type Notice } from '../model/notice.js';
import { jsonPath, noticeSchema } from '../model/notice-schema.js';
import type { ParsedNotice } from '../parse/index.js';
import { directoryForMeta, effectiveDirectory, resolveNames, resummarise, unknownUnitDiagnostic } from './rebuild.js';
import type { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（[…]）',
  object: '对象（{…}）',
  null: 'null',
};

/** One Chinese phrase per zod issue. */
export function issueText(issue: z.core.$ZodIssue, data: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(data, issue.path) === undefined ? '缺少此项' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `只能是 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'too_small':
      return issue.origin === 'array' ? `至少要有 ${String(issue.minimum)} 项` : issue.origin === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}`;
    case 'invalid_format':
      return '应为 2014-01-13 这样的日期';
    default:
      return issue.message;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function fail(file: string, message: string): never {
  throw new DubanError('content', message, { file });
}

export function noticeFromJson(file: string, text: string, opts: { unitsFile?: string } = {}): ParsedNotice {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(file, `不是有效的 JSON（${e instanceof Error ? e.message : String(e)}）`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(file, '不是 duban 的通知 JSON（应为 duban parse --json 的输出）');
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) fail(file, '不是 duban 的通知 JSON（缺少 schemaVersion；应为 duban parse --json 的输出）');
  if (typeof version === 'number' && version > NOTICE_SCHEMA_VERSION) {
    fail(file, `此 JSON 由较新版本的 duban 生成（schemaVersion ${version}），本程序只支持到 ${NOTICE_SCHEMA_VERSION}，请升级 duban`);
  }
  const parsed = noticeSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(file, `通知 JSON 的 ${jsonPath(issue.path)}：${issueText(issue, data)}`);
  }
  const notice = parsed.data as unknown as Notice;
  checkNumbers(file, notice);
  const units = directoryForMeta(notice.meta, opts.unitsFile);
  const dir = effectiveDirectory(notice.meta, units);
  const known = new Set(notice.units.map((u) => u.name));
  const added: Notice['diagnostics'] = [];
  notice.tasks.forEach((t, i) => {
    const refs = resolveNames(
      t.units.map((u) => ({ raw: u.name, role: u.role })),
      known,
      dir,
      (raw, name) => added.push(unknownUnitDiagnostic(file, `tasks[${i}]`, raw, name)),
    );
    t.units = t.units.map((u, j) => (known.has(u.name) ? u : { ...u, name: refs[j]!.name }));
  });
  notice.units = resummarise(notice.tasks, notice.units, dir);
  notice.diagnostics = [...notice.diagnostics, ...added];
  return { notice, units };
}

/** Task numbers are the key every later stage uses: unique, and parents must exist. */
function checkNumbers(file: string, notice: Notice): void {
  const seen = new Set<number>();
  notice.tasks.forEach((t, i) => {
    if (seen.has(t.no)) fail(file, `通知 JSON 的 tasks[${i}].no：任务序号 ${t.no} 重复`);
    seen.add(t.no);
  });
  notice.tasks.forEach((t, i) => {
    if (t.parent !== null && !seen.has(t.parent)) fail(file, `通知 JSON 的 tasks[${i}].parent：没有序号为 ${t.parent} 的任务`);
  });
}
