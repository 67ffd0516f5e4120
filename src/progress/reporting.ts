/** Who reported for a period, who was late, who sent nothing: per unit, for one notice. */
import type { UnitKind } from '../model/notice.js';
import type { Db } from '../store/db.js';
import type { Period } from '../store/periods.js';
import { receivingUnits } from '../store/queries.js';
import { currentReports, unitSubmissions, type ReportRecord } from '../store/reports.js';
import { daysLate, DEFAULT_STATUS_RULES, type StatusRules } from './rules.js';

export interface UnitReporting {
  unit: string;
  kind: UnitKind;
  tasksHeld: number;
  lead: number;
  support: number;
  /** Tasks with a current report this period. */
  reported: number;
  /** reported / tasksHeld, 0–1. */
  rate: number;
  /** First submission date (ISO) in the period, null when none. */
  submitted: string | null;
  /** Days after the due date (beyond the rules' grace) of the first submission; 0 when on time. */
  daysLate: number;
  state: 'on-time' | 'late' | 'missing';
}

/** One line per unit holding tasks of the notice, in the order the notice names them. */
export function unitReporting(
  db: Db,
  noticeId: number,
  period: Period,
  rules: StatusRules = DEFAULT_STATUS_RULES,
  reports: readonly ReportRecord[] = currentReports(db, noticeId, period.id),
): UnitReporting[] {
  const subs = new Map(unitSubmissions(db, noticeId, period.id).map((s) => [s.unitId, s]));
  const reportedBy = new Map<number, number>();
  for (const r of reports) reportedBy.set(r.unitId, (reportedBy.get(r.unitId) ?? 0) + 1);
  return receivingUnits(db, noticeId).map((u) => {
    const s = subs.get(u.id);
    const late = s ? daysLate(s.firstSubmitted, period.due, rules) : 0;
    const reported = reportedBy.get(u.id) ?? 0;
    const held = u.lead + u.support;
    return {
      unit: u.name,
      kind: u.kind,
      tasksHeld: held,
      lead: u.lead,
      support: u.support,
      reported,
      rate: held ? reported / held : 0,
      submitted: s?.firstSubmitted ?? null,
      daysLate: late,
      state: !s ? 'missing' : late > 0 ? 'late' : 'on-time',
    };
  });
}
