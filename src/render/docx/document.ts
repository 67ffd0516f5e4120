/**
 * The docx Document of a tree: its shell (everything but the body's pieces) and its body.
 * The shell is plain data, so that documents whose shells are equal are known to differ in
 * document.xml's body only (reuse.ts relies on it): documentFrom reads nothing else.
 */
import { Document, Packer, type Paragraph } from './lib.js';
import type { DocProfile, DocTree } from '../../model/doc.js';
import { xmlSafe } from '../../util/xml-safe.js';
import { madePlan, pieceChildren, type BlockPiece, type Child, type Plan } from './blocks.js';
import type { PartData } from './package.js';
import { sectionOf } from './page.js';
import { styles } from './styles.js';

export interface ShellSpec {
  title: string;
  author: string;
  profile: DocProfile;
  /** 信函格式: the masthead in the first-page header. */
  firstPageHeader: BlockPiece[];
}

export function shellOf(tree: DocTree, plan: Plan): ShellSpec {
  return { title: tree.meta.title, author: tree.meta.author, profile: tree.profile, firstPageHeader: plan.firstPageHeader };
}

export function documentFrom(shell: ShellSpec, body: Child[]): Document {
  const header = shell.firstPageHeader.flatMap((p) => pieceChildren(p) as Paragraph[]);
  return new Document({
    title: xmlSafe(shell.title),
    creator: xmlSafe(shell.author),
    lastModifiedBy: xmlSafe(shell.author),
    revision: 1,
    evenAndOddHeaderAndFooters: true,
    styles: styles(),
    sections: [sectionOf(shell.profile, body, header)],
  });
}

export function documentOf(tree: DocTree): Document {
  const { plan, body } = madePlan(tree.blocks, tree.profile);
  return documentFrom(shellOf(tree, plan), body);
}

/** The package's parts by path, in the order Packer would zip them. */
export type PackageParts = Map<string, PartData>;

interface PartsCompiler {
  compile(doc: Document): PackageParts;
}

/**
 * docx's own compiler, which Packer zips with the clock's date; we zip its parts ourselves with
 * the document's. docx is pinned; without the compiler the caller re-packs Packer's zip.
 */
export function docxCompiler(): PartsCompiler | null {
  const compiler = (Packer as unknown as { compiler?: PartsCompiler }).compiler;
  return typeof compiler?.compile === 'function' ? compiler : null;
}
