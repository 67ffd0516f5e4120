/**
 * Metadata of the covering notice: title, 文号, issuer, dates, 索引号, recipients, the
 * attachment title and the plan deadline. Read from the lines before the task list, which on
 * saved web pages also hold the disclosure table (索引号 | 文号 | 发布机构 | 发布日期).
 */
import type { MetaField, MetaSource, NoticeMeta } from '../model/notice.js';
import { chineseNumeralValue, simplifyKeys } from './normalize.js';
import { findDeadlines } from './deadlines.js';

export interface CoverLine {
  text: string;
  line: number;
}

const DOC_NUMBER = /([\u4e00-\u9fa5]{1,12})\s*[〔［\[（(【]\s*(\d{4})\s*[〕］\]）)】]\s*(\d{1,4})\s*([号號])/;

export function findDocNumber(lines: readonly CoverLine[]): string | null {
  for (const l of lines) {
    const m = l.text.match(DOC_NUMBER);
    if (m) return `${m[1]}〔${m[2]}〕${m[3]}${m[4]}`;
  }
  return null;
}

const FIELD = (name: string) => new RegExp(`${name}\\s*[：|]\\s*([^|]*?)(?=\\s+[\\u4e00-\\u9fa5 ]{2,8}\\s*[：|]|\\s*\\||$)`);

function field(lines: readonly CoverLine[], name: string): string | null {
  const re = FIELD(name);
  for (const l of lines) {
    const m = simplifyKeys(l.text).match(re);
    if (m && m[1]!.trim()) return l.text.slice(m.index! + m[0].length - m[1]!.length, m.index! + m[0].length).trim();
  }
  return null;
}

