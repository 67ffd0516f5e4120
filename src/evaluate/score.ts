/**
 * Scores one unit: every point given or taken is a ScoreLine naming the rule key that gave it
 * and saying in Chinese why, so a unit disputing its grade can follow the sum line by line.
 * Order of lines: tasks (status, then targets), reports by period, the reports cap, bonuses,
 * the bonus cap, 一票否决 items, the floor.
 */
import { DubanError } from '../model/errors.js';
import type { Role } from '../model/notice.js';
import type { ReportFact, TargetFact, TaskFact, UnitFacts } from './facts.js';
import { fmt, fmtWeight, fromCents, toCents, type Cents } from './points.js';
import type { Rules, ScoredStatus } from './rules.js';

export interface ScoreLine {
  /** Task the line is about (its position in the notice), when it is about one. */
  taskNo?: number;
  /** Period id (2014-Q2) the line is about, when it is about one. */
  period?: string;
  /** The rules file's key path that gave the points, e.g. status.滞后, reports.late. */
  rule: string;
  /** Chinese, e.g. 第9项任务（牵头）年末状态“滞后”，扣5分×1.0. */
  description: string;
  /** Signed, rounded to 0.01: deductions negative. */
  points: number;
}

export interface UnitTally {
  lines: ScoreLine[];
  /** base + Σ line points, in cents. */
  scoreCents: Cents;
  /** Descriptions of the 一票否决 items that hit the unit. */
  vetoes: string[];
}

export const ROLE_LABEL: Record<Role, string> = { lead: '牵头', support: '配合' };

/** Context a description needs beyond the unit itself. */
export interface ScoreContext {
  /** Prefix task and period references with the notice when the year has several. */
  manyNotices: boolean;
}

export function scoreUnit(unit: UnitFacts, rules: Rules, ctx: ScoreContext): UnitTally {
  const lines: ScoreLine[] = [];
  const push = (line: Omit<ScoreLine, 'points'>, raw: number): Cents => {
    const c = toCents(raw);
    lines.push({ ...line, points: fromCents(c) });
    return c;
  };
  for (const task of unit.tasks) taskLines(task, rules, ctx, push);
  reportLines(unit.reports, rules, ctx, push);
  bonusLines(unit, rules, push);
  const vetoes = vetoLines(unit, rules, ctx, push);
  const base = toCents(rules.base);
  let score = base + lines.reduce((s, l) => s + toCents(l.points), 0);
  if (rules.floor !== null && score < toCents(rules.floor)) {
    const lift = toCents(rules.floor) - score;
    push(
      { rule: 'floor', description: `扣分后得分为${fmt(fromCents(score))}分，低于最低分${fmt(rules.floor)}分，按${fmt(rules.floor)}分计，计回${fmt(fromCents(lift))}分` },
      fromCents(lift),
    );
    score += lift;
  }
  return { lines, scoreCents: score, vetoes };
}

type Push = (line: Omit<ScoreLine, 'points'>, raw: number) => Cents;

/** 第9项任务, 第（一）项任务; prefixed with the notice's key (its 文号) when the year has several. */
function taskRef(task: Pick<TaskFact, 'label' | 'notice'>, ctx: ScoreContext): string {
  const label = task.label.replace(/^\(([^)]*)\)$/, '（$1）');
  const own = `第${label}项任务`;
  return ctx.manyNotices ? `${task.notice}${own}` : own;
}

function weightOf(role: Role, rules: Rules): number {
  return role === 'lead' ? rules.roles.lead : rules.roles.support;
}

