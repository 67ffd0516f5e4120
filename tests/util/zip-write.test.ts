/** The zip writer for entries compressed beforehand lays them out exactly as fflate's zipSync. */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipArchive, zipEntry } from '../../src/util/zip-write.js';

describe('zipArchive', () => {
  it('writes the bytes zipSync writes, stored and deflated, ASCII and UTF-8 names', () => {
    const mtime = new Date(2014, 0, 13, 12, 0, 0);
    const files: [string, Uint8Array, 0 | 6][] = [
      ['[Content_Types].xml', strToU8('<Types/>'.repeat(40)), 6],
      ['word/document.xml', strToU8('<w:p>正文，正文。</w:p>'.repeat(200)), 6],
      ['word/media/image1.png', new Uint8Array(300).map((_, i) => (i * 37) % 256), 0],
      ['附件/说明.txt', strToU8('中文文件名'), 6],
      ['empty.xml', new Uint8Array(0), 6],
    ];
    const zippable: Zippable = {};
    for (const [path, data, level] of files) zippable[path] = [data, { mtime, level }];
    const ours = zipArchive(
      files.map(([path, data, level]) => zipEntry(path, data, level)),
      mtime,
    );
    expect(Buffer.compare(Buffer.from(ours), Buffer.from(zipSync(zippable)))).toBe(0);
  });
});
