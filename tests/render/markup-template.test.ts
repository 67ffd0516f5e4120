import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { DubanError } from '../../src/model/errors.js';
import { chineseDateHelper, chineseNumber, compileTemplate, renderTemplate } from '../../src/render/template.js';

const dir = mkdtempSync(join(tmpdir(), 'duban-tpl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
/** Writes a template; with partials, into a folder of its own (partials are read once per folder). */
function template(body: string, partials: Record<string, string> = {}): string {
  let home = dir;
  if (Object.keys(partials).length > 0) {
    home = join(dir, `d${++seq}`);
    mkdirSync(join(home, 'partials'), { recursive: true });
  }
  for (const [name, text] of Object.entries(partials)) writeFileSync(join(home, 'partials', `${name}.hbs`), text);
  const file = join(home, `t${++seq}.hbs`);
  writeFileSync(file, body);
  return file;
}

function errorOf(fn: () => unknown): DubanError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('expected a DubanError');
}

const LETTER = `<doc profile="letter" date="{{date}}">
  <to>{{unit}}</to>
  <p>请{{unit}}于{{cn-date date}}前报送，共{{count}}项。</p>
  {{#each tasks}}
  <h1>{{cn-num (inc @index)}}、{{this}}</h1>
  {{/each}}
  <p>{{join units}}；{{join units "，"}}{{#if (eq count 2)}}两项{{/if}}</p>
</doc>
`;

describe('renderTemplate', () => {
  it('escapes data so that markup characters and braces stay literal', () => {
    const unit = 'A<B>&"C"\'D\'{{x}}`=';
    const tree = renderTemplate(template(LETTER), { date: '2014-01-13', unit, count: 2, tasks: ['加强领导', '狠抓落实'], units: ['甲', '乙'] });
    expect(tree.blocks[0]).toEqual({ type: 'recipients', text: `${unit}：` });
    expect(tree.blocks[1]).toMatchObject({ runs: [{ text: `请${unit}于2014年1月13日前报送，共2项。` }] });
    expect(tree.blocks[2]).toMatchObject({ type: 'heading', runs: [{ text: '一、加强领导' }] });
    expect(tree.blocks[3]).toMatchObject({ type: 'heading', runs: [{ text: '二、狠抓落实' }] });
    expect(tree.blocks[4]).toMatchObject({ runs: [{ text: '甲、乙；甲，乙两项' }] });
  });

  it('compiles each template once', () => {
    const file = template(LETTER);
    expect(compileTemplate(file)).toBe(compileTemplate(file));
  });

  it('refuses triple-stash and {{& }} output', () => {
    const e = errorOf(() => compileTemplate(template('<doc profile="letter" date="2014-01-13">\n<p>{{{raw}}}</p></doc>')));
    expect(e.kind).toBe('config');
    expect(e.place.line).toBe(2);
    expect(e.message).toMatch(/不转义/);
    expect(errorOf(() => compileTemplate(template('<doc>{{&raw}}</doc>'))).message).toMatch(/不转义/);
  });

  it('reports a missing field with the template and line (strict mode)', () => {
    const file = template('<doc profile="letter" date="2014-01-13">\n\n<p>{{unitName}}</p></doc>');
    const e = errorOf(() => renderTemplate(file, { unit: 'x' }));
    expect(e.kind).toBe('config');
    expect(e.place).toEqual({ file, line: 3 });
    expect(e.message).toBe('模板引用了数据中没有的字段“unitName”');
  });

  it('reports syntax errors with their line', () => {
    const file = template('<doc>\n{{#each x}}\n<p>{{y}}</p>\n{{/if}}\n</doc>');
    const e = errorOf(() => compileTemplate(file));
    expect(e.kind).toBe('config');
    expect(e.place.file).toBe(file);
    expect(e.place.line).toBeGreaterThanOrEqual(2);
    expect(e.message).toMatch(/模板语法错误/);
  });

  it('maps a markup error back to the template line', () => {
    const file = template('<doc profile="letter" date="{{date}}">\n  <p>{{a}}</p>\n  <para>{{b}}</para>\n</doc>');
    const e = errorOf(() => renderTemplate(file, { date: '2014-01-13', a: 1, b: 2 }));
    expect(e.place).toEqual({ file, line: 3 });
    expect(e.message).toMatch(/未知元素 <para>/);
  });

  it('uses partials and stops runaway recursion', () => {
    const ok = template('<doc profile="letter" date="2014-01-13">{{> sign organ="办公室"}}</doc>', {
      sign: '<signature organ="{{organ}}" date="2014-01-13"/>',
    });
    expect(renderTemplate(ok, {}).blocks).toEqual([{ type: 'signature', organ: '办公室', date: '2014-01-13' }]);
    const loop = template('<doc profile="letter" date="2014-01-13">{{> loop}}</doc>', { loop: '<p>x</p>{{> loop}}' });
    const e = errorOf(() => renderTemplate(loop, {}));
    expect(e.kind).toBe('limit');
    expect(e.message).toMatch(/嵌套超过/);
  });

  it('bounds the output size', () => {
    const file = template('<doc profile="letter" date="2014-01-13">{{#each rows}}<p>{{this}}</p>{{/each}}</doc>');
    const rows = Array.from({ length: 220 }, () => '政'.repeat(100_000));
    const e = errorOf(() => compileTemplate(file).markup({ rows }));
    expect(e.kind).toBe('limit');
  });

  it('names a missing template file', () => {
    const e = errorOf(() => renderTemplate(join(dir, 'nope.hbs'), {}));
    expect(e.kind).toBe('config');
    expect(e.place.file).toBe(join(dir, 'nope.hbs'));
  });
});

describe('template helpers', () => {
  it('writes Chinese numbers and dates', () => {
    expect([1, 2, 10, 11, 20, 21, 34, 100, 105, 110].map(chineseNumber)).toEqual(['一', '二', '十', '十一', '二十', '二十一', '三十四', '一百', '一百零五', '一百一十']);
    expect(chineseDateHelper('2014-01-13')).toBe('2014年1月13日');
    expect(() => chineseDateHelper('13/01/2014')).toThrow(DubanError);
  });
});
