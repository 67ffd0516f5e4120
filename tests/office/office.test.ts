import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { buildLetterContext, missingLetterField, receivingUnits, targetPhrases } from '../../src/letters/context.js';
import type { Block, DocTree } from '../../src/model/doc.js';
import { DubanError } from '../../src/model/errors.js';
import { chooseOffice } from '../../src/office/choose.js';
import { docNumberAbbreviation, draftOffice, officeYaml } from '../../src/office/draft.js';
import { bundledOfficeFolder, findOfficeFile, loadOfficeSettings, parseOfficeSettings } from '../../src/office/settings.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { placeOf, withSettingsPlace } from '../../src/parse/meta.js';
import { templatePath } from '../../src/render/output.js';
import { renderTemplate } from '../../src/render/template.js';
import { bundledDirectoryFolder, findDirectoryForNotice } from '../../src/units/index.js';

const root = join(import.meta.dirname, '../..');
const seed = join(root, 'seeds/ezhou-2014-4.txt');
const ezhouFile = join(root, 'seeds/ezhou-office.yaml');
const corpus = (name: string) => join(root, 'tests/fixtures/corpus', name);
const tmp = mkdtempSync(join(tmpdir(), 'duban-office-'));

function textOf(tree: DocTree): string[] {
  const out: string[] = [];
  const visit = (b: Block) => {
    if ('text' in b && typeof b.text === 'string') out.push(b.text);
    if ('runs' in b) out.push(b.runs.map((r) => r.text).join(''));
    if (b.type === 'signature') out.push(b.organ);
    if (b.type === 'imprint' && b.cc) out.push(`抄送：${b.cc}`);
  };
  tree.blocks.forEach(visit);
  return out;
}

describe('office settings file', () => {
  it('Ezhou’s file holds what the seed documents print', () => {
    const o = loadOfficeSettings(ezhouFile);
    expect(o.office.name).toBe('鄂州市人民政府政务督查室');
    expect(o.letters.prefix).toBe('鄂州督交');
    expect(o.letters.cc).toEqual(['市人民政府办公室', '市目标办', '市监察局']);
    expect(o.circular.cc).toEqual(['市委办公室', '市人大常委会办公室', '市政协办公室']);
    expect(o.accountability).toBe('市监察局');
  });

  it('refuses a misspelt key or a wrong level with the file, key and line', () => {
    const text = readFileSync(ezhouFile, 'utf8');
    const bad = text.replace('  prefix: "鄂州督交"', '  prefx: "鄂州督交"');
    const e = (() => {
      try {
        parseOfficeSettings(bad, 'x.yaml');
      } catch (err) {
        return err as DubanError;
      }
      throw new Error('accepted');
    })();
    expect(e).toBeInstanceOf(DubanError);
    expect(e.message).toContain('letters.prefx');
    expect(e.place.file).toBe('x.yaml');
    expect(e.place.line).toBe(text.split('\n').findIndex((l) => l.includes('prefix: "鄂州督交"')) + 1);
    expect(() => parseOfficeSettings(text.replace('level: "市"', 'level: "乡"'), 'x.yaml')).toThrow(/area\.level（层级）只能是 省、市、县、区/);
  });

  it('is chosen for the seed by its 文号 代字; the unit directory choice is not disturbed by it', () => {
    expect(findOfficeFile(['鄂州政办发〔2014〕4号'], [bundledOfficeFolder()])).toBe(ezhouFile);
    expect(findOfficeFile(['蔡政办〔2023〕1号'], [bundledOfficeFolder()])).toBeNull();
    expect(findDirectoryForNotice(['鄂州政办发〔2014〕4号'], [bundledDirectoryFolder()])).toMatch(/ezhou-units\.yaml$/);
  });
});

describe('drafting the settings from a notice', () => {
  it('reads place and level from the issuer and the 代字 from the 文号', async () => {
    expect(placeOf('蔡甸区人民政府办公室')).toEqual({ city: '蔡甸', level: '区' });
    expect(placeOf('广东省人民政府')).toEqual({ city: '广东', level: '省' });
    expect(placeOf('市人民政府办公室')).toBeNull();
    expect(docNumberAbbreviation('平政办〔2013〕11号')?.abbr).toBe('平');
    expect(docNumberAbbreviation('鄂州政办发〔2014〕4号')?.abbr).toBe('鄂州');
    const caidian = draftOffice((await parseNoticeFile(corpus('20-caidian-2023-labelled-unit-lines.txt'))).notice);
    expect(caidian.area).toEqual({ name: '蔡甸', level: '区', docNumberPrefixes: ['蔡政办'] });
    expect(caidian.office).toEqual({ name: '蔡甸区人民政府督查室', inText: '区政府督查室' });
    expect(caidian.accountability).toBe('区监察委员会');
    expect(caidian.circular.cc).toEqual(['区委办公室', '区人大常委会办公室', '区政协办公室']);
    const guangdong = draftOffice((await parseNoticeFile(corpus('12-guangdong-2021-leaders.txt'))).notice);
    expect(guangdong.area.level).toBe('省');
    expect(guangdong.circular.cc[0]).toBe('省委办公厅');
    const ningbo = draftOffice((await parseNoticeFile(corpus('23-ningbo-2007-bracketed-units-no-labels.txt'))).notice);
    expect(ningbo.accountability).toBe('市监察局');
    expect(ningbo.letters.prefix).toBe('甬督交');
    // The draft is a valid settings file.
    expect(parseOfficeSettings(officeYaml(caidian, '20.txt'), 'd.yaml').office.name).toBe('蔡甸区人民政府督查室');
  });

  it('office init asks for --city when the notice does not show the place, and writes nothing', async () => {
    const out = join(tmp, 'pds.yaml');
    const io = recordingIO();
    expect(await run(['office', 'init', corpus('04-pingdingshan-2013.txt'), '-o', out], io)).toBe(2);
    expect(io.stderr.join('')).toContain('--city');
    expect(existsSync(out)).toBe(false);
    const ok = recordingIO();
    expect(await run(['office', 'init', corpus('04-pingdingshan-2013.txt'), '-o', out, '--city', '平顶山', '--level', '市'], ok)).toBe(0);
    expect(loadOfficeSettings(out).letters.prefix).toBe('平督交');
    expect(readFileSync(out, 'utf8')).toContain('# 抄送机关');
  });
});

