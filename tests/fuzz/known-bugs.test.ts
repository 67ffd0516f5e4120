/**
 * Minimal inputs of parser bugs the fuzz suites found, one test each, failing until the parser
 * is fixed (reported to the parser's owner). Each names the property that found it.
 */
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/notice.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import { invariantViolations, sourceOf } from './support.js';

const parse = (lines: string[]) => parseSource(sourceOf('bug.txt', lines), emptyUnitDirectory());

describe('parser bugs found by fuzzing (minimal inputs)', () => {
  // Found by mutations.test.ts (invariant "a lead wherever there are units"): a cut removed the
  // 牵头单位 part of （牵头单位：A；配合单位：B）.
  it('a clause naming only supporting units still gives the task a lead', () => {
    const n = parse(['1、做好某项工作。（配合单位：市建委）']);
    expect(n.tasks[0]!.units.map((u) => u.raw)).toEqual(['市建委']);
    expect(invariantViolations(n, 1)).toEqual([]);
  });

  // Found by mutations.test.ts (invariant "no empty unit name") on lines not cleaned by a reader:
  // a zero-width space between 、 and ） became a unit whose canonical name is ''.
  it('an invisible character between separators is not a unit', () => {
    const n = parse(['1、做好某项工作。（责任单位：市财政局、\u200b）']);
    expect(n.tasks[0]!.units.map((u) => u.name)).toEqual(['市财政局']);
  });

  // Found by the synthetic notices of 2,000 tasks (bench and synthetic.test.ts): labels are read
  // as \d{1,3}, so 1000、 is no label; after a chapter heading every later task is silently lost.
  it('tasks numbered 1000 and above are read, also after a chapter heading', () => {
    const n = parse(['一、甲', '999、做好某项工作。（责任单位：市财政局）', '二、乙', '1000、做好另一项工作。（责任单位：市财政局）']);
    expect(n.tasks.map((t) => t.label)).toEqual(['999', '1000']);
    expect(n.tasks[1]!.title).toBe('做好另一项工作');
  });
});
