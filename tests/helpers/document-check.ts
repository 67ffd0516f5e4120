/**
 * The document check: what no document duban writes may show, whatever the notice or office.
 * Works on the paragraphs read back from a DOCX (or the lines of a PDF): no empty 《》（）〔〕,
 * no "null"/"undefined", every year within the notice's year ± 1 unless the notice itself
 * prints it, the office named in masthead and signature, no unit copied on its own letter, no
 * sentence twice in one paragraph, no settings key or template field in the text.
 */

export type DocKind = 'letter' | 'circular' | 'evaluation' | 'sheet';

export interface CheckContext {
  kind: DocKind;
  /** Year of the notice (text, derived or flag). */
  year: number;
  /** The notice's own text: years and sentences quoted from it are the notice's, not ours. */
  source: string;
  /** The organ that must appear as masthead and signature (sheet: signature only). */
  organ: string;
  /** For a letter: the receiving unit's names (short and full). */
  unit?: readonly string[];
  /** The file, for messages. */
  file: string;
}

const HOLES = /《\s*》|（\s*）|〔\s*〕|\(\s*\)|“\s*”|【\s*】/;
const NOTHING = /\b(?:null|undefined|NaN)\b|\[object Object\]/;
/** Keys of the settings files and template fields: reports.late, status.已完成, base（, {{…}}, camelCase. */
const CODE = /\b(?:base|floor|roles|status|targets|reports|bonus|veto|grades|excellentCap|document|letters|circular|office|area|evaluation|accountability)\.[A-Za-z\p{Script=Han}]+|\{\{|\}\}|\b[a-z]+[A-Z][A-Za-z]+\b|（(?:base|floor)）|base（/u;
const YEAR = /(?:〔|\b)((?:19|20)\d{2})(?=\s*年|〕)/g;

const squash = (s: string) => s.replace(/\s+/g, '');

export function checkParagraphs(paragraphs: readonly string[], ctx: CheckContext): string[] {
  const problems: string[] = [];
  const say = (what: string, p: string) => problems.push(`${ctx.file}：${what}：${p.slice(0, 80)}`);
  const source = squash(ctx.source);
  for (const raw of paragraphs) {
    const p = raw.trim();
    if (!p) continue;
    if (HOLES.test(p)) say('空括号', p);
    if (NOTHING.test(p)) say('null/undefined', p);
    if (CODE.test(p)) say('代码键名', p);
    for (const m of p.matchAll(YEAR)) {
      const y = Number(m[1]);
      if (Math.abs(y - ctx.year) > 1 && !source.includes(`${y}年`) && !source.includes(`〔${y}〕`)) say(`年份 ${y} 与通知年度 ${ctx.year} 不符`, p);
    }
    const seen = new Set<string>();
    for (const s of p.split(/[。；！？]/).map((x) => x.trim().replace(/^[^：]{1,6}：/, '')).filter((x) => Array.from(x).length >= 6)) {
      if (seen.has(s) && !source.includes(squash(`${s}。${s}`))) say(`同一段中句子重复“${s.slice(0, 20)}”`, p);
      seen.add(s);
    }
  }
  const all = paragraphs.join('\n');
  const organCount = paragraphs.filter((p) => squash(p).includes(squash(ctx.organ))).length;
  const needed = ctx.kind === 'sheet' ? 1 : 2;
  if (organCount < needed) problems.push(`${ctx.file}：版头和落款应为“${ctx.organ}”（出现 ${organCount} 次）`);
  if (ctx.kind === 'letter' && ctx.unit) {
    for (const cc of paragraphs.filter((p) => p.trim().startsWith('抄送'))) {
      const organs = cc.trim().replace(/^抄送[：:]/, '').split(/[，,。]/).map((x) => x.trim());
      for (const u of ctx.unit) if (organs.includes(u)) problems.push(`${ctx.file}：抄送了收函单位自己（${u}）`);
    }
  }
  if (/市市|区区|省省/.test(all)) problems.push(`${ctx.file}：地名层级重复`);
  return problems;
}

/** Words of a 市 office that a 区 or 县 office's documents must not carry (unless the notice does). */
export function cityWordingLeft(paragraphs: readonly string[], source: string): string[] {
  const src = squash(source);
  const out: string[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(/市(?:人民)?政府|市委|市人大|市政协|市监察|市目标办|市督查/g)) {
      if (!src.includes(m[0])) out.push(`${m[0]}：${p.trim().slice(0, 60)}`);
    }
  }
  return out;
}
