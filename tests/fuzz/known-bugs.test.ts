/**
 * Minimal inputs of parser and reader bugs the fuzz suites and the benchmark found, one test
 * each, naming what found it. Each failed until its fix landed and stays as a regression test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/notice.js';
import { readSource } from '../../src/read/index.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import { TempFiles } from './properties.js';
import { invariantViolations, sourceOf } from './support.js';

const parse = (lines: string[]) => parseSource(sourceOf('bug.txt', lines), emptyUnitDirectory());

describe('parser bugs found by fuzzing (minimal inputs)', () => {
  // mutations.test.ts, invariant "a lead wherever there are units": a cut removed the
  // 牵头单位 part of （牵头单位：A；配合单位：B）.
  it('a clause naming only supporting units still gives the task a lead', () => {
    const n = parse(['1、做好某项工作。（配合单位：市建委）']);
    expect(n.tasks[0]!.units.map((u) => u.raw)).toEqual(['市建委']);
    expect(invariantViolations(n, 1)).toEqual([]);
  });

  // mutations.test.ts, invariant "no empty unit name", on lines no reader cleaned: a zero-width
  // space between 、 and ） became a unit whose canonical name is ''.
  it('an invisible character between separators is not a unit', () => {
    const n = parse(['1、做好某项工作。（责任单位：市财政局、\u200b）']);
    expect(n.tasks[0]!.units.map((u) => u.name)).toEqual(['市财政局']);
  });

  // synthetic notices of 2,000 tasks (bench): labels are read as \d{1,3}, so 1000、 is no
  // label; after a chapter heading every later task is silently lost, without a diagnostic.
  it('tasks numbered 1000 and above are read, also after a chapter heading', () => {
    const n = parse(['一、甲', '999、做好某项工作。（责任单位：市财政局）', '二、乙', '1000、做好另一项工作。（责任单位：市财政局）']);
    expect(n.tasks.map((t) => t.label)).toEqual(['999', '1000']);
    expect(n.tasks[1]!.title).toBe('做好另一项工作');
  });

  // The benchmark's synthetic notice of 20,000 tasks: labels are read up to four digits, so
  // 10000、 and later are lost (10,005 of 20,000 found), though the documented limit is 50,000
  // tasks (src/parse/limits.ts).
  it('tasks numbered up to the 50,000-task limit are read', () => {
    const n = parse(['一、甲', '9999、做好某项工作。（责任单位：市财政局）', '二、乙', '10000、做好另一项工作。（责任单位：市财政局）', '50000、最后一项工作。（责任单位：市建委）']);
    expect(n.tasks.map((t) => t.label)).toEqual(['9999', '10000', '50000']);
  });

  // width.test.ts: a space after full-width punctuation (web pages write ，&nbsp; and 、　) stays
  // in the title, and in a unit's raw name inside brackets; a long title then also crosses the
  // 40-character rule and is cut to its first clause.
  it('spaces next to full-width punctuation do not change titles or unit names', () => {
    const n = parse(['1、培育发展新兴产业，\u3000加快形成新集群。（责任单位：市发改委、相关县（\u3000市、区）政府）']);
    expect(n.tasks[0]!.title).toBe('培育发展新兴产业，加快形成新集群');
    expect(n.tasks[0]!.units.map((u) => u.raw)).toEqual(['市发改委', '相关县（市、区）政府']);
  });

  // width.test.ts on corpus 15 (a page saved as one line): a label followed by a space is not
  // split off, so two tasks merge into the section heading and the first clause is lost.
  it('a run-together line splits before a label followed by a space', () => {
    const n = parse(['（三）加快体系建设 12、 加快设施建设。（责任单位：市发改委） 13、 推进资源配置。（责任单位：市财政局）']);
    expect(n.tasks.map((t) => [t.label, t.units.map((u) => u.raw)])).toEqual([
      ['12', ['市发改委']],
      ['13', ['市财政局']],
    ]);
  });

  // truncation.test.ts on corpus 14 (a pipe table) cut inside a row: the incomplete last row is
  // aligned to the header from the right, so its group label and its own task text land in the
  // 责任单位 and 协助单位 columns and become units (生态环境, 1, 城市绿化).
  it('a table row cut short does not turn its own cells into units', () => {
    const n = parse(['任务 | 工作内容及要求 | 责任单位 | 协助单位 |', '生态环境 | 1、城市绿化']);
    const raws = n.tasks.flatMap((t) => t.units.map((u) => u.raw));
    expect(raws).not.toContain('城市绿化');
    expect(raws).not.toContain('1');
  });

  // Probing clause variants around the fuzz findings: a clause that also states a time limit
  // or a responsible leader turns that field into a supporting "unit" (完成时限：2014年底),
  // silently, and the time limit is not read as a deadline.
  it('a labelled time limit or leader inside the clause is not a unit', () => {
    const n = parse(['1、做好工作。（责任单位：市建委；完成时限：2014年底）', '2、做好工作。（牵头单位：市财政局；责任领导：张三）']);
    expect(n.tasks.map((t) => t.units.map((u) => u.raw))).toEqual([['市建委'], ['市财政局']]);
    expect(n.tasks[0]!.deadlines.map((d) => d.text).join()).toContain('2014年底');
  });

  // The same probing: a time limit in its own bracket after the unit clause hides the clause,
  // and a notice made of such tasks has no task at all, without a diagnostic.
  it('a bracketed time limit after the unit clause keeps the clause', () => {
    const n = parse(['1、做好工作。（责任单位：市建委）（2014年底前完成）']);
    expect(n.tasks.map((t) => t.units.map((u) => u.raw))).toEqual([['市建委']]);
  });
});

describe('reader bugs found by fuzzing (minimal inputs)', () => {
  const files = new TempFiles();
  afterAll(() => files.remove());

  // truncation.test.ts: a UTF-8 file cut inside a character (an interrupted download or copy)
  // is refused as 无法识别文件编码 (about 2 cuts in 3 of the seed), instead of being read as
  // UTF-8 without its broken last character.
  it('a UTF-8 file whose last character is cut is still read as UTF-8', async () => {
    const bytes = Buffer.from('1、做好某项工作。（责任单位：市财政局）\n2、再做一项工作。（责任单位：市建委）', 'utf8');
    const source = await readSource(files.write(bytes.subarray(0, bytes.length - 1)));
    expect(source.encoding).toBe('UTF-8');
    expect(source.lines[0]).toBe('1、做好某项工作。（责任单位：市财政局）');
  });
});
