import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Node's CommonJS registry: nodejieba (a CommonJS native addon) appears here once required.
const cjsCache = createRequire(import.meta.url).cache;
const jiebaLoaded = () => Object.keys(cjsCache).some((k) => /[\\/]nodejieba[\\/]/.test(k));
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('nodejieba is loaded lazily', () => {
  it('is not loaded by importing src/units or src/nlp', async () => {
    expect(jiebaLoaded()).toBe(false);
    const units = await import('../../src/units/index.js');
    const dir = units.loadUnitDirectory(`${root}seeds/ezhou-units.yaml`);
    units.resolveUnitList(['市工商局', '法制办'], dir);
    units.unitDictionaryWords(dir);
    const nlp = await import('../../src/nlp/index.js');
    expect(nlp.isSegmenterLoaded()).toBe(false);
    expect(jiebaLoaded()).toBe(false);
  });

  it('is not imported anywhere under src/units', () => {
    const folder = `${root}src/units/`;
    for (const f of readdirSync(folder)) {
      const src = readFileSync(folder + f, 'utf8');
      expect(src, f).not.toMatch(/['"](nodejieba|\.\.\/nlp\/[^'"]*)['"]/);
    }
  });

  it('loads once, on the first getSegmenter call, in about a second', async () => {
    const units = await import('../../src/units/index.js');
    const nlp = await import('../../src/nlp/index.js');
    const words = units.unitDictionaryWords(units.loadUnitDirectory(`${root}seeds/ezhou-units.yaml`));
    const started = performance.now();
    const seg = nlp.getSegmenter(words);
    const firstMs = performance.now() - started;
    expect(jiebaLoaded()).toBe(true); // the check above can see a load
    expect(nlp.isSegmenterLoaded()).toBe(true);
    const againStarted = performance.now();
    expect(nlp.getSegmenter(words)).toBe(seg);
    const againMs = performance.now() - againStarted;
    const stats = nlp.segmenterStats();
    console.log(
      `nodejieba: first getSegmenter ${firstMs.toFixed(0)} ms (load ${stats.loadMs} ms, ${words.length} user words), second ${againMs.toFixed(2)} ms`,
    );
    expect(firstMs).toBeLessThan(5000);
    expect(againMs).toBeLessThan(50);
  });
});
