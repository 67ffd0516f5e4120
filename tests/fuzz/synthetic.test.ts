/**
 * The synthetic notice generator (tests/helpers/synthetic.ts) and the parser against it:
 * generated notices are deterministic, their unit directory loads, and notices of every clause
 * shape, width, size and chapter layout parse to exactly what the generator wrote.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/notice.js';
import { parseUnitDirectory } from '../../src/units/index.js';
import { CLAUSE_SHAPES, syntheticNotice, unitPool } from '../helpers/synthetic.js';
import { syntheticProperty, syntheticViolations } from './properties.js';
import { readerLines, reportCount, sourceOf } from './support.js';

let cases = 0;
afterAll(() => reportCount('synthetic', cases));

describe('the synthetic notice generator', () => {
  it('is deterministic: the same options give the same bytes, another seed other bytes', () => {
    const a = syntheticNotice({ tasks: 50, seed: 7, shape: 'mixed' });
    const b = syntheticNotice({ tasks: 50, seed: 7, shape: 'mixed' });
    const c = syntheticNotice({ tasks: 50, seed: 8, shape: 'mixed' });
    expect(a.text).toBe(b.text);
    expect(a.yaml).toBe(b.yaml);
    expect(c.text).not.toBe(a.text);
  });

  it('draws from a pool of distinct unit names that the directory loader accepts', () => {
    const pool = unitPool(300);
    expect(pool.filter((u) => u.kind !== 'collective')).toHaveLength(300);
    expect(new Set(pool.map((u) => u.name)).size).toBe(pool.length);
    const s = syntheticNotice({ tasks: 10 });
    const dir = parseUnitDirectory(s.yaml, 'synthetic-units.yaml');
    expect(dir.entries).toHaveLength(301);
    expect(dir.lookup('各区')!.members.length).toBeGreaterThan(1);
  });

  it('numbers tasks 1..N continuously in about N/4 chapters, at most 30', () => {
    const s = syntheticNotice({ tasks: 34 });
    expect(s.expected.chapters).toHaveLength(9);
    expect(s.expected.tasks.map((t) => t.no)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(syntheticNotice({ tasks: 2000 }).expected.chapters).toHaveLength(30);
    expect(s.text).toContain('并于元月底前报送至市政府政务督查室');
    expect(s.text).toMatch(/文 +号: 江城政办发〔\d{4}〕\d+号/);
  });

  it.each(CLAUSE_SHAPES)('writes the %s shape as the corpus does', (shape) => {
    const s = syntheticNotice({ tasks: 8, shape, width: 'full', seed: 3 });
    const pattern = {
      inline: /（责任单位：[^）]+）$/m,
      labelled: /（牵头单位：[^；）]+(；配合单位：[^）]+)?）$/m,
      'own-line': /^牵头单位：.+\n责任单位：.+$/m,
      division: /^部门分工：.+牵头(，.+配合)?。$/m,
    }[shape];
    expect(s.text).toMatch(pattern);
  });
});

describe('the parser reads synthetic notices exactly', () => {
  it.each([...CLAUSE_SHAPES, 'mixed' as const])('a 200-task notice of shape %s with 300 units', (shape) => {
    const s = syntheticNotice({ tasks: 200, units: 300, shape, seed: 11 });
    const lines = readerLines(s.text);
    const n = parseSource(sourceOf('synthetic.txt', lines), parseUnitDirectory(s.yaml, 'u.yaml'));
    expect(syntheticViolations(s, n, lines.length)).toEqual([]);
  });

  it('random notices: 300 of every shape, width and size', () => {
    cases += syntheticProperty({ runs: 300, seed: 2014 });
  });
});
