/**
 * Blank grid lines the standard puts between two elements (标题 below the 版头, 主送机关 below the
 * title, 附件说明 and 署名 one line below the body …). Both writers use this one rule, so both
 * files of one tree have the same lines. Blank blocks in the tree add to these.
 */
import type { Block } from '../model/doc.js';

/** The previous block's type; 'header' for the leading 发文机关标志 and 发文字号. */
export type Prev = Block['type'] | 'header' | null;

const BODY_TYPES = new Set<Prev>(['paragraph', 'heading', 'table', 'chart', 'attachmentNote', 'recipients']);

export function spaceBefore(prev: Prev, next: Block): number {
  if (prev === null) return 0;
  switch (next.type) {
    case 'title':
      return prev === 'title' ? 0 : 1;
    case 'recipients':
      return prev === 'title' || prev === 'header' ? 1 : 0;
    case 'attachmentNote':
    case 'signature':
      return 1;
    default:
      if (prev === 'title' || prev === 'header') return BODY_TYPES.has(next.type) ? 1 : 0;
      return 0;
  }
}
