/**
 * Office settings (督查办公室设置, seeds/<city>-office.yaml): the facts of the office that sends
 * the documents — its printed name and level, the 代字 and numbering of its letters and
 * circulars, who is copied on each kind, who receives plans and reports, who holds units to
 * account, and the evaluating office. Templates take all of these as data: no office name is
 * written into template text. Loaded through the shared YAML loader, so a mistake is refused
 * with the file, the key and the line.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseYamlConfig, readConfigText } from '../util/yaml-config.js';

export const LEVELS = ['省', '市', '县', '区'] as const;
export type Level = (typeof LEVELS)[number];

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

/** The settings in force, with where they came from (a file, or drafted from the notice). */
export interface OfficeSettings extends OfficeFile {
  /** The settings file, or null when drafted from the notice because no file matched. */
  file: string | null;
}

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

/** seeds/ of the installation, from src/office or dist/office alike. */
export function bundledOfficeFolder(): string {
  return fileURLToPath(new URL('../../seeds/', import.meta.url));
}

/**
 * The settings file for a notice when none is named: among `dirs` (files or folders of YAML),
 * the one whose 文号 代字 (stronger) or area name occurs in the hints (文号, title, issuer, unit
 * names). Only files with an `area:` section are candidates, so unit directories and rules in
 * the same folder are passed over. Null when none matches.
 */
export function findOfficeFile(hints: readonly string[], dirs: readonly string[]): string | null {
  const text = hints.filter((h) => h.trim() !== '');
  if (text.length === 0) return null;
  const occurs = (needle: string) => needle !== '' && text.some((h) => h.includes(needle));
  let best: { file: string; score: number } | null = null;
  for (const file of yamlFiles(dirs)) {
    const c = readHead(file);
    if (!c) continue;
    const prefix = Math.max(0, ...c.prefixes.filter(occurs).map((p) => 1000 + p.length));
    const place = occurs(`${c.name}${c.level}`) ? c.name.length + 1 : 0;
    const score = Math.max(prefix, place);
    if (score > 0 && (!best || score > best.score)) best = { file, score };
  }
  return best?.file ?? null;
}

function yamlFiles(dirs: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of dirs) {
    try {
      if (statSync(d).isDirectory()) out.push(...readdirSync(d).filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => join(d, n)));
      else if (/\.ya?ml$/i.test(d)) out.push(d);
    } catch {
      // a folder that does not exist holds no candidates
    }
  }
  return out;
}

function readHead(file: string): { name: string; level: string; prefixes: string[] } | null {
  try {
    const text = readFileSync(file, 'utf8');
    if (!/^area\s*:/m.test(text)) return null;
    const data = parse(text) as { area?: { name?: unknown; level?: unknown; docNumberPrefixes?: unknown } } | null;
    const a = data?.area;
    if (!a || typeof a.name !== 'string') return null;
    const prefixes = Array.isArray(a.docNumberPrefixes) ? a.docNumberPrefixes.filter((p): p is string => typeof p === 'string' && p !== '') : [];
    return { name: a.name, level: typeof a.level === 'string' ? a.level : '', prefixes };
  } catch {
    return null;
  }
}

/** 鄂州督交〔2014〕13号. */
export function docNumberOf(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕${n}号`;
}

/** 市政府, 区政府: how the documents name the government of the office's level. */
export function governmentOf(s: OfficeSettings): string {
  return `${s.area.level}政府`;
}
