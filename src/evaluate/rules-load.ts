/**
 * Reads the rules YAML and refuses anything doubtful before a single point is computed: a YAML
 * error, an unknown key, a missing key, a negative number, grade lines out of order, a share
 * outside 0–1. Each refusal is one DubanError('config') naming the file, the key path and the line.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { DubanError } from '../model/errors.js';
import { RULE_LABELS, rulesFileSchema, type Rules, type RulesData } from './rules.js';

type Path = readonly (string | number)[];

class Located {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lines: LineCounter,
  ) {}

  lineOf(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }

  lineOfKey(path: Path, key: string): number {
    const map = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
          return this.lines.linePos(pair.key.range[0]).line;
        }
      }
    }
    return this.lineOf(path);
  }

  fail(message: string, line: number): never {
    throw new DubanError('config', `考核规则：${message}`, { file: this.file, line });
  }
}

/** Reads and validates a rules file. */
export function loadRules(file: string): Rules {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new DubanError('config', '考核规则应是一个 YAML 文件，而这是一个文件夹', { file });
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof DubanError) throw e;
    throw new DubanError('config', '找不到或无法读取考核规则文件', { file });
  }
  return parseRules(text, file);
}

/** Validates rules YAML text; `file` names it in messages. */
export function parseRules(text: string, file: string): Rules {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const at: Located = new Located(file, doc, lines);
  const yamlError = doc.errors[0];
  if (yamlError) at.fail(`YAML 格式有误（${yamlErrorText(yamlError.code)}）`, yamlError.linePos?.[0]?.line ?? 1);
  const parsed = rulesFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    // A misspelt key shows up twice (unknown + missing): the unknown one is what the user wrote.
    const issues = parsed.error.issues;
    const first = issues.find((i) => i.code === 'unrecognized_keys');
    const found = first ? [describeIssue(at, first, issues)] : issues.map((i) => describeIssue(at, i, issues)).sort((a, b) => a.line - b.line);
    at.fail(found[0]!.message, found[0]!.line);
  }
  checkConsistency(at, parsed.data);
  return { ...parsed.data, file };
}

function yamlErrorText(code: string): string {
  const known: Record<string, string> = {
    DUPLICATE_KEY: '同一层级有重复的键',
    BAD_INDENT: '缩进不一致',
    MISSING_CHAR: '缺少符号',
    BLOCK_AS_IMPLICIT_KEY: '缩进或冒号位置有误',
    MULTILINE_IMPLICIT_KEY: '键不能跨行',
    TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
    UNEXPECTED_TOKEN: '有多余的符号',
  };
  return known[code] ?? code;
}

/** 设置项 reports.late（逾期报送）. */
function keyName(path: Path): string {
  const key = path.map(String).join('.');
  if (!key) return '文件顶层';
  const label = RULE_LABELS[key];
  return label ? `设置项 ${key}（${label}）` : `设置项 ${key}`;
}

const EXPECTED: Record<string, string> = {
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  string: '文字',
  array: '列表，如 [甲, 乙]',
  object: '下一级设置（缩进书写）',
  record: '“名称: 分值”形式的各项',
};

function describeIssue(at: Located, issue: z.core.$ZodIssue, all: readonly z.core.$ZodIssue[]): { message: string; line: number } {
  const path = issue.path as (string | number)[];
  const here = keyName(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const missing = all
        .filter((i) => i.code === 'invalid_type' && i.path.length === path.length + 1 && path.every((p, k) => i.path[k] === p))
        .filter((i) => at.doc.getIn(i.path as (string | number)[]) === undefined)
        .map((i) => i.path.map(String).join('.'));
      const hint = missing.length ? `，是否应为 ${missing.join('、')}？` : '，可能拼写有误';
      return { message: `未知的设置项 ${[...path, key].join('.')}${hint}`, line: at.lineOfKey(path, key) };
    }
    case 'invalid_type': {
      if (at.doc.getIn(path) === undefined && path.length > 0) return { message: `缺少${here}`, line: at.lineOf(path) };
      if (path.length === 0) return { message: '文件应由 base、roles、status 等设置项组成', line: 1 };
      return { message: `${here}应为${EXPECTED[issue.expected] ?? issue.expected}`, line: at.lineOf(path) };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      const what = min === 0 ? '不能为负数' : `不能小于 ${min}`;
      return { message: `${here}${what}（现为 ${String(at.doc.getIn(path))}）`, line: at.lineOf(path) };
    }
    case 'too_big':
      return { message: `${here}不能大于 ${String(issue.maximum)}（现为 ${String(at.doc.getIn(path))}）`, line: at.lineOf(path) };
    case 'invalid_value':
      return { message: `${here}只能是 ${issue.values.map(String).join('、')}`, line: at.lineOf(path) };
    case 'invalid_format':
      return { message: `${here}应为 2015-01-20 这样的日期`, line: at.lineOf(path) };
    default:
      return { message: `${here}的值无效`, line: at.lineOf(path) };
  }
}

function checkConsistency(at: Located, r: RulesData): void {
  const g = r.grades;
  if (!(g.优秀 > g.良好)) {
    at.fail(`等次分数线须从高到低排列且不能重叠：grades.良好（${g.良好}）应低于 grades.优秀（${g.优秀}）`, at.lineOf(['grades', '良好']));
  }
  if (!(g.良好 > g.合格)) {
    at.fail(`等次分数线须从高到低排列且不能重叠：grades.合格（${g.合格}）应低于 grades.良好（${g.良好}）`, at.lineOf(['grades', '合格']));
  }
  if (r.floor !== null && r.floor > r.base) {
    at.fail(`最低分 floor（${r.floor}）不能高于基础分 base（${r.base}）`, at.lineOf(['floor']));
  }
  const seen = new Set<string>();
  r.veto.items.forEach((item, i) => {
    if (seen.has(item)) at.fail(`否决事项“${item}”重复列出`, at.lineOf(['veto', 'items', i]));
    seen.add(item);
  });
  for (const placeholder of placeholdersIn(r.document.organ + r.document.docNumber)) {
    if (!PLACEHOLDERS.includes(placeholder)) {
      const key = r.document.organ.includes(`{${placeholder}}`) ? 'organ' : 'docNumber';
      at.fail(`document.${key} 中的“{${placeholder}}”无法识别（可用：${PLACEHOLDERS.map((p) => `{${p}}`).join('、')}）`, at.lineOf(['document', key]));
    }
  }
}

/** Placeholders the document settings may use. */
export const PLACEHOLDERS = ['城市', '年度', '发文年度'];

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
}
