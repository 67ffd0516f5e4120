/**
 * One rendered document → its files. Both writers take the same tree, so the DOCX and the PDF
 * of a document carry the same words; every file is written atomically.
 */
import './fonts/prelude.js';
import type { DocTree } from '../model/doc.js';
import { DubanError } from '../model/errors.js';
import { writeFileAtomicAsync } from '../util/atomic-write.js';
import type { FontSet } from './fonts/fonts.js';
import { packagePath } from '../util/package-path.js';

export type DocFormat = 'docx' | 'pdf';

/** `--format docx,pdf` → the formats, refusing unknown ones with a Chinese message. */
export function parseFormats<F extends string>(list: string, allowed: readonly F[]): F[] {
  const asked = list.split(/[,，\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = asked.filter((f) => !(allowed as readonly string[]).includes(f));
  if (bad.length || asked.length === 0) {
    throw new DubanError('usage', `不支持的输出格式“${bad.join('、') || list}”，可选：${allowed.join('、')}`);
  }
  return [...new Set(asked)] as F[];
}

export interface WriteDocumentOptions {
  formats: readonly DocFormat[];
  /** Needed when formats include pdf; loaded once per process by the caller. */
  fonts?: FontSet;
  /**
   * A batch collects its file writes here and awaits them at its end, so that they go on while
   * the next document is rendered; without it each write is awaited.
   */
  writes?: Promise<void>[];
}

/** Readies a batch of documents to be written one by one: the DOCX writer reuses what they share. */
export async function prepareDocuments(trees: readonly DocTree[], formats: readonly DocFormat[]): Promise<void> {
  if (!formats.includes('docx') || trees.length < 2) return;
  const { prepareDocx } = await import('./docx/index.js');
  prepareDocx(trees);
}

/** Writes `<base>.docx` and/or `<base>.pdf`; returns the paths written. */
export async function writeDocument(tree: DocTree, base: string, opts: WriteDocumentOptions): Promise<string[]> {
  const written: string[] = [];
  const write = async (path: string, data: Uint8Array): Promise<void> => {
    const done = writeFileAtomicAsync(path, data);
    if (opts.writes) opts.writes.push(done);
    else await done;
    written.push(path);
  };
  if (opts.formats.includes('docx')) {
    const { writeDocx } = await import('./docx/index.js');
    await write(`${base}.docx`, await writeDocx(tree));
  }
  if (opts.formats.includes('pdf')) {
    if (!opts.fonts) throw new DubanError('internal', '生成 PDF 需要先加载字体');
    const { writePdf } = await import('./pdf/write.js');
    await write(`${base}.pdf`, writePdf(tree, opts.fonts));
  }
  return written;
}

/** The templates folder shipped with duban, from src/ or dist/ alike. */
export function templatePath(name: string): string {
  return packagePath('templates', name);
}
