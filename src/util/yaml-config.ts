/**
 * YAML settings files the office edits (考核规则, 进度规则): read, validated against a zod schema,
 * and refused with one DubanError('config') that names the file, the key path and the line —
 * before anything is computed from them.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { DubanError } from '../model/errors.js';

export type KeyPath = readonly (string | number)[];

export interface ConfigSpec {
  /** What the file is, for messages: 考核规则, 进度规则. */
  title: string;
  /** Chinese labels of keys by dotted path, e.g. reports.late → 逾期报送. */
  labels: Readonly<Record<string, string>>;
  /** Said when the file is not a map of settings at all. */
  topLevelHint: string;
}

/** A parsed file that can say on which line a key stands, and refuse with it. */
export class YamlPlace {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lines: LineCounter,
    readonly title: string,
  ) {}

  lineOf(path: KeyPath): number {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }

  lineOfKey(path: KeyPath, key: string): number {
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
    throw new DubanError('config', `${this.title}：${message}`, { file: this.file, line });
  }
}

/** The text of a settings file, or a Chinese refusal naming it. */
export function readConfigText(file: string, title: string): string {
  try {
    if (statSync(file).isDirectory()) throw new DubanError('config', `${title}应是一个 YAML 文件，而这是一个文件夹`, { file });
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof DubanError) throw e;
    throw new DubanError('config', `找不到或无法读取${title}文件`, { file });
  }
}

/** Parses and validates; returns the data and the place for further consistency checks. */
export function parseYamlConfig<S extends z.ZodType>(text: string, file: string, schema: S, spec: ConfigSpec): { data: z.infer<S>; at: YamlPlace } {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const at = new YamlPlace(file, doc, lines, spec.title);
  const yamlError = doc.errors[0];
  if (yamlError) at.fail(`YAML 格式有误（${yamlErrorText(yamlError.code)}）`, yamlError.linePos?.[0]?.line ?? 1);
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    // A misspelt key shows up twice (unknown + missing): the unknown one is what the user wrote.
    const issues = parsed.error.issues;
    const first = issues.find((i) => i.code === 'unrecognized_keys');
    const found = first
      ? [describeIssue(at, first, issues, spec)]
      : issues.map((i) => describeIssue(at, i, issues, spec)).sort((a, b) => a.line - b.line);
    at.fail(found[0]!.message, found[0]!.line);
  }
  return { data: parsed.data as z.infer<S>, at };
}

/** The yaml library's error codes in words office staff understand. */
export function yamlErrorText(code: string): string {
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
function keyName(path: KeyPath, labels: Readonly<Record<string, string>>): string {
  const key = path.map(String).join('.');
  if (!key) return '文件顶层';
  const label = labels[key];
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

function describeIssue(at: YamlPlace, issue: z.core.$ZodIssue, all: readonly z.core.$ZodIssue[], spec: ConfigSpec): { message: string; line: number } {
  const path = issue.path as (string | number)[];
  const here = keyName(path, spec.labels);
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
      if (path.length === 0) return { message: spec.topLevelHint, line: 1 };
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
