/**
 * Random mutations of the seed and of every corpus notice: deleted, duplicated and swapped
 * lines, swapped punctuation widths, control characters and odd spaces, structure-like
 * fragments, cut and repeated runs; half of them as the txt reader would clean them, half raw.
 * Whatever comes in, the parser returns a Notice that keeps the model's invariants or throws a
 * DubanError, within the time bound (support.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/notice.js';
import { mutantsProperty } from './properties.js';
import { corpusInputs, outcomeViolations, readerLines, reportCount, seedInput, sourceOf, timedParse } from './support.js';

const SEED_RUNS = 1200;
const CORPUS_RUNS = 550;
let cases = 0;

const seed = seedInput();
const corpus = corpusInputs();

beforeAll(() => {
  // Let the JIT settle so the time bound measures the parser, not the first compile.
  for (const i of [seed, ...corpus]) for (let k = 0; k < 5; k++) parseSource(sourceOf(i.name, readerLines(i.text)), i.dir);
});
afterAll(() => reportCount('mutations', cases));

describe('mutated notices keep the model invariants, or fail with a DubanError, in time', () => {
  it('the unmutated inputs satisfy the properties (the harness reads them right)', () => {
    for (const i of [seed, ...corpus]) {
      const lines = readerLines(i.text);
      const o = timedParse(sourceOf(i.name, lines), i.dir);
      expect(o.kind).toBe('ok');
      expect(outcomeViolations(o, lines.length)).toEqual([]);
    }
  });

  it(`the seed, ${SEED_RUNS} mutants`, () => {
    cases += mutantsProperty(seed, { runs: SEED_RUNS, seed: 20140128 });
  });

  it.each(corpus.map((c, i) => [c.name, c, i] as const))(`%s, ${CORPUS_RUNS} mutants`, (_name, input, i) => {
    cases += mutantsProperty(input, { runs: CORPUS_RUNS, seed: 1000 + i });
  });
});
