/**
 * Reads what one circular needs from the workspace database: the period's numbers
 * (buildCircularData) plus the city, the kinds of units addressed and the last submission
 * counted, which the numbers do not carry.
 */
import { DubanError } from '../model/errors.js';
import { buildCircularData, type CircularOptions } from '../progress/circular-data.js';
import type { Db } from '../store/db.js';
import { findNoticeByKey } from '../store/notices.js';
import { getPeriod, listPeriods, parsePeriodId, periodLabel } from '../store/periods.js';
import { receivingUnits } from '../store/queries.js';
import { currentReports } from '../store/reports.js';
import type { CircularInput } from './context.js';
import { cityOf } from './head.js';

/** The circular's input without the office settings, plus what finds them: the notice file and hints. */
export type StoredCircularInput = Omit<CircularInput, 'office'> & { sourceFile: string; officeHints: string[] };

/** The circular's input for `periodId` (2014-Q1, 2014Q1, 2014-03…); DubanError naming the period otherwise. */
export function loadCircularInput(db: Db, periodId: string, opts: CircularOptions = {}): StoredCircularInput {
  const wanted = parsePeriodId(periodId);
  if (!getPeriod(db, wanted.id)) {
    const known = listPeriods(db).map((p) => p.id);
    const hint = known.length ? `（已有：${known.join('、')}）` : '（请先用 duban forms 生成该期反馈表）';
    throw new DubanError('usage', `数据库中没有报送期 ${wanted.id}${hint}`);
  }
  const data = buildCircularData(db, wanted.id, opts);
  if (data.reporting.onTime + data.reporting.late === 0) {
    throw new DubanError(
      'content',
      `${periodLabel(wanted)}（${wanted.id}）还没有导入任何单位的进展报告，无法生成督查通报；请先用 duban progress import 导入各单位填报的反馈表`,
    );
  }
  const notice = findNoticeByKey(db, data.notice.key);
  if (!notice) throw new DubanError('internal', `数据库中找不到通知“${data.notice.key}”`);
  const units = receivingUnits(db, notice.id);
  const dates = currentReports(db, notice.id, wanted.id).map((r) => r.submittedDate);
  const fullNames = units.flatMap((u) => (u.fullName ? [u.fullName] : []));
  return {
    sourceFile: notice.sourceFile,
    officeHints: [notice.docNumber ?? '', notice.title ?? '', ...fullNames],
    data,
    city: cityOf({ fullNames: units.flatMap((u) => (u.fullName ? [u.fullName] : [])), docNumber: notice.docNumber, title: notice.title }),
    kinds: [...new Set(units.map((u) => u.kind))],
    lastSubmitted: dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null,
  };
}
