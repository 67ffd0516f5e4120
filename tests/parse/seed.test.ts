import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNoticeFile } from '../../src/parse/index.js';
import type { Notice } from '../../src/model/notice.js';

const root = join(import.meta.dirname, '../..');
const seedPath = join(root, 'seeds/ezhou-2014-4.txt');

/** The unit clauses as printed, read independently of the parser: （责任单位：…） per task line. */
function clausesAsWritten(): string[][] {
  const text = readFileSync(seedPath, 'utf8');
  return [...text.matchAll(/^\s*\d+、.*[(（]责任单位[:：]([^)）]*)[)）]\s*$/gm)].map((m) =>
    m[1]!.split(/[、,，]/).map((s) => s.trim()),
  );
}

let notice: Notice;
beforeAll(async () => {
  notice = (await parseNoticeFile(seedPath)).notice;
});

describe('the seed notice 鄂州政办发〔2014〕4号', () => {
  it('has 9 chapters and 34 tasks in order', () => {
    expect(notice.chapters.map((c) => c.no)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九']);
    expect(notice.chapters[8]!.title).toBe('加快政府自身建设');
    expect(notice.tasks.map((t) => t.no)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(notice.tasks.map((t) => t.label)).toEqual(Array.from({ length: 34 }, (_, i) => String(i + 1)));
    expect(notice.tasks[0]!.title).toBe('全面激发市场活力');
    expect(notice.tasks[8]!.chapter).toBe('三');
    expect(notice.tasks[33]!.chapter).toBe('九');
  });

  it('keeps every unit list exactly as written, first unit leading', () => {
    const written = clausesAsWritten();
    expect(written).toHaveLength(34);
    notice.tasks.forEach((t, i) => {
      expect(t.units.map((u) => u.raw)).toEqual(written[i]);
      expect(t.units.map((u) => u.role)).toEqual(written[i]!.map((_, j) => (j === 0 ? 'lead' : 'support')));
    });
  });

  it('normalises names against the directory', () => {
    const names = (no: number) => notice.tasks[no - 1]!.units.map((u) => u.name);
    expect(names(1).slice(0, 3)).toEqual(['市工商局', '市法制办', '市商务局']);
    expect(names(3)).toContain('市监察局');
    expect(names(30)[0]).toBe('市监察局');
    expect(names(7)).toContain('市交通运输局');
    expect(names(20)).toContain('市交通运输局');
    expect(names(31)).toContain('市政府办公室');
    expect(names(32)[0]).toBe('市政府办公室');
    expect(names(28)).toContain('鄂州大学');
    expect(names(28)).toContain('梁子湖区');
    expect(names(1)).toContain('人行');
    const collective = notice.units.find((u) => u.name === '各区')!;
    expect(collective.kind).toBe('collective');
    expect(collective.members).toEqual(['鄂城区', '华容区', '梁子湖区']);
    expect(notice.units.find((u) => u.name === '开发区')!.members).toHaveLength(2);
    expect(notice.units.find((u) => u.name === '各街办')!.members).toHaveLength(3);
    expect(notice.diagnostics.filter((d) => d.code === 'unit.unknown')).toEqual([]);
  });

  it('lists each unit with the tasks it leads and supports, consistent with the tasks', () => {
    // A unit holds a task when the task names it or a collective it belongs to (各区 → 鄂城区).
    const holders = (name: string) => [name, ...notice.units.filter((c) => c.members?.includes(name)).map((c) => c.name)];
    const holds = (name: string, no: number, role: string) =>
      notice.tasks[no - 1]!.units.some((x) => holders(name).includes(x.name) && x.role === role);
    for (const u of notice.units) {
      for (const no of u.lead) expect(holds(u.name, no, 'lead'), `${u.name} leads ${no}`).toBe(true);
      for (const no of u.support) expect(holds(u.name, no, 'support') || holds(u.name, no, 'lead'), `${u.name} supports ${no}`).toBe(true);
    }
    for (const t of notice.tasks) {
      for (const x of t.units) expect([...notice.units.find((u) => u.name === x.name)![x.role]]).toContain(t.no);
    }
    expect(notice.units.find((u) => u.name === '鄂城区')!.support).toEqual([6, 7, 8, 9, 11, 13, 14, 15, 17, 18, 23, 24, 25]);
    expect(notice.units.filter((u) => u.kind !== 'collective')).toHaveLength(71);
    const jianchaju = notice.units.find((u) => u.name === '市监察局')!;
    expect(jianchaju.lead).toEqual([30, 31, 34]);
    expect(jianchaju.support).toEqual([3, 32, 33]);
  });

  it('finds the 15 quantified targets with values and units', () => {
    const all = notice.tasks.flatMap((t) => t.targets.map((x) => ({ ...x, task: t.no })));
    const expected: [number, string, number, string][] = [
      [9, '增长16%', 16, '%'],
      [9, '比重达14.5%', 14.5, '%'],
      [11, '3平方公里', 3, '平方公里'],
      [11, '新增限上企业40家', 40, '家'],
      [11, '旅游总收入突破50亿元', 50, '亿元'],
      [12, '新增上市公司1家', 1, '家'],
      [12, '新增规模以上企业50家', 50, '家'],
      [15, '1亿元', 1, '亿元'],
      [16, '新增农民专业合作社50家', 50, '家'],
      [16, '70%以上的农户', 70, '%'],
      [16, '50%以上农产品加工企业', 50, '%'],
      [17, '240亿元', 240, '亿元'],
      [20, '基础设施投资80亿元', 80, '亿元'],
      [26, '新增就业1.8万人', 1.8, '万人'],
      [27, '新建保障性住房6300套', 6300, '套'],
    ];
    for (const [task, phrase, value, unit] of expected) {
      const hit = all.find((x) => x.task === task && x.text.includes(phrase));
      expect(hit, `${task}: ${phrase}`).toBeDefined();
      expect(hit!.value).toBe(value);
      expect(hit!.unit).toBe(unit);
    }
    expect(all.find((x) => x.text.includes('70%以上'))!.qualifier).toBe('以上');
  });

  it('reads time limits in task texts', () => {
    const d = (no: number) => notice.tasks[no - 1]!.deadlines.map((x) => `${x.text}>${x.date}`);
    expect(d(11)).toContain('今年>2014-12-31');
    expect(d(11)).toContain('全年>2014-12-31');
    expect(d(19)).toContain('力争三年>2016-12-31');
    expect(d(1)).toEqual([]);
  });

  it('reads the covering notice', () => {
    const m = notice.meta;
    expect(m.docNumber).toBe('鄂州政办发〔2014〕4号');
    expect(m.title).toBe('市人民政府办公室关于印发《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》的通知');
    expect(m.issuer).toBe('鄂州市人民政府办公室');
    expect(m.signDate).toBe('2014-01-13');
    expect(m.publishDate).toBe('2014-01-28');
    expect(m.indexNo).toBe('011217651/2014-27670');
    expect(m.recipients).toEqual(['各区人民政府', '开发区管委会', '各街道办事处', '市政府各部门']);
    expect(m.requirements.map((r) => r.title)).toEqual(['加强领导、明确目标', '强化责任、狠抓落实', '严格督查、强化问责']);
    expect(m.attachmentTitle).toBe('市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见');
    expect(notice.planDeadline).toBe('2014-01-31');
    expect(notice.planRecipient).toBe('市政府政务督查室');
    expect(notice.diagnostics).toEqual([]);
  });
});
