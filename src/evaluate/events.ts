/**
 * The bonus and 一票否决 items the target office records during the year (领导批示肯定, 重大安全事故…),
 * in a small YAML list, one item per entry:
 *
 *   - unit: 市发改委
 *     bonus: 领导批示肯定
 *     note: 市长批示肯定新区建设经验（2014年8月）
 *   - unit: 市安监局
 *     veto: 发生重大安全生产责任事故
 *
 * The database has no table for these, so they come from a file beside it. Item names are checked
 * against the rules when scoring; here only the shape is checked, with the line of each mistake.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, isNode, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { DubanError } from '../model/errors.js';
import type { UnitEvent } from './facts.js';

const entrySchema = z.union([
  z.strictObject({ unit: z.string().min(1), bonus: z.string().min(1), note: z.string().optional() }),
  z.strictObject({ unit: z.string().min(1), veto: z.string().min(1), note: z.string().optional() }),
]);

export function loadEvents(file: string): Map<string, UnitEvent[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new DubanError('config', '找不到或无法读取加分和否决事项登记文件', { file });
  }
  return parseEvents(text, file);
}

export function parseEvents(text: string, file: string): Map<string, UnitEvent[]> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) throw new DubanError('config', '加分和否决事项登记：YAML 格式有误', { file, line: err.linePos?.[0]?.line ?? 1 });
  const out = new Map<string, UnitEvent[]>();
  if (doc.contents === null) return out;
  if (!isSeq(doc.contents)) throw new DubanError('config', '加分和否决事项登记应为列表，每项以“- unit:”开头', { file, line: 1 });
  doc.contents.items.forEach((node, i) => {
    const line = isNode(node) && node.range ? lines.linePos(node.range[0]).line : 1;
    const parsed = entrySchema.safeParse((doc.toJS() as unknown[])[i]);
    if (!parsed.success) {
      throw new DubanError('config', '加分和否决事项登记：每项应写 unit，以及 bonus（加分事项）或 veto（否决事项）之一，可加 note', { file, line });
    }
    const e = parsed.data;
    const event: UnitEvent = 'bonus' in e ? { kind: 'bonus', item: e.bonus, note: e.note ?? '' } : { kind: 'veto', item: e.veto, note: e.note ?? '' };
    out.set(e.unit, [...(out.get(e.unit) ?? []), event]);
  });
  return out;
}
