/**
 * 考核办法 in words, generated from the rules themselves, so the method the circular states
 * is always the one that was applied. Items worth 0 points are left out.
 */
import { fmt, fmtWeight } from './points.js';
import type { Rules } from './rules.js';

function pts(n: number): string {
  return `${fmt(n)}分`;
}

function clauses(parts: (string | null)[]): string {
  return parts.filter((p): p is string => p !== null && p !== '').join('，');
}

function taskParagraph(r: Rules): string {
  const s = r.status;
  const status = clauses([
    s.已完成 === 0 ? '已完成的不扣分' : `已完成的扣${pts(s.已完成)}`,
    s.推进中 === 0 ? null : r.status.inProgressByPercent ? `推进中的按未完成比例扣分（最多扣${pts(s.推进中)}）` : `推进中的扣${pts(s.推进中)}`,
    s.滞后 === 0 ? null : `滞后的扣${pts(s.滞后)}`,
    s.未启动 === 0 ? null : `未启动的扣${pts(s.未启动)}`,
    s.未报告 === 0 ? null : `全年未报送进展的扣${pts(s.未报告)}`,
  ]);
  const t = r.targets;
  const targets = clauses([
    t.reached > 0 ? `量化指标达到目标值的每项加${pts(t.reached)}` : null,
    t.missed > 0 ? `量化指标未达到目标值的每项${t.proportional ? `按差距比例扣分（最多扣${pts(t.missed)}）` : `扣${pts(t.missed)}`}` : null,
    t.noActual > 0 ? `年末未报送指标实际值的每项扣${pts(t.noActual)}` : null,
  ]);
  const weights = `牵头单位按${fmtWeight(r.roles.lead)}、配合单位按${fmtWeight(r.roles.support)}的权重计算`;
  return `任务落实：以各单位本年度最后一次报送的任务状态为准，${status}${targets ? `；${targets}` : ''}。以上各项${weights}。`;
}

function reportParagraph(r: Rules): string | null {
  const p = r.reports;
  const parts = clauses([
    p.late > 0 ? `逾期报送的每期扣${pts(p.late)}` : null,
    p.missing > 0 ? `未报送的每期扣${pts(p.missing)}` : null,
    p.unexplainedLag > 0 ? `报送“滞后”而未说明原因和整改措施的每项每期扣${pts(p.unexplainedLag)}` : null,
  ]);
  if (!parts) return null;
  return `进展报送：${parts}${p.cap !== null ? `；报送类扣分最多${pts(p.cap)}` : ''}。`;
}

function bonusParagraph(r: Rules): string | null {
  const items = Object.entries(r.bonus.items).filter(([, v]) => v > 0);
  if (items.length === 0) return null;
  const list = items.map(([k, v]) => `${k}的加${pts(v)}`).join('，');
  return `加分事项：${list}${r.bonus.cap !== null ? `，加分合计不超过${pts(r.bonus.cap)}` : ''}。`;
}

function gradeParagraph(r: Rules): string {
  const g = r.grades;
  const cap = r.excellentCap ? `；优秀等次单位数不超过参评单位数的${fmt(r.excellentCap.share * 100)}%，超出的按名次确定为良好` : '';
  const floor = r.floor !== null ? `，得分最低计${pts(r.floor)}` : '';
  return (
    `等次评定：得分${pts(g.优秀)}及以上为优秀，${pts(g.良好)}及以上、不足${pts(g.优秀)}为良好，` +
    `${pts(g.合格)}及以上、不足${pts(g.良好)}为合格，不足${pts(g.合格)}为不合格${cap}${floor}。`
  );
}

function vetoParagraph(r: Rules): string | null {
  const v = r.veto;
  const cases = [
    ...v.items,
    ...(v.leadTaskNotStarted ? ['牵头任务年末仍未启动'] : []),
    ...(v.missingReports > 0 ? [`全年未报送进展达${v.missingReports}期`] : []),
  ];
  if (cases.length === 0) return null;
  return `一票否决：${cases.join('、')}的，实行一票否决，等次直接定为不合格。`;
}

/** The paragraphs of 考核办法, in the order the score is built. */
export function describeRules(r: Rules): string[] {
  return [
    `考核以${pts(r.base)}为基础分，得分 = 基础分 + 加分 − 扣分，每一项加分、扣分均在《考核评分表》中逐条列明依据。`,
    taskParagraph(r),
    reportParagraph(r),
    bonusParagraph(r),
    gradeParagraph(r),
    vetoParagraph(r),
  ].filter((p): p is string => p !== null);
}
