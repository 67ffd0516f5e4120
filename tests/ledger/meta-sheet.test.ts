/** The hidden sheet's compact task form round-trips, fields added later included. */
import { describe, expect, it } from 'vitest';
import { decodeTask, encodeTask, pieces } from '../../src/ledger/meta-sheet.js';
import type { Task } from '../../src/model/notice.js';

const task: Task = {
  no: 3,
  label: '（三）',
  chapter: '一',
  section: null,
  parent: 1,
  title: '扩大有效投资',
  text: '扩大有效投资。_x0041_ 全年新增限上企业40家。',
  units: [
    { raw: '发改委', name: '市发改委', role: 'lead' },
    { raw: '市财政局', name: '市财政局', role: 'support' },
  ],
  targets: [{ text: '新增限上企业40家', indicator: '新增限上企业', value: 40, unit: '家', qualifier: null }],
  deadlines: [{ text: '年底前', kind: 'year', date: '2014-12-31' }],
  keywords: ['投资'],
  line: 12,
};

describe('hidden sheet task form', () => {
  it('round-trips a task', () => {
    expect(decodeTask(JSON.parse(JSON.stringify(encodeTask(task))) as unknown[])).toEqual(task);
  });

  it('carries fields a later duban adds, on the task and on its units', () => {
    const later = { ...task, confidence: 0.8, units: [{ ...task.units[0]!, via: '表格' }, task.units[1]!] } as Task;
    expect(decodeTask(JSON.parse(JSON.stringify(encodeTask(later))) as unknown[])).toEqual(later);
  });

  it('cuts long JSON into cell-sized pieces without splitting a surrogate pair', () => {
    const long = `${'a'.repeat(7999)}😀${'b'.repeat(10)}`;
    const cut = pieces(long);
    expect(cut.join('')).toBe(long);
    expect(cut[0]!.length).toBe(7999);
  });
});
