/** Template parts of Office packages deflated once and then read from duban's cache, byte for byte. */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { cachePath, cacheRoot } from '../../src/util/cache.js';
import { cachedPartEntry, forgetPartsRead, isTemplatePart, type PartStore } from '../../src/util/part-cache.js';
import { zipEntry } from '../../src/util/zip-write.js';

/** A folder of this run's own, so that the real one is neither read nor pruned. */
const store: PartStore = { kind: `parts-test-${process.pid}`, max: 5 };
const folder = (): string => cachePath(store.kind, '')!;
const part = (n: number): Uint8Array => strToU8(`<w:styles run="${process.pid}-${Date.now()}">${'<w:style/>'.repeat(200 + n)}</w:styles>`);

afterAll(() => {
  if (cacheRoot()) rmSync(folder(), { recursive: true, force: true });
});

describe('isTemplatePart', () => {
  it('tells the parts every package of a template shares from the document’s own', () => {
    for (const p of ['word/styles.xml', 'word/theme/theme1.xml', 'word/footer1.xml', '[Content_Types].xml', 'xl/styles.xml']) expect(isTemplatePart(p)).toBe(true);
    for (const p of ['word/document.xml', 'docProps/core.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) expect(isTemplatePart(p)).toBe(false);
  });
});

describe.skipIf(!cacheRoot())('cachedPartEntry', () => {
  it('deflates a template part once and then gives the same entry from the cache', () => {
    const data = part(0);
    const fresh = zipEntry('word/styles.xml', data, 6);
    const first = cachedPartEntry('word/styles.xml', data, 6, store);
    expect(readdirSync(folder())).toHaveLength(1);
    forgetPartsRead();
    const again = cachedPartEntry('word/styles.xml', data, 6, store);
    for (const e of [first, again]) {
      expect(Buffer.from(e.data).equals(Buffer.from(fresh.data))).toBe(true);
      expect([e.crc >>> 0, e.size, e.method, e.utf8]).toEqual([fresh.crc >>> 0, fresh.size, 8, false]);
      expect(Buffer.from(e.name).toString()).toBe('word/styles.xml');
    }
  });

  it('reads an entry from disk once per process', () => {
    const data = part(5);
    const first = cachedPartEntry('word/settings.xml', data, 6, store);
    rmSync(folder(), { recursive: true, force: true });
    // Neither read nor written again: the second package of a batch takes what the first read.
    expect(cachedPartEntry('word/settings.xml', data, 6, store)).toBe(first);
    expect(existsSync(folder())).toBe(false);
  });

  it('keeps nothing of the document’s own parts, nor of stored ones', () => {
    const before = existsSync(folder()) ? readdirSync(folder()).length : 0;
    cachedPartEntry('word/document.xml', part(1), 6, store);
    cachedPartEntry('docProps/core.xml', part(2), 6, store);
    cachedPartEntry('word/styles.xml', part(3), 0, store);
    expect(existsSync(folder()) ? readdirSync(folder()).length : 0).toBe(before);
  });

  it('deflates again over a damaged entry', () => {
    const data = part(4);
    cachedPartEntry('word/numbering.xml', data, 6, store);
    const [name] = readdirSync(folder()).filter((n) => !n.startsWith('.'));
    for (const n of readdirSync(folder())) writeFileSync(`${folder()}/${n}`, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(name).toBeDefined();
    forgetPartsRead();
    const fresh = zipEntry('word/numbering.xml', data, 6);
    expect(Buffer.from(cachedPartEntry('word/numbering.xml', data, 6, store).data).equals(Buffer.from(fresh.data))).toBe(true);
  });

  it('keeps the folder to its limit', () => {
    rmSync(folder(), { recursive: true, force: true });
    const datas = Array.from({ length: store.max + 3 }, (_, i) => part(10 + i));
    datas.forEach((d, i) => {
      cachedPartEntry(`word/footer${i}.xml`, d, 6, store);
    });
    expect(readdirSync(folder())).toHaveLength(store.max);
  });
});
