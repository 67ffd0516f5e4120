import { PDFDocument } from '../fonts/libs.js';
import type { DocTree } from '../../model/doc.js';
import { DubanError } from '../../model/errors.js';
import type { Face, FontSet } from '../fonts/fonts.js';
import type { LaidOutDoc } from '../layout/display.js';
import { layoutDocument } from '../layout/document.js';
import { PAGE_HEIGHT, PAGE_WIDTH } from '../layout/geometry.js';
import { glyphRunOps, type EmbeddedFontLike, type GlyphCache, type PageLike } from './glyphs.js';
import { drawBox, drawLine, drawSector } from './paths.js';
import { ttfSubset } from './ttf-subset.js';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * pdfkit streams its output; all of its writing is synchronous, so the chunks are collected
 * from `push` as they come and the document is complete when `end()` returns.
 */
class CollectingDocument extends PDFDocument {
  declare collected: Uint8Array[] | undefined;

  override push(chunk: unknown): boolean {
    if (chunk !== null && chunk !== undefined) (this.collected ??= []).push(chunk as Uint8Array);
    return true;
  }
}

/** The document date at 00:00 UTC: fixed dates give a fixed trailer /ID, hence identical bytes. */
function docDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(Date.UTC(2000, 0, 1));
}

/**
 * Renders a document tree to PDF bytes, synchronously. Fonts come from `loadFonts()` and are
 * shared: pdfkit subsets into each file only the glyphs it uses. Identical input gives
 * identical bytes (dates from tree.meta.date, the file ID derived from them, subset tags from
 * font order).
 */
export function writePdf(tree: DocTree, fonts: FontSet): Buffer {
  return paint(tree, layoutDocument(tree, fonts));
}

/** Paints an already laid-out document (layoutDocument) to PDF bytes. */
export function paint(tree: DocTree, laid: LaidOutDoc): Buffer {
  const date = docDate(tree.meta.date);
  const doc = new CollectingDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    compress: true,
    displayTitle: true,
    lang: 'zh-CN',
    // No default Helvetica: it would be loaded for nothing.
    font: null as unknown as string,
    info: {
      Title: tree.meta.title,
      Author: tree.meta.author,
      Creator: 'duban',
      Producer: 'duban',
      CreationDate: date,
      ModDate: date,
    },
  });
  // The code points each face draws: a face embeds from its slim copy only when that covers them.
  const drawn = new Map<Face, Set<number>>();
  for (const page of laid.pages) {
    for (const item of page.items) {
      if (item.kind !== 'glyphs') continue;
      let set = drawn.get(item.face);
      if (!set) drawn.set(item.face, (set = new Set()));
      for (const ch of item.chars) set.add(ch.codePointAt(0)!);
    }
  }
  const embedded = new Map<Face, { font: EmbeddedFontLike; cache: GlyphCache }>();
  const fontOf = (face: Face): { font: EmbeddedFontLike; cache: GlyphCache } => {
    let e = embedded.get(face);
    if (!e) {
      const name = `${face.key}-${embedded.size}`;
      const source = face.embedFont(drawn.get(face) ?? []);
      doc.registerFont(name, source as unknown as string);
      doc.font(name);
      const font = (doc as unknown as { _font: EmbeddedFontLike })._font;
      // Swapped before any glyph is included: the same file as fontkit's subset, written faster.
      font.subset = ttfSubset(source) ?? font.subset;
      e = { font, cache: new Map() };
      embedded.set(face, e);
    }
    return e;
  };
  try {
    for (const page of laid.pages) {
      doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
      const pdfPage = (doc as unknown as { page: PageLike }).page;
      let text: string[] = [];
      const flush = (): void => {
        if (text.length === 0) return;
        // pdfkit turns a string into bytes one character at a time, adding a newline; the same bytes, natively.
        doc.addContent(Buffer.from(`q\n1 0 0 -1 0 ${PAGE_HEIGHT} cm\n${text.join('\n')}\nQ\n`, 'latin1'));
        text = [];
      };
      for (const item of page.items) {
        if (item.kind === 'glyphs') {
          if (item.chars.length === 0) continue;
          const { font, cache } = fontOf(item.face);
          text.push(glyphRunOps(item, font, cache, pdfPage));
          continue;
        }
        flush();
        if (item.kind === 'line') drawLine(doc, item);
        else if (item.kind === 'rect') drawBox(doc, item);
        else drawSector(doc, item);
      }
      flush();
    }
    doc.end();
  } catch (e) {
    if (e instanceof DubanError) throw e;
    throw new DubanError('internal', `生成 PDF 失败（${e instanceof Error ? e.message : String(e)}）`);
  }
  return Buffer.concat(doc.collected ?? []);
}

export type { Doc };
