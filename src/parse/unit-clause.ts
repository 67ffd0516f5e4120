/**
 * Unit clauses: the places where a notice says who does a task. Shapes met in real notices:
 *   （责任单位：A、B、C）                      first leads, the rest support
 *   （牵头单位：A、B；配合单位：C）            labels decide; joint leads stay joint
 *   牵头单位：A  /  责任单位：B、C (own lines)  责任 after 牵头 means supporting
 *   （A、B牵头落实）  A牵头，B、C配合。  由A主办，B协办。   role words decide
 * The parser collects ClauseParts per task; `assignRoles` turns them into ordered roles.
 */
import type { Role } from '../model/notice.js';
import { simplifyKeys } from './normalize.js';
import { labelledClauseStart, personFieldValue, splitFields, type Field } from './clause-labels.js';

/**
 * What a part of a clause says about its units. `note` parts (完成时限：…) hold no units and
 * `person` parts (责任领导：…) hold persons, never units.
 */
export type PartTag = 'lead' | 'responsible' | 'support' | 'none' | 'note' | 'person';

export interface ClausePart {
  tag: PartTag;
  units: string[];
  /** For a note: its text, e.g. 完成时限：2014年底. */
  note?: string;
}

export interface RawUnitRole {
  raw: string;
  role: Role;
}

/** Role words that end a segment: X牵头, Y、Z配合, 由X主办. */
const ROLE_SUFFIX: { re: RegExp; tag: PartTag }[] = [
  { re: /(牵头落实|牵头负责|牵头组织|牵头实施|牵头|主办)$/, tag: 'lead' },
  { re: /(配合落实|共同配合|协同配合|配合|协办|协助|参与)$/, tag: 'support' },
  { re: /(负责落实|具体负责|负责|落实|承办)$/, tag: 'responsible' },
];

/** Suffixes that make a string look like the name of an organ or a group of organs. */
const UNIT_SUFFIX =
  /(局|委|办|厅|院|会|中心|公司|政府|社|行|室|处|部|所|站|队|馆|团|联|集团|办事处|街道|区|县|镇|乡|校|大学|银行|协会|工会|法院|检察院|分区|支队|海关|机构|单位|部门|各地|监狱|台|园|场|库|组)$/;

export function looksLikeUnit(name: string): boolean {
  const s = simplifyKeys(name.replace(/（[^）]*）/g, ''));
  return s.length >= 2 && s.length <= 30 && UNIT_SUFFIX.test(s) && !/\d/.test(s);
}

