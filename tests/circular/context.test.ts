import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addresseesOf, buildCircularContext, cityOf, type CircularInput } from '../../src/circular/index.js';
import type { Block, TableBlock } from '../../src/model/doc.js';
import type { CircularData, CircularTask, UnitReporting } from '../../src/progress/circular-data.js';
import { DEFAULT_STATUS_RULES, type ProgressClass } from '../../src/progress/rules.js';
import { templatePath } from '../../src/render/output.js';
import { renderTemplate } from '../../src/render/template.js';
import { loadOfficeSettings } from '../../src/office/settings.js';

/** A task as buildCircularData gives it; `behind` follows from the percent and 序时进度 25. */
function task(no: number, cls: ProgressClass, lead: string, over: Partial<CircularTask> = {}): CircularTask {
  const percent = cls === 'notReported' ? null : cls === 'completed' ? 100 : cls === 'notStarted' ? 0 : cls === 'behind' ? 10 : 25;
  const behind = percent === null ? null : 25 - percent;
  return {
    no,
    label: String(no),
    chapter: no <= 2 ? '一' : '二',
    title: `第${no}项任务`,
    leadUnits: [lead],
    supportUnits: [],
    status: cls === 'completed' ? '已完成' : cls === 'notStarted' ? '未启动' : cls === 'notReported' ? '未报送' : '推进中',
    percent,
    schedule: 25,
    behind,
    light: cls === 'behind' || cls === 'notReported' ? 'red' : 'green',
    class: cls,
    ahead: behind !== null && behind < 0 && cls === 'onSchedule',
    overdue: false,
    why: [],
    missingLeads: cls === 'notReported' ? [lead] : [],
    supportReported: 0,
    supportHeld: 0,
    delayReasons: [],
    problems: [],
    measures: [],
    targets: [],
    ...over,
  };
}

function unit(name: string, state: UnitReporting['state'], over: Partial<UnitReporting> = {}): UnitReporting {
  return {
    unit: name,
    kind: 'department',
    tasksHeld: 1,
    lead: 1,
    support: 0,
    reported: state === 'missing' ? 0 : 1,
    rate: state === 'missing' ? 0 : 1,
    submitted: state === 'missing' ? null : state === 'late' ? '2014-04-09' : '2014-04-03',
    daysLate: state === 'late' ? 4 : 0,
    state,
    ...over,
  };
}

function data(tasks: CircularTask[], units: UnitReporting[], period = '2014-Q1'): CircularData {
  const count = (c: ProgressClass) => tasks.filter((t) => t.class === c).length;
  const totals = {
    total: tasks.length,
    completed: count('completed'),
    onSchedule: count('onSchedule'),
    ahead: tasks.filter((t) => t.ahead).length,
    behind: count('behind'),
    notStarted: count('notStarted'),
    notReported: count('notReported'),
  };
  const share = (n: number) => Math.round((n / tasks.length) * 1000) / 10;
  const q = Number(period.slice(-1));
  const end = ['2014-03-31', '2014-06-30', '2014-09-30', '2014-12-31'][q - 1]!;
  return {
    notice: { key: '鄂州政办发〔2014〕4号', docNumber: '鄂州政办发〔2014〕4号', title: '关于印发《〈政府工作报告〉主要工作任务分解落实意见》的通知' },
    period: { id: period, kind: 'quarterly', label: `2014年第${'一二三四'[q - 1]}季度`, start: '2014-01-01', end, due: addDays5(end), schedule: q * 25 },
    rules: { ...DEFAULT_STATUS_RULES },
    totals,
    shares: {
      completed: share(totals.completed),
      onSchedule: share(totals.onSchedule),
      ahead: share(totals.ahead),
      behind: share(totals.behind),
      notStarted: share(totals.notStarted),
      notReported: share(totals.notReported),
    },
    lights: { green: tasks.filter((t) => t.light === 'green').length, yellow: tasks.filter((t) => t.light === 'yellow').length, red: tasks.filter((t) => t.light === 'red').length },
    byChapter: ['一', '二'].map((no) => {
      const own = tasks.filter((t) => t.chapter === no);
      return {
        no,
        title: no === '一' ? '大力解放思想，全面深化改革' : '坚持产城一体',
        counts: { ...totals, total: own.length, completed: own.filter((t) => t.class === 'completed').length, onSchedule: own.filter((t) => t.class === 'onSchedule').length, behind: own.filter((t) => t.class === 'behind').length, notStarted: own.filter((t) => t.class === 'notStarted').length, notReported: own.filter((t) => t.class === 'notReported').length, ahead: 0 },
        lights: { green: 0, yellow: 0, red: 0 },
        lagging: own.filter((t) => t.class === 'behind').map((t) => t.no),
      };
    }),
    tasks,
    untrackedTasks: [],
    lagging: tasks
      .filter((t) => t.class === 'behind')
      .map((t) => ({ no: t.no, label: t.label, chapter: t.chapter, title: t.title, leadUnits: t.leadUnits, status: t.status, percent: t.percent, schedule: t.schedule, light: t.light, reasons: [], why: [] })),
    achievements: [],
    units,
    lateUnits: units.filter((u) => u.state === 'late').map((u) => ({ unit: u.unit, submitted: u.submitted!, due: '2014-04-05', daysLate: u.daysLate })),
    silentUnits: units.filter((u) => u.state === 'missing').map((u) => u.unit),
    onTimeUnits: units.filter((u) => u.state === 'on-time').map((u) => u.unit),
    reporting: { expected: units.length, onTime: 0, late: 0, missing: 0, rate: 0.9 },
  };
}

