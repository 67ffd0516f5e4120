/**
 * The one post-processing step on the package docx writes: what its API cannot say is patched
 * into the XML here, then the zip is re-packed with the document's date instead of the clock.
 * - styles.xml: widow control off in Normal (the grid needs every page to keep its 22 lines);
 * - fontTable.xml: the 公文 faces with their fallbacks and the GB2312 charset;
 * - exact line heights off the grid (unsnapExactLines).
 */
import { strFromU8, strToU8 } from 'fflate';
import { deterministicZip, finishedPart, isXmlPart, packageArchive, packageEntry, packageOrder } from '../../util/office-zip.js';
import type { ZipEntry } from '../../util/zip-write.js';
import { fontTableXml } from './fonts.js';

const NORMAL_STYLE = /(<w:style\b[^>]*w:styleId="Normal"[^>]*>)([\s\S]*?)(<\/w:style>)/;

export function patchNormalStyle(xml: string): string {
  return xml.replace(NORMAL_STYLE, (_m, open: string, inner: string, close: string) => {
    const body = inner.includes('<w:pPr>')
      ? inner.replace('<w:pPr>', '<w:pPr><w:widowControl w:val="0"/>')
      : inner.replace(/(<w:rPr>|$)/, '<w:pPr><w:widowControl w:val="0"/></w:pPr>$1');
    return `${open}${body}${close}`;
  });
}

export function patchFontTable(xml: string): string {
  const fonts = fontTableXml();
  if (/<w:fonts\b[^>]*\/>/.test(xml)) return xml.replace(/<w:fonts\b([^>]*)\/>/, `<w:fonts$1>${fonts}</w:fonts>`);
  return xml.replace('</w:fonts>', `${fonts}</w:fonts>`);
}

/**
 * Paragraphs with an exact line height (the title, table cells) keep it: Word honours exact
 * spacing over the line grid, LibreOffice only when the paragraph does not snap to the grid.
 */
export function unsnapExactLines(xml: string): string {
  return xml.replace(/<w:spacing\b[^>]*w:lineRule="exact"[^>]*\/>/g, (spacing) => `<w:snapToGrid w:val="0"/>${spacing}`);
}

const DOCUMENT = 'word/document.xml';

/**
 * document.xml's patch. It rewrites within single tags, so it may as well be applied to the
 * body's elements one by one, and to what comes before and after them.
 */
export const patchDocumentXml = unsnapExactLines;

function patchPart(path: string, xml: string): string {
  if (path === 'word/styles.xml') return unsnapExactLines(patchNormalStyle(xml));
  if (path === 'word/fontTable.xml') return patchFontTable(xml);
  if (path === DOCUMENT) return patchDocumentXml(xml);
  return xml;
}

/** Patched and re-packed: the same tree and date always give the same bytes. */
export function finishPackage(packed: Uint8Array, isoDate: string): Buffer {
  return deterministicZip(packed, isoDate, patchPart);
}

export type PartData = string | Uint8Array;

/**
 * One part as its archive entry: an XML part read back as text (as a part of a zip would be),
 * stamped with the date when it is core.xml, patched, then compressed.
 */
export function partEntry(path: string, data: PartData, isoDate: string): ZipEntry {
  if (!isXmlPart(path)) return packageEntry(path, typeof data === 'string' ? strToU8(data) : data);
  return packageEntry(path, strToU8(finishedPart(path, asRead(data), isoDate, patchPart)));
}

/**
 * A part's text as reading it back from UTF-8 gives it: without a leading byte-order mark.
 * (Lone surrogates, which reading back would make U+FFFD, are written as its bytes either way.)
 */
function asRead(data: PartData): string {
  if (typeof data !== 'string') return strFromU8(data);
  return data.charCodeAt(0) === 0xfeff ? data.slice(1) : data;
}

/** The entry of a document.xml that was patched already (patchDocumentXml), as partEntry would make it. */
export function patchedDocumentEntry(xml: string): ZipEntry {
  return packageEntry(DOCUMENT, strToU8(xml));
}

export type PartEntry = typeof partEntry;

/**
 * The same, from the package's parts before any zip was made (one deflate instead of two).
 * `entryOf` may hand back an entry made before for the same part and date.
 */
export function packageFromParts(parts: ReadonlyMap<string, PartData>, isoDate: string, entryOf: PartEntry = partEntry): Buffer {
  return packageArchive(
    packageOrder([...parts.keys()]).map((path) => entryOf(path, parts.get(path)!, isoDate)),
    isoDate,
  );
}
