import { describe, expect, it } from 'vitest';
import { findTargets } from '../../src/parse/targets.js';
import { findDeadlines } from '../../src/parse/deadlines.js';

describe('findTargets', () => {
  it('reads value, unit and qualifier, and skips years and dates', () => {
    const t = findTargets('2014年力争实现地区生产总值增长10%左右，3月底前新建学校5所。');
    expect(t.map((x) => [x.value, x.unit, x.qualifier])).toEqual([
      [10, '%', '左右'],
      [5, '所', null],
    ]);
    expect(t[0]!.indicator).toBe('地区生产总值增长');
  });

  it('keeps ranges and decimal values', () => {
    const t = findTargets('服务人口1000-5000人，覆盖半径1.25公里');
    expect(t.map((x) => x.value)).toEqual([1000, 1.25]);
  });
});

describe('findDeadlines', () => {
  it('resolves phrases against the notice year', () => {
    const d = findDeadlines('于元月底前报送，6月30日前完成，2010年9月20日前验收，年底前全部建成', 2014);
    expect(d.map((x) => [x.text, x.date])).toEqual([
      ['元月底前', '2014-01-31'],
      ['6月30日前', '2014-06-30'],
      ['2010年9月20日前', '2010-09-20'],
      ['年底前', '2014-12-31'],
    ]);
  });

  it('leaves dates unresolved without a year', () => {
    expect(findDeadlines('今年完成', null)).toEqual([{ text: '今年', kind: 'year', date: null }]);
  });
});