function addDays5(end: string): string {
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 5);
  return d.toISOString().slice(0, 10);
}

const EZHOU = loadOfficeSettings(join(import.meta.dirname, '../../seeds/ezhou-office.yaml'));
const input = (d: CircularData, over: Partial<CircularInput> = {}): CircularInput => ({ data: d, city: '鄂州', kinds: ['department'], lastSubmitted: '2014-04-03', office: EZHOU, ...over });

const TASKS = [
  task(1, 'behind', '市工商局', {
    delayReasons: [
      { unit: '市商务局', role: 'support', text: '配合单位的原因。' },
      { unit: '市工商局', role: 'lead', text: '牵头单位的原因。' },
    ],
    problems: [{ unit: '市工商局', role: 'lead', text: '牵头单位的问题。' }],
  }),
  task(2, 'onSchedule', '市编办', { percent: 40, behind: -15, ahead: true }),
  task(3, 'completed', '市发改委'),
  task(4, 'behind', '市水务局', { problems: [{ unit: '市水务局', role: 'lead', text: '只说了问题。' }] }),
  task(5, 'notReported', '市监察局'),
];
const UNITS = [
  unit('市工商局', 'on-time'),
  unit('市编办', 'on-time'),
  unit('市发改委', 'on-time', { tasksHeld: 2, support: 1, reported: 1 }),
  unit('市水务局', 'late'),
  unit('市监察局', 'missing'),
];

describe('the head: city and addressees from the data', () => {
  it('takes the city from full names, else the title, else the 文号', () => {
    expect(cityOf({ fullNames: ['鄂州市发展和改革委员会', '鄂州市财政局', '湖北省人民政府'], docNumber: '武政办发〔2014〕1号', title: null })).toBe('鄂州');
    expect(cityOf({ fullNames: [], docNumber: null, title: '黄石市人民政府办公室关于印发…的通知' })).toBe('黄石');
    expect(cityOf({ fullNames: [], docNumber: '鄂州政办发〔2014〕4号', title: '市人民政府办公室关于印发…的通知' })).toBe('鄂州');
    expect(cityOf({ fullNames: [], docNumber: '穗府办〔2006〕12号', title: '关于印发…的通知' })).toBe('');
  });

  it('addresses the groups of units that hold tasks', () => {
    expect(addresseesOf(['department', 'district', 'development-zone', 'sub-district', 'company'])).toEqual({ districts: true, zones: true, streets: true, local: true });
    expect(addresseesOf(['department', 'other'])).toEqual({ districts: false, zones: false, streets: false, local: false });
  });
});

