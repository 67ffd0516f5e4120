import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/model/errors.js';
import { decodeBytes, normaliseCharset } from '../../src/read/decode.js';
import { prescanCharset } from '../../src/read/sniff.js';
import { ROOT, SEED } from './helpers.js';

const seed = readFileSync(SEED, 'utf8');
const trad = readFileSync(join(ROOT, 'tests/fixtures/corpus/03-guangzhou-2007-trad.txt'), 'utf8');
const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

function decodeError(bytes: Uint8Array): DubanError {
  try {
    decodeBytes(bytes, 'x.txt');
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('decoded');
}

describe('decodeBytes', () => {
  it('takes valid UTF-8 as UTF-8, with or without a BOM', () => {
    expect(decodeBytes(Buffer.from(seed), 'f')).toEqual({ text: seed, encoding: 'UTF-8' });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)]), 'f')).toEqual({ text: seed, encoding: 'UTF-8' });
  });

  it('recognises UTF-16 without a BOM by its NUL bytes', () => {
    expect(decodeBytes(utf16le(seed), 'f')).toEqual({ text: seed, encoding: 'UTF-16LE' });
    expect(decodeBytes(utf16be(seed), 'f')).toEqual({ text: seed, encoding: 'UTF-16BE' });
  });

  it('recognises UTF-16 Chinese with no ASCII at all (no NULs to go by)', () => {
    const pure = seed.replace(/[\x00-\x7f\u00a0]/g, '').slice(0, 400);
    expect(decodeBytes(utf16le(pure), 'f')).toEqual({ text: pure, encoding: 'UTF-16LE' });
    expect(decodeBytes(utf16be(pure), 'f')).toEqual({ text: pure, encoding: 'UTF-16BE' });
  });

  it('keeps UTF-8 with a few broken bytes as UTF-8', () => {
    const bytes = Buffer.from(seed);
    const cut = bytes.subarray(0, bytes.length - 2); // the last character loses a byte
    const d = decodeBytes(cut, 'f');
    expect(d.encoding).toBe('UTF-8');
    expect(d.text).toBe(seed.slice(0, -1)); // the cut character is dropped, not replaced
    const stray = Buffer.concat([bytes.subarray(0, 3000), Buffer.from([0xff]), bytes.subarray(3000)]);
    expect(decodeBytes(stray, 'f').encoding).toBe('UTF-8');
  });

  it('detects GB18030 (GBK) and Big5', () => {
    const plain = seed.replace(/\u00a0/g, ' '); // GBK has no NBSP
    expect(decodeBytes(iconv.encode(plain, 'gbk'), 'f')).toEqual({ text: plain, encoding: 'GB18030' });
    const big5 = iconv.encode(trad, 'big5');
    expect(iconv.decode(big5, 'big5')).toBe(trad);
    expect(decodeBytes(big5, 'f')).toEqual({ text: trad, encoding: 'Big5' });
  });

  it('detects a short GBK line', () => {
    const line = '（责任单位：市监察局、审计局、法制办）';
    expect(decodeBytes(iconv.encode(line, 'gbk'), 'f')).toEqual({ text: line, encoding: 'GB18030' });
  });

  it('honours a declared charset, but not over valid UTF-8', () => {
    const gbk = iconv.encode(trad.slice(0, 60), 'gbk');
    expect(decodeBytes(gbk, 'f', 'gb2312').encoding).toBe('GB18030');
    expect(decodeBytes(Buffer.from(seed), 'f', 'gb2312').encoding).toBe('UTF-8');
  });

  it('refuses binary data as not a text file', () => {
    const bin = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256));
    const e = decodeError(bin);
    expect(e.kind).toBe('input');
    expect(e.message).toBe('不是文本、网页或 DOCX 文件');
    expect(e.place.file).toBe('x.txt');
  });

  it('refuses bytes no encoding makes sense of', () => {
    const e = decodeError(Buffer.concat([Buffer.from('abc '), Buffer.alloc(101, 0x80)]));
    expect(e.kind).toBe('content');
    expect(e.message).toBe('无法识别文件编码（已尝试 UTF-8、GB18030、UTF-16）');
    const latin1 = decodeError(Buffer.from('Café crème brûlée, déjà vu à la française. Ça va très bien.', 'latin1'));
    expect(latin1.kind).toBe('content');
  });
});

describe('charset labels', () => {
  it('maps the labels Chinese pages use', () => {
    expect(normaliseCharset('GB2312')).toBe('GB18030');
    expect(normaliseCharset('gbk')).toBe('GB18030');
    expect(normaliseCharset('"utf-8"')).toBe('UTF-8');
    expect(normaliseCharset('big5')).toBe('Big5');
    expect(normaliseCharset('iso-8859-1')).toBeNull();
  });

  it('prescans <meta charset> and http-equiv', () => {
    expect(prescanCharset(Buffer.from('<html><head><meta charset="gb2312"><title>x</title>'))).toBe('gb2312');
    expect(prescanCharset(Buffer.from('<HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=GBK">'))).toBe('GBK');
    expect(prescanCharset(Buffer.from('<html><head><title>无</title></head>'))).toBeNull();
  });
});
