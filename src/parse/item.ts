/** One numbered item of a notice's outline, before it is known to be a chapter, section or task. */
import type { LabelKind } from './labels.js';
import type { ClausePart } from './unit-clause.js';

export interface SourceLine {
  text: string;
  line: number;
}

export interface Item {
  kind: LabelKind;
  value: number;
  /** Canonical printed label, e.g. 1, （一）. */
  printed: string;
  /** The label was unreadable and was inferred from the previous item. */
  inferred: boolean;
  text: string;
  line: number;
  parts: ClausePart[];
  leaders: string[];
  /** A time limit given in its own table column. */
  deadlineText: string | null;
  /** A row-group label from a table's first column (e.g. 生态环境). */
  groupLabel: string | null;
}

export function newItem(kind: LabelKind, value: number, printed: string, line: number, inferred = false): Item {
  return { kind, value, printed, inferred, text: '', line, parts: [], leaders: [], deadlineText: null, groupLabel: null };
}