function taskLines(task: TaskFact, rules: Rules, ctx: ScoreContext, push: Push): void {
  const w = weightOf(task.role, rules);
  const who = `${taskRef(task, ctx)}（${ROLE_LABEL[task.role]}）`;
  const status: ScoredStatus = task.status ?? '未报告';
  const ded = rules.status[status];
  const rule = `status.${status}`;
  const at = { taskNo: task.no, rule };
  const said = status === '未报告' ? `${who}全年未报送进展（按“未报告”计）` : `${who}年末状态“${status}”`;
  if (status === '推进中') {
    const pct = task.percent;
    const shown = pct === null ? '（未填完成百分比）' : `（完成${fmt(pct)}%）`;
    if (ded === 0) push({ ...at, description: `${said}${shown}，不扣分` }, 0);
    else if (rules.status.inProgressByPercent) {
      const p = pct ?? 0;
      const tail = pct === null ? '，按0%计' : '';
      push({ ...at, description: `${said}${shown}${tail}，扣${fmt(ded)}分×(1−${fmt(p)}%)×${fmtWeight(w)}` }, -ded * (1 - p / 100) * w);
    } else push({ ...at, description: `${said}${shown}，扣${fmt(ded)}分×${fmtWeight(w)}` }, -ded * w);
  } else if (ded === 0) push({ ...at, description: `${said}，不扣分` }, 0);
  else push({ ...at, description: `${said}，扣${fmt(ded)}分×${fmtWeight(w)}` }, -ded * w);
  for (const target of task.targets) targetLine(task, target, w, rules, ctx, push);
}

type Direction = 'atLeast' | 'atMost';

/** 以下 / 以内 and “控制在…” targets are ceilings; every other target is a floor. */
export function targetDirection(t: Pick<TargetFact, 'qualifier' | 'text'>): Direction {
  if (t.qualifier === '以下' || t.qualifier === '以内') return 'atMost';
  return /控制在|不超过|不高于|低于/.test(t.text) ? 'atMost' : 'atLeast';
}

/** Whether the actual reaches the target, allowing the 左右 tolerance. */
export function targetReached(t: TargetFact & { actual: number }, tolerance: number): boolean {
  const around = t.qualifier === '左右' || t.qualifier === '上下';
  const tol = around ? Math.abs(t.value) * tolerance : 0;
  const eps = 1e-9;
  return targetDirection(t) === 'atMost' ? t.actual <= t.value + tol + eps : t.actual >= t.value - tol - eps;
}

function targetLine(task: TaskFact, t: TargetFact, w: number, rules: Rules, ctx: ScoreContext, push: Push): void {
  const r = rules.targets;
  const head = `${taskRef(task, ctx)}（${ROLE_LABEL[task.role]}）指标“${t.text}”`;
  const at = { taskNo: task.no };
  if (t.actual === null) {
    const d = r.noActual;
    push({ ...at, rule: 'targets.noActual', description: `${head}年末未报实际值，${d === 0 ? '不扣分' : `扣${fmt(d)}分×${fmtWeight(w)}`}` }, -d * w);
    return;
  }
  const actual = t.actual;
  const facts = `：目标${fmt(t.value)}${t.unit}${t.qualifier ?? ''}，实际${fmt(actual)}${t.unit}${from(t)}`;
  if (targetReached({ ...t, actual }, r.aroundTolerance)) {
    const b = r.reached;
    push({ ...at, rule: 'targets.reached', description: `${head}${facts}，已达到，${b === 0 ? '不加分' : `加${fmt(b)}分×${fmtWeight(w)}`}` }, b * w);
    return;
  }
  const d = r.missed;
  if (d === 0) {
    push({ ...at, rule: 'targets.missed', description: `${head}${facts}，未达到，不扣分` }, 0);
    return;
  }
  if (!r.proportional) {
    push({ ...at, rule: 'targets.missed', description: `${head}${facts}，未达到，扣${fmt(d)}分×${fmtWeight(w)}` }, -d * w);
    return;
  }
  const atMost = targetDirection(t) === 'atMost';
  const num = atMost ? t.value : actual;
  const den = atMost ? actual : t.value;
  const ratio = den > 0 && num >= 0 ? num / den : 0;
  if (ratio <= 0 || ratio >= 1) {
    // A negative growth, a zero target or an inverted ceiling: no share of the target was met.
    push({ ...at, rule: 'targets.missed', description: `${head}${facts}，未达到（完成程度按0计），扣${fmt(d)}分×${fmtWeight(w)}` }, -d * w);
    return;
  }
  push(
    { ...at, rule: 'targets.missed', description: `${head}${facts}，未达到，扣${fmt(d)}分×(1−${fmt(num)}÷${fmt(den)})×${fmtWeight(w)}` },
    -d * (1 - ratio) * w,
  );
}

function from(t: TargetFact): string {
  return t.actualFrom ? `（${t.actualFrom.unit}${t.actualFrom.period}报送）` : '';
}

