import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractKeywords, getSegmenter, isKeyword, segmenterStats, type Segmenter } from '../../src/nlp/index.js';
import { loadUnitDirectory, unitDictionaryWords } from '../../src/units/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = loadUnitDirectory(`${root}seeds/ezhou-units.yaml`);
const seed = readFileSync(`${root}seeds/ezhou-2014-4.txt`, 'utf8');
/** Task texts of the seed, unit clause cut off, keyed by number. */
const tasks = new Map(
  [...seed.matchAll(/(\d+)、([^\n]*?)[（(]责任单位/g)].map((m) => [Number(m[1]), m[2]!] as const),
);

let seg: Segmenter;
beforeAll(() => {
  seg = getSegmenter(unitDictionaryWords(dir));
});

describe('getSegmenter', () => {
  it('keeps unit names whole', () => {
    const words = seg.cut('总结借鉴葛店开发区拆迁工作，由市交通运输局和鄂州市交通运输局负责，梁子湖区政府配合。');
    expect(words).toContain('葛店开发区');
    expect(words.filter((w) => w === '市交通运输局')).toHaveLength(1);
    expect(words).toContain('鄂州市交通运输局');
    expect(words).toContain('梁子湖区政府');
  });

  it('writes the user dictionary to a temp file named by its content', () => {
    const stats = segmenterStats();
    expect(stats.userDictFile).not.toBeNull();
    expect(stats.userDictFile!.startsWith(tmpdir())).toBe(true);
    expect(basename(stats.userDictFile!)).toMatch(/^duban-userdict-[0-9a-f]{16}\.utf8$/);
    const lines = readFileSync(stats.userDictFile!, 'utf8').trimEnd().split('\n');
    expect(lines).toContain('市交通运输局 n');
    expect(lines).toEqual([...lines].sort());
  });

  it('adds words with insertWord on later calls instead of reloading', () => {
    const text = '支持梁子湖生态示范区建设';
    expect(seg.cut(text)).not.toContain('梁子湖生态示范区');
    const again = getSegmenter(['梁子湖生态示范区']);
    expect(again).toBe(seg);
    expect(seg.cut(text)).toContain('梁子湖生态示范区');
    expect(segmenterStats().wordCount).toBe(unitDictionaryWords(dir).length + 1);
  });
});

describe('extractKeywords', () => {
  it('finds the seed has 34 task texts', () => {
    expect(tasks.size).toBe(34);
  });

  it('returns the task’s own content words, at most topN', () => {
    const k11 = extractKeywords(tasks.get(11)!);
    expect(k11).toHaveLength(8);
    expect(k11).toContain('电商');
    const k34 = extractKeywords(tasks.get(34)!, 3);
    expect(k34).toEqual(['反腐倡廉', '厉行节约', '腐败体系']);
    expect(extractKeywords(tasks.get(7)!)).toContain('葛店开发区'); // a unit name stays one keyword
  });

  it('drops stop words, single characters, numbers and punctuation', () => {
    for (const text of tasks.values()) {
      for (const w of extractKeywords(text, 12)) {
        expect([...w].length, w).toBeGreaterThan(1);
        expect(w).not.toMatch(/[0-9%。，、；：“”]/);
        expect(['推进', '加强', '建设', '加快', '力争', '全市', '工作', '的']).not.toContain(w);
      }
    }
    expect(isKeyword('三年')).toBe(false);
    expect(isKeyword('40家')).toBe(false);
    expect(isKeyword('“')).toBe(false);
    expect(isKeyword('LNG')).toBe(true);
    expect(extractKeywords('')).toEqual([]);
    expect(extractKeywords('推进，加强。2014年', 5)).toEqual([]);
  });

  it('is deterministic', () => {
    const all = () => [...tasks.values()].map((t) => extractKeywords(t));
    expect(all()).toEqual(all());
    const weights = seg.extract(tasks.get(20)!, 30);
    for (let i = 1; i < weights.length; i++) {
      const [a, b] = [weights[i - 1]!, weights[i]!];
      expect(a.weight > b.weight || (a.weight === b.weight && a.word < b.word)).toBe(true);
    }
  });
});
