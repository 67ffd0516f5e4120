import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, parseRules } from '../../src/evaluate/index.js';
import { DubanError } from '../../src/model/errors.js';

const FILE = 'seeds/evaluation-rules.yaml';
const seed = readFileSync(FILE, 'utf8');

/** The seed with one line replaced; returns the text and the 1-based line that changed. */
function edit(pattern: RegExp, replacement: string): { text: string; line: number } {
  const lines = seed.split('\n');
  const i = lines.findIndex((l) => pattern.test(l));
  expect(i, String(pattern)).toBeGreaterThanOrEqual(0);
  lines[i] = lines[i]!.replace(pattern, replacement);
  return { text: lines.join('\n'), line: i + 1 };
}

function refusal(text: string): DubanError {
  try {
    parseRules(text, 'rules.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(DubanError);
    return e as DubanError;
  }
  throw new Error('the rules were accepted');
}

describe('the seed rules', () => {
  it('load with the documented defaults', () => {
    const r = parseRules(seed, FILE);
    expect(r.base).toBe(100);
    expect(r.roles).toEqual({ lead: 1, support: 0.5 });
    expect(r.status).toMatchObject({ 已完成: 0, 推进中: 4, 滞后: 5, 未启动: 6, 未报告: 6 });
    expect(r.reports).toEqual({ late: 1, missing: 10, unexplainedLag: 2, cap: 30 });
    expect(r.grades).toEqual({ 优秀: 90, 良好: 80, 合格: 60 });
    expect(r.excellentCap).toEqual({ share: 0.2, ties: 'drop' });
    expect(r.file).toBe(FILE);
  });
});

describe('bad rule files are refused before anything is computed', () => {
  it('an unknown key, naming its path and line', () => {
    const { text, line } = edit(/^(\s+)late: 1/, '$1lates: 1');
    const e = refusal(text);
    expect(e.kind).toBe('config');
    expect(e.exitCode).toBe(5);
    expect(e.message).toBe('考核规则：未知的设置项 reports.lates，是否应为 reports.late？');
    expect(e.place).toEqual({ file: 'rules.yaml', line });
    expect(e.toLine()).toMatch(new RegExp(`^rules\\.yaml 第${line}行：考核规则：`));
  });

  it('a negative weight', () => {
    const { text, line } = edit(/^(\s+)support: 0\.5/, '$1support: -0.5');
    const e = refusal(text);
    expect(e.message).toBe('考核规则：设置项 roles.support（配合权重）不能为负数（现为 -0.5）');
    expect(e.place.line).toBe(line);
  });

  it('grade thresholds out of order or overlapping', () => {
    const unordered = edit(/^(\s+)良好: 80/, '$1良好: 95');
    const e = refusal(unordered.text);
    expect(e.message).toContain('grades.良好（95）应低于 grades.优秀（90）');
    expect(e.place.line).toBe(unordered.line);
    const equal = edit(/^(\s+)合格: 60/, '$1合格: 80');
    expect(refusal(equal.text).message).toContain('grades.合格（80）应低于 grades.良好（80）');
  });

  it('a share outside 0–1', () => {
    const { text, line } = edit(/^(\s+)share: 0\.2/, '$1share: 1.5');
    const e = refusal(text);
    expect(e.message).toContain('excellentCap.share');
    expect(e.message).toContain('不能大于 1');
    expect(e.place.line).toBe(line);
  });

  it('a missing key, a wrong type, a bad enum, a YAML error, an unknown placeholder', () => {
    const missing = refusal(seed.replace(/^\s+unexplainedLag:.*\n/m, ''));
    expect(missing.message).toContain('缺少设置项 reports.unexplainedLag');
    const typed = edit(/^(\s+)missing: 10/, '$1missing: 十分');
    expect(refusal(typed.text).message).toContain('reports.missing（未报送）应为数字');
    expect(refusal(typed.text).place.line).toBe(typed.line);
    const ties = edit(/^(\s+)ties: drop/, '$1ties: random');
    expect(refusal(ties.text).message).toContain('excellentCap.ties（并列处理）只能是 drop、keep');
    const tab = edit(/^(\s+)late: 1/, '\tlate: 1');
    expect(refusal(tab.text).message).toContain('YAML 格式有误');
    const top = edit(/^base: 100/, 'bases: 100');
    expect(refusal(top.text).message).toContain('未知的设置项 bases');
    expect(refusal(top.text).place.line).toBe(top.line);
    const placeholder = edit(/^(\s+)organ: .*/, '$1organ: "{省份}目标办"');
    expect(refusal(placeholder.text).message).toContain('“{省份}”无法识别');
    const dup = seed.replace(/^(\s+)late: 1(.*)$/m, '$1late: 1$2\n$1late: 2');
    expect(refusal(dup).message).toContain('重复的键');
  });

  it('files that are not there or are folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-rules-'));
    expect(() => loadRules(join(dir, 'none.yaml'))).toThrow(/找不到或无法读取考核规则文件/);
    expect(() => loadRules(dir)).toThrow(/文件夹/);
    writeFileSync(join(dir, 'ok.yaml'), `\uFEFF${seed}`);
    expect(loadRules(join(dir, 'ok.yaml')).base).toBe(100);
  });
});
