/**
 * The tree's blocks in order → docx paragraphs and tables. A page break becomes
 * "page break before" on the next paragraph (no empty line at the top of the new page), or an
 * empty breaking paragraph when a table follows.
 */
import { PageBreak, Paragraph, type Table } from 'docx';
import type { Block, DocProfile } from '../../model/doc.js';
import {
  attachmentLabelParagraph,
  attachmentNoteParagraphs,
  blankParagraphs,
  bodyParagraph,
  headingParagraph,
  signatureParagraphs,
} from './body.js';
import { chartChildren, qrChildren } from './chart.js';
import { docNumberParagraph, mastheadParagraph, recipientsParagraph, titleParagraph } from './head.js';
import { imprintParagraphs } from './imprint.js';
import { spaceBefore, type Prev } from '../spacing.js';
import { tableOf } from './table.js';

type Child = Paragraph | Table;

export interface Flow {
  body: Child[];
  /** 信函格式: the masthead and its double line, printed on page 1 only. */
  firstPageHeader: Paragraph[];
}

interface Place {
  profile: DocProfile;
  prev: Block | undefined;
  next: Block | undefined;
  /** Nothing has been put in the body yet. */
  atStart: boolean;
  /** Drawing ids must be unique in a document; docx's own counter is process-wide. */
  drawingId: number;
}

function blockChildren(block: Block, { profile, prev, next, atStart, drawingId }: Place): Child[] {
  switch (block.type) {
    case 'masthead':
      return [mastheadParagraph(block.text, profile, profile === 'letter' || next?.type !== 'docNumber')];
    case 'docNumber':
      return [docNumberParagraph(block.text, profile, profile === 'file', prev?.type === 'masthead')];
    case 'title':
      return [titleParagraph(block.text)];
    case 'recipients':
      return [recipientsParagraph(block.text)];
    case 'heading':
      return [headingParagraph(block.level, block.runs)];
    case 'paragraph':
      return [bodyParagraph(block.runs, block.indent, block.align)];
    case 'table':
      return [tableOf(block)];
    case 'attachmentNote':
      return attachmentNoteParagraphs(block.items);
    case 'attachmentLabel':
      return [attachmentLabelParagraph(block.text, !atStart)];
    case 'signature':
      return signatureParagraphs(block.organ, block.date);
    case 'imprint':
      return imprintParagraphs(block, profile);
    case 'chart':
      return chartChildren(block, drawingId);
    case 'qr':
      return qrChildren(block, drawingId);
    case 'blank':
      return blankParagraphs(block.lines);
    case 'pageBreak':
      return [];
  }
}

/** Page break before the first child: rebuilt from its options, since docx paragraphs are final. */
function breakBefore(children: Child[]): Child[] {
  const [first, ...rest] = children;
  if (first instanceof Paragraph && typeof first.options !== 'string') {
    return [new Paragraph({ ...first.options, pageBreakBefore: true }), ...rest];
  }
  return [new Paragraph({ children: [new PageBreak()] }), ...children];
}

/** The leading 发文机关标志 and 发文字号 form the 版头. */
function headerLength(blocks: readonly Block[]): number {
  let n = 0;
  while (n < blocks.length && (blocks[n]!.type === 'masthead' || blocks[n]!.type === 'docNumber')) n++;
  return n;
}

/**
 * The 版记 goes last whatever its place in the tree (the PDF prints it at the foot of the last
 * page); blank lines the standard prescribes go between blocks, except at the top of a page.
 */
export function flowOf(blocks: readonly Block[], profile: DocProfile): Flow {
  const body: Child[] = [];
  const firstPageHeader: Paragraph[] = [];
  const imprints = blocks.filter((b) => b.type === 'imprint');
  const ordered = [...blocks.filter((b) => b.type !== 'imprint'), ...imprints.slice(-1)];
  const header = headerLength(ordered);
  let pendingBreak = false;
  let prev: Prev = null;
  ordered.forEach((block, i) => {
    if (block.type === 'pageBreak') {
      pendingBreak = body.length > 0;
      prev = block.type;
      return;
    }
    const place = { profile, prev: ordered[i - 1], next: ordered[i + 1], atStart: body.length === 0, drawingId: i + 1 };
    let children = blockChildren(block, place);
    if (profile === 'letter' && block.type === 'masthead' && i < header && firstPageHeader.length === 0) {
      firstPageHeader.push(...(children as Paragraph[]));
    } else {
      const newPage = pendingBreak || block.type === 'attachmentLabel';
      if (pendingBreak && block.type !== 'attachmentLabel' && children.length > 0) children = breakBefore(children);
      const blanks = newPage || body.length === 0 ? 0 : spaceBefore(prev, block);
      body.push(...blankParagraphs(blanks), ...children);
      if (children.length > 0) pendingBreak = false;
    }
    prev = i < header ? 'header' : block.type;
  });
  return { body, firstPageHeader };
}
