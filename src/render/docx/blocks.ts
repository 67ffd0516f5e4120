/**
 * The tree's blocks in order → docx paragraphs and tables, in two steps: a plan of pieces (each
 * block with what its neighbours decide about it, as plain data), then each piece's docx
 * children, made from the piece alone. A piece is therefore all that its XML depends on, which
 * is what lets reuse.ts keep that XML for the next document with the same piece.
 * A page break becomes "page break before" on the next paragraph (no empty line at the top of
 * the new page), or an empty breaking paragraph when a table follows.
 */
import { PageBreak, Paragraph, type Table } from './lib.js';
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

export type Child = Paragraph | Table;

/** One block and what its place in the document decides about it. */
export interface BlockPiece {
  kind: 'block';
  block: Block;
  profile: DocProfile;
  /** Masthead and 发文字号: the red line under it. */
  separator: boolean;
  /** 发文字号 right under the masthead: two lines below it. */
  afterMasthead: boolean;
  /** 附件 label after other content: it starts a page. */
  newPage: boolean;
  /** A page break came before: the block starts a page. */
  breakBefore: boolean;
  /** Pictures only (0 otherwise): drawing ids must be unique in a document, docx's own counter is process-wide. */
  drawingId: number;
}

/** Blank lines the standard puts between two blocks. */
export interface BlankPiece {
  kind: 'blank';
  lines: number;
}

export type Piece = BlockPiece | BlankPiece;

export interface Plan {
  body: Piece[];
  /** 信函格式: the masthead and its double line, printed on page 1 only. */
  firstPageHeader: BlockPiece[];
}

/** Whether a piece makes any docx children; undefined when that is not known, which abandons the plan. */
export type MakesAny = (piece: Piece) => boolean | undefined;

/** Blocks that always make at least one child (blockChildren returns a list with one in every such case). */
const NEVER_EMPTY = new Set<Block['type']>(['masthead', 'docNumber', 'title', 'recipients', 'heading', 'paragraph', 'table', 'attachmentLabel', 'chart', 'qr']);

/** Whether a piece surely makes children, without making them. */
export function surelyMakesAny(piece: Piece): boolean {
  return piece.kind === 'block' && NEVER_EMPTY.has(piece.block.type);
}

function blockChildren(p: BlockPiece): Child[] {
  const { block, profile } = p;
  switch (block.type) {
    case 'masthead':
      return [mastheadParagraph(block.text, profile, p.separator)];
    case 'docNumber':
      return [docNumberParagraph(block.text, profile, p.separator, p.afterMasthead)];
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
      return [attachmentLabelParagraph(block.text, p.newPage)];
    case 'signature':
      return signatureParagraphs(block.organ, block.date);
    case 'imprint':
      return imprintParagraphs(block, profile);
    case 'chart':
      return chartChildren(block, p.drawingId);
    case 'qr':
      return qrChildren(block, p.drawingId);
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

/** A piece's docx children, made from the piece alone. */
export function pieceChildren(piece: Piece): Child[] {
  if (piece.kind === 'blank') return blankParagraphs(piece.lines);
  const children = blockChildren(piece);
  return piece.breakBefore && children.length > 0 ? breakBefore(children) : children;
}

/** Pieces that make pictures add media and relationships to the package besides their XML. */
export function hasPicture(piece: Piece): boolean {
  return piece.kind === 'block' && (piece.block.type === 'chart' || piece.block.type === 'qr');
}

/** The leading 发文机关标志 and 发文字号 form the 版头. */
function headerLength(blocks: readonly Block[]): number {
  let n = 0;
  while (n < blocks.length && (blocks[n]!.type === 'masthead' || blocks[n]!.type === 'docNumber')) n++;
  return n;
}

interface Place {
  profile: DocProfile;
  prev: Block | undefined;
  next: Block | undefined;
  /** Nothing has been put in the body yet. */
  atStart: boolean;
  index: number;
  breakBefore: boolean;
}

function blockPiece(block: Block, place: Place): BlockPiece {
  const { profile, prev, next } = place;
  const separator =
    (block.type === 'masthead' && (profile === 'letter' || next?.type !== 'docNumber')) || (block.type === 'docNumber' && profile === 'file');
  const picture = block.type === 'chart' || block.type === 'qr';
  return {
    kind: 'block',
    block,
    profile,
    separator,
    afterMasthead: block.type === 'docNumber' && prev?.type === 'masthead',
    newPage: block.type === 'attachmentLabel' && !place.atStart,
    breakBefore: place.breakBefore,
    drawingId: picture ? place.index + 1 : 0,
  };
}

/**
 * The 版记 goes last whatever its place in the tree (the PDF prints it at the foot of the last
 * page); blank lines the standard prescribes go between blocks, except at the top of a page.
 * Whether a block made anything decides the blank lines and page breaks after it: `makesAny` says.
 */
export function planOf(blocks: readonly Block[], profile: DocProfile, makesAny: MakesAny): Plan | undefined {
  const plan: Plan = { body: [], firstPageHeader: [] };
  const imprints = blocks.filter((b) => b.type === 'imprint');
  const ordered = [...blocks.filter((b) => b.type !== 'imprint'), ...imprints.slice(-1)];
  const header = headerLength(ordered);
  let bodyEmpty = true;
  let pendingBreak = false;
  let prev: Prev = null;
  for (const [i, block] of ordered.entries()) {
    if (block.type === 'pageBreak') {
      pendingBreak = !bodyEmpty;
      prev = block.type;
      continue;
    }
    const place = { profile, prev: ordered[i - 1], next: ordered[i + 1], atStart: bodyEmpty, index: i, breakBefore: false };
    if (profile === 'letter' && block.type === 'masthead' && i < header && plan.firstPageHeader.length === 0) {
      plan.firstPageHeader.push(blockPiece(block, place));
    } else {
      const piece = blockPiece(block, { ...place, breakBefore: pendingBreak && block.type !== 'attachmentLabel' });
      const any = surelyMakesAny(piece) || makesAny(piece);
      if (any === undefined) return undefined;
      const newPage = pendingBreak || block.type === 'attachmentLabel';
      const blanks = newPage || bodyEmpty ? 0 : spaceBefore(prev, block);
      if (blanks > 0) plan.body.push({ kind: 'blank', lines: blanks });
      plan.body.push(piece);
      if (any) pendingBreak = false;
      bodyEmpty &&= !any;
    }
    prev = i < header ? 'header' : block.type;
  }
  return plan;
}

/** The plan, with every body piece made into its docx children on the way. */
export function madePlan(blocks: readonly Block[], profile: DocProfile): { plan: Plan; body: Child[] } {
  const made = new Map<Piece, Child[]>();
  const plan = planOf(blocks, profile, (p) => {
    const children = pieceChildren(p);
    made.set(p, children);
    return children.length > 0;
  })!;
  return { plan, body: plan.body.flatMap((p) => made.get(p) ?? pieceChildren(p)) };
}
