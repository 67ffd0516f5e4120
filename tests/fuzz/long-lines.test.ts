/**
 * Adversarial sizes: long lines and many lines must parse in time roughly proportional to their
 * length. A linear parser reads 50,000 characters in well under 50 ms here; the bound of 1 s
 * leaves a factor of twenty for a shared machine, and still catches quadratic work, which takes
 * seconds at this size (a 1 MB line, the documented limit, would take minutes).
 */
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/notice.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import { outcomeViolations, sourceOf, timedParse } from './support.js';

const SIZE = 50_000;
const BOUND_MS = 1000;
const han = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');

const CASES: [string, () => string[]][] = [
  // Found quadratic: meta.ts's title pattern scans a lazy [^\s|：:，。]*? from every position.
  ['a line of Han characters without punctuation', () => [han(SIZE)]],
  ['a task whose clause lists 10,000 units', () => [`1、做好某项工作。（责任单位：${'市财政局、'.repeat(SIZE / 5)}市建委）`]],
  ['a line of repeated dates', () => ['2014年'.repeat(SIZE / 5)]],
  ['a line of open brackets', () => [`1、${'（'.repeat(SIZE)}`]],
  // Linear today; kept so that it stays so.
  ['5,000 task lines', () => Array.from({ length: SIZE / 10 }, (_, i) => `${(i % 999) + 1}、任务。（责任单位：市财政局）`)],
  ['5,000 own-line clauses under one task', () => ['1、任务', ...Array.from({ length: SIZE / 10 }, () => '牵头单位：市财政局')]],
  ['a line of run-together labels', () => [`1、${' 2、a'.repeat(SIZE / 5)}`]],
];

describe(`adversarial sizes parse within ${BOUND_MS} ms`, () => {
  parseSource(sourceOf('warm.txt', ['1、任务。（责任单位：市财政局）']), emptyUnitDirectory());
  it.each(CASES)('%s', (_name, make) => {
    const lines = make();
    const o = timedParse(sourceOf('long.txt', lines), emptyUnitDirectory());
    expect(outcomeViolations(o, lines.length, BOUND_MS)).toEqual([]);
  });
});
