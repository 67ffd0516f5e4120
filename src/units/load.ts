import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { DubanError } from '../model/errors.js';
import { claimedNames, createUnitDirectory } from './directory.js';
import { normaliseUnitName } from './normalise.js';
import { DIRECTORY_KINDS, KEY_LABELS, directoryFileSchema, unitItemSchema, type UnitItem } from './schema.js';
import type { UnitDirectory, UnitEntry } from './types.js';
import { yamlErrorText } from '../util/yaml-config.js';

type Path = readonly (string | number)[];

/** Positions in the YAML text, so every complaint names its line. */
class Located {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lines: LineCounter,
  ) {}

  lineOfOffset(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** Line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lineOfOffset(node.range[0]);
    }
    return 1;
  }

  /** Line of the key `key` inside the map at `path` (for unknown keys). */
  lineOfKey(path: Path, key: string): number {
    const map = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return this.lineOfOffset(pair.key.range[0]);
      }
    }
    return this.lineOf(path);
  }

  fail(message: string, line: number): never {
    throw new DubanError('config', `单位名录：${message}`, { file: this.file, line });
  }
}

interface CacheSlot {
  mtimeMs: number;
  size: number;
  dir: UnitDirectory;
}
const cache = new Map<string, CacheSlot>();

/**
 * Reads and validates a unit directory YAML. Results are cached by absolute path and re-read
 * when the file's size or modification time changes (the office edits these files).
 */
export function loadUnitDirectory(path: string): UnitDirectory {
  const file = resolve(path);
  const stat = statOrFail(path, file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.dir;
  const dir = parseUnitDirectory(readText(path), path);
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, dir });
  return dir;
}

function statOrFail(shown: string, file: string): { mtimeMs: number; size: number } {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new DubanError('config', '单位名录应是一个 YAML 文件，而这是一个文件夹', { file: shown });
    return { mtimeMs: st.mtimeMs, size: st.size };
  } catch (e) {
    if (e instanceof DubanError) throw e;
    throw new DubanError('config', '找不到单位名录文件', { file: shown });
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new DubanError('config', '无法读取单位名录文件', { file });
  }
}

/** Validates directory YAML text; `file` is only used in messages and as the directory's origin. */
export function parseUnitDirectory(text: string, file: string): UnitDirectory {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const at = new Located(file, doc, lines);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? 1;
    at.fail(`YAML 格式有误（${yamlErrorText(yamlError.code)}）`, line);
  }
  const top = directoryFileSchema.safeParse(doc.toJS());
  if (!top.success) reportIssues(at, top.error.issues, []);
  const data = top.data!;
  const items = data.units.map((u, i) => toItem(at, u, i));
  const prefix = normaliseUnitName(data.prefix ?? '市');
  const entries = items.map((item) => toEntry(at, item.value, item.index));
  checkConflicts(at, entries, items);
  resolveMembers(at, entries, items, prefix);
  return createUnitDirectory({
    file,
    prefix,
    city: data.city ? normaliseUnitName(data.city) : null,
    docNumberPrefixes: (data.docNumberPrefixes ?? []).map(normaliseUnitName),
    entries,
  });
}

interface LocatedItem {
  value: UnitItem;
  index: number;
}

/** A unit may be written as a bare name (`- 市财政局`) or as a map. */
function toItem(at: Located, raw: unknown, index: number): LocatedItem {
  if (typeof raw === 'string') return { value: { name: raw }, index };
  const parsed = unitItemSchema.safeParse(raw);
  if (!parsed.success) reportIssues(at, parsed.error.issues, ['units', index]);
  return { value: parsed.data!, index };
}

function reportIssues(at: Located, issues: readonly z.core.$ZodIssue[], base: Path): never {
  const located = issues.map((issue) => describeIssue(at, issue, base));
  located.sort((a, b) => a.line - b.line);
  const first = located[0]!;
  at.fail(first.message, first.line);
}

