/**
 * A seeded, realistic-looking year of facts for the scorer: 40 units over 34 tasks, four
 * quarterly periods, a mix of statuses, targets with and without actuals, late and missing
 * reports, lags with and without reasons. The same seed always gives the same facts.
 */
import type { EvaluationFacts, ReportFact, TaskFact, TaskStatus, UnitFacts } from '../../src/evaluate/facts.js';

export { mulberry32 } from '../../src/util/prng.js';
import { mulberry32 } from '../../src/util/prng.js';

const UNIT_NAMES = [
  '市发改委', '市经信委', '市科技局', '市财政局', '市商务局', '市工商局', '市国土局', '市住建委', '市规划局', '市交通运输局',
  '市水务局', '市农委', '市林业局', '市水产局', '市环保局', '市教育局', '市卫生局', '市人社局', '市民政局', '市公安局',
  '市文体新广局', '市旅游局', '市统计局', '市金融办', '市法制办', '市编办', '市综改办', '市房产局', '市质监局', '市食药监局',
  '鄂城区', '华容区', '梁子湖区', '葛店开发区', '鄂州开发区', '古楼街道', '凤凰街道', '西山街道', '供电公司', '城投公司',
];

const PERIODS = [
  { id: '2014-Q1', label: '2014年第一季度', due: '2014-04-05' },
  { id: '2014-Q2', label: '2014年第二季度', due: '2014-07-05' },
  { id: '2014-Q3', label: '2014年第三季度', due: '2014-10-05' },
  { id: '2014-Q4', label: '2014年第四季度', due: '2015-01-05' },
];

const NOTICE = '鄂州政办发〔2014〕4号';

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

export interface GenerateOptions {
  seed?: number;
  units?: number;
  /** Units named in the facts that hold no task. */
  idle?: number;
}

export function generateFacts(opts: GenerateOptions = {}): EvaluationFacts {
  const rnd = mulberry32(opts.seed ?? 2014);
  const names = UNIT_NAMES.slice(0, opts.units ?? UNIT_NAMES.length);
  const held = new Map<string, TaskFact[]>(names.map((n) => [n, []]));
  for (let no = 1; no <= 34; no++) {
    const count = 1 + Math.floor(rnd() * 5);
    // Every unit holds at least one task: unit i is always on task (i mod 34) + 1.
    const chosen = new Set<string>(names.filter((_, i) => i % 34 === no - 1));
    while (chosen.size < Math.max(count, 1)) chosen.add(pick(rnd, names));
    const value = [16, 40, 14.5, 3, 100, 50][no % 6]!;
    const unit = ['%', '家', '%', '个', '亿元', '万人'][no % 6]!;
    const qualifier = no % 7 === 0 ? '以内' : no % 5 === 0 ? '左右' : null;
    const hasTarget = no % 3 === 0;
    [...chosen].forEach((name, i) => {
      const status = pick<TaskStatus | null>(rnd, ['已完成', '已完成', '已完成', '推进中', '推进中', '滞后', '未启动', null]);
      const actual = rnd() < 0.15 ? null : Math.round(value * (0.6 + rnd() * 0.6) * 10) / 10;
      held.get(name)!.push({
        notice: NOTICE,
        no,
        label: String(no),
        title: `任务${no}`,
        role: i === 0 ? 'lead' : 'support',
        via: null,
        status,
        percent: status === '推进中' ? (rnd() < 0.1 ? null : Math.floor(rnd() * 100)) : status === '已完成' ? 100 : null,
        statusPeriod: status ? '2014年第四季度' : null,
        targets: hasTarget
          ? [{ text: `指标${no}达到${value}${unit}${qualifier ?? ''}`, indicator: `指标${no}`, value, unit, qualifier, actual, actualFrom: null }]
          : [],
      });
    });
  }
  const units: UnitFacts[] = names.map((name) => {
    const tasks = held.get(name)!;
    const reports: ReportFact[] = PERIODS.map((p) => {
      const r = rnd();
      const state = r < 0.08 ? 'missing' : r < 0.25 ? 'late' : 'onTime';
      const lagging = state === 'missing' ? [] : tasks.filter(() => rnd() < 0.12).map((t) => ({ no: t.no, label: t.label, reason: rnd() < 0.5 ? '' : '征地拆迁未完成' }));
      const submitted = state === 'missing' ? null : state === 'late' ? addDays(p.due, 1 + Math.floor(rnd() * 10)) : addDays(p.due, -Math.floor(rnd() * 5));
      return { notice: NOTICE, period: p.id, periodLabel: p.label, due: p.due, state, submitted, lagging };
    });
    return { name, fullName: null, kind: 'department', tasks, reports, events: [] };
  });
  for (let i = 0; i < (opts.idle ?? 0); i++) {
    units.push({ name: `空闲单位${i + 1}`, fullName: null, kind: 'department', tasks: [], reports: [], events: [] });
  }
  return { year: 2014, city: '鄂州', date: '2015-01-20', notices: [{ key: NOTICE, docNumber: NOTICE, title: null }], periods: PERIODS, units };
}

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
