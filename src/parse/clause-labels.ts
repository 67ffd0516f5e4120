/**
 * The vocabulary of labelled fields in a unit clause, and the split of a clause into fields.
 * A field is `label：value`. Labels that name units (牵头单位, 责任部门, 协办, 配合 …) decide a
 * role; labels that name persons (分管领导, 责任领导, 责任人 …) and notes (完成时限, 工作要求 …)
 * carry no units. Labels are recognised by their parts, not from a fixed list, so that 牵头责任单位,
 * 主责部门 or 协同单位 need no new entry.
 */
import { simplifyKeys } from './normalize.js';

export type UnitTag = 'lead' | 'responsible' | 'support';
export type FieldKind = UnitTag | 'person' | 'note';

const UNIT_LABEL = new RegExp(
  [
    '责任单位或牵头单位',
    '牵头责任(?:单位|部门)',
    '(?:牵头|主办|主责|主要责任|责任|承办|承担|落实|实施|具体负责|具体承办|协办|配合|协助|协同|参与|参加|配合责任)(?:单位|部门)',
    '(?:责任|实施|承担)主体',
    '(?:部门|责任)分工',
    '分工',
    '牵头',
    '配合',
    '协办',
    '主办',
  ].join('|'),
);
const PERSON_LABEL = /(?:分管|牵头|责任|联系|协调|包抓|主管)(?:省|市|区|县)?(?:领导|负责同志|负责人|同志)|责任人|联系人|协调人/;
const NOTE_WORD = /(?:时限|期限|完成时间|时间节点|时间|日期|要求|标准|目标|备注|进度)/;
const NOTE_LABEL = new RegExp(`[\\u4e00-\\u9fa5]{0,6}${NOTE_WORD.source}`);
const NOTE_WORD_AT_END = new RegExp(`${NOTE_WORD.source}$`);

/** Characters after which a field may start: the start of the text, an end of sentence or clause, a bracket, a space. */
const BOUNDARY = /[；。，、（\s]/;

const WHOLE_UNIT_LABEL = new RegExp(`^(?:${UNIT_LABEL.source})$`);
const WHOLE_PERSON_LABEL = new RegExp(`^(?:${PERSON_LABEL.source})$`);

export function unitLabelTag(label: string): UnitTag | null {
  const k = simplifyKeys(label);
  if (!WHOLE_UNIT_LABEL.test(k)) return null;
  if (/^(?:牵头|主办|主责|主要责任|责任单位或牵头)/.test(k)) return 'lead';
  if (/^(?:协办|配合|协助|协同|参与|参加)/.test(k)) return 'support';
  return 'responsible';
}

export function fieldKind(label: string): FieldKind {
  const tag = unitLabelTag(label);
  if (tag) return tag;
  return WHOLE_PERSON_LABEL.test(simplifyKeys(label)) ? 'person' : 'note';
}

export interface Field {
  /** The label without its colon, or null for text before the first label. */
  label: string | null;
  kind: FieldKind | null;
  value: string;
  /** Offset of the field (its label) in the text. */
  at: number;
}

const LABEL_BEFORE_COLON = new RegExp(`(${UNIT_LABEL.source}|${PERSON_LABEL.source}|${NOTE_LABEL.source})\\s*$`);
/** The longest label with its lead-in and spaces, in characters. */
const LABEL_SPAN = 16;

/**
 * Offsets of `label：` at a field boundary, with the label. Found from each colon backwards:
 * a line has few colons, and scanning every position for a label is the parser's costliest step.
 */
function labelsIn(text: string): { at: number; label: string; end: number }[] {
  const out: { at: number; label: string; end: number }[] = [];
  let key: string | null = null;
  for (let colon = text.indexOf('：'); colon >= 0; colon = text.indexOf('：', colon + 1)) {
    key ??= simplifyKeys(text);
    const from = Math.max(0, colon - LABEL_SPAN, out.length ? out[out.length - 1]!.end : 0);
    const m = key.slice(from, colon).match(LABEL_BEFORE_COLON);
    if (!m) continue;
    let start = from + m.index!;
    let label = m[1]!;
    // A note label matched with its lead-in (本项完成时限) starts at a boundary inside it.
    if (start > 0 && !BOUNDARY.test(key[start - 1]!)) {
      if (fieldKind(label) !== 'note') continue;
      const inner = label.search(NOTE_WORD_AT_END);
      if (inner <= 0 || !BOUNDARY.test(key[start + inner - 1] ?? '')) continue;
      start += inner;
      label = label.slice(inner);
    }
    out.push({ at: start, label: text.slice(start, start + label.length), end: colon + 1 });
  }
  return out;
}

/** Splits text into labelled fields; text before the first label is a field with no label. */
export function splitFields(text: string): Field[] {
  const labels = labelsIn(text);
  const fields: Field[] = [];
  const head = text.slice(0, labels[0]?.at ?? text.length);
  if (head.trim()) fields.push({ label: null, kind: null, value: head, at: 0 });
  labels.forEach((l, i) => {
    const value = text.slice(l.end, labels[i + 1]?.at ?? text.length);
    fields.push({ label: l.label, kind: fieldKind(l.label), value, at: l.at });
  });
  return fields;
}

/**
 * Where a labelled clause begins in a line: the first field label such that some unit label
 * follows from there on. Null when the line names no unit label at a field boundary.
 */
export function labelledClauseStart(text: string): number | null {
  const labels = labelsIn(text);
  const firstUnit = labels.findIndex((l) => unitLabelTag(l.label) !== null);
  if (firstUnit < 0) return null;
  // Person and note fields just before the first unit label belong to the clause (责任领导：…；责任单位：…).
  let i = firstUnit;
  while (i > 0 && fieldKind(labels[i - 1]!.label) === 'person') i--;
  return labels[i]!.at;
}

/** A whole line that is a person field (分管省领导：林克庆): the persons, never units. */
export function personFieldValue(text: string): string | null {
  const fields = splitFields(text);
  return fields.length === 1 && fields[0]!.kind === 'person' ? fields[0]!.value : null;
}
