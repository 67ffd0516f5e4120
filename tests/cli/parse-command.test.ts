import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { recordingIO } from '../../src/cli/io.js';

const root = join(import.meta.dirname, '../..');
const seed = join(root, 'seeds/ezhou-2014-4.txt');
const tmp = mkdtempSync(join(tmpdir(), 'duban-parse-cli-'));

async function parse(...args: string[]) {
  const io = recordingIO();
  const code = await run(['parse', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('duban parse', () => {
  it('prints a Chinese summary of the seed', async () => {
    const r = await parse(seed);
    expect(r.code).toBe(0);
    expect(r.out).toContain('鄂州政办发〔2014〕4号');
    expect(r.out).toContain('章节 9 个，任务 34 项');
    expect(r.out).toContain('实施方案：2014-01-31 前报送市政府政务督查室');
  });

  it('writes the JSON contract, with keywords only when asked', async () => {
    const file = join(tmp, 'seed.json');
    expect((await parse(seed, '--json', '-o', file)).code).toBe(0);
    const model = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(model)).toEqual(expect.arrayContaining(['meta', 'planDeadline', 'chapters', 'tasks', 'units', 'diagnostics']));
    expect(Object.keys(model.meta)).toEqual(expect.arrayContaining(['title', 'docNumber', 'issuer', 'publishDate', 'signDate', 'indexNo', 'recipients']));
    const t = model.tasks[0];
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['no', 'label', 'chapter', 'title', 'text', 'units', 'targets', 'deadlines', 'keywords']));
    expect(t.units[0]).toEqual({ raw: '市工商局', name: '市工商局', role: 'lead' });
    expect(t.keywords).toEqual([]);
    const withKeywords = await parse(seed, '--json', '--keywords');
    const k = JSON.parse(withKeywords.out);
    expect(k.tasks[0].keywords.length).toBeGreaterThan(2);
    expect(k.tasks.flatMap((x: { keywords: string[] }) => x.keywords)).not.toContain('');
  });

  it.each([
    ['an empty file', () => writeAndReturn('empty.txt', ''), /文件是空的/],
    ['a binary file', () => writeAndReturn('bin.dat', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))), /不是文本/],
    ['a file with no tasks', () => writeAndReturn('none.txt', '关于做好某项工作的通知\n各单位：\n请认真落实。\n'), /没有找到任何任务/],
    ['a truncated DOCX', () => writeAndReturn('cut.docx', readFileSync(join(root, 'tests/fixtures/seed-variants/ezhou-2014-4.docx')).subarray(0, 3000)), /DOCX/],
    ['a missing path', () => join(tmp, 'no-such-file.txt'), /不存在/],
    ['a directory', () => tmp, /文件夹/],
  ])('refuses %s with one Chinese line naming the file', async (_what, make, message) => {
    const file = make();
    const r = await parse(file);
    expect(r.code).toBeGreaterThan(0);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain(file);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at \w+ \(|Error:/);
  });

  it('--strict fails on warnings', async () => {
    const file = writeAndReturn('gap.txt', '1、甲工作。（责任单位：市财政局）\n3、乙工作。（责任单位：市财政局）\n');
    expect((await parse(file)).code).toBe(0);
    const r = await parse(file, '--strict');
    expect(r.code).toBe(4);
    expect(r.err).toContain('第1项之后是第3项');
  });
});

function writeAndReturn(name: string, data: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, data);
  return p;
}
