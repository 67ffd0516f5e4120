/** The parse JSON as input: validated with errors that name the JSON path; corrections take effect. */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { recordingIO } from '../../src/cli/io.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { loadNotice } from '../../src/load/notice-source.js';
import type { Notice } from '../../src/model/notice.js';

const root = join(import.meta.dirname, '../..');
const seed = join(root, 'seeds/ezhou-2014-4.txt');
const tmp = mkdtempSync(join(tmpdir(), 'duban-json-'));
let base: Notice;

beforeAll(async () => {
  base = (await parseNoticeFile(seed)).notice;
});

function variant(name: string, edit: (n: Record<string, any>) => unknown): string {
  const n = JSON.parse(JSON.stringify(base)) as Record<string, any>;
  const replaced = edit(n);
  const file = join(tmp, name);
  writeFileSync(file, typeof replaced === 'string' ? replaced : JSON.stringify(replaced ?? n, null, 2));
  return file;
}

async function failure(file: string): Promise<{ code: number; line: string }> {
  const out = join(tmp, `out-${Math.random()}`);
  const io = recordingIO();
  const code = await run(['ledger', file, '--out', join(out, '台账.xlsx')], io);
  expect(io.stderr).toHaveLength(1);
  expect(existsSync(out)).toBe(false);
  return { code, line: io.stderr[0]! };
}

describe('parse --json as <notice>', () => {
  it('names the JSON path of a wrong value', async () => {
    const f = variant('bad-role.json', (n) => void (n.tasks[3].units[0].role = '主办'));
    const { code, line } = await failure(f);
    expect(code).toBe(4);
    expect(line).toContain('bad-role.json');
    expect(line).toContain('tasks[3].units[0].role');
    expect(line).toContain('"lead"、"support"');
  });

  it('names a missing field and a wrong type', async () => {
    expect((await failure(variant('no-text.json', (n) => void delete n.tasks[0].text))).line).toContain('tasks[0].text：缺少此项');
    expect((await failure(variant('no-str.json', (n) => void (n.meta.signDate = 20140113)))).line).toContain('meta.signDate：应为文字');
    expect((await failure(variant('bad-date.json', (n) => void (n.planDeadline = '2014年2月')))).line).toContain('planDeadline：应为 2014-01-13');
  });

  it('refuses a newer schemaVersion, a file that is not the parse JSON, and broken JSON', async () => {
    const newer = await failure(variant('newer.json', (n) => void (n.schemaVersion = 2)));
    expect(newer.line).toContain('较新版本的 duban');
    expect(newer.line).toContain('schemaVersion 2');
    expect((await failure(variant('other.json', () => ({ name: 'x' })))).line).toContain('缺少 schemaVersion');
    expect((await failure(variant('broken.json', () => '{"schemaVersion": 1,'))).line).toContain('不是有效的 JSON');
    expect((await failure(variant('dup.json', (n) => void (n.tasks[1].no = 1)))).line).toContain('tasks[1].no：任务序号 1 重复');
  });

  it('lets through fields a later duban may add', async () => {
    const f = variant('extra.json', (n) => {
      n.meta.provenance = { tool: 'x' };
      n.tasks[0].confidence = 0.9;
    });
    const { notice } = await loadNotice(f);
    expect((notice.meta as unknown as Record<string, unknown>).provenance).toEqual({ tool: 'x' });
  });

  it('a corrected unit takes effect, summaries follow, an unknown name is warned about', async () => {
    const f = variant('fixed.json', (n) => {
      n.tasks[29].units[0].name = '审计局';
      n.tasks[0].units.push({ raw: '星际局', name: '市星际局', role: 'support' });
    });
    const { notice } = await loadNotice(f);
    expect(notice.tasks[29]!.units[0]).toEqual({ raw: '市监察局', name: '市审计局', role: 'lead' });
    expect(notice.units.find((u) => u.name === '市监察局')!.lead).toEqual([31, 34]);
    expect(notice.units.find((u) => u.name === '市审计局')!.lead).toEqual([30]);
    expect(notice.units.find((u) => u.name === '市星际局')).toMatchObject({ kind: 'unknown', support: [1] });
    expect(notice.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('tasks[0]：单位“市星际局”不在单位名录中')]);
  });
});