/** Splits a list of units on 、，；, and spaces, never inside brackets. */
export function splitUnitList(list: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of list) {
    if (c === '（' || c === '(') depth++;
    if ((c === '）' || c === ')') && depth > 0) depth--;
    if (depth === 0 && /[、，,；;\s]/.test(c)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map(cleanUnitName).filter((u) => u !== '');
}

function cleanUnitName(u: string): string {
  let s = u.replace(/[\u200b-\u200d\u2060\ufeff\s]/g, '').replace(/^(由|请|和|及|以及)/, '');
  s = s.replace(/[。．.，、；：]+$/, '').replace(/等$/, '');
  // 各相关部门按职责分工（负责）: how they share the work is not part of the name.
  s = s.replace(/(按照?各自职责|按照?职责分工|按照?职责|依职责|根据职责|分别|共同)$/, '');
  // An empty cell written as 无 or a dash names nobody.
  return /^(无|暂无|\/|／|—+|-+)$/.test(s) ? '' : s.trim();
}

/** Reads one segment such as "A、B牵头" or "由A主办" into a tagged part. */
export function roleSegment(segment: string): ClausePart | null {
  let s = segment.trim().replace(/[。．.]+$/, '');
  s = s.replace(/^(此项工作|该项工作|本项工作|此项任务|该项任务)?由/, '');
  if (!s) return null;
  const key = simplifyKeys(s);
  for (const r of ROLE_SUFFIX) {
    const m = key.match(r.re);
    if (m) return { tag: r.tag, units: splitUnitList(s.slice(0, s.length - m[0].length)) };
  }
  return { tag: 'none', units: splitUnitList(s) };
}

/**
 * Parses the inside of a unit clause (without brackets) into tagged parts, or null when the
 * text does not read as a unit clause at all. The clause is split into labelled fields first
 * (clause-labels.ts); unlabelled text is read for role words (A牵头，B配合; 由A主办，B协办).
 */
export function parseClauseBody(body: string): ClausePart[] | null {
  const parts: ClausePart[] = [];
  for (const field of splitFields(body)) parts.push(...fieldParts(field));
  const units = parts.flatMap((p) => p.units);
  if (units.length === 0) return null;
  return parts.filter((p) => p.units.length > 0 || p.tag === 'note');
}

function fieldParts(field: Field): ClausePart[] {
  const value = field.value.trim();
  if (field.kind === 'person') return [{ tag: 'person', units: splitUnitList(value.replace(/^[^（(]*[（(]([^）)]*)[）)].*$/, '$1')) }];
  if (field.kind === 'note') return [{ tag: 'note', units: [], note: `${field.label}：${value.replace(/[；。，]+$/, '')}` }];
  const pieces = value.split(/[；;。]/).filter((p) => p.trim());
  if (field.kind === null) return pieces.flatMap(roleSegments);
  const [first = '', ...rest] = pieces;
  // A labelled list may itself use role words (部门分工：A牵头，B配合).
  const inner = roleSegments(first);
  const own: ClausePart[] = inner.some((p) => p.tag !== 'none') ? inner : markedRoles(field.kind, splitUnitList(first));
  // After the list's full stop, only role sentences still name units (…。市财政局配合。).
  const after = rest.flatMap(roleSegments).filter((p) => p.tag !== 'none' && p.units.every(looksLikeUnit));
  return [...own, ...after];
}

/** A role written after a unit in brackets: 市发改委（牵头）、市财政局（配合）. */
const MARKED_ROLE = /[（(](牵头|牵头单位|主办|负责|配合|协办|协助|参与)[）)]$/;

/** Units of one labelled list, split where a unit carries its own role mark; the mark is removed. */
function markedRoles(tag: PartTag, units: string[]): ClausePart[] {
  if (!units.some((u) => MARKED_ROLE.test(u))) return [{ tag, units }];
  return units.map((u) => {
    const m = u.match(MARKED_ROLE);
    if (!m) return { tag, units: [u] };
    const role: PartTag = /^(牵头|主办|负责)/.test(m[1]!) ? 'lead' : 'support';
    return { tag: role, units: [u.slice(0, -m[0].length)] };
  });
}

function roleSegments(text: string): ClausePart[] {
  return text
    .split(/[，,]/)
    .map(roleSegment)
    .filter((p): p is ClausePart => p !== null && p.units.length > 0)
    .reduce<ClausePart[]>(mergeUntagged, []);
}

/** "A、B，C牵头" reads as one lead list: untagged pieces join the next tagged one. */
function mergeUntagged(acc: ClausePart[], p: ClausePart): ClausePart[] {
  const prev = acc[acc.length - 1];
  if (prev && prev.tag === 'none' && p.tag !== 'none') {
    acc[acc.length - 1] = { tag: p.tag, units: [...prev.units, ...p.units] };
  } else if (prev && prev.tag === 'none' && p.tag === 'none') {
    acc[acc.length - 1] = { tag: 'none', units: [...prev.units, ...p.units] };
  } else acc.push(p);
  return acc;
}

/** True when a clause body is explicit about roles or consists of unit names only. */
export function isUnitClause(body: string): boolean {
  if (labelledClauseStart(body.trim()) === 0) return true;
  const parts = parseClauseBody(body);
  return parts !== null && parts.every((p) => p.units.every(looksLikeUnit));
}

/**
 * Roles in text order. Explicit labels win: with a lead part, 责任 parts support; with a
 * support part and no lead part, every responsible unit leads; otherwise the first unit leads.
 */
export function assignRoles(parts: readonly ClausePart[]): RawUnitRole[] {
  const hasLead = parts.some((p) => p.tag === 'lead');
  const hasSupport = parts.some((p) => p.tag === 'support');
  const out: RawUnitRole[] = [];
  for (const p of parts) {
    if (p.tag === 'note' || p.tag === 'person') continue;
    for (const raw of p.units) {
      let role: Role;
      if (p.tag === 'lead') role = 'lead';
      else if (p.tag === 'support') role = 'support';
      else if (hasLead) role = 'support';
      else if (hasSupport) role = 'lead';
      else role = out.length === 0 ? 'lead' : 'support';
      out.push({ raw, role });
    }
  }
  // A task always has a lead: a clause that names supporting units only (a page cut off its
  // 牵头 part) lets the first of them lead.
  if (out.length > 0 && !out.some((u) => u.role === 'lead')) out[0] = { raw: out[0]!.raw, role: 'lead' };
  return out;
}

/**
 * A unit clause at the end of a task's text: the last bracket group, balanced, possibly
 * unclosed when the page was cut inside it. Returns the text before it and the clause body.
 */
export function splitTrailingClause(text: string): { before: string; body: string } | null {
  const direct = trailingClause(text) ?? squareClause(text);
  if (direct) return direct;
  // （责任单位：X）（2014年底前完成）: a note in its own brackets after the clause stays in the text.
  const last = lastBracketGroup(text.replace(/[\s。；]+$/, ''));
  if (!last || last.body.length > 40) return null;
  const inner = trailingClause(last.before);
  return inner ? { before: `${inner.before}（${last.body}）`, body: inner.body } : null;
}

const SQUARE_OPEN: Record<string, string> = { '】': '【', '］': '［', '〕': '〔', ']': '[' };

/** 【牵头单位：X】 or ［责任单位：X］ closing the text. */
function squareClause(text: string): { before: string; body: string } | null {
  const t = text.replace(/[\s。；]+$/, '');
  const open = SQUARE_OPEN[t[t.length - 1] ?? ''];
  const at = open ? t.lastIndexOf(open) : -1;
  if (at < 0) return null;
  const body = t.slice(at + 1, -1);
  return isUnitClause(body) ? { before: t.slice(0, at), body } : null;
}

const CLOSER: Record<string, string> = { '（': '）', '【': '】', '［': '］', '〔': '〕' };

/** A clause that opens the task's text: 【牵头单位：X】推进… / （市发改委牵头）推进… */
export function splitLeadingClause(text: string): { after: string; body: string } | null {
  const t = text.trimStart();
  const close = CLOSER[t[0] ?? ''];
  const end = close ? t.indexOf(close) : -1;
  if (end < 2) return null;
  const body = t.slice(1, end);
  const clause = labelledClauseStart(body) === 0 || (/(牵头|主办|负责)/.test(body) && isUnitClause(body));
  return clause ? { after: t.slice(end + 1), body } : null;
}

function lastBracketGroup(t: string): { before: string; body: string } | null {
  if (!t.endsWith('）')) return null;
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    const c = t[i];
    if (c === '）') depth++;
    else if (c === '（' && --depth === 0) return { before: t.slice(0, i), body: t.slice(i + 1, -1) };
  }
  return null;
}

