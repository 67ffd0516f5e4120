import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { buildDemoDb } from './demo-db.js';

let dbFile: string;
let dir: string;

beforeAll(async () => {
  const demo = await buildDemoDb({ silent: ['市发改委'] });
  demo.db.close();
  dbFile = demo.file;
  dir = demo.dir;
});

async function evaluate(...args: string[]) {
  const io = recordingIO();
  const code = await run(['evaluate', '--year', '2014', '--db', dbFile, ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('duban evaluate', () => {
  it('writes the circular, one sheet per unit and the workbook, and says what it did', async () => {
    const out = join(dir, 'all');
    const started = performance.now();
    const r = await evaluate('--out', out);
    const ms = performance.now() - started;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2014年度考核：参评单位(\d+)个，优秀\d+个、良好\d+个、合格\d+个、不合格\d+个/);
    expect(r.out).toContain('建议问责：市发改委（');
    const units = Number(/参评单位(\d+)个/.exec(r.out)![1]);
    const sheets = readdirSync(join(out, '评分表'));
    expect(sheets.filter((f) => f.endsWith('.pdf'))).toHaveLength(units);
    expect(sheets.filter((f) => f.endsWith('.docx'))).toHaveLength(units);
    expect(sheets).toContain('市发改委考核评分表.pdf');
    expect(readdirSync(out).sort()).toEqual(['2014年度考核结果.xlsx', '2014年度考核结果通报.docx', '2014年度考核结果通报.pdf', '评分表']);
    expect(r.out).toContain(`已写入 ${2 * units + 3} 个文件`);
    console.log(`duban evaluate, demo year, ${units} units, all formats: ${Math.round(ms)} ms in-process`);
  });

  it('writes only the formats asked for', async () => {
    const out = join(dir, 'xlsx');
    const r = await evaluate('--out', out, '--format', 'xlsx');
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['2014年度考核结果.xlsx']);
  });

  it('refuses bad rules before reading the database or writing anything', async () => {
    const rules = join(dir, 'bad-rules.yaml');
    const text = readFileSync('seeds/evaluation-rules.yaml', 'utf8').replace(/^(\s+late:\s*)1/m, '$1-1');
    writeFileSync(rules, text);
    const line = text.split('\n').findIndex((l) => /^\s+late:\s*-1/.test(l)) + 1;
    const out = join(dir, 'bad');
    const r = await evaluate('--rules', rules, '--out', out, '--db', join(dir, 'no-such.db'));
    expect(r.code).toBe(5);
    expect(r.err).toBe(`duban: ${rules} 第${line}行：考核规则：设置项 reports.late（逾期报送）不能为负数（现为 -1）`);
    expect(existsSync(out)).toBe(false);
  });

  it('says what is wrong with the year, the formats and the database', async () => {
    expect((await evaluate('--year', '14')).err).toContain('考核年度“14”应为四位年份');
    const fmt = await evaluate('--format', 'docx,odt');
    expect([fmt.code, fmt.err]).toEqual([2, 'duban: 不支持的输出格式“odt”（可用：docx、pdf、xlsx）']);
    const io = recordingIO();
    const code = await run(['evaluate', '--year', '2014', '--db', join(dir, 'none.db')], io);
    expect(code).toBe(3);
    expect(io.stderr.join('')).toContain('数据库文件不存在');
    const empty = await evaluate('--year', '2013', '--out', join(dir, 'y2013'));
    expect(empty.code).toBe(4);
    expect(empty.err).toContain('没有2013年度跟踪的通知');
  });
});
