import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DubanError } from '../../src/model/errors.js';
import {
  createUnitDirectory,
  emptyUnitDirectory,
  loadUnitDirectory,
  parseUnitDirectory,
} from '../../src/units/index.js';

const work = mkdtempSync(join(tmpdir(), 'duban-units-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const VALID = `# 测试名录
city: 鄂州
prefix: 市
docNumberPrefixes: [鄂州政办发]
units:
  - name: 市交通运输局
    full: 鄂州市交通运输局
    aliases: [交通局]
    kind: department
  - 市财政局
  - name: 鄂城区
    kind: district
  - name: 华容区
    aliases: [华容区政府]
    kind: district
  - name: 各区
    aliases: [各区政府]
    members: [鄂城区, 华容区政府]
`;

/** The DubanError a bad directory raises, as kind + line + message. */
function failure(text: string): { kind: string; line: number | undefined; message: string } {
  try {
    parseUnitDirectory(text, 'bad.yaml');
  } catch (e) {
    if (!(e instanceof DubanError)) throw e;
    return { kind: e.kind, line: e.place.line, message: e.message };
  }
  throw new Error('expected a DubanError');
}

describe('parseUnitDirectory', () => {
  it('reads units, defaults and members', () => {
    const dir = parseUnitDirectory(VALID, 'ok.yaml');
    expect(dir.file).toBe('ok.yaml');
    expect(dir.city).toBe('鄂州');
    expect(dir.prefix).toBe('市');
    expect(dir.docNumberPrefixes).toEqual(['鄂州政办发']);
    expect(dir.entries.map((e) => e.name)).toEqual(['市交通运输局', '市财政局', '鄂城区', '华容区', '各区']);
    expect(dir.lookup('市财政局')).toMatchObject({ kind: 'department', fullName: null, aliases: [] });
    const all = dir.lookup('各区政府')!;
    expect(all.kind).toBe('collective'); // inferred from members
    expect(all.members).toEqual(['鄂城区', '华容区']); // stored by canonical name
  });

  it('looks names up by alias with and without the prefix, and across widths and spaces', () => {
    const dir = parseUnitDirectory(VALID, 'ok.yaml');
    expect(dir.lookup('交通局')?.name).toBe('市交通运输局');
    expect(dir.lookup('市交通局')?.name).toBe('市交通运输局');
    expect(dir.lookup('鄂州市 交通运输局')?.name).toBe('市交通运输局');
    expect(dir.lookup('交通运输局')).toBeUndefined(); // prefix + raw is the resolver's job
  });

  it.each([
    ['an unknown top-level key', 'city: 鄂州\nprefx: 市\nunits: []\n', 2, '未知的键“prefx”'],
    ['an unknown unit key', 'units:\n  - name: 市财政局\n    alias: [财政]\n', 3, '未知的键“alias”'],
    ['a missing name', 'units:\n  - name: 市财政局\n  - full: 鄂州市审计局\n    kind: department\n', 3, '单位缺少名称'],
    ['an unknown kind', 'units:\n  - name: 市财政局\n    kind: bureau\n', 3, '未知的单位类别“bureau”'],
    ['a duplicate name', 'units:\n  - name: 市财政局\n  - name: 市审计局\n  - name: 市财政局\n', 4, '名称“市财政局”同时属于'],
    [
      'an alias claimed by two units',
      'units:\n  - name: 市交通运输局\n    aliases: [交通局]\n  - name: 市交通局\n    aliases:\n      - 公路局\n      - 交通局\n',
      7,
      '名称“交通局”同时属于“市交通运输局”（第3行）和“市交通局”',
    ],
    [
      'a collective member not in the directory',
      'units:\n  - name: 鄂城区\n    kind: district\n  - name: 各区\n    kind: collective\n    members:\n      - 鄂城区\n      - 华容区\n',
      8,
      '成员“华容区”不在名录中',
    ],
    ['a collective without members', 'units:\n  - name: 各区\n    kind: collective\n', 2, '缺少成员'],
    ['members on a department', 'units:\n  - name: 市财政局\n    kind: department\n    members: [市审计局]\n  - 市审计局\n', 4, '只有集合单位'],
    ['aliases not written as a list', 'units:\n  - name: 市财政局\n    aliases: 财政\n', 3, '别名（aliases）应写成列表'],
    ['no units', 'city: 鄂州\n', 1, '缺少单位列表'],
    ['bad YAML', 'units:\n  - name: 市财政局\n   kind: department\n', 3, 'YAML 格式有误'],
    ['a list at the top', '- 市财政局\n', 1, '单位名录应以'],
  ])('rejects %s with its line', (_what, text, line, message) => {
    const f = failure(text);
    expect(f.kind).toBe('config');
    expect(f.line).toBe(line);
    expect(f.message).toContain(message);
    expect(f.message).toMatch(/^单位名录：/);
  });
});

describe('loadUnitDirectory', () => {
  it('reports a missing file or a folder as a config error', () => {
    expect(() => loadUnitDirectory(join(work, 'none.yaml'))).toThrow(/找不到单位名录文件/);
    mkdirSync(join(work, 'folder.yaml'));
    expect(() => loadUnitDirectory(join(work, 'folder.yaml'))).toThrow(DubanError);
  });

  it('caches by path and re-reads a file the office edited', () => {
    const file = join(work, 'units.yaml');
    writeFileSync(file, VALID);
    const first = loadUnitDirectory(file);
    expect(loadUnitDirectory(file)).toBe(first);
    writeFileSync(file, VALID.replace('  - 市财政局\n', '  - 市财政局\n  - 市审计局\n'));
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    const second = loadUnitDirectory(file);
    expect(second).not.toBe(first);
    expect(second.lookup('市审计局')?.name).toBe('市审计局');
    expect(second.file).toBe(file);
  });

  it('names the file in the error', () => {
    const file = join(work, 'broken.yaml');
    writeFileSync(file, 'units:\n  - name: 市财政局\n    kind: 局\n');
    try {
      loadUnitDirectory(file);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DubanError);
      expect((e as DubanError).toLine()).toBe(`${file} 第3行：单位名录：未知的单位类别“局”（可用：department、district、development-zone、sub-district、company、collective、other）`);
    }
  });
});

describe('createUnitDirectory and emptyUnitDirectory', () => {
  it('refuses a name claimed twice in code as well', () => {
    const unit = (name: string, aliases: string[]) => ({ name, fullName: null, aliases, kind: 'department' as const, members: [] });
    expect(() =>
      createUnitDirectory({ file: null, prefix: '市', city: null, docNumberPrefixes: [], entries: [unit('市甲局', ['甲']), unit('市乙局', ['甲'])] }),
    ).toThrow(/同时属于/);
  });

  it('drops a derived name two units would share instead of guessing', () => {
    const unit = (name: string, aliases: string[]) => ({ name, fullName: null, aliases, kind: 'department' as const, members: [] });
    const dir = createUnitDirectory({
      file: null,
      prefix: '市',
      city: null,
      docNumberPrefixes: [],
      entries: [unit('市甲局', ['甲']), unit('乙', ['市甲'])],
    });
    expect(dir.lookup('市甲')?.name).toBe('乙'); // written beats derived
    expect(dir.lookup('甲')?.name).toBe('市甲局');
  });

  it('gives an empty directory with a prefix', () => {
    const dir = emptyUnitDirectory();
    expect(dir).toMatchObject({ file: null, prefix: '市', city: null, entries: [] });
    expect(emptyUnitDirectory('省').prefix).toBe('省');
    expect(dir.lookup('市财政局')).toBeUndefined();
  });
});
