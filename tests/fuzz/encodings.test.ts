/**
 * Encodings: the seed, every corpus notice and a synthetic notice, lightly mutated, encoded as
 * GB18030 or UTF-16 (LE/BE, with and without BOM; a traditional notice also as Big5) and written
 * to disk, read back through
 * readSource to the same lines as the UTF-8 file and parsed to the same tasks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseUnitDirectory } from '../../src/units/index.js';
import { syntheticNotice } from '../helpers/synthetic.js';
import { TempFiles, encodingProperty } from './properties.js';
import { corpusInputs, reportCount, seedInput, type Input } from './support.js';

const files = new TempFiles();
let cases = 0;
afterAll(() => {
  files.remove();
  reportCount('encodings', cases);
});

const synthetic = syntheticNotice({ tasks: 30, units: 80, shape: 'mixed', seed: 5 });
const inputs: [string, Input, number][] = [
  [seedInput().name, seedInput(), 120],
  ...corpusInputs().map((c): [string, Input, number] => [c.name, c, 50]),
  ['synthetic (mixed shapes)', { name: 'synthetic.txt', text: synthetic.text, dir: parseUnitDirectory(synthetic.yaml, 'u.yaml') }, 50],
];

describe('GB18030 and UTF-16 files read and parse as their UTF-8 twin', () => {
  it('iconv-lite round-trips the inputs (the test itself is sound)', () => {
    for (const [, input] of inputs) {
      for (const enc of ['gb18030', 'utf16le', 'utf16be']) {
        if (iconv.decode(iconv.encode(input.text, enc), enc) !== input.text) throw new Error(`${input.name} does not round-trip in ${enc}`);
      }
    }
  });

  it.each(inputs)('%s', async (_name, input, runs) => {
    cases += await encodingProperty(input, { runs, seed: 18030 + runs }, files);
  });

  it('a traditional notice as Big5 too', async () => {
    const trad = inputs.find(([name]) => name.startsWith('03-'))![1];
    expect(iconv.decode(iconv.encode(trad.text, 'big5'), 'big5')).toBe(trad.text);
    cases += await encodingProperty(trad, { runs: 40, seed: 950 }, files, undefined, undefined, ['big5', 'gb18030']);
  });
});
