/**
 * From scores to ranks and grades: competition ranks (equal scores share a rank: 1, 2, 2, 4),
 * grades by the thresholds, 一票否决 to 不合格, then the cap on the share of 优秀 applied by
 * rank. Every grade that differs from what the score alone gives carries a recorded reason.
 */
import type { Cents } from './points.js';
import type { Grade, Rules } from './rules.js';
import { fmt } from './points.js';

export function gradeByScore(score: number, grades: Rules['grades']): Grade {
  if (score >= grades.优秀) return '优秀';
  if (score >= grades.良好) return '良好';
  if (score >= grades.合格) return '合格';
  return '不合格';
}

export interface Ranked {
  /** Index into the caller's list (its stable order breaks display ties). */
  index: number;
  scoreCents: Cents;
  rank: number;
}

/** Sorted by score, highest first; equal scores share the better rank and keep input order. */
export function rankByScore(scores: readonly Cents[]): Ranked[] {
  const order = scores.map((scoreCents, index) => ({ index, scoreCents, rank: 0 }));
  order.sort((a, b) => b.scoreCents - a.scoreCents || a.index - b.index);
  order.forEach((r, i) => {
    const prev = order[i - 1];
    r.rank = prev && prev.scoreCents === r.scoreCents ? prev.rank : i + 1;
  });
  return order;
}

export interface GradeDecision {
  grade: Grade;
  /** Why the grade is not the score's own grade. */
  notes: string[];
}

export interface CapOutcome {
  /** How many 优秀 the cap allows, or null when there is no cap. */
  limit: number | null;
  /** Indices (into the caller's list) moved from 优秀 to 良好. */
  demoted: number[];
}

/**
 * Applies the 优秀 cap in rank order. A group of tied units that does not fit entirely in the
 * remaining places is dropped whole (ties: drop, so the share is never exceeded) or admitted
 * whole (ties: keep, the excess noted); either way the result does not depend on input order.
 */
export function applyExcellentCap(
  ranked: readonly Ranked[],
  decisions: GradeDecision[],
  cap: Rules['excellentCap'],
): CapOutcome {
  if (cap === null) return { limit: null, demoted: [] };
  const total = ranked.length;
  const limit = Math.floor(total * cap.share + 1e-9);
  const excellent = ranked.filter((r) => decisions[r.index]!.grade === '优秀');
  const demoted: number[] = [];
  let admitted = 0;
  let closed = false;
  for (let i = 0; i < excellent.length; ) {
    let j = i;
    while (j < excellent.length && excellent[j]!.scoreCents === excellent[i]!.scoreCents) j++;
    const group = excellent.slice(i, j);
    const fits = admitted + group.length <= limit;
    if (!closed && fits) admitted += group.length;
    else if (!closed && cap.ties === 'keep' && admitted < limit) {
      admitted += group.length;
      for (const r of group) {
        decisions[r.index]!.notes.push(
          `与其他${group.length - 1}个单位得分并列处于优秀名额边界，按考核规则中“并列单位一并保留优秀”的规定一并评为优秀，优秀单位数因此超过名额${limit}个`,
        );
      }
      closed = true;
    } else {
      const why = admitted < limit && !closed
        ? `与其他${group.length - 1}个单位得分并列第${group[0]!.rank}名，并列单位数超出剩余的${limit - admitted}个优秀名额`
        : `按得分排第${group[0]!.rank}名，超出优秀名额`;
      for (const r of group) {
        const d = decisions[r.index]!;
        d.grade = '良好';
        d.notes.push(`优秀等次不超过参评单位数的${fmt(cap.share * 100)}%（${total}个单位，名额${limit}个）；${why}，等次由“优秀”调整为“良好”`);
        demoted.push(r.index);
      }
      closed = true;
    }
    i = j;
  }
  return { limit, demoted };
}
