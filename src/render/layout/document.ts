import type { Block, DocTree } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import {
  attachmentNoteLines, headingLines, paragraphLines, placeAttachmentLabel, placeLooseHeaderBlock, placeSignature, placeTitle,
  recipientLines, titleBlockLines,
} from './blocks.js';
import { placeChart, placeQr } from './chart.js';
import type { LaidOutDoc } from './display.js';
import { addFurniture } from './furniture.js';
import { layoutHeader } from './header.js';
import { placeImprint } from './imprint.js';
import { Pager } from './pager.js';
import { placeLines } from './paragraph.js';
import { placeTable } from './table.js';
import { GRID_LINES } from './geometry.js';

import { spaceBefore, type Prev } from '../spacing.js';

/**
 * Lays a document tree out on GB/T 9704 pages: 版头 from the leading masthead and 发文字号, then
 * every block on the 22-line grid, the 版记 at the foot of the last page, and page numbers.
 */
export function layoutDocument(tree: DocTree, fonts: FontSet): LaidOutDoc {
  const pager = new Pager();
  const blocks = tree.blocks;
  let i = 0;
  let masthead: string | null = null;
  let docNumber: string | null = null;
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'masthead' && masthead === null) masthead = b.text;
    else if (b.type === 'docNumber' && docNumber === null) docNumber = b.text;
    else break;
  }
  const hasHeader = masthead !== null || docNumber !== null;
  if (hasHeader) layoutHeader(tree.profile, { masthead, docNumber }, pager, fonts);
  let prev: Prev = hasHeader ? 'header' : null;
  let imprint: Extract<Block, { type: 'imprint' }> | null = null;
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'imprint') {
      imprint = b;
      continue;
    }
    const blank = spaceBefore(prev, b);
    if (blank > 0 && !pager.atTop()) pager.skip(blank);
    placeBlock(b, blocks[i + 1], pager, fonts);
    prev = b.type;
  }
  if (imprint) placeImprint(tree.profile, imprint, pager, fonts);
  addFurniture(pager.pages, tree.profile, tree.profile === 'letter' && masthead !== null, fonts);
  return { pages: pager.pages };
}

function placeBlock(b: Block, next: Block | undefined, pager: Pager, fonts: FontSet): void {
  switch (b.type) {
    case 'masthead':
    case 'docNumber':
      placeLooseHeaderBlock(pager, b, fonts);
      return;
    case 'title':
      placeTitle(pager, titleBlockLines(b, fonts));
      return;
    case 'recipients':
      placeLines(pager, recipientLines(b, fonts));
      return;
    case 'heading': {
      const lines = headingLines(b, fonts);
      // A heading alone on the last line of a page goes down with its text.
      // Only a bare heading moves; one that runs on into body text (a 仿宋 run) is body text itself.
      const plain = b.runs.every((r) => r.font !== 'fangsong') && lines.length <= 2;
      const followed = next !== undefined && (next.type === 'paragraph' || next.type === 'heading' || next.type === 'table');
      if (plain && followed && pager.line + lines.length >= GRID_LINES && !pager.atTop()) pager.newPage();
      placeLines(pager, lines);
      return;
    }
    case 'paragraph':
      placeLines(pager, paragraphLines(b, fonts));
      return;
    case 'table':
      placeTable(b, pager, fonts);
      return;
    case 'attachmentNote':
      placeLines(pager, attachmentNoteLines(b, fonts));
      return;
    case 'attachmentLabel':
      placeAttachmentLabel(pager, b, fonts);
      return;
    case 'signature':
      placeSignature(pager, b, fonts);
      return;
    case 'imprint':
      return;
    case 'pageBreak':
      if (!pager.atTop()) pager.newPage();
      return;
    case 'blank':
      pager.skip(Math.max(0, Math.floor(b.lines)));
      return;
    case 'chart':
      placeChart(b, pager, fonts);
      return;
    case 'qr':
      placeQr(b, pager, fonts);
      return;
  }
}