function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function reportLines(reports: readonly ReportFact[], rules: Rules, ctx: ScoreContext, push: Push): void {
  const r = rules.reports;
  let total: Cents = 0;
  for (const rep of reports) {
    const name = ctx.manyNotices ? `${rep.periodLabel}（${rep.notice}）` : rep.periodLabel;
    const at = { period: rep.period };
    if (rep.state === 'missing') {
      total += push({ ...at, rule: 'reports.missing', description: `${name}未报送进展情况，${r.missing === 0 ? '不扣分' : `扣${fmt(r.missing)}分`}` }, -r.missing);
      continue;
    }
    if (rep.state === 'late') {
      const when = `（应于${cnDate(rep.due)}前报送，${rep.submitted ? `${cnDate(rep.submitted)}报送` : '报送日期不明'}）`;
      total += push({ ...at, rule: 'reports.late', description: `${name}进展情况逾期报送${when}，${r.late === 0 ? '不扣分' : `扣${fmt(r.late)}分`}` }, -r.late);
    } else {
      push({ ...at, rule: 'reports.late', description: `${name}进展情况按时报送，不扣分` }, 0);
    }
    for (const lag of rep.lagging) {
      if (lag.reason.trim() !== '') continue;
      const task = taskRef({ label: lag.label, notice: rep.notice }, { manyNotices: false });
      total += push(
        { ...at, taskNo: lag.no, rule: 'reports.unexplainedLag', description: `${name}报${task}“滞后”，未说明原因和整改措施，${r.unexplainedLag === 0 ? '不扣分' : `扣${fmt(r.unexplainedLag)}分`}` },
        -r.unexplainedLag,
      );
    }
  }
  if (r.cap !== null && -total > toCents(r.cap)) {
    const back = -total - toCents(r.cap);
    push(
      { rule: 'reports.cap', description: `报送类扣分合计${fmt(fromCents(-total))}分，超过上限${fmt(r.cap)}分，按${fmt(r.cap)}分计，计回${fmt(fromCents(back))}分` },
      fromCents(back),
    );
  }
}

function bonusLines(unit: UnitFacts, rules: Rules, push: Push): void {
  let total: Cents = 0;
  for (const e of unit.events) {
    if (e.kind !== 'bonus') continue;
    const pts = rules.bonus.items[e.item];
    if (pts === undefined) {
      throw new DubanError('content', `${unit.name}的加分事项“${e.item}”不在考核规则 bonus.items 中`, { file: rules.file });
    }
    const note = e.note ? `：${e.note}` : '';
    total += push({ rule: `bonus.items.${e.item}`, description: `加分事项“${e.item}”${note}，加${fmt(pts)}分` }, pts);
  }
  const cap = rules.bonus.cap;
  if (cap !== null && total > toCents(cap)) {
    const cut = total - toCents(cap);
    push({ rule: 'bonus.cap', description: `加分合计${fmt(fromCents(total))}分，超过上限${fmt(cap)}分，按${fmt(cap)}分计，减去${fmt(fromCents(cut))}分` }, -fromCents(cut));
  }
}

function vetoLines(unit: UnitFacts, rules: Rules, ctx: ScoreContext, push: Push): string[] {
  const out: string[] = [];
  const veto = (rule: string, why: string, extra: Partial<ScoreLine> = {}) => {
    out.push(why);
    push({ ...extra, rule, description: `一票否决：${why}，等次定为“不合格”（不影响得分）` }, 0);
  };
  if (rules.veto.leadTaskNotStarted) {
    for (const t of unit.tasks) {
      if (t.role === 'lead' && t.status === '未启动') veto('veto.leadTaskNotStarted', `牵头的${taskRef(t, ctx)}年末仍“未启动”`, { taskNo: t.no });
    }
  }
  const missing = unit.reports.filter((r) => r.state === 'missing').length;
  if (rules.veto.missingReports > 0 && missing >= rules.veto.missingReports) {
    veto('veto.missingReports', `全年未报送进展${missing}期（达到${rules.veto.missingReports}期）`);
  }
  for (const e of unit.events) {
    if (e.kind !== 'veto') continue;
    if (!rules.veto.items.includes(e.item)) {
      throw new DubanError('content', `${unit.name}的否决事项“${e.item}”不在考核规则 veto.items 中`, { file: rules.file });
    }
    veto('veto.items', `${e.item}${e.note ? `（${e.note}）` : ''}`);
  }
  return out;
}
