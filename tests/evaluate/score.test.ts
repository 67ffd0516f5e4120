import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parseRules, type EvaluationFacts, type UnitScore } from '../../src/evaluate/index.js';
import { generateFacts } from './generate.js';

const RULES_FILE = 'seeds/evaluation-rules.yaml';
const rulesText = readFileSync(RULES_FILE, 'utf8');
const rules = parseRules(rulesText, RULES_FILE);

function cents(n: number): number {
  return Math.round(n * 100);
}

function byUnit(units: readonly UnitScore[]): Map<string, UnitScore> {
  return new Map(units.map((u) => [u.unit, u]));
}

describe('scoring a generated year', () => {
  const facts = generateFacts({ idle: 2 });
  const result = evaluate(facts, rules);

  it('scores every unit with a task and lists the others apart', () => {
    expect(result.units).toHaveLength(40);
    expect(result.unscored.map((u) => u.unit)).toEqual(['空闲单位1', '空闲单位2']);
  });

  it('keeps base + Σ points == score for every unit, to the cent', () => {
    for (const u of result.units) {
      const sum = u.breakdown.reduce((s, l) => s + cents(l.points), 0);
      expect(cents(u.base) + sum, u.unit).toBe(cents(u.score));
      for (const l of u.breakdown) expect(Number.isInteger(Math.round(l.points * 100)) && Math.abs(l.points * 100 - Math.round(l.points * 100)) < 1e-6).toBe(true);
      expect(cents(u.added + u.deducted)).toBe(sum);
    }
  });

  it('gives one status line per held task and one report line per period', () => {
    for (const f of facts.units.filter((x) => x.tasks.length > 0)) {
      const u = result.units.find((x) => x.unit === f.name)!;
      expect(u.breakdown.filter((l) => l.rule.startsWith('status.')).map((l) => l.taskNo)).toEqual(f.tasks.map((t) => t.no));
      const periodic = u.breakdown.filter((l) => l.rule === 'reports.late' || l.rule === 'reports.missing');
      expect(periodic.map((l) => l.period)).toEqual(['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4']);
    }
  });

  it('ranks by score with shared ranks for ties and grades by the thresholds', () => {
    const scores = result.units.map((u) => u.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    result.units.forEach((u, i) => {
      const prev = result.units[i - 1];
      expect(u.rank).toBe(prev && prev.score === u.score ? prev.rank : i + 1);
      if (u.gradeNotes.length === 0) expect(u.grade).toBe(u.scoreGrade);
    });
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(40);
  });

  it('is a pure function of its input', () => {
    expect(evaluate(generateFacts({ idle: 2 }), rules)).toEqual(result);
  });

  it('explains lines in Chinese with the rule key and the arithmetic', () => {
    const lines = result.units.flatMap((u) => u.breakdown);
    const lag = lines.find((l) => l.rule === 'status.滞后' && l.description.includes('（牵头）'))!;
    expect(lag.description).toMatch(/^第\d+项任务（牵头）年末状态“滞后”，扣5分×1\.0$/);
    expect(lag.points).toBe(-5);
    const support = lines.find((l) => l.rule === 'status.滞后' && l.description.includes('（配合）'))!;
    expect(support.points).toBe(-2.5);
    const partial = lines.find((l) => l.rule === 'status.推进中' && /完成\d+%/.test(l.description))!;
    const pct = Number(/完成(\d+)%/.exec(partial.description)![1]);
    const w = partial.description.includes('（牵头）') ? 1 : 0.5;
    expect(partial.points).toBeCloseTo(-Math.round(4 * (1 - pct / 100) * w * 100) / 100, 9);
    expect(lines.some((l) => l.rule === 'reports.missing' && l.description.endsWith('未报送进展情况，扣10分'))).toBe(true);
    expect(lines.some((l) => l.rule === 'reports.unexplainedLag' && l.points === -2)).toBe(true);
  });
});

describe('changing one rule changes exactly the scores it should', () => {
  // The cap and the floor would blunt the change; make sure neither is reached so the test bites.
  const facts = generateFacts();
  const before = evaluate(facts, rules);

  it('late −1 → −1.5 moves each unit by 0.5 × its late reports, nothing else', () => {
    const changed = rulesText.replace(/^(\s+late:\s*)1(\s)/m, '$11.5$2');
    expect(changed).not.toBe(rulesText);
    const after = byUnit(evaluate(facts, parseRules(changed, RULES_FILE)).units);
    expect(before.units.some((u) => u.breakdown.some((l) => l.rule === 'reports.cap' || l.rule === 'floor'))).toBe(false);
    let moved = 0;
    for (const u of before.units) {
      const late = facts.units.find((f) => f.name === u.unit)!.reports.filter((r) => r.state === 'late').length;
      const a = after.get(u.unit)!;
      expect(cents(a.score) - cents(u.score), u.unit).toBe(-50 * late + 0);
      if (late > 0) moved++;
      const untouched = (s: UnitScore) => s.breakdown.filter((l) => l.rule !== 'reports.late');
      expect(untouched(a)).toEqual(untouched(u));
    }
    expect(moved).toBeGreaterThan(5);
    expect(moved).toBeLessThan(before.units.length);
  });

  it('the support weight 0.5 → 0.6 moves only units holding supporting tasks', () => {
    const changed = rulesText.replace(/^(\s+support:\s*)0\.5/m, '$10.6');
    const after = byUnit(evaluate(facts, parseRules(changed, RULES_FILE)).units);
    for (const u of before.units) {
      const f = facts.units.find((x) => x.name === u.unit)!;
      const a = after.get(u.unit)!;
      if (f.tasks.every((t) => t.role === 'lead')) expect(a.score).toBe(u.score);
      for (const [i, l] of u.breakdown.entries()) {
        const task = l.taskNo ? f.tasks.find((t) => t.no === l.taskNo) : undefined;
        if (!task || task.role === 'lead' || !l.rule.match(/^(status|targets)\./)) expect(a.breakdown[i]).toEqual(l);
      }
    }
  });
});

describe('caps, bonuses, vetoes and the floor', () => {
  const unit = (name: string, over: Partial<EvaluationFacts['units'][number]> = {}) => ({
    name,
    fullName: null,
    kind: 'department' as const,
    tasks: [{ notice: 'N', no: 1, label: '1', title: 't', role: 'lead' as const, via: null, status: '已完成' as const, percent: 100, statusPeriod: null, targets: [] }],
    reports: [],
    events: [],
    ...over,
  });
  const facts = (units: EvaluationFacts['units']): EvaluationFacts => ({ year: 2014, city: '鄂州', date: '2015-01-20', notices: [{ key: 'N', docNumber: null, title: null }], periods: [], units });
  const missing = (i: number) => ({ notice: 'N', period: `2014-Q${i}`, periodLabel: `2014年第${'一二三四'[i - 1]}季度`, due: '2014-04-05', state: 'missing' as const, submitted: null, lagging: [] });

  it('caps report deductions with a line that says so', () => {
    const r = evaluate(facts([unit('甲', { reports: [1, 2, 3, 4].map(missing) })]), rules).units[0]!;
    const cap = r.breakdown.find((l) => l.rule === 'reports.cap')!;
    expect(cap.points).toBe(10);
    expect(cap.description).toBe('报送类扣分合计40分，超过上限30分，按30分计，计回10分');
    expect(r.score).toBe(70);
  });

  it('caps bonuses and refuses an item the rules do not list', () => {
    const ev = (item: string) => ({ kind: 'bonus' as const, item, note: '' });
    const r = evaluate(facts([unit('甲', { events: [ev('经验做法被上级推广'), ev('获得国家级表彰')] })]), rules).units[0]!;
    expect(r.score).toBe(105);
    expect(r.breakdown.find((l) => l.rule === 'bonus.cap')!.points).toBe(-1);
    expect(() => evaluate(facts([unit('甲', { events: [ev('自封的')] })]), rules)).toThrow(/加分事项“自封的”不在考核规则 bonus\.items 中/);
  });

  it('a veto makes the grade 不合格 without touching the score, and says why', () => {
    const r = evaluate(facts([unit('甲', { events: [{ kind: 'veto', item: '发生重大安全生产责任事故', note: '2014年5月' }] }), unit('乙')]), rules);
    const a = r.units.find((u) => u.unit === '甲')!;
    expect(a.score).toBe(100);
    expect(a.grade).toBe('不合格');
    expect(a.scoreGrade).toBe('优秀');
    expect(a.gradeNotes[0]).toContain('一票否决');
    expect(r.accountable).toEqual(['甲']);
  });

  it('lifts a score below the floor with a line', () => {
    const tasks = Array.from({ length: 20 }, (_, i) => ({ ...unit('x').tasks[0]!, no: i + 1, label: String(i + 1), status: '未启动' as const }));
    const r = evaluate(facts([unit('甲', { tasks })]), rules).units[0]!;
    expect(r.score).toBe(0);
    expect(r.breakdown.at(-1)!.rule).toBe('floor');
    expect(r.breakdown.at(-1)!.points).toBe(20);
  });

  it('names the notice when the year follows several', () => {
    const a = unit('甲');
    a.tasks.push({ ...a.tasks[0]!, notice: 'M', status: '滞后' });
    a.reports = [{ ...missing(1), notice: 'M' }];
    const two: EvaluationFacts = { ...facts([a]), notices: [{ key: 'N', docNumber: null, title: null }, { key: 'M', docNumber: null, title: null }] };
    const lines = evaluate(two, rules).units[0]!.breakdown.map((l) => l.description);
    expect(lines).toContain('N第1项任务（牵头）年末状态“已完成”，不扣分');
    expect(lines).toContain('M第1项任务（牵头）年末状态“滞后”，扣5分×1.0');
    expect(lines).toContain('2014年第一季度（M）未报送进展情况，扣10分');
  });

  it('scores targets by direction and proportion', () => {
    const t = (text: string, value: number, actual: number | null, qualifier: string | null = null) => ({ text, indicator: text, value, unit: '%', qualifier, actual, actualFrom: null });
    const task = { ...unit('x').tasks[0]!, targets: [t('增长16%', 16, 12), t('控制在3%以内', 3, 4, '以内'), t('增长10%左右', 10, 9.6, '左右'), t('增长8%', 8, -2), t('新增40家', 40, null)] };
    const lines = evaluate(facts([unit('甲', { tasks: [task] })]), rules).units[0]!.breakdown.filter((l) => l.rule.startsWith('targets.'));
    expect(lines.map((l) => [l.rule, l.points])).toEqual([
      ['targets.missed', -0.5],
      ['targets.missed', -0.5],
      ['targets.reached', 0],
      ['targets.missed', -2],
      ['targets.noActual', -2],
    ]);
    expect(lines[0]!.description).toBe('第1项任务（牵头）指标“增长16%”：目标16%，实际12%，未达到，扣2分×(1−12÷16)×1.0');
    expect(lines[1]!.description).toContain('扣2分×(1−3÷4)×1.0');
  });
});
