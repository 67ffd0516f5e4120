import { z } from 'zod';

/** Kinds an office may write in the YAML (`unknown` is reserved for units not in the directory). */
export const DIRECTORY_KINDS = [
  'department',
  'district',
  'development-zone',
  'sub-district',
  'company',
  'collective',
  'other',
] as const;

export const directoryFileSchema = z.strictObject({
  city: z.string().optional(),
  prefix: z.string().optional(),
  docNumberPrefixes: z.array(z.string().min(1)).optional(),
  units: z.array(z.unknown()),
});

export const unitItemSchema = z.strictObject({
  name: z.string().min(1),
  full: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  kind: z.enum(DIRECTORY_KINDS).optional(),
  members: z.array(z.string().min(1)).optional(),
});

export type UnitItem = z.infer<typeof unitItemSchema>;

/** Chinese names of the YAML keys, for messages office staff read. */
export const KEY_LABELS: Record<string, string> = {
  city: '城市（city）',
  prefix: '前缀（prefix）',
  docNumberPrefixes: '文号前缀（docNumberPrefixes）',
  units: '单位列表（units）',
  name: '名称（name）',
  full: '全称（full）',
  aliases: '别名（aliases）',
  kind: '类别（kind）',
  members: '成员（members）',
};
