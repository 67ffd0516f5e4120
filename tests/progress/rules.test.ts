import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/model/errors.js';
import { assessTask, daysLate, statusRules, DEFAULT_STATUS_RULES, type LeadReport } from '../../src/progress/rules.js';

const task = (leadReports: LeadReport[], schedule = 50, extra: { leads?: string[]; deadline?: string | null } = {}) =>
  assessTask({
    leads: extra.leads ?? ['市发改委'],
    leadReports,
    schedule,
    deadline: extra.deadline ?? null,
    periodEnd: '2014-06-30',
  });
const lead = (status: LeadReport['status'], percent: number | null, unit = '市发改委'): LeadReport => ({ unit, status, percent });

describe('task status and lights', () => {
  it('is green on or ahead of 序时进度 and when complete', () => {
    expect(task([lead('推进中', 50)])).toMatchObject({ status: '推进中', light: 'green', class: 'onSchedule', behind: 0, ahead: false });
    expect(task([lead('推进中', 70)])).toMatchObject({ light: 'green', ahead: true, behind: -20 });
    expect(task([lead('推进中', 41)])).toMatchObject({ light: 'green', class: 'onSchedule' });
    expect(task([lead('已完成', null)])).toMatchObject({ status: '已完成', percent: 100, light: 'green', class: 'completed' });
  });

  it('is yellow 10–30 points behind and red beyond 30', () => {
    expect(task([lead('推进中', 40)])).toMatchObject({ light: 'yellow', class: 'behind', behind: 10 });
    expect(task([lead('推进中', 20)])).toMatchObject({ light: 'yellow', behind: 30 });
    expect(task([lead('推进中', 19)])).toMatchObject({ light: 'red', behind: 31 });
    expect(task([lead('未启动', 0)], 25)).toMatchObject({ status: '未启动', light: 'yellow', class: 'notStarted' });
    expect(task([lead('未启动', 0)], 50)).toMatchObject({ light: 'red', class: 'notStarted' });
  });

  it('is red for 滞后, a missing lead report, or a passed deadline', () => {
    expect(task([lead('滞后', 48)])).toMatchObject({ light: 'red', class: 'behind', why: ['报告状态为滞后'] });
    expect(task([])).toMatchObject({ status: '未报送', light: 'red', class: 'notReported', percent: null, missingLeads: ['市发改委'] });
    expect(task([lead('推进中', 60)], 50, { deadline: '2014-05-31' })).toMatchObject({ light: 'red', overdue: true });
    expect(task([lead('已完成', 100)], 50, { deadline: '2014-05-31' })).toMatchObject({ light: 'green', overdue: false });
  });

  it('takes the worst of several lead units (a collective as lead)', () => {
    const leads = ['鄂城区', '华容区', '梁子湖区'];
    const r = task([lead('推进中', 60, '鄂城区'), lead('推进中', 35, '华容区'), lead('已完成', 100, '梁子湖区')], 50, { leads });
    expect(r).toMatchObject({ status: '推进中', percent: 35, light: 'yellow' });
    const partial = task([lead('推进中', 60, '鄂城区')], 50, { leads });
    expect(partial).toMatchObject({ status: '推进中', light: 'red', missingLeads: ['华容区', '梁子湖区'] });
    const mean = assessTask(
      { leads, leadReports: [lead('推进中', 60, '鄂城区'), lead('推进中', 30, '华容区'), lead('推进中', 60, '梁子湖区')], schedule: 50, deadline: null, periodEnd: '2014-06-30' },
      statusRules({ multipleLeads: 'mean' }),
    );
    expect(mean).toMatchObject({ percent: 50, light: 'green' });
  });

  it('takes thresholds from the config and checks it', () => {
    const strict = statusRules({ yellowBehind: 5, redBehind: 15 });
    const r = assessTask({ leads: ['a'], leadReports: [lead('推进中', 40, 'a')], schedule: 50, deadline: null, periodEnd: '2014-06-30' }, strict);
    expect(r.light).toBe('yellow');
    expect(() => statusRules({ yellowBehind: 40, redBehind: 30 })).toThrow(DubanError);
    expect(DEFAULT_STATUS_RULES).toMatchObject({ yellowBehind: 10, redBehind: 30 });
  });

  it('counts a report late only after the due date plus grace days', () => {
    expect(daysLate('2014-04-05', '2014-04-05')).toBe(0);
    expect(daysLate('2014-04-08', '2014-04-05')).toBe(3);
    expect(daysLate('2014-04-07', '2014-04-05', statusRules({ graceDays: 2 }))).toBe(0);
  });
});