/** 2014年01月28日, 2021-05-14, 二○○六年四月二十八日 → ISO. */
export function parseDate(s: string): string | null {
  let m = s.match(/(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = s.match(/([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/);
  if (m) {
    const y = chineseNumeralValue(m[1]!);
    const mo = chineseNumeralValue(m[2]!);
    const d = chineseNumeralValue(m[3]!);
    if (y && mo && d) return iso(y, mo, d);
  }
  return null;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_ONLY = /^(\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/;
const DATE_ANY = /(\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)/;

/** 成文日期: a line that is only a date, else a date right after the signing organ. */
function findSignDate(lines: readonly CoverLine[]): { date: string | null; line: number } {
  for (const l of lines) {
    if (DATE_ONLY.test(l.text.trim())) return { date: parseDate(l.text), line: l.line };
  }
  for (const l of lines) {
    const m = l.text.match(/(?:人民政府|办公室|办公厅|辦公室|辦公廳|委员会)\s+(\d{4}年\d{1,2}月\d{1,2}日)/);
    if (m) return { date: parseDate(m[1]!), line: l.line };
  }
  return { date: null, line: 0 };
}

const TITLE = /([^\s|：:，。]*?(?:关于|關于|關於)[^|。]*?的(?:通知|意见|意見|决定|決定|实施意见|方案|函))/;

/**
 * The title pattern, tried only in a window around each 关于 (a lazy pattern scanned from every
 * position of a long line would take quadratic time).
 */
function matchTitle(text: string): RegExpMatchArray | null {
  for (const m of text.matchAll(/关于|關于|關於/g)) {
    const at = m.index ?? 0;
    const start = Math.max(0, at - 40);
    const hit = text.slice(start, at + 200).match(TITLE);
    if (hit && hit[1]!.length >= 8) return Object.assign(hit, { index: (hit.index ?? 0) + start });
  }
  return null;
}

function findTitle(lines: readonly CoverLine[]): string | null {
  const clean = (m: RegExpMatchArray) => m[1]!.replace(/^(?:.*?文件\s*)/, '').trim();
  for (const l of lines) {
    const m = matchTitle(l.text.trim());
    if (m) return clean(m);
  }
  // A title broken over several lines (web pages) is joined.
  for (let i = 0; i < lines.length; i++) {
    for (let span = 2; span <= 3 && i + span <= lines.length; span++) {
      const parts = lines.slice(i, i + span).map((l) => l.text.trim());
      const m = matchTitle(parts.join(''));
      if (m && m.index! < parts[0]!.length) return clean(m);
    }
  }
  return null;
}

/** 永康市人民政府办公室 (or …文件) on a line of its own above the title: the 版头 names the issuer. */
function mastheadOrgan(lines: readonly CoverLine[]): string | null {
  for (const l of lines.slice(0, 12)) {
    const m = l.text.trim().match(/^([\u4e00-\u9fa5]{2,12}?(?:人民政府|政府)(?:办公室|办公厅)?)(?:文件)?$/);
    if (m) return m[1]!;
  }
  return null;
}

function findIssuer(lines: readonly CoverLine[], title: string | null, signLine: number): string | null {
  const before = [...lines].reverse().find((l) => l.line < signLine && l.text.trim() !== '');
  const sig = signLine > 0 ? before?.text.trim() : undefined;
  if (sig && /(人民政府|政府|办公室|办公厅|辦公室|辦公廳|委员会|市委)$/.test(sig) && sig.length <= 30) return sig;
  const t = title?.match(/^(.*?)(?:关于|關于|關於)/)?.[1];
  if (t) return t;
  return field(lines, '发布机构') ?? mastheadOrgan(lines);
}

function findRecipients(lines: readonly CoverLine[]): string[] {
  for (const l of lines) {
    const m = l.text.match(/^\s*([^：]{2,120}?)：\s*$/) ?? l.text.match(/(各[^：。]{1,100}?)：/);
    if (!m) continue;
    const s = simplifyKeys(m[1]!);
    if (!/^各|政府|部门|单位|机构|委办局/.test(s) || /[|]/.test(s)) continue;
    if (/^(索引号|文号|发布|信息|主题|附|附件|时间|来源|责任|牵头|配合)/.test(s)) continue;
    return splitOrgans(m[1]!);
  }
  return [];
}

const ORGAN_END = /(政府|部门|单位|机构|委员会|管委会|办事处|局|委|办|厅|院|室|公司|市委|街道)$/;

/** 各区人民政府、开发区管委会 are two organs; 各旗、县、区人民政府 is one (the suffix is shared). */
function splitOrgans(s: string): string[] {
  const pieces: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of s) {
    if (c === '（') depth++;
    if (c === '）' && depth > 0) depth--;
    if (depth === 0 && /[、，,；]/.test(c)) {
      if (cur.trim()) pieces.push(cur.trim());
      cur = c === '、' ? '\u0000' : '';
    } else cur += c;
  }
  if (cur.trim()) pieces.push(cur.trim());
  const out: string[] = [];
  let last = '';
  for (const piece of pieces) {
    const joined = piece.startsWith('\u0000');
    const text = piece.replace('\u0000', '');
    const shared = joined && out.length > 0 && last.length <= 4 && !ORGAN_END.test(simplifyKeys(last));
    if (shared) out[out.length - 1] = `${out[out.length - 1]}、${text}`;
    else out.push(text);
    last = text;
  }
  return out;
}

function findAttachmentTitle(lines: readonly CoverLine[]): string | null {
  for (const l of lines) {
    const m = simplifyKeys(l.text).match(/^\s*附(?:件)?\s*\d*\s*[：:]\s*(.+)$/);
    if (m) return l.text.slice(l.text.length - m[1]!.length).replace(/^《|》$/g, '').replace(/[。\s]+$/, '').trim();
  }
  return null;
}

export interface PlanDeadline {
  date: string | null;
  recipient: string | null;
}

/** 制订实施方案，并于元月底前报送至市政府政务督查室 → the date and the receiving office. */
export function findPlanDeadline(lines: readonly CoverLine[], year: number | null): PlanDeadline {
  for (const l of lines) {
    for (const sentence of l.text.split(/[。；]/)) {
      if (!/(方案|计划|措施)/.test(sentence) || !/报/.test(sentence)) continue;
      const d = findDeadlines(sentence, year).find((x) => x.kind === 'date' || x.kind === 'month-end');
      if (!d) continue;
      const r = sentence.match(/(?:报送至|报送到|报送|报至|报给|报)([^，。；、]*?(?:督查室|督查处|办公室|办公厅|督查局|目标办|督办室|督查科|督办处))/);
      return { date: d.date, recipient: r ? r[1]!.trim() : null };
    }
  }
  return { date: null, recipient: null };
}

export function readMeta(lines: readonly CoverLine[]): { meta: Omit<NoticeMeta, 'requirements'>; year: number | null } {
  const title = findTitle(lines);
  const docNumber = findDocNumber(lines) ?? normaliseDocNumber(field(lines, '文\\s*号'));
  const sign = findSignDate(lines);
  const publishDate = parseDate(field(lines, '发布日期') ?? field(lines, '时间') ?? '') ?? null;
  const year = yearOf(sign.date) ?? yearOf(docNumber?.match(/〔(\d{4})〕/)?.[1] ?? null) ?? yearOf(publishDate);
  return {
    year,
    meta: {
      title,
      docNumber,
      issuer: findIssuer(lines, title, sign.line),
      publishDate,
      signDate: sign.date,
      indexNo: field(lines, '索\\s*引\\s*号')?.split(/\s/)[0] ?? null,
      recipients: findRecipients(lines),
      attachmentTitle: findAttachmentTitle(lines),
    },
  };
}

function normaliseDocNumber(s: string | null): string | null {
  if (!s) return null;
  const m = s.match(DOC_NUMBER);
  return m ? `${m[1]}〔${m[2]}〕${m[3]}${m[4]}` : null;
}

function yearOf(s: string | null): number | null {
  const m = s?.match(/^(\d{4})/);
  return m ? Number(m[1]) : null;
}

export { DATE_ANY };

type Level = NonNullable<NoticeMeta['level']>;

/** 蔡甸区人民政府办公室 → 蔡甸, 区; 广东省人民政府 → 广东, 省; 市人民政府办公室 → null. */
export function placeOf(text: string | null | undefined): { city: string; level: Level } | null {
  const m = /^(?:中共)?(\p{Script=Han}{2,6}?)(省|市|县|区)(?:人民政府|政府|委|人大|政协|办公|辦公|人民政府辦公)/u.exec((text ?? '').trim());
  return m ? { city: m[1]!, level: m[2] as Level } : null;
}

/** The year a title names: 关于2025年重点工作… → 2025. */
function yearOfTitle(title: string | null): number | null {
  const m = title?.match(/((?:19|20)\d{2})\s*年/);
  return m ? Number(m[1]) : null;
}

export interface MetaContext {
  /** City and level word of the unit directory chosen for the notice, when one was. */
  directory?: { city: string | null; prefix: string } | null;
}

const FIELDS: readonly MetaField[] = ['title', 'docNumber', 'issuer', 'publishDate', 'signDate', 'indexNo', 'recipients', 'attachmentTitle'];

/**
 * Adds year, city, level and the provenance of every field to the metadata found in the text:
 * the year from 〔2013〕, the dates or the title; the city from the issuer or title, else from
 * the unit directory; what is still unknown is marked missing (never filled with a stand-in).
 */
export function completeMeta(meta: NoticeMeta, ctx: MetaContext): NoticeMeta {
  const provenance: Partial<Record<MetaField, MetaSource>> = {};
  for (const f of FIELDS) {
    const v = meta[f];
    provenance[f] = v === null || (Array.isArray(v) && v.length === 0) ? 'missing' : 'text';
  }
  const year = yearOf(meta.signDate) ?? yearOf(meta.docNumber?.match(/〔(\d{4})〕/)?.[1] ?? null) ?? yearOf(meta.publishDate) ?? yearOfTitle(meta.title);
  provenance.year = year === null ? 'missing' : 'derived';
  let place = placeOf(meta.issuer) ?? placeOf(meta.title);
  if (!place && ctx.directory?.city) {
    const level = ctx.directory.prefix === '省' ? '省' : '市';
    place = { city: ctx.directory.city.replace(/[省市县区]$/, ''), level };
  }
  provenance.city = place ? 'derived' : 'missing';
  provenance.level = place ? 'derived' : 'missing';
  return { ...meta, year, city: place?.city ?? null, level: place?.level ?? null, provenance };
}

export interface MetaFlags {
  title?: string;
  year?: number;
}

/** Values given on the command line (--title, --year) replace what the notice gave. */
export function applyMetaFlags(meta: NoticeMeta, flags: MetaFlags): NoticeMeta {
  const provenance = { ...(meta.provenance ?? {}) };
  const out = { ...meta };
  if (flags.title) {
    out.title = flags.title.replace(/^《|》$/g, '').trim();
    provenance.title = 'flag';
  }
  if (flags.year) {
    out.year = flags.year;
    provenance.year = 'flag';
  }
  return { ...out, provenance };
}

/** The place and level from the office settings, when the notice does not show them. */
export function withSettingsPlace(meta: NoticeMeta, area: { name: string; level: NonNullable<NoticeMeta['level']> }): NoticeMeta {
  if (meta.city) return meta;
  return { ...meta, city: area.name, level: area.level, provenance: { ...(meta.provenance ?? {}), city: 'settings', level: 'settings' } };
}

/** Chinese words for provenance, as `duban parse` shows them. */
export const SOURCE_WORDS: Record<MetaSource, string> = {
  text: '通知原文',
  derived: '推定',
  settings: '办公室设置',
  flag: '命令行参数',
  missing: '缺失',
};
