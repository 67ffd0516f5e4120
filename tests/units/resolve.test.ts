import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyUnitDirectory,
  normaliseUnitName,
  parseUnitDirectory,
  resolveUnit,
  resolveUnitList,
} from '../../src/units/index.js';

const dir = parseUnitDirectory(
  `city: 鄂州
prefix: 市
units:
  - name: 市工商局
  - name: 市监察局
  - name: 市政府办公室
    full: 鄂州市人民政府办公室
  - name: 市交通运输局
    aliases: [交通局]
  - name: 梁子湖区
    kind: district
    aliases: [梁子湖区政府]
  - name: 华容区
    kind: district
  - name: 葛店开发区
    kind: development-zone
  - name: 供电公司
    kind: company
  - name: 各区
    aliases: [各区政府]
    members: [梁子湖区, 华容区]
`,
  'test.yaml',
);
const names = (raws: string[]) => resolveUnitList(raws, dir).map((u) => u.name);

describe('normaliseUnitName', () => {
  it('folds full-width ASCII and removes every kind of space', () => {
    expect(normaliseUnitName('市 交通\u3000运输局')).toBe('市交通运输局');
    expect(normaliseUnitName('\u00a0市ＧＤＰ办（一）\u200b')).toBe('市GDP办(一)');
    expect(normaliseUnitName('各区、开发区')).toBe('各区、开发区');
  });
});

describe('resolveUnitList', () => {
  it('matches prefix + raw, aliases and 人民政府 variants', () => {
    expect(names(['监察局'])).toEqual(['市监察局']);
    expect(names(['交通局', '市交通局', '交通运输局', '鄂州市交通运输局', '鄂州市交通局'])).toEqual(Array(5).fill('市交通运输局'));
    expect(names(['政府办公室', '市人民政府办公室', '鄂州市政府办公室'])).toEqual(Array(3).fill('市政府办公室'));
    expect(names(['梁子湖区人民政府', '各区人民政府'])).toEqual(['梁子湖区', '各区']);
    expect(names(['市供电公司'])).toEqual(['供电公司']);
  });

  it('normalises width and spaces before matching', () => {
    expect(names(['市 工商局', '交通局　'])).toEqual(['市工商局', '市交通运输局']);
  });

  it('gives unknown departments the prefix only after a prefixed unit', () => {
    expect(names(['法制办', '市工商局', '法制办', '商务局'])).toEqual(['法制办', '市工商局', '市法制办', '市商务局']);
    const out = resolveUnitList(['市工商局', '法制办'], dir);
    expect(out[1]).toEqual({ raw: '法制办', name: '市法制办', entry: null });
    // 市场 is a word, not the prefix: 市场监管局 written after 市工商局 is the city's 市市场监管局.
    expect(names(['市工商局', '市场监管局'])).toEqual(['市工商局', '市市场监管局']);
    expect(names(['市场监管局', '法制办'])).toEqual(['市场监管局', '法制办']);
  });

  it('keeps places, companies, groups and institutions as written', () => {
    expect(
      names(['市工商局', '鄂州大学', '梁子湖区教育局', '葛店财政局', '华容卫生院', '鄂州市某某中心', '城投公司', '人行', '各街办', '有关部门', '各地']),
    ).toEqual(['市工商局', '鄂州大学', '梁子湖区教育局', '葛店财政局', '华容卫生院', '鄂州市某某中心', '城投公司', '人行', '各街办', '有关部门', '各地']);
    expect(names(['市工商局', '镇政府办', '社区服务中心'])).toEqual(['市工商局', '镇政府办', '市社区服务中心']);
  });

  it('keeps a collective under its canonical name without expanding it', () => {
    const out = resolveUnitList(['市工商局', '各区政府'], dir);
    expect(out[1]!.name).toBe('各区');
    expect(out[1]!.entry!.kind).toBe('collective');
    expect(out).toHaveLength(2);
  });

  it('inherits the prefix of the directory, 省 for a province', () => {
    const province = emptyUnitDirectory('省');
    expect(resolveUnitList(['省发展改革委', '财政厅', '各地', '市场监管局'], province).map((u) => u.name)).toEqual([
      '省发展改革委',
      '省财政厅',
      '各地',
      '省市场监管局',
    ]);
    expect(resolveUnitList(['省发展改革委', '市财政局'], emptyUnitDirectory()).map((u) => u.name)).toEqual([
      '省发展改革委',
      '市财政局',
    ]);
  });

  it('resolves a single name without list context', () => {
    expect(resolveUnit('法制办', emptyUnitDirectory()).name).toBe('法制办');
    expect(resolveUnit('监察局', dir).name).toBe('市监察局');
  });

  it('returns one result per raw, in order, for any input', () => {
    const piece = fc.constantFrom('市', '局', '委', '办', '区', '各', '政府', '人民', '交通', '　', ' ', 'Ａ', '中心', '公司', '');
    const rawName = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(rawName, { maxLength: 8 }), fc.boolean(), (raws, withDir) => {
        const out = resolveUnitList(raws, withDir ? dir : emptyUnitDirectory());
        expect(out.map((u) => u.raw)).toEqual(raws);
        for (const u of out) {
          const n = normaliseUnitName(u.raw);
          if (u.entry) expect(u.name).toBe(u.entry.name);
          else expect([n, `市${n}`]).toContain(u.name);
        }
      }),
      { numRuns: 300 },
    );
  });
});
