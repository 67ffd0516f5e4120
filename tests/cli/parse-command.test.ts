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
    ['a file with no numbered items', () => writeAndReturn('none.txt', '关于做好某项工作的通知\n各单位：\n请认真落实。\n'), /没有找到任何编号条目/],
    [
      'a report whose numbered items assign no work',
      () => writeAndReturn('report.txt', '2023年全市经济运行情况\n一、工业生产平稳增长。全年规模以上工业增加值增长6%。\n二、消费市场持续恢复。社会消费品零售总额增长8%。\n三、投资结构不断优化。\n'),
      /不像任务分解通知/,
    ],
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

  it('a notice with gaps: every task comes out, one diagnostic per gap, exit code 8', async () => {
    const text = '某市2024年重点工作任务分解\n1.推进甲项工作。（牵头单位：市财政局）\n2.推进乙项工作。\n3.推进丙项工作。牵头单位：市发改委；配合单位：市统计局\n4.推进丁项工作。\n';
    const file = writeAndReturn('gaps.txt', text);
    const json = await parse(file, '--json');
    expect(json.code).toBe(8);
    const model = JSON.parse(json.out);
    expect(model.tasks.map((t: { label: string; units: unknown[] }) => `${t.label}:${t.units.length}`)).toEqual(['1:1', '2:0', '3:2', '4:0']);
    expect(model.diagnostics.filter((d: { code: string }) => d.code === 'task.no-units').map((d: { line: number }) => d.line)).toEqual([3, 5]);
    const summary = await parse(file);
    expect(summary.code).toBe(8);
    expect(summary.out).toContain('审核要点：没有责任单位的任务 2 项');
    expect(summary.err).toContain('退出码 8');
  });

  it('a notice in which no clause is recognised still lists its tasks, with gaps', async () => {
    const file = writeAndReturn('noclause.txt', '关于印发重点工作任务分解的通知\n一、稳增长\n1.地区生产总值增长6%。\n2.固定资产投资增长8%。\n二、惠民生\n3.新增城镇就业2万人。\n');
    const r = await parse(file, '--json');
    expect(r.code).toBe(8);
    const model = JSON.parse(r.out);
    expect(model.tasks.map((t: { label: string; chapter: string }) => `${t.chapter}${t.label}`)).toEqual(['一1', '一2', '二3']);
    expect(model.diagnostics.map((d: { code: string }) => d.code)).toContain('notice.no-clauses');
  });

  it('the review counts sentence-like and repeated units; --strict fails on them', async () => {
    const file = writeAndReturn('review.txt', '1.推进甲项工作。（牵头单位：市财政局；配合单位：市税务局、市财政局）\n2.推进乙项工作。（责任单位：加快推进全市重点项目建设工作）\n');
    const r = await parse(file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('像句子或超过 20 字的单位名称 1 个；同一任务中重复的单位 1 处');
    expect(r.err).toContain('“加快推进全市重点项目建设工作”读起来像句子');
    expect((await parse(file, '--strict')).code).toBe(4);
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
