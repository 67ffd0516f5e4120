import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  expandCollective,
  listReceivingUnits,
  loadUnitDirectory,
  resolveUnitList,
  type ResolvedUnit,
} from '../../src/units/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = loadUnitDirectory(`${root}seeds/ezhou-units.yaml`);
const seed = readFileSync(`${root}seeds/ezhou-2014-4.txt`, 'utf8');

/** Each task's unit clause, split as the parser will: on 、 and ，/, (the seed mixes widths). */
const clauses: string[][] = [...seed.matchAll(/[（(]责任单位[:：]([^）)]*)[）)]/g)].map((m) =>
  m[1]!.split(/[、，,]/).map((s) => s.trim()).filter((s) => s !== ''),
);
const resolved: ResolvedUnit[][] = clauses.map((raws) => resolveUnitList(raws, dir));
const byTask = (no: number) => resolved[no - 1]!;
const names = (no: number) => byTask(no).map((u) => u.name);

describe('seeds/ezhou-units.yaml against the seed notice', () => {
  it('finds the 34 unit clauses', () => {
    expect(clauses).toHaveLength(34);
  });

  it('resolves every unit of every clause to a directory entry', () => {
    const unknown = resolved.flat().filter((u) => u.entry === null).map((u) => u.raw);
    expect(unknown).toEqual([]);
    expect(resolved.map((r) => r.length)).toEqual(clauses.map((c) => c.length));
  });

  it('carries the 市 prefix over inside a list', () => {
    expect(names(1)).toEqual(['市工商局', '市法制办', '市商务局', '市发改委', '市金融办', '人行']);
    expect(byTask(1)[5]!.entry!.fullName).toBe('中国人民银行鄂州市中心支行');
  });

  it('merges the spellings the seed mixes', () => {
    const supervision = byTask(3)[1]!; // 监察局 after 市编办
    expect(supervision.raw).toBe('监察局');
    expect(supervision.entry).toBe(byTask(34)[0]!.entry); // 市监察局
    const transport7 = byTask(7).find((u) => u.raw === '交通局')!;
    const transport20 = byTask(20).find((u) => u.raw === '交通运输局')!;
    expect(transport7.name).toBe('市交通运输局');
    expect(transport7.entry).toBe(transport20.entry);
    const office31 = byTask(31).find((u) => u.raw === '政府办公室')!;
    const office32 = byTask(32).find((u) => u.raw === '市政府办公室')!;
    expect(office31.name).toBe('市政府办公室');
    expect(office31.entry).toBe(office32.entry);
  });

  it('does not prefix places, companies and collectives', () => {
    expect(names(28)).toEqual(['市教育局', '鄂州大学', '市文体局', '市发改委', '市卫计委', '梁子湖区']);
    expect(byTask(28)[5]!.raw).toBe('梁子湖区政府');
    expect(names(7)).toContain('供电公司');
    expect(names(7)).toContain('昌达公司');
    expect(names(20)).toContain('城投公司');
    expect(names(11).slice(-2)).toEqual(['开发区', '各街办']);
    expect(byTask(15).at(-1)!.name).toBe('各区'); // written 各区政府
  });

  it('expands the collectives to their members', () => {
    const members = (name: string) => expandCollective(dir.lookup(name)!, dir).map((e) => e.name);
    expect(members('各区')).toEqual(['鄂城区', '华容区', '梁子湖区']);
    expect(members('各区人民政府')).toEqual(['鄂城区', '华容区', '梁子湖区']);
    expect(members('开发区')).toEqual(['葛店开发区', '鄂州开发区']);
    expect(members('各街办')).toEqual(['古楼街道', '凤凰街道', '西山街道']);
    expect(members('市财政局')).toEqual(['市财政局']);
  });

  it('lists the receiving units of the whole notice once each', () => {
    const receiving = listReceivingUnits(resolved.flat(), dir);
    const all = receiving.map((r) => r.name);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('各区');
    expect(all).toEqual(expect.arrayContaining(['鄂城区', '华容区', '梁子湖区', '葛店开发区', '古楼街道', '人行']));
    const lzh = receiving.find((r) => r.name === '梁子湖区')!;
    expect(lzh.direct).toBe(true); // task 28 names it
    expect(lzh.via).toEqual(['各区']);
    expect(receiving.find((r) => r.name === '鄂城区')!.direct).toBe(false);
    // Every non-collective unit of the clauses, plus the 7 collective members no clause names itself.
    const direct = new Set(resolved.flat().filter((u) => u.entry!.kind !== 'collective').map((u) => u.name));
    expect(receiving.filter((r) => r.direct).length).toBe(direct.size);
    expect(receiving.length).toBe(direct.size + 7);
  });

  it('knows the offices named in the covering notice', () => {
    for (const office of ['市政府政务督查室', '市目标办', '市监察局']) {
      expect(dir.lookup(office)?.name).toBe(office);
    }
    expect(dir.lookup('鄂州市交通运输局')?.name).toBe('市交通运输局');
    expect(dir.lookup('市交通局')?.name).toBe('市交通运输局');
  });
});