describe('buildCircularContext', () => {
  const ctx = buildCircularContext(input(data(TASKS, UNITS)));

  it('dates the circular at the due date, or at the last submission counted when later', () => {
    expect(ctx.date).toBe('2014-04-05');
    expect(buildCircularContext(input(data(TASKS, UNITS), { lastSubmitted: '2014-04-13' })).date).toBe('2014-04-13');
    expect(buildCircularContext(input(data(TASKS, UNITS), { lastSubmitted: null })).date).toBe('2014-04-05');
    expect(ctx.rectifyBy).toBe('2014-04-15');
  });

  it('numbers the circular by quarter and names the next period and its due date', () => {
    expect([ctx.year, ctx.seq]).toEqual([2014, 1]);
    expect(ctx.next).toEqual({ label: '2014年第二季度', due: '2014-07-05' });
    const q4 = buildCircularContext(input(data(TASKS, UNITS, '2014-Q4')));
    expect([q4.seq, q4.next]).toEqual([4, null]);
    const monthly = data(TASKS, UNITS);
    monthly.period = { ...monthly.period, id: '2014-03', kind: 'monthly', label: '2014年3月', start: '2014-03-01', end: '2014-03-31', due: '2014-04-03' };
    const m = buildCircularContext(input(monthly, { lastSubmitted: null }));
    expect([m.year, m.seq, m.date, m.period.quarterly]).toEqual([2014, 3, '2014-04-03', false]);
    expect(m.next).toEqual({ label: '2014年4月', due: '2014-05-03' });
    monthly.period = { ...monthly.period, id: '2014-12', end: '2014-12-31', due: '2015-01-03' };
    expect(buildCircularContext(input(monthly)).next).toBeNull();
  });

  it('gives each lagging task its lead, the lead’s stated reason first, else its problems', () => {
    expect(ctx.lagging.map((l) => [l.seq, l.label, l.leads, l.behindBy])).toEqual([
      [1, '1', ['市工商局'], 15],
      [2, '4', ['市水务局'], 15],
    ]);
    expect(ctx.lagging[0]!.reasons).toEqual([
      { unit: '市工商局', lead: true, text: '牵头单位的原因。' },
      { unit: '市商务局', lead: false, text: '配合单位的原因。' },
    ]);
    expect(ctx.lagging[1]!.reasons).toEqual([{ unit: '市水务局', lead: true, text: '只说了问题。' }]);
    expect(ctx.laggingLeads).toEqual(['市工商局', '市水务局']);
  });

  it('names units not reporting, late, partial, and praises only units wholly ahead and on time', () => {
    expect(ctx.notReported).toEqual([{ label: '5', title: '第5项任务', leads: ['市监察局'] }]);
    expect(ctx.late).toEqual([{ unit: '市水务局', submitted: '4月9日', daysLate: 4 }]);
    expect(ctx.silent).toEqual(['市监察局']);
    expect(ctx.partial).toEqual([{ unit: '市发改委', reported: 1, held: 2 }]);
    expect(ctx.remiss).toEqual(['市水务局', '市监察局']);
    // 市发改委's task is completed but it left a task unreported: not praised.
    expect(ctx.good).toEqual(['市编办']);
    expect(ctx.units.find((u) => u.unit === '市发改委')!.missed).toBe(1);
    expect(ctx.units.find((u) => u.unit === '市监察局')!.missed).toBe(0);
  });

  it('numbers the problem sections that are present, consecutively', () => {
    expect(ctx.problemNo).toEqual({ lagging: '（一）', notStarted: '', notReported: '（二）', reporting: '（三）' });
    const calm = buildCircularContext(input(data([task(1, 'onSchedule', '甲'), task(2, 'notStarted', '乙')], [unit('甲', 'on-time'), unit('乙', 'on-time')])));
    expect(calm.problemNo).toEqual({ lagging: '', notStarted: '（一）', notReported: '', reporting: '' });
    expect(calm.anyProblem).toBe(true);
  });

  it('shows achievements of tasks on track, by their lead, completed and furthest ahead first, in task order', () => {
    const d = data(TASKS, UNITS);
    d.achievements = [
      { taskNo: 1, title: '第1项任务', entries: [{ unit: '市工商局', role: 'lead', text: '滞后任务的成效不列。' }] },
      { taskNo: 2, title: '第2项任务', entries: [{ unit: '市编办', role: 'lead', text: '超序时。' }] },
      { taskNo: 3, title: '第3项任务', entries: [{ unit: '市财政局', role: 'support', text: '配合单位的成效。' }, { unit: '市发改委', role: 'lead', text: '已完成。' }] },
    ];
    const rows = buildCircularContext(input(d)).achievements;
    expect(rows.map((r) => [r.label, r.unit, r.text, r.completed, r.aheadBy])).toEqual([
      ['2', '市编办', '超序时。', false, 15],
      ['3', '市发改委', '已完成。', true, 0],
    ]);
    expect(buildCircularContext(input(d), { maxAchievements: 1 }).achievements.map((r) => r.label)).toEqual(['3']);
  });
});

