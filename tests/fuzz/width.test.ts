/**
 * Punctuation width and odd spaces: the seed (and the corpus, and synthetic notices) with every
 * ，：（）； made half-width, or full-width, or mixed line by line (never inside numbers such as
 * 1.8:1), with NBSP and ideographic spaces sprinkled at line ends and around marks, parses to
 * the same tasks — label, title, units, targets — as the original. For the seed, every unit
 * written in a clause also comes out as a raw unit name, in order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/notice.js';
import { parseUnitDirectory } from '../../src/units/index.js';
import { syntheticNotice } from '../helpers/synthetic.js';
import { clausesAsWritten, unitsKeptViolations, widthProperty } from './properties.js';
import { corpusInputs, readerLines, reportCount, seedInput, sourceOf, toFullWidth, toHalfWidth } from './support.js';

let cases = 0;
afterAll(() => reportCount('width', cases));

const seed = seedInput();

describe('punctuation width and odd spaces do not change the tasks', () => {
  it('the helpers convert what they should and leave numbers alone', () => {
    expect(toHalfWidth('比重达到1.8：1，（责任单位：市财政局；市建委）')).toBe('比重达到1.8：1,(责任单位:市财政局;市建委)');
    expect(toFullWidth('比重达到1.8:1,共1,000人(责任单位:市财政局;市建委)')).toBe('比重达到1.8:1，共1,000人（责任单位：市财政局；市建委）');
    expect(clausesAsWritten(seed.text)).toHaveLength(34);
  });

  it('the seed keeps all 34 clauses of units as written', () => {
    const n = parseSource(sourceOf(seed.name, readerLines(seed.text)), seed.dir);
    expect(unitsKeptViolations(seed.text, n)).toEqual([]);
  });

  it('the seed, 300 width and space variants', () => {
    cases += widthProperty(seed, { runs: 300, seed: 9704 }, parseSource, true);
  });

  it.each(corpusInputs().map((c, i) => [c.name, c, i] as const))('%s, 40 variants', (_n, input, i) => {
    cases += widthProperty(input, { runs: 40, seed: 77 + i });
  });

  it('synthetic notices of every shape, 20 variants each', () => {
    for (const [i, shape] of (['inline', 'labelled', 'own-line', 'division', 'mixed'] as const).entries()) {
      const s = syntheticNotice({ tasks: 24, units: 60, shape, seed: 40 + i });
      const input = { name: `synthetic-${shape}.txt`, text: s.text, dir: parseUnitDirectory(s.yaml, 'u.yaml') };
      cases += widthProperty(input, { runs: 20, seed: 500 + i });
    }
  });
});