describe('metadata provenance', () => {
  it('says where each field came from', async () => {
    const s = (await parseNoticeFile(seed)).notice.meta;
    expect(s.year).toBe(2014);
    expect(s.provenance).toMatchObject({ title: 'text', docNumber: 'text', signDate: 'text', year: 'derived', city: 'derived' });
    expect(s.city).toBe('鄂州');
    const p = (await parseNoticeFile(corpus('04-pingdingshan-2013.txt'))).notice.meta;
    expect(p.year).toBe(2013);
    expect(p.provenance).toMatchObject({ title: 'missing', signDate: 'missing', year: 'derived', city: 'missing' });
    const flagged = (await parseNoticeFile(corpus('04-pingdingshan-2013.txt'), { meta: { title: '关于印发重点工作任务的通知', year: 2013 } })).notice.meta;
    expect(flagged.title).toBe('关于印发重点工作任务的通知');
    expect(flagged.provenance).toMatchObject({ title: 'flag', year: 'flag' });
    const placed = withSettingsPlace(p, { name: '平顶山', level: '市' });
    expect([placed.city, placed.provenance?.city]).toEqual(['平顶山', 'settings']);
    expect(withSettingsPlace(s, { name: '别处', level: '市' }).city).toBe('鄂州');
  });
});

describe('letters with what a notice lacks', () => {
  it('a notice with neither title nor 文号 is refused naming --title; nothing is written', async () => {
    const out = join(tmp, 'l09');
    const io = recordingIO();
    expect(await run(['letters', corpus('09-unknown-city-c2008-zerenbumen.txt'), '--out', out, '--date', '2008-03-01'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/^duban: .*缺少通知标题.*--title/);
    expect(existsSync(out)).toBe(false);
  });

  it('a notice without a date is refused naming --date; nothing is written', async () => {
    const out = join(tmp, 'l04');
    const io = recordingIO();
    expect(await run(['letters', corpus('04-pingdingshan-2013.txt'), '--out', out], io)).toBe(2);
    expect(io.stderr.join('')).toContain('缺少成文日期');
    expect(io.stderr.join('')).toContain('--date 2013-03-01');
    expect(existsSync(out)).toBe(false);
  });

  it('a notice without a title is cited by its 文号, each target said once', async () => {
    const { notice } = await parseNoticeFile(corpus('04-pingdingshan-2013.txt'));
    expect(missingLetterField(notice, '2013-03-01')).toBeNull();
    const office = { ...draftOffice(notice, { city: '平顶山', level: '市' }), file: null };
    const unit = receivingUnits(notice).find((u) => u.name === '市发改委')!;
    const text = textOf(renderTemplate(templatePath('letter.hbs'), buildLetterContext(notice, unit, { seq: 1, office, date: '2013-03-01' })));
    expect(text).toContain('关于落实平政办〔2013〕11号文件有关任务的交办函');
    expect(text.some((p) => p.startsWith('根据平政办〔2013〕11号文件要求，'))).toBe(true);
    expect(text).toContain('平督交〔2013〕1号');
    expect(text.filter((p) => p === '平顶山市人民政府督查室')).toHaveLength(2);
    const targets = text.find((p) => p.startsWith('量化指标：平煤神马'))!;
    expect(targets).toBe('量化指标：平煤神马25万吨己二酸；20万吨己内酰胺；海星化工10万吨针状焦；厚普盐化120万吨真空制盐；中加矿业300万吨铁精粉等项目建设。');
    expect(targetPhrases(notice.tasks[1]!.targets)).toHaveLength(5);
  });

  it('copies no unit on its own letter', async () => {
    const { notice } = await parseNoticeFile(seed);
    const { office } = await chooseOffice(notice);
    const units = receivingUnits(notice);
    for (const name of ['市监察局', '市政府办公室', '市目标办']) {
      const unit = units.find((u) => u.name === name);
      if (!unit) continue;
      const ctx = buildLetterContext(notice, unit, { seq: 1, office });
      expect(ctx.cc.split('，'), name).not.toContain(name);
    }
    const bureau = buildLetterContext(notice, units.find((u) => u.name === '市监察局')!, { seq: 1, office });
    expect(bureau.cc).toBe('市人民政府办公室，市目标办');
  });
});

describe('a settings file written by hand is used as is', () => {
  it('--office overrides the bundled choice', async () => {
    const file = join(tmp, 'other.yaml');
    writeFileSync(file, readFileSync(ezhouFile, 'utf8').replace('"鄂州督交"', '"鄂督交"'));
    const { notice } = await parseNoticeFile(seed);
    expect((await chooseOffice(notice, { officeFile: file })).office.letters.prefix).toBe('鄂督交');
    expect((await chooseOffice(notice)).office.file).toBe(ezhouFile);
  });
});
