/**
 * The archive guard (src/util/zip-guard.ts) and the readers that use it: limits on entry count,
 * inflated size, total and compression ratio, enforced while inflating (headers may lie); a
 * 3 GB .xlsx bomb refused by `duban progress import` quickly and in little memory; XML entity
 * declarations ("billion laughs") never expanded, in a sheet or in a DOCX.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/model/errors.js';
import { openDatabase } from '../../src/store/index.js';
import { XlsxLimitError, readXlsx } from '../../src/progress/xlsx-read.js';
import { readDocx } from '../../src/read/docx.js';
import { OFFICE_ZIP_LIMITS, ZipLimitError, readZip, type ZipLimits } from '../../src/util/zip-guard.js';
import { deflated, workbookWith, writeZip, xlsxBomb, zeroBombDeflate } from '../helpers/zip-bomb.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const all = () => true;
const small: ZipLimits = { maxEntries: 5, maxEntryBytes: 1000, maxTotalBytes: 1500, maxRatio: 50, ratioFloorBytes: 200 };

describe('readZip', () => {
  it('reads what fflate wrote, byte for byte', () => {
    const files = { 'a.xml': strToU8('<a>一二三</a>'.repeat(100)), 'b/c.rels': strToU8('rels'), 'd.bin': new Uint8Array([1, 2, 3]) };
    const zip = zipSync({ ...files, 'd.bin': [files['d.bin'], { level: 0 }] });
    expect(readZip(zip, all)).toEqual(unzipSync(zip));
    expect(Object.keys(readZip(zip, (n) => n.endsWith('.xml')))).toEqual(['a.xml']);
  });

  it('refuses too many entries before inflating anything', () => {
    const zip = writeZip(Array.from({ length: 6 }, (_, i) => deflated(`f${i}.xml`, 'x')));
    expect(() => readZip(zip, all, small)).toThrow(/6 个文件，超过 5 个的上限/);
  });

  it('refuses an entry whose declared size passes the limit', () => {
    const zip = writeZip([deflated('big.xml', 'y'.repeat(1200))]);
    expect(() => readZip(zip, all, { ...small, maxRatio: 1e9 })).toThrow(ZipLimitError);
    expect(() => readZip(zip, all, { ...small, maxRatio: 1e9 })).toThrow(/单个文件/);
  });

  it('stops inflating at the limit when the headers lie about the size', () => {
    const entry = deflated('lie.xml', 'z'.repeat(5000));
    const zip = writeZip([{ ...entry, declaredSize: 10 }]);
    expect(() => readZip(zip, all, { ...small, maxRatio: 1e9 })).toThrow(/“lie\.xml”解压后超过单个文件 0 MB 的上限/);
  });

  it('refuses a total over the limit', () => {
    const zip = writeZip([deflated('a.xml', 'a'.repeat(900)), deflated('b.xml', 'b'.repeat(900))]);
    expect(() => readZip(zip, all, { ...small, maxRatio: 1e9 })).toThrow(/合计超过/);
  });

  it('refuses a compression ratio over the limit', () => {
    const zip = writeZip([deflated('r.xml', '0'.repeat(900))]);
    expect(() => readZip(zip, all, small)).toThrow(/压缩比超过 50 倍/);
  });

  it('a 3 GB bomb is refused after inflating a few megabytes', () => {
    const bomb = xlsxBomb();
    expect(bomb.length).toBeGreaterThan(2_500_000);
    expect(bomb.length).toBeLessThan(4_000_000);
    const t0 = performance.now();
    expect(() => readZip(bomb, all)).toThrow(/压缩比超过 200 倍/);
    expect(() => readXlsx(bomb)).toThrow(XlsxLimitError);
    expect(performance.now() - t0).toBeLessThan(1000);
    // Honest headers: refused from the directory alone.
    const honest = workbookWith({ name: 'xl/worksheets/sheet1.xml', data: zeroBombDeflate(200), method: 8, declaredSize: 200 * 1024 * 1024 });
    expect(() => readZip(honest, all)).toThrow(/超过单个文件 100 MB 的上限/);
  });

  it('the office limits let a large but ordinary sheet through', () => {
    const rows = Array.from({ length: 20000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>第${i}项任务进展情况</t></is></c></row>`);
    const zip = workbookWith(deflated('xl/worksheets/sheet1.xml', `<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`));
    expect(readXlsx(zip)[0]!.maxRow).toBe(20000);
    expect(OFFICE_ZIP_LIMITS.maxRatio).toBeGreaterThanOrEqual(100);
  });
});

describe('duban progress import with a zip bomb', () => {
  it('refuses a 3 MB .xlsx inflating to 3 GB in < 0.5 s and < 150 MB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-bomb-'));
    const file = join(dir, '炸弹单位-2014-Q1.xlsx');
    writeFileSync(file, xlsxBomb());
    openDatabase(join(dir, 'duban.db')).close();
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', './tests/progress/child/register.mjs', 'tests/progress/child/bomb-child.ts', JSON.stringify([file, join(dir, 'duban.db')])],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toBe('');
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as { code: number; ms: number; rssBefore: number; peak: number; out: string[] };
    expect(res.code).not.toBe(0);
    expect(res.out.join('\n')).toMatch(/压缩比超过 200 倍的上限/);
    expect(res.ms).toBeLessThan(500);
    expect(res.peak - res.rssBefore).toBeLessThan(150 * 1024 * 1024);
  }, 180_000);
});

describe('XML entities are never expanded', () => {
  const laughs =
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">' +
    '<!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';

  it('in a sheet', () => {
    const sheet = `<?xml version="1.0"?>${laughs}<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c><c r="B1" t="inlineStr"><is><t>任务&amp;</t></is></c></row></sheetData></worksheet>`;
    const t0 = performance.now();
    const [s] = readXlsx(workbookWith(deflated('xl/worksheets/sheet1.xml', sheet)));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(s!.rows.get(1)!.get(1)!.value).toBe('&lol9;');
    expect(s!.rows.get(1)!.get(2)!.value).toBe('任务&');
  });

  it('in a DOCX', async () => {
    const doc = `<?xml version="1.0"?>${laughs}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p><w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p></w:body></w:document>`;
    const zip = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(doc) });
    const lines = await readDocx('laughs.docx', zip);
    expect(lines).toEqual(['&lol9;', '一、总体要求']);
  });

  it('a DOCX bomb is refused with a limit error', async () => {
    const zip = writeZip([deflated('[Content_Types].xml', '<Types/>'), { name: 'word/document.xml', data: zeroBombDeflate(3072), method: 8, declaredSize: 5000 }]);
    const t0 = performance.now();
    const err = await readDocx('bomb.docx', zip).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DubanError);
    expect((err as DubanError).kind).toBe('limit');
    expect((err as DubanError).message).toMatch(/压缩比超过 200 倍/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
