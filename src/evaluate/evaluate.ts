/**
 * The year-end evaluation as one pure function: facts and rules in, every unit's score, rank,
 * grade and line-by-line breakdown out. No I/O, no clock.
 */
import type { UnitKind } from '../model/notice.js';
import type { EvaluationFacts } from './facts.js';
import { applyExcellentCap, gradeByScore, rankByScore, type GradeDecision } from './grade.js';
import { fromCents } from './points.js';
import { GRADES, type Grade, type Rules } from './rules.js';
import { scoreUnit, type ScoreLine } from './score.js';

export interface UnitScore {
  unit: string;
  fullName: string | null;
  kind: UnitKind;
  base: number;
  /** base + Σ breakdown points, to 0.01. */
  score: number;
  grade: Grade;
  /** Competition rank: equal scores share it. */
  rank: number;
  breakdown: ScoreLine[];
  /** The grade the score alone gives, before 一票否决 and the 优秀 cap. */
  scoreGrade: Grade;
  /** Why `grade` differs from `scoreGrade` (empty when it does not). */
  gradeNotes: string[];
  /** The 一票否决 items that hit the unit. */
  vetoes: string[];
  /** Net bonus points: bonus items and reached targets, after the bonus cap. */
  added: number;
  /** Net deductions (negative or 0), after the reports cap and the floor: score = base + added + deducted. */
  deducted: number;
}

export interface EvaluationResult {
  year: number;
  rulesFile: string;
  /** Scored units by rank; tied units keep the facts' order. */
  units: UnitScore[];
  /** Units that hold no task: not scored, listed apart. */
  unscored: { unit: string; fullName: string | null }[];
  counts: Record<Grade, number>;
  /** Places for 优秀 under the cap, or null without a cap. */
  excellentLimit: number | null;
  /** Units moved from 优秀 to 良好 by the cap, in rank order. */
  demoted: string[];
  /** Units graded 不合格: proposed to the supervision bureau for 问责, in rank order. */
  accountable: string[];
}

export function evaluate(facts: EvaluationFacts, rules: Rules): EvaluationResult {
  const ctx = { manyNotices: facts.notices.length > 1 };
  const scored = facts.units.filter((u) => u.tasks.length > 0);
  const tallies = scored.map((u) => scoreUnit(u, rules, ctx));
  const ranked = rankByScore(tallies.map((t) => t.scoreCents));
  const decisions: GradeDecision[] = tallies.map((t) => {
    const own = gradeByScore(fromCents(t.scoreCents), rules.grades);
    if (t.vetoes.length === 0) return { grade: own, notes: [] };
    const notes = own === '不合格' ? [] : [`因一票否决（${t.vetoes.join('；')}），等次由“${own}”定为“不合格”`];
    return { grade: '不合格', notes };
  });
  const cap = applyExcellentCap(ranked, decisions, rules.excellentCap);
  const units = ranked.map((r): UnitScore => {
    const u = scored[r.index]!;
    const t = tallies[r.index]!;
    const d = decisions[r.index]!;
    return {
      unit: u.name,
      fullName: u.fullName,
      kind: u.kind,
      base: rules.base,
      score: fromCents(t.scoreCents),
      grade: d.grade,
      rank: r.rank,
      breakdown: t.lines,
      scoreGrade: gradeByScore(fromCents(t.scoreCents), rules.grades),
      gradeNotes: d.notes,
      vetoes: t.vetoes,
      added: sumCents(t.lines.filter(isBonus)),
      deducted: sumCents(t.lines.filter((l) => !isBonus(l))),
    };
  });
  const demoted = new Set(cap.demoted.map((i) => scored[i]!.name));
  const counts = Object.fromEntries(GRADES.map((g) => [g, units.filter((u) => u.grade === g).length])) as Record<Grade, number>;
  return {
    year: facts.year,
    rulesFile: rules.file,
    units,
    unscored: facts.units.filter((u) => u.tasks.length === 0).map((u) => ({ unit: u.name, fullName: u.fullName })),
    counts,
    excellentLimit: cap.limit,
    demoted: units.filter((u) => demoted.has(u.unit)).map((u) => u.unit),
    accountable: units.filter((u) => u.grade === '不合格').map((u) => u.unit),
  };
}

/** Lines that add points by merit (the bonus cap belongs with them); caps on deductions do not. */
function isBonus(l: ScoreLine): boolean {
  return l.rule.startsWith('bonus.') || l.rule === 'targets.reached';
}

function sumCents(lines: readonly ScoreLine[]): number {
  return lines.reduce((s, l) => s + Math.round(l.points * 100), 0) / 100;
}
