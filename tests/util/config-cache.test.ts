import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedConfig, yamlDataCached } from '../../src/util/config-cache.js';
import { cacheRoot } from '../../src/util/cache.js';
import { readOfficeSettings } from '../../src/office/cached.js';
import { loadOfficeSettings } from '../../src/office/settings.js';
import { readStatusRules } from '../../src/progress/rules-cached.js';
import { loadStatusRules } from '../../src/progress/rules-load.js';
import { readRules } from '../../src/evaluate/rules-cached.js';
import { loadRules } from '../../src/evaluate/rules-load.js';
import { DubanError } from '../../src/model/errors.js';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'duban-config-cache-'));
/** A copy with a comment of its own, so that its cache entry is new to this run. */
function freshCopy(name: string): string {
  const file = join(tmp, `${process.pid}-${Date.now()}-${name}`);
  writeFileSync(file, `${readFileSync(join(root, 'seeds', name), 'utf8')}\n# ${file}\n`);
  return file;
}

describe('cachedConfig', () => {
  it.skipIf(!cacheRoot())('validates a file once, then gives the same data from the cache until its bytes change', async () => {
    const file = join(tmp, `c-${process.pid}-${Date.now()}.txt`);
    writeFileSync(file, 'one');
    let calls = 0;
    const load = (p: string) => ({ text: readFileSync(p, 'utf8'), n: ++calls });
    expect(await cachedConfig('test', 't-1', file, load)).toEqual({ text: 'one', n: 1 });
    expect(await cachedConfig('test', 't-1', file, load)).toEqual({ text: 'one', n: 1 });
    expect(calls).toBe(1);
    // Another format tag never reads the old entry.
    expect(await cachedConfig('test', 't-2', file, load)).toEqual({ text: 'one', n: 2 });
    writeFileSync(file, 'two');
    expect(await cachedConfig('test', 't-1', file, load)).toEqual({ text: 'two', n: 3 });
  });

  it('lets the loader refuse a file it cannot read, in its own words', async () => {
    const err = await cachedConfig('test', 't-1', join(tmp, 'missing.yaml'), () => {
      throw new DubanError('config', '找不到设置文件');
    }).catch((e: unknown) => e);
    expect((err as DubanError).message).toBe('找不到设置文件');
  });

  it('parses plain YAML once per text', () => {
    const text = `area:\n  name: 测试${process.pid}${Date.now()}\n`;
    expect(yamlDataCached('test-yaml', text)).toEqual({ area: { name: expect.stringMatching(/^测试/) } });
    expect(yamlDataCached('test-yaml', text)).toEqual(yamlDataCached('test-yaml', text));
    expect(() => yamlDataCached('test-yaml', `${text}: : [\n`)).toThrow();
  });
});

describe('settings read through the cache', () => {
  it('are what the validating loaders give, first and second time', async () => {
    const office = freshCopy('ezhou-office.yaml');
    expect(await readOfficeSettings(office)).toEqual(loadOfficeSettings(office));
    expect(await readOfficeSettings(office)).toEqual(loadOfficeSettings(office));
    const status = freshCopy('status-rules.yaml');
    expect(await readStatusRules(status)).toEqual(loadStatusRules(status));
    expect(await readStatusRules(status)).toEqual(loadStatusRules(status));
    const rules = freshCopy('evaluation-rules.yaml');
    expect(await readRules(rules)).toEqual(loadRules(rules));
    expect(await readRules(rules)).toEqual(loadRules(rules));
  });

  it('refuse an edited file with the key and line, though its first version was cached', async () => {
    const office = freshCopy('ezhou-office.yaml');
    await readOfficeSettings(office);
    writeFileSync(office, readFileSync(office, 'utf8').replace(/level: "市"/, 'level: "乡"'));
    const err = await readOfficeSettings(office).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DubanError);
    expect((err as DubanError).message).toMatch(/area\.level（层级）只能是 省、市、县、区/);
    expect((err as DubanError).place.line).toBeGreaterThan(0);
  });
});