function describeIssue(at: Located, issue: z.core.$ZodIssue, base: Path): { message: string; line: number } {
  const path: Path = [...base, ...(issue.path as (string | number)[])];
  const key = String(path[path.length - 1] ?? '');
  const label = KEY_LABELS[key] ?? `“${key}”`;
  const inUnit = base.length > 0;
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0]!;
    const allowed = inUnit ? 'name、full、aliases、kind、members' : 'city、prefix、docNumberPrefixes、units';
    return { message: `未知的键“${unknown}”（可用：${allowed}）`, line: at.lineOfKey(path, unknown) };
  }
  if (path.length === 0) {
    return { message: '单位名录应以 city、prefix、units 等键开头（units 下逐个列出单位）', line: 1 };
  }
  const value = at.doc.getIn(path);
  if (key === 'name' && (value === undefined || value === null)) {
    return { message: '单位缺少名称（name）', line: at.lineOf(path) };
  }
  if (key === 'kind' && issue.code === 'invalid_value') {
    return { message: `未知的单位类别“${String(value)}”（可用：${DIRECTORY_KINDS.join('、')}）`, line: at.lineOf(path) };
  }
  if (key === 'units' && value === undefined) {
    return { message: '缺少单位列表（units）', line: 1 };
  }
  if (issue.code === 'too_small') return { message: `${label}不能为空`, line: at.lineOf(path) };
  if (issue.code === 'invalid_type' && issue.expected === 'array') {
    return { message: `${label}应写成列表，如 [甲, 乙]`, line: at.lineOf(path) };
  }
  if (issue.code === 'invalid_type' && issue.expected === 'object') {
    return { message: '每个单位应写成“- name: …”或单位名称', line: at.lineOf(path) };
  }
  const where = typeof path[path.length - 1] === 'number' ? `${KEY_LABELS[String(path[path.length - 2])] ?? ''}中的一项` : label;
  return { message: `${where}的值无效`, line: at.lineOf(path) };
}

function toEntry(at: Located, item: UnitItem, index: number): UnitEntry {
  const name = normaliseUnitName(item.name);
  if (name === '') at.fail('单位缺少名称（name）', at.lineOf(['units', index, 'name']));
  const kind = item.kind ?? (item.members ? 'collective' : 'department');
  if (kind === 'collective' && !item.members?.length) {
    at.fail(`集合单位“${name}”缺少成员（members）`, at.lineOf(['units', index]));
  }
  if (kind !== 'collective' && item.members) {
    at.fail(`只有集合单位（kind: collective）才能列出成员，“${name}”的类别是 ${kind}`, at.lineOf(['units', index, 'members']));
  }
  return {
    name,
    fullName: item.full ? normaliseUnitName(item.full) : null,
    aliases: (item.aliases ?? []).map(normaliseUnitName),
    kind,
    members: item.members ?? [],
  };
}

/** Line where unit `index` claims `key` (its alias line when the alias is the claim). */
function claimLine(at: Located, items: readonly LocatedItem[], index: number, key: string): number {
  const item = items[index]!.value;
  const base = ['units', items[index]!.index];
  if (normaliseUnitName(item.name) === key) return at.lineOf([...base, 'name']);
  if (item.full && normaliseUnitName(item.full) === key) return at.lineOf([...base, 'full']);
  const alias = (item.aliases ?? []).findIndex((a) => normaliseUnitName(a) === key);
  return alias >= 0 ? at.lineOf([...base, 'aliases', alias]) : at.lineOf(base);
}

function checkConflicts(at: Located, entries: readonly UnitEntry[], items: readonly LocatedItem[]): void {
  const owner = new Map<string, number>();
  entries.forEach((entry, i) => {
    for (const key of claimedNames(entry)) {
      const first = owner.get(key);
      if (first === undefined) {
        owner.set(key, i);
        continue;
      }
      const firstLine = claimLine(at, items, first, key);
      at.fail(
        `名称“${key}”同时属于“${entries[first]!.name}”（第${firstLine}行）和“${entry.name}”`,
        claimLine(at, items, i, key),
      );
    }
  });
}

/** Members may be written by any name of the unit; they are stored by canonical name. */
function resolveMembers(at: Located, entries: UnitEntry[], items: readonly LocatedItem[], prefix: string): void {
  const byName = new Map<string, UnitEntry>();
  for (const e of entries) for (const k of claimedNames(e)) byName.set(k, e);
  entries.forEach((entry, i) => {
    entry.members = entry.members.map((m, j) => {
      const key = normaliseUnitName(m);
      const hit = byName.get(key) ?? byName.get(prefix + key);
      if (!hit) {
        at.fail(`集合单位“${entry.name}”的成员“${key}”不在名录中`, at.lineOf(['units', items[i]!.index, 'members', j]));
      }
      if (hit === entry) at.fail(`集合单位“${entry.name}”不能包含自己`, at.lineOf(['units', items[i]!.index, 'members', j]));
      return hit.name;
    });
  });
}
