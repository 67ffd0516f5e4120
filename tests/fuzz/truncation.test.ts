/**
 * Files cut short (an interrupted download, a copy that ran out of space): every tenth byte of
 * each corpus file and a sample of cut points of the seed, written to disk and read through
 * readSource, then parsed. The reader may refuse (a DubanError); nothing else may be thrown, and
 * what parses keeps the model's invariants, in time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { emptyUnitDirectory } from '../../src/units/index.js';
import { prng } from '../helpers/synthetic.js';
import { TempFiles, truncationProperty } from './properties.js';
import { ROOT, corpusInputs, reportCount, seedInput } from './support.js';

const files = new TempFiles();
let cases = 0;
afterAll(() => {
  files.remove();
  reportCount('truncation', cases);
});

const SEED_CUTS = 300;

describe('truncated files read and parse, or are refused with a DubanError', () => {
  it.each(corpusInputs().map((c) => [c.name] as const))('%s cut at every tenth byte', async (name) => {
    const bytes = readFileSync(join(ROOT, 'tests/fixtures/corpus', name));
    const cuts = Array.from({ length: Math.floor(bytes.length / 10) }, (_, i) => (i + 1) * 10);
    cases += await truncationProperty(name, bytes, emptyUnitDirectory(), cuts, files);
  });

  it(`the seed cut at ${SEED_CUTS} sampled points`, async () => {
    const seed = seedInput();
    const bytes = readFileSync(join(ROOT, 'seeds/ezhou-2014-4.txt'));
    const r = prng(24612);
    const cuts = [...new Set(Array.from({ length: SEED_CUTS }, () => 1 + Math.floor(r() * (bytes.length - 1))))].sort((a, b) => a - b);
    cases += await truncationProperty(seed.name, bytes, seed.dir, cuts, files);
  });
});
