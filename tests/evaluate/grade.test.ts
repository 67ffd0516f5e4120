import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parseRules, type EvaluationFacts, type Rules, type UnitFacts } from '../../src/evaluate/index.js';
import { mulberry32 } from './generate.js';

const seed = parseRules(readFileSync('seeds/evaluation-rules.yaml', 'utf8'), 'seeds/evaluation-rules.yaml');

/** A unit whose score is exactly 100 − deduction: one lead task, completed or lagging. */
function unitScoring(name: string, score: number): UnitFacts {
  const lag = 100 - score;
  const rounds = Math.floor(lag / 5);
  const tasks = Array.from({ length: Math.max(1, rounds) }, (_, i) => ({
    notice: 'N', no: i + 1, label: String(i + 1), title: 't', role: 'lead' as const, via: null,
    status: rounds > 0 ? ('滞后' as const) : ('已完成' as const), percent: null, statusPeriod: null, targets: [],
  }));
  const rest = lag - rounds * 5;
  const reports = Array.from({ length: rest }, (_, i) => ({
    notice: 'N', period: `P${i}`, periodLabel: `第${i + 1}期`, due: '2014-04-05', state: 'late' as const, submitted: '2014-04-09', lagging: [],
  }));
  return { name, fullName: null, kind: 'department', tasks, reports, events: [] };
}

function factsOf(units: UnitFacts[]): EvaluationFacts {
  return { year: 2014, city: '鄂州', date: '2015-01-20', notices: [{ key: 'N', docNumber: null, title: null }], periods: [], units };
}

function withCap(share: number, ties: 'drop' | 'keep'): Rules {
  return { ...seed, excellentCap: { share, ties } };
}

// 10 units: 100, 98, 95, 95, 95, 92, 85, 85, 70, 50.
const SCORES: [string, number][] = [
  ['甲', 100], ['乙', 98], ['丙', 95], ['丁', 95], ['戊', 95], ['己', 92], ['庚', 85], ['辛', 85], ['壬', 70], ['癸', 50],
];
const units = () => SCORES.map(([n, s]) => unitScoring(n, s));

describe('the 优秀 cap, by rank', () => {
  it('builds the intended scores', () => {
    const r = evaluate(factsOf(units()), { ...seed, excellentCap: null });
    expect(r.units.map((u) => [u.unit, u.score, u.rank])).toEqual([
      ['甲', 100, 1], ['乙', 98, 2], ['丙', 95, 3], ['丁', 95, 3], ['戊', 95, 3], ['己', 92, 6], ['庚', 85, 7], ['辛', 85, 7], ['壬', 70, 9], ['癸', 50, 10],
    ]);
    expect(r.counts).toEqual({ 优秀: 6, 良好: 2, 合格: 1, 不合格: 1 });
    expect(r.accountable).toEqual(['癸']);
  });

  it('20% of 10 units: the first two stay 优秀, the rest drop to 良好 with the reason', () => {
    const r = evaluate(factsOf(units()), withCap(0.2, 'drop'));
    expect(r.excellentLimit).toBe(2);
    expect(r.units.filter((u) => u.grade === '优秀').map((u) => u.unit)).toEqual(['甲', '乙']);
    expect(r.demoted).toEqual(['丙', '丁', '戊', '己']);
    const ji = r.units.find((u) => u.unit === '己')!;
    expect(ji.scoreGrade).toBe('优秀');
    expect(ji.grade).toBe('良好');
    expect(ji.gradeNotes[0]).toContain('优秀等次不超过参评单位数的20%（10个单位，名额2个）');
    expect(ji.gradeNotes[0]).toContain('由“优秀”调整为“良好”');
    expect(r.counts).toEqual({ 优秀: 2, 良好: 6, 合格: 1, 不合格: 1 });
  });

  it('a tie across the boundary: drop keeps within the cap, keep admits the whole group', () => {
    const drop = evaluate(factsOf(units()), withCap(0.3, 'drop'));
    expect(drop.excellentLimit).toBe(3);
    expect(drop.units.filter((u) => u.grade === '优秀').map((u) => u.unit)).toEqual(['甲', '乙']);
    expect(drop.units.find((u) => u.unit === '丙')!.gradeNotes[0]).toContain('并列第3名');
    const keep = evaluate(factsOf(units()), withCap(0.3, 'keep'));
    expect(keep.units.filter((u) => u.grade === '优秀').map((u) => u.unit)).toEqual(['甲', '乙', '丙', '丁', '戊']);
    expect(keep.units.find((u) => u.unit === '戊')!.gradeNotes[0]).toContain('超过名额3个');
    expect(keep.units.find((u) => u.unit === '己')!.grade).toBe('良好');
  });

  it('does not depend on the input order', () => {
    const rnd = mulberry32(7);
    const expected = evaluate(factsOf(units()), withCap(0.3, 'drop'));
    const gradeOf = (r: typeof expected) => Object.fromEntries(r.units.map((u) => [u.unit, [u.grade, u.rank, u.gradeNotes]]));
    for (let k = 0; k < 20; k++) {
      const shuffled = units().map((u) => [rnd(), u] as const).sort((a, b) => a[0] - b[0]).map(([, u]) => u);
      expect(gradeOf(evaluate(factsOf(shuffled), withCap(0.3, 'drop')))).toEqual(gradeOf(expected));
    }
  });

  it('a vetoed unit takes no 优秀 place', () => {
    const list = units();
    list[0]!.events.push({ kind: 'veto', item: '违反中央八项规定精神被查处', note: '' });
    const r = evaluate(factsOf(list), withCap(0.2, 'drop'));
    expect(r.units[0]!.unit).toBe('甲');
    expect(r.units[0]!.grade).toBe('不合格');
    expect(r.units.filter((u) => u.grade === '优秀').map((u) => u.unit)).toEqual(['乙']);
    expect(r.accountable).toEqual(['甲', '癸']);
  });
});
