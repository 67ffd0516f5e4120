/**
 * Office settings (督查办公室设置, seeds/<city>-office.yaml): the facts of the office that sends
 * the documents — its printed name and level, the 代字 and numbering of its letters and
 * circulars, who is copied on each kind, who receives plans and reports, who holds units to
 * account, and the evaluating office. Templates take all of these as data: no office name is
 * written into template text. Loaded through the shared YAML loader, so a mistake is refused
 * with the file, the key and the line. Commands read them through office/cached.ts, which loads
 * this module (and yaml and zod) only when the file changed.
 */
import { z } from 'zod';
import { parseYamlConfig, readConfigText } from '../util/yaml-config.js';
import { LEVELS, type OfficeSettings } from './types.js';

export { LEVELS, docNumberOf, governmentOf, type Level, type OfficeSettings } from './types.js';
export { bundledOfficeFolder, findOfficeFile } from './find.js';

const name = z.string().trim().min(1);
const names = z.array(name);

export const officeFileSchema = z.strictObject({
  area: z.strictObject({
    name,
    level: z.enum(LEVELS),
    docNumberPrefixes: names.default([]),
  }),
  office: z.strictObject({ name, inText: name }),
  letters: z.strictObject({ prefix: name, firstNumber: z.number().int().min(1).default(1), cc: names }),
  circular: z.strictObject({ prefix: name, firstNumber: z.number().int().min(1).default(1), cc: names }),
  reports: z.strictObject({ receiver: name }),
  accountability: name,
  evaluation: z.strictObject({
    organ: name,
    prefix: name,
    number: z.number().int().min(1).default(1),
    recipients: name,
    cc: names,
  }),
});

export type OfficeFile = z.infer<typeof officeFileSchema>;

/** Chinese names of the keys, for messages. */
export const OFFICE_LABELS: Record<string, string> = {
  area: '行政区域',
  'area.name': '地名',
  'area.level': '层级',
  'area.docNumberPrefixes': '本地文号代字',
  office: '发文机关',
  'office.name': '发文机关标志',
  'office.inText': '正文中的机关称谓',
  letters: '交办函',
  'letters.prefix': '交办函代字',
  'letters.firstNumber': '交办函起始序号',
  'letters.cc': '交办函抄送',
  circular: '督查通报',
  'circular.prefix': '督查通报代字',
  'circular.firstNumber': '督查通报起始序号',
  'circular.cc': '督查通报抄送',
  reports: '报送',
  'reports.receiver': '实施方案和进展报送机关',
  accountability: '问责机关',
  evaluation: '考核',
  'evaluation.organ': '考核机关',
  'evaluation.prefix': '考核通报代字',
  'evaluation.number': '考核通报序号',
  'evaluation.recipients': '考核通报主送机关',
  'evaluation.cc': '考核通报抄送',
};

const SPEC = { title: '办公室设置', labels: OFFICE_LABELS, topLevelHint: '文件应由 area、office、letters 等设置项组成' };

export function parseOfficeSettings(text: string, file: string): OfficeSettings {
  const { data } = parseYamlConfig(text, file, officeFileSchema, SPEC);
  return { ...data, file };
}

export function loadOfficeSettings(file: string): OfficeSettings {
  return parseOfficeSettings(readConfigText(file, SPEC.title), file);
}

