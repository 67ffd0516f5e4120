import { chmodSync, mkdirSync, openSync, closeSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { fsError } from '../../src/read/file.js';
import { MAX_SOURCE_BYTES, readSource } from '../../src/read/index.js';
import { expectDubanError, tempDir, variant } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.done);
const at = (name: string, data?: Uint8Array | string): string => {
  const p = join(tmp.dir, name);
  if (data !== undefined) writeFileSync(p, data);
  return p;
};

describe('bad inputs are DubanErrors naming the file', () => {
  it('a missing path', async () => {
    const p = at('没有这个文件.txt');
    await expectDubanError(readSource(p), 'input', p, /^文件不存在$/);
    const under = join(p, 'x.txt'); // a path through a file: ENOTDIR
    await expectDubanError(readSource(under), 'input', under, /^文件不存在$/);
  });

  it('a directory', async () => {
    const d = join(tmp.dir, '通知目录.txt');
    mkdirSync(d);
    await expectDubanError(readSource(d), 'input', d, /^这是一个文件夹，不是文件$/);
  });

  it('an empty file, and one with only blank lines', async () => {
    const p = at('empty.txt', '');
    await expectDubanError(readSource(p), 'content', p, /^文件是空的$/);
    const blank = at('blank.txt', ' \r\n\u3000\n\t\n');
    await expectDubanError(readSource(blank), 'content', blank, /没有文字/);
  });

  it('binary garbage', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 2654435761) % 251));
    const p = at('garbage.txt', bytes);
    await expectDubanError(readSource(p), 'input', p, /^不是文本、网页或 DOCX 文件$/);
  });

  it('known binary formats, with a hint', async () => {
    const pdf = at('通知.pdf', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n');
    await expectDubanError(readSource(pdf), 'input', pdf, /^不是文本、网页或 DOCX 文件（PDF/);
    const doc = at('通知.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expectDubanError(readSource(doc), 'input', doc, /另存为 \.docx/);
  });

  it('a file over the size limit', async () => {
    expect(MAX_SOURCE_BYTES).toBe(20 * 1024 * 1024);
    const p = at('huge.txt');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, MAX_SOURCE_BYTES + 1); // sparse: costs no disk
    closeSync(fd);
    const e = await expectDubanError(readSource(p), 'limit', p, /^文件超过 20 MB 上限$/);
    expect(e.exitCode).toBe(6);
  });

  it('bytes the decoder cannot make sense of', async () => {
    const p = at('latin1.txt', Buffer.from('Café crème brûlée, déjà vu à la française. Ça va très bien.', 'latin1'));
    await expectDubanError(readSource(p), 'content', p, /^无法识别文件编码（已尝试 UTF-8、GB18030、UTF-16）$/);
  });

  it('a truncated DOCX', async () => {
    const whole = readFileSync(variant('ezhou-2014-4.docx'));
    const p = at('cut.docx', whole.subarray(0, Math.floor(whole.length / 2)));
    await expectDubanError(readSource(p), 'input', p, /^不是有效的 DOCX 文件（可能已损坏或不完整）$/);
  });

  it('a zip without word/document.xml (an .xlsx, say)', async () => {
    const p = at('表格.docx', zipSync({ 'xl/workbook.xml': new TextEncoder().encode('<workbook/>') }));
    await expectDubanError(readSource(p), 'input', p, /^不是有效的 DOCX 文件/);
  });

  it('a DOCX whose document.xml is not XML', async () => {
    const p = at('broken.docx', zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document><w:body><w:p <<<') }));
    await expectDubanError(readSource(p), 'input', p, /^不是有效的 DOCX 文件/);
  });

  it('permission errors', async () => {
    expect(fsError(Object.assign(new Error('x'), { code: 'EACCES' }), 'a.txt').message).toBe('没有读取这个文件的权限');
    expect(fsError(Object.assign(new Error('x'), { code: 'EPERM' }), 'a.txt').kind).toBe('input');
    expect(fsError(new Error('odd'), 'a.txt').toLine()).toBe('a.txt：无法读取文件');
    // Root reads anything, so the real check only runs for ordinary users.
    if (process.getuid?.() !== 0) {
      const p = at('locked.txt', '通知');
      chmodSync(p, 0o000);
      await expectDubanError(readSource(p), 'input', p, /权限/);
    }
  });
});
