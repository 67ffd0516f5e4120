/**
 * DOCX writer: a DocTree → a GB/T 9704-2012 document (A4, 37/28/26 mm margins, 156 × 225 mm type
 * area, 22 lines of 28 characters of 3号仿宋, page numbers "— N —" on alternating sides).
 * Output is a pure function of the tree: dates come from `tree.meta.date`, never the clock.
 */
import { Document, Packer } from 'docx';
import type { DocTree } from '../../model/doc.js';
import { DubanError } from '../../model/errors.js';
import { xmlSafe } from '../../util/xml-safe.js';
import { flowOf } from './blocks.js';
import { finishPackage, packageFromParts } from './package.js';
import { sectionOf } from './page.js';
import { styles } from './styles.js';

export function documentOf(tree: DocTree): Document {
  const flow = flowOf(tree.blocks, tree.profile);
  return new Document({
    title: xmlSafe(tree.meta.title),
    creator: xmlSafe(tree.meta.author),
    lastModifiedBy: xmlSafe(tree.meta.author),
    revision: 1,
    evenAndOddHeaderAndFooters: true,
    styles: styles(),
    sections: [sectionOf(tree.profile, flow.body, flow.firstPageHeader)],
  });
}

interface PartsCompiler {
  compile(doc: Document): Map<string, string | Uint8Array>;
}

/**
 * The package's parts from docx's own compiler, which Packer zips; we zip once ourselves with
 * the document's date instead. docx is pinned, and without the compiler Packer's zip is re-packed.
 */
function compiledParts(doc: Document): Map<string, string | Uint8Array> | null {
  const compiler = (Packer as unknown as { compiler?: PartsCompiler }).compiler;
  return typeof compiler?.compile === 'function' ? compiler.compile(doc) : null;
}

export async function writeDocx(tree: DocTree): Promise<Buffer> {
  try {
    const doc = documentOf(tree);
    const parts = compiledParts(doc);
    if (parts) return packageFromParts(parts, tree.meta.date);
    return finishPackage(await Packer.toBuffer(doc), tree.meta.date);
  } catch (e) {
    if (e instanceof DubanError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new DubanError('internal', `生成 Word 文档失败（${reason}）`);
  }
}
