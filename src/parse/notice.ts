/**
 * Source text → Notice. The stages: canonical lines → outline items → structure → tasks with
 * units resolved against the directory, targets and deadlines → metadata of the covering
 * notice → unit summary and diagnostics. Pure: no I/O, no clock.
 */
import { diag, type Diagnostic } from '../model/diagnostic.js';
import {
  NOTICE_SCHEMA_VERSION,
  type Chapter,
  type Notice,
  type Requirement,
  type Task,
  type UnitRef,
  type UnitSummary,
} from '../model/notice.js';
import type { SourceText } from '../read/source.js';
// Not the units barrel: it loads the YAML loader, which a parse with a cached directory never needs.
import { resolveUnitList } from '../units/resolve.js';
import { expandCollective } from '../units/collective.js';
import { emptyUnitDirectory } from '../units/directory.js';
import type { UnitDirectory, UnitEntry } from '../units/types.js';
import { findDeadlines } from './deadlines.js';
import type { Item, SourceLine } from './item.js';
import { readMeta, findPlanDeadline, type CoverLine } from './meta.js';
import { canonLine, countPinyinGlosses, stripPinyinGlosses, toChineseNumeral } from './normalize.js';
import { buildOutline } from './outline.js';
import { buildStructure, numberingDiagnostics, type TaskNode } from './structure.js';
import { findTargets } from './targets.js';
import { checkLineLengths, checkParseLimits } from './limits.js';
import { assignRoles } from './unit-clause.js';
import { unitStringDiagnostics } from './review.js';
import { proseRoleParts } from './role-prose.js';

function canonLines(source: SourceText): SourceLine[] {
  const glossed = countPinyinGlosses(source.lines.join('\n')) >= 3;
  return source.lines.map((text, i) => ({
    text: canonLine(glossed ? stripPinyinGlosses(text) : text),
    line: source.lineNumbers?.[i] ?? i + 1,
  }));
}

function printedLabel(item: Item): string {
  if (item.printed) return item.printed;
  if (item.kind === 'paren-cn') return `（${toChineseNumeral(item.value)}）`;
  if (item.kind === 'cn') return toChineseNumeral(item.value);
  if (item.kind === 'paren-num') return `（${item.value}）`;
  return String(item.value);
}

/** The lead phrase: the first sentence when it is short, else the first clause. */
export function taskTitle(text: string): string {
  const t = text.trim();
  const sentence = t.split(/[。；！]/)[0] ?? t;
  const title = sentence.length <= 40 ? sentence : (sentence.split('，')[0] ?? sentence);
  return title.replace(/[，、：\s]+$/, '').slice(0, 60);
}

function titleOf(item: Item): string {
  return taskTitle(item.text);
}

interface Context {
  file: string;
  dir: UnitDirectory;
  year: number | null;
  diagnostics: Diagnostic[];
}

function unitRefs(item: Item, ctx: Context): UnitRef[] {
  const roles = assignRoles(item.parts.length ? item.parts : proseRoleParts(item.text));
  const resolved = resolveUnitList(
    roles.map((r) => r.raw),
    ctx.dir,
  );
  return roles.map((r, i) => {
    const res = resolved[i]!;
    if (!res.entry && ctx.dir.entries.length > 0) {
      ctx.diagnostics.push(diag('warning', 'unit.unknown', ctx.file, item.line, `单位“${r.raw}”不在单位名录中，已按“${res.name}”保留`));
    }
    return { raw: r.raw, name: res.name, role: r.role };
  });
}

function toTask(node: TaskNode, no: number, nos: Map<TaskNode, number>, ctx: Context): Task {
  const it = node.item;
  const deadlines = findDeadlines(it.text, ctx.year);
  if (it.deadlineText) deadlines.push(...findDeadlines(it.deadlineText, ctx.year).filter((d) => !deadlines.some((x) => x.text === d.text)));
  const units = unitRefs(it, ctx);
  if (units.length === 0 && node.children.length === 0) {
    ctx.diagnostics.push(diag('warning', 'task.no-units', ctx.file, it.line, `第${printedLabel(it)}项任务没有找到责任单位，已按无责任单位列出，请核对原文后补上`));
  }
  return {
    no,
    label: printedLabel(it),
    chapter: node.chapter ? printedLabel(node.chapter) : null,
    section: node.section ? printedLabel(node.section) : null,
    parent: node.parent ? (nos.get(node.parent) ?? null) : null,
    title: titleOf(it),
    text: it.text,
    units,
    targets: findTargets(it.text),
    deadlines,
    keywords: [],
    line: it.line,
  };
}

function chapterOf(item: Item): Chapter {
  return { no: printedLabel(item), title: taskTitle(item.text), line: item.line };
}

function requirementOf(item: Item): Requirement {
  return { no: printedLabel(item), title: taskTitle(item.text.split(/[。]/)[0] ?? ''), text: item.text, line: item.line };
}

