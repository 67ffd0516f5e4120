import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyUnitDirectory, normaliseUnitName, resolveUnitList } from '../../src/units/index.js';

const corpus = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

interface Expected {
  city: string | null;
  tasks: { no: string; units: string[] }[];
}

const files = readdirSync(corpus).filter((f) => f.endsWith('.expected.json')).sort();
const load = (f: string) => JSON.parse(readFileSync(corpus + f, 'utf8')) as Expected;
const dir = emptyUnitDirectory();

describe('resolving the corpus units with no directory', () => {
  it('has the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s: never drops, reorders or rewrites a unit beyond the prefix', (f) => {
    for (const task of load(f).tasks) {
      const out = resolveUnitList(task.units, dir);
      expect(out.map((u) => u.raw)).toEqual(task.units);
      for (const u of out) {
        expect(u.entry).toBeNull();
        expect([normaliseUnitName(u.raw), `市${normaliseUnitName(u.raw)}`]).toContain(u.name);
      }
    }
  });

  const resolvedIn = (f: string) => new Map(load(f).tasks.flatMap((t) => resolveUnitList(t.units, dir)).map((u) => [u.raw, u.name]));

  it('adds the inherited prefix only to departments of the same level', () => {
    const gz = resolvedIn('02-guangzhou-2006-trad-mojibake.expected.json');
    expect(gz.get('國土房管局')).toBe('市國土房管局');
    expect(gz.get('黃埔區(qū)政府')).toBe('黃埔區(qū)政府');
    const sz = resolvedIn('16-shenzhen-c2003-zhuban-xieban.expected.json');
    expect(sz.get('劳动和社会保障局')).toBe('市劳动和社会保障局');
    expect(sz.get('工商局')).toBe('市工商局');
    const pds = resolvedIn('04-pingdingshan-2013.expected.json');
    expect(pds.get('相关县(市、区)政府')).toBe('相关县(市、区)政府');
    expect(pds.get('高新区管委会')).toBe('高新区管委会');
    expect(resolvedIn('14-garden-city-c2010-pipe-table.expected.json').get('有关部门')).toBe('有关部门');
  });

  it('does not invent a prefix the list never had', () => {
    const cs = resolvedIn('06-changshu-2018-table.expected.json');
    expect([...cs.values()]).toEqual(['发改委', '财政局', '经信委', '科技局', '商务局']);
    const gd = resolvedIn('12-guangdong-2021-leaders.expected.json');
    expect(gd.get('各地')).toBe('各地');
    expect(gd.get('省财政厅')).toBe('省财政厅');
  });
});