describe('templates/circular.hbs with a context', () => {
  const text = (b: Block) => ('runs' in b ? b.runs.map((r) => r.text).join('') : 'text' in b ? b.text : '');

  it('addresses the groups present and numbers the problem sections', () => {
    const tree = renderTemplate(templatePath('circular.hbs'), buildCircularContext(input(data(TASKS, UNITS), { kinds: ['department', 'district', 'sub-district'] })));
    expect(tree.profile).toBe('file');
    expect(tree.blocks.find((b) => b.type === 'recipients')).toEqual({ type: 'recipients', text: '各区人民政府，各街道办事处，市政府各部门：' });
    expect(tree.blocks.find((b) => b.type === 'masthead')).toEqual({ type: 'masthead', text: '鄂州市人民政府政务督查室' });
    expect(tree.blocks.find((b) => b.type === 'docNumber')).toEqual({ type: 'docNumber', text: '鄂州督通〔2014〕1号' });
    const body = tree.blocks.map(text);
    expect(body.filter((t) => /^（[一二三四]）部分/.test(t)).map((t) => t.slice(0, 10))).toEqual(['（一）部分任务进度滞', '（二）部分任务进展不', '（三）部分单位报送不']);
    expect(body.join('')).toContain('市监察局未报送进展情况；');
    const calm = renderTemplate(templatePath('circular.hbs'), buildCircularContext(input(data([task(1, 'onSchedule', '甲')], [unit('甲', 'on-time')]), { kinds: ['department'] })));
    expect(calm.blocks.find((b) => b.type === 'recipients')).toEqual({ type: 'recipients', text: '市政府各部门：' });
    expect(calm.blocks.map(text).join('')).toContain('未发现明显问题');
    const d = data([task(1, 'onSchedule', '甲')], [unit('甲', 'on-time')]);
    d.notice = { key: '鄂州政发〔2014〕9号', docNumber: '鄂州政发〔2014〕9号', title: null };
    const untitled = renderTemplate(templatePath('circular.hbs'), buildCircularContext(input(d)));
    expect(untitled.blocks.map(text).join('')).toContain('根据鄂州政发〔2014〕9号文件要求，市政府政务督查室对2014年第一季度1项工作任务');
    expect(untitled.blocks.find((b) => b.type === 'title')).toEqual({ type: 'title', text: '关于2014年第一季度重点工作任务落实情况的通报' });
  });

  it('offers the per-unit table as an attachment the staff can switch on by removing the comment marks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-circular-tpl-'));
    cpSync(templatePath('partials'), join(dir, 'partials'), { recursive: true });
    const source = readFileSync(templatePath('circular.hbs'), 'utf8');
    const start = source.indexOf('{{!--\n  如需把各单位报送情况统计表作为附件');
    expect(start).toBeGreaterThan(0);
    const end = source.indexOf('--}}', start);
    const block = source.slice(start, end + 4);
    const annex = block.slice(block.indexOf('<pagebreak/>'), block.lastIndexOf('--}}'));
    const switchedOn = source
      .replace(block, annex)
      .replace('<signature ', '<attachments><item>各责任单位进展情况报送统计表</item></attachments>\n<signature ');
    writeFileSync(join(dir, 'circular.hbs'), switchedOn);
    const tree = renderTemplate(join(dir, 'circular.hbs'), buildCircularContext(input(data(TASKS, UNITS))));
    expect(tree.blocks.some((b) => b.type === 'attachmentNote')).toBe(true);
    const table = tree.blocks.filter((b): b is TableBlock => b.type === 'table').at(-1)!;
    expect(table.rows.map((r) => [r[1]!.text, r[6]!.text])).toEqual([
      ['市工商局', '按时'],
      ['市编办', '按时'],
      ['市发改委', '按时，漏报1项'],
      ['市水务局', '逾期4天'],
      ['市监察局', '未报送'],
    ]);
  });
});