/** A unit's summary with no tasks yet: kind, full name and members from the directory. */
export function summaryFor(name: string, dir: UnitDirectory): UnitSummary {
  const entry = dir.lookup(name);
  const s: UnitSummary = { name, kind: entry?.kind ?? 'unknown', fullName: entry?.fullName ?? null, lead: [], support: [] };
  if (entry?.kind === 'collective') s.members = expandCollective(entry, dir).map((m: UnitEntry) => m.name);
  return s;
}

function addRole(s: UnitSummary, no: number, role: 'lead' | 'support'): void {
  if (s.lead.includes(no) || s.support.includes(no)) {
    // A unit named twice in one task keeps its stronger role.
    if (role === 'lead' && !s.lead.includes(no)) {
      s.support = s.support.filter((n) => n !== no);
      s.lead.push(no);
    }
    return;
  }
  (role === 'lead' ? s.lead : s.support).push(no);
}

/**
 * Units as the notice involves them, in order of first appearance. Members of a collective
 * (各区 → 鄂城区 …) are listed too, holding the collective's tasks in its role.
 */
export function summariseUnits(
  tasks: readonly Task[],
  dir: UnitDirectory,
  describe: (name: string) => UnitSummary = (name) => summaryFor(name, dir),
): UnitSummary[] {
  const byName = new Map<string, UnitSummary>();
  const get = (name: string) => byName.get(name) ?? byName.set(name, describe(name)).get(name)!;
  for (const t of tasks) {
    for (const u of t.units) {
      const s = get(u.name);
      addRole(s, t.no, u.role);
      for (const m of s.members ?? []) addRole(get(m), t.no, u.role);
    }
  }
  for (const s of byName.values()) {
    s.lead.sort((a, b) => a - b);
    s.support.sort((a, b) => a - b);
  }
  return [...byName.values()];
}

/** Without a directory, a provincial notice (省政府) carries the 省 prefix over instead of 市. */
export function defaultDirectory(meta: { title: string | null; issuer: string | null }): UnitDirectory {
  const provincial = /省(人民)?政府|省委/.test(`${meta.title ?? ''}${meta.issuer ?? ''}`);
  return emptyUnitDirectory(provincial ? '省' : '市');
}

/** 市人民政府办公室 in a 鄂州 notice is 鄂州市人民政府办公室. */
function qualifyIssuer(issuer: string | null, dir: UnitDirectory): string | null {
  if (!issuer || !dir.city || !issuer.startsWith(dir.prefix) || issuer.startsWith(dir.city)) return issuer;
  return `${dir.city}${issuer}`;
}

function noClauseDiagnostic(file: string, count: number): Diagnostic {
  return diag('warning', 'notice.no-clauses', file, 0, `没有识别出任何责任单位说明：${count} 个编号条目按任务列出，责任单位都为空`);
}

export function parseSource(source: SourceText, directory: UnitDirectory | null): Notice {
  checkLineLengths(source.lines, source.file);
  checkParseLimits(source.lines.length, 0, source.file);
  const lines = canonLines(source);
  const outline = buildOutline(lines);
  const structure = buildStructure(outline.items);
  checkParseLimits(source.lines.length, structure.tasks.length, source.file);
  const cover: CoverLine[] = lines.filter((l) => l.line < structure.bodyLine && l.text);
  const found = readMeta(cover.length ? cover : lines.slice(0, 40));
  const year = found.year;
  const dir = directory ?? defaultDirectory(found.meta);
  const meta = { ...found.meta, issuer: qualifyIssuer(found.meta.issuer, dir) };
  const ctx: Context = { file: source.file, dir, year, diagnostics: [] };
  const nos = new Map<TaskNode, number>();
  structure.tasks.forEach((n, i) => nos.set(n, i + 1));
  const tasks = structure.tasks.map((n, i) => toTask(n, i + 1, nos, ctx));
  const plan = findPlanDeadline(cover, year);
  const known = (name: string) => dir.lookup(name) !== undefined;
  const diagnostics = [
    ...(tasks.length && tasks.every((t) => t.units.length === 0) ? [noClauseDiagnostic(source.file, tasks.length)] : []),
    ...outline.orphans.map((o) => diag('warning', 'units.orphan', source.file, o.line, `这条责任单位说明前面没有任务（可能属于上一页的任务），已忽略`)),
    ...numberingDiagnostics(structure, source.file),
    ...ctx.diagnostics,
    ...unitStringDiagnostics(tasks, source.file, known),
  ].sort((a, b) => a.line - b.line);
  return {
    schemaVersion: NOTICE_SCHEMA_VERSION,
    source: { file: source.file, format: source.format, encoding: source.encoding },
    meta: { ...meta, requirements: structure.requirements.map(requirementOf) },
    planDeadline: plan.date,
    planRecipient: plan.recipient,
    chapters: structure.chapters.map(chapterOf),
    tasks,
    units: summariseUnits(tasks, dir),
    diagnostics,
  };
}
