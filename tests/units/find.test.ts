import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledDirectoryFolder, findDirectoryForNotice, loadUnitDirectory } from '../../src/units/index.js';

const work = mkdtempSync(join(tmpdir(), 'duban-find-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

writeFileSync(join(work, 'a-wuhan.yaml'), 'city: 武汉\nprefix: 市\nunits: []\n');
writeFileSync(join(work, 'b-hubei.yml'), 'city: 湖北\nprefix: 省\ndocNumberPrefixes: [鄂政办发]\nunits: []\n');
writeFileSync(join(work, 'c-broken.yaml'), 'city: [鄂州\n');
writeFileSync(join(work, 'd-notes.txt'), 'city: 鄂州\n');

const seedHints = ['市人民政府办公室关于印发《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》的通知', '鄂州政办发〔2014〕4号', '鄂州市政府'];

describe('findDirectoryForNotice', () => {
  it('picks the shipped Ezhou directory for the seed notice', () => {
    const found = findDirectoryForNotice(seedHints, [work, bundledDirectoryFolder()]);
    expect(found).toBe(join(bundledDirectoryFolder(), 'ezhou-units.yaml'));
    expect(loadUnitDirectory(found!).city).toBe('鄂州');
  });

  it('prefers a 文号 prefix over a city name', () => {
    // 鄂政办发 is Hubei's; the text also mentions 武汉.
    expect(findDirectoryForNotice(['武汉市交通建设', '鄂政办发〔2020〕1号'], [work])).toBe(join(work, 'b-hubei.yml'));
    expect(findDirectoryForNotice(['武汉市人民政府'], [work])).toBe(join(work, 'a-wuhan.yaml'));
  });

  it('matches across widths and spaces, accepts files as well as folders', () => {
    expect(findDirectoryForNotice(['武 汉 市'], [join(work, 'a-wuhan.yaml')])).toBe(join(work, 'a-wuhan.yaml'));
  });

  it('returns null when nothing matches, skipping broken and non-YAML files', () => {
    expect(findDirectoryForNotice(['广州市人民政府'], [work])).toBeNull();
    expect(findDirectoryForNotice(['鄂州'], [work])).toBeNull();
    expect(findDirectoryForNotice([], [work, bundledDirectoryFolder()])).toBeNull();
    expect(findDirectoryForNotice(seedHints, [join(work, 'missing')])).toBeNull();
  });
});