function trailingClause(text: string): { before: string; body: string } | null {
  const t = text.replace(/[\s。；]+$/, '');
  if (t.endsWith('）')) {
    let depth = 0;
    for (let i = t.length - 1; i >= 0; i--) {
      const c = t[i];
      if (c === '）') depth++;
      else if (c === '（' && --depth === 0) {
        const body = t.slice(i + 1, -1);
        return isUnitClause(body) ? { before: t.slice(0, i), body } : null;
      }
    }
    return null;
  }
  const open = t.lastIndexOf('（');
  if (open < 0 || t.indexOf('）', open) >= 0) return null;
  const body = t.slice(open + 1);
  return isUnitClause(body) ? { before: t.slice(0, open), body } : null;
}

/** A whole line that is a unit clause: 牵头单位：X / 责任部门：X牵头，Y配合。 / 此项工作由X主办。 */
export function matchUnitLine(line: string): ClausePart[] | null {
  const t = line.trim();
  if (labelledClauseStart(t) === 0) return parseClauseBody(t);
  if (/^(此项工作|该项工作|本项工作|此项任务|该项任务)由/.test(simplifyKeys(t))) return parseClauseBody(t);
  return roleSentenceLine(t);
}

/**
 * A line that is nothing but role phrases naming organs: 市环保局牵头，市住建局、市交通局配合。
 * Every phrase must carry a role word, so that a sentence of the task is never taken for one.
 */
function roleSentenceLine(t: string): ClausePart[] | null {
  if (t.length > 120 || !/(牵头|主办|负责|配合|协办)[。；]?$/.test(t)) return null;
  const parts = t.replace(/[。；]+$/, '').split(/[，,；;]/).map(roleSegment);
  const ok = parts.every((p) => p !== null && p.tag !== 'none' && p.units.length > 0 && p.units.every(looksLikeUnit));
  return ok && parts.some((p) => p!.tag === 'lead' || p!.tag === 'responsible') ? (parts as ClausePart[]) : null;
}

/**
 * A labelled clause that closes a paragraph or follows the task on its own line, without
 * brackets: ……确保水质稳定达标。主办单位：市水务局、环保局。 / 1.增长6%以上。牵头单位：X；责任单位：Y
 */
export function splitLabelledTail(text: string): { before: string; body: string } | null {
  const at = labelledClauseStart(text);
  if (at === null || at === 0) return null;
  const before = text.slice(0, at);
  if (!/[。；，！？\s]$/.test(before)) return null;
  const body = text.slice(at);
  return parseClauseBody(body) ? { before: before.replace(/[，\s]+$/, ''), body } : null;
}

/** 分管省领导：林克庆 — a person, recorded but never a unit. */
export function matchLeaderLine(line: string): string[] | null {
  const value = personFieldValue(line.trim());
  return value === null ? null : splitUnitList(value);
}
