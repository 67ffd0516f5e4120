/**
 * The zod schema of the Notice model's JSON form (`duban parse --json`), for reading it back as
 * the input of letters, ledger and forms. It checks what later stages rely on (task numbers,
 * unit roles, chapter numerals, ISO dates) and lets through fields it does not know, so a JSON
 * written by a newer duban of the same schemaVersion (extra provenance, say) still loads.
 */
import { z } from 'zod';
import { NOTICE_SCHEMA_VERSION } from './notice.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 2014-01-13 这样的日期');
const nullableString = z.string().nullable();

export const unitKindSchema = z.enum(['department', 'district', 'development-zone', 'sub-district', 'company', 'collective', 'other', 'unknown']);

export const unitRefSchema = z.looseObject({
  raw: z.string(),
  name: z.string().min(1, '单位名称不能为空'),
  role: z.enum(['lead', 'support']),
});

export const targetSchema = z.looseObject({
  text: z.string(),
  indicator: z.string(),
  value: z.number(),
  unit: z.string(),
  qualifier: nullableString,
});

export const deadlineSchema = z.looseObject({
  text: z.string(),
  kind: z.enum(['date', 'month-end', 'year', 'years', 'relative']),
  date: isoDate.nullable(),
});

export const taskSchema = z.looseObject({
  no: z.number().int().positive(),
  label: z.string(),
  chapter: nullableString,
  section: nullableString.default(null),
  parent: z.number().int().positive().nullable().default(null),
  title: z.string(),
  text: z.string(),
  units: z.array(unitRefSchema),
  targets: z.array(targetSchema).default([]),
  deadlines: z.array(deadlineSchema).default([]),
  keywords: z.array(z.string()).default([]),
  line: z.number().int().nonnegative().default(0),
});

export const chapterSchema = z.looseObject({ no: z.string().min(1), title: z.string(), line: z.number().int().nonnegative().default(0) });

export const requirementSchema = z.looseObject({
  no: z.string(),
  title: z.string(),
  text: z.string(),
  line: z.number().int().nonnegative().default(0),
});

export const unitSummarySchema = z.looseObject({
  name: z.string().min(1),
  kind: unitKindSchema,
  fullName: nullableString,
  lead: z.array(z.number().int().positive()),
  support: z.array(z.number().int().positive()),
  members: z.array(z.string()).optional(),
});

export const diagnosticSchema = z.looseObject({
  level: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  file: z.string(),
  line: z.number().int(),
  message: z.string(),
});

export const noticeMetaSchema = z.looseObject({
  title: nullableString,
  docNumber: nullableString,
  issuer: nullableString,
  publishDate: isoDate.nullable(),
  signDate: isoDate.nullable(),
  indexNo: nullableString.default(null),
  recipients: z.array(z.string()).default([]),
  attachmentTitle: nullableString.default(null),
  requirements: z.array(requirementSchema).default([]),
});

export const noticeSchema = z.looseObject({
  schemaVersion: z.literal(NOTICE_SCHEMA_VERSION),
  source: z.looseObject({ file: z.string(), format: z.enum(['txt', 'html', 'docx']), encoding: z.string() }),
  meta: noticeMetaSchema,
  planDeadline: isoDate.nullable().default(null),
  planRecipient: nullableString.default(null),
  chapters: z.array(chapterSchema),
  tasks: z.array(taskSchema).min(1, '没有任务'),
  units: z.array(unitSummarySchema),
  diagnostics: z.array(diagnosticSchema).default([]),
});

/** `tasks[3].units[0].role` from a zod issue path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '（根）';
}
