/**
 * DOCX writer: a DocTree → a GB/T 9704-2012 document (A4, 37/28/26 mm margins, 156 × 225 mm type
 * area, 22 lines of 28 characters of 3号仿宋, page numbers "— N —" on alternating sides).
 * Output is a pure function of the tree: dates come from `tree.meta.date`, never the clock.
 * A batch of documents (prepareDocx first) reuses what docx wrote for the others (reuse.ts);
 * the bytes are the same as when each is written alone.
 */
import { Packer } from './lib.js';
import type { DocTree } from '../../model/doc.js';
import { DubanError } from '../../model/errors.js';
import { docxCompiler, documentOf } from './document.js';
import { finishPackage, packageFromParts } from './package.js';
import { prepareReuse, reusedPackage } from './reuse.js';

export { documentOf } from './document.js';

async function writtenPackage(tree: DocTree): Promise<Buffer> {
  const doc = documentOf(tree);
  const compiler = docxCompiler();
  if (compiler) return packageFromParts(compiler.compile(doc), tree.meta.date);
  return finishPackage(await Packer.toBuffer(doc), tree.meta.date);
}

function failure(e: unknown): never {
  if (e instanceof DubanError) throw e;
  const reason = e instanceof Error ? e.message : String(e);
  throw new DubanError('internal', `生成 Word 文档失败（${reason}）`);
}

export async function writeDocx(tree: DocTree): Promise<Buffer> {
  try {
    return reusedPackage(tree) ?? (await writtenPackage(tree));
  } catch (e) {
    failure(e);
  }
}

/**
 * Has docx write, once, what the trees' documents share, before they are written one by one
 * (writeDocx reuses it for these trees, until the next batch). Only a speed-up, which writeDocx
 * does without: a tree it fails on is reported when written.
 */
export function prepareDocx(trees: readonly DocTree[]): void {
  try {
    prepareReuse(trees);
  } catch {
    // writeDocx writes each tree in full and reports its own error.
  }
}
