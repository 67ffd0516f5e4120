/**
 * Random mutations of the seed and of every corpus notice: deleted, duplicated and swapped
 * lines, swapped punctuation widths, control characters and odd spaces, structure-like
 * fragments, cut and repeated runs. Whatever comes in, the parser either returns a Notice that
 * keeps the model's invariants or throws a DubanError, and does so within the time bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSource } from '../../src/parse/notice.js';
import {
  applyMutations,
  corpusInputs,
  mutationArb,
  outcomeViolations,
  readerLines,
  reportCount,
  seedInput,
  sourceOf,
  timedParse,
  type Input,
} from './support.js';

const SEED_RUNS = 1200;
const CORPUS_RUNS = 450;
let cases = 0;

const seed = seedInput();
const corpus = corpusInputs();

beforeAll(() => {
  // Let the JIT settle so the time bound measures the parser, not the first compile.
  for (const i of [seed, ...corpus]) for (let k = 0; k < 5; k++) parseSource(sourceOf(i.name, readerLines(i.text)), i.dir);
});
afterAll(() => reportCount('mutations', cases));

function mutationProperty(input: Input, runs: number, seedNo: number): void {
  const raw = input.text.split(/\r?\n/);
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (ms, cleaned) => {
      cases++;
      const lines = applyMutations(cleaned ? readerLines(input.text) : raw, ms);
      const outcome = timedParse(sourceOf(input.name, lines), input.dir);
      const violations = outcomeViolations(outcome, lines.length);
      if (violations.length) throw new Error(violations.slice(0, 5).join('\n'));
    }),
    { numRuns: runs, seed: seedNo, endOnFailure: true },
  );
}

describe('mutated notices keep the model invariants, or fail with a DubanError, in time', () => {
  it(`the seed, ${SEED_RUNS} mutants`, () => {
    mutationProperty(seed, SEED_RUNS, 20140128);
  });

  it.each(corpus.map((c, i) => [c.name, c, i] as const))(`%s, ${CORPUS_RUNS} mutants`, (_name, input, i) => {
    mutationProperty(input, CORPUS_RUNS, 1000 + i);
  });

  it('an unmutated input satisfies the same properties (the harness itself reads them right)', () => {
    for (const i of [seed, ...corpus]) {
      const lines = readerLines(i.text);
      const o = timedParse(sourceOf(i.name, lines), i.dir);
      expect(outcomeViolations(o, lines.length)).toEqual([]);
      expect(o.kind).toBe('ok');
    }
  });
});
