/**
 * DOCX reader: the main document part (`word/document.xml`, or wherever `_rels/.rels` points)
 * unzipped with fflate and walked as XML.
 *
 * Handles: one line per paragraph (`w:t` text, `w:tab` → tab, `w:br`/`w:cr` → a new line),
 * a table row → one line with cells joined by ` | ` (nested tables flattened into their cell),
 * text boxes (their paragraphs become lines of their own, the VML fallback copy is skipped),
 * fields (the displayed result is kept, the instruction dropped), tracked changes (insertions
 * kept, deletions and moved-from text dropped), XML entities, automatic list numbers (rendered
 * from numbering.xml in front of the text, docx-numbering.ts).
 * Does not handle: headers, footers, footnotes, comments, hidden text (`w:vanish` is still read), symbol-font characters (`w:sym`).
 */
import { DubanError } from '../model/errors.js';
import { MAX_DOCX_XML_BYTES } from './limits.js';
import { joinCells } from './rows.js';
import { DocxNumbering } from './docx-numbering.js';
import { xmlAttr, xmlTokens, XmlSyntaxError } from './xml.js';

export const BAD_DOCX = '不是有效的 DOCX 文件（可能已损坏或不完整）';

const WORDML = /xmlns(?::([\w.-]+))?\s*=\s*["'](?:http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main|http:\/\/purl\.oclc\.org\/ooxml\/wordprocessingml\/main)["']/;

type Frame =
  | { kind: 'para'; done: string[]; cur: string; numId?: string; ilvl?: number }
  | { kind: 'row'; cells: string[] }
  | { kind: 'cell'; texts: string[] }
  | { kind: 'skip' }
  | { kind: 'plain' };

interface Element {
  name: string;
  frame: Frame;
}

/** Subtrees whose text is not part of the visible document. */
const SKIPPED = new Set(['del', 'moveFrom', 'instrText', 'delInstrText', 'fldData', 'sdtPr', 'rPr', 'pPr']);

/** Turns the XML of a main document part into lines. Exported for tests. */
export function documentXmlToLines(xml: string, numbering: DocxNumbering | null = null): string[] {
  const prefix = WORDML.exec(xml.slice(0, 4096))?.[1] ?? (WORDML.test(xml.slice(0, 4096)) ? '' : 'w');
  const local = (qname: string): string | null => {
    if (prefix === '') return qname.includes(':') ? null : qname;
    return qname.startsWith(prefix + ':') ? qname.slice(prefix.length + 1) : null;
  };

  const out: string[] = [];
  const stack: Element[] = [];
  let skipping = 0;

  const innermost = <K extends Frame['kind']>(kind: K): Extract<Frame, { kind: K }> | null => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i]!.frame;
      if (f.kind === kind) return f as Extract<Frame, { kind: K }>;
    }
    return null;
  };
  /** Where finished lines go: the enclosing table cell, or the document body. */
  const emit = (lines: string[]): void => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i]!.frame;
      if (f.kind === 'cell') {
        f.texts.push(...lines);
        return;
      }
    }
    out.push(...lines);
  };
  const parentIsRun = (): boolean => {
    const top = stack[stack.length - 1];
    return top !== undefined && local(top.name) === 'r';
  };
  const finish = (frame: Frame): void => {
    if (frame.kind === 'skip') skipping--;
    else if (frame.kind === 'para') emit(withNumber([...frame.done, frame.cur], frame, numbering));
    else if (frame.kind === 'cell') innermost('row')?.cells.push(frame.texts.filter((t) => t.trim() !== '').join(' '));
    else if (frame.kind === 'row') emit([joinCells(frame.cells)]);
  };

  for (const tok of xmlTokens(xml)) {
    if (tok.kind === 'text') {
      if (skipping) continue;
      const top = stack[stack.length - 1];
      if (top && local(top.name) === 't') {
        const para = innermost('para');
        if (para) para.cur += tok.text;
      }
      continue;
    }
    if (tok.kind === 'close') {
      // Tolerate stray or missing end tags: unwind to the matching open element.
      const at = stack.map((e) => e.name).lastIndexOf(tok.name);
      if (at < 0) continue;
      while (stack.length > at) finish(stack.pop()!.frame);
      continue;
    }
    const name = local(tok.name);
    if (numbering && (name === 'numId' || name === 'ilvl')) recordNumbering(innermost('para'), name, xmlAttr(tok.attrs, prefix ? `${prefix}:val` : 'val'));
    const isFallback = tok.name.endsWith(':Fallback') || tok.name === 'Fallback';
    let frame: Frame = { kind: 'plain' };
    if (skipping || isFallback || (name !== null && SKIPPED.has(name))) {
      frame = { kind: 'skip' };
      skipping++;
    } else if (name === 'p') frame = { kind: 'para', done: [], cur: '' };
    else if (name === 'tr') frame = { kind: 'row', cells: [] };
    else if (name === 'tc') frame = { kind: 'cell', texts: [] };
    else if (name !== null && parentIsRun()) {
      const para = innermost('para');
      if (para) {
        if (name === 'tab' || name === 'ptab') para.cur += '\t';
        else if (name === 'br' || name === 'cr') {
          para.done.push(para.cur);
          para.cur = '';
        } else if (name === 'noBreakHyphen') para.cur += '-';
      }
    }
    if (tok.selfClosing) finish(frame);
    else stack.push({ name: tok.name, frame });
  }
  while (stack.length) finish(stack.pop()!.frame);
  return out;
}

function recordNumbering(para: Extract<Frame, { kind: 'para' }> | null, name: 'numId' | 'ilvl', val: string | null): void {
  if (!para || val === null) return;
  if (name === 'numId') para.numId = val;
  else para.ilvl = Number(val) || 0;
}

/** A paragraph of an automatically numbered list shows its number before its text. */
function withNumber(lines: string[], para: Extract<Frame, { kind: 'para' }>, numbering: DocxNumbering | null): string[] {
  if (!numbering || para.numId === undefined) return lines;
  const label = numbering.next(para.numId, para.ilvl ?? 0);
  if (label) lines[0] = `${label}${lines[0]}`;
  return lines;
}

type Guard = typeof import('../util/zip-guard.js');

const DOCX_LIMITS = (g: Guard) => ({ ...g.OFFICE_ZIP_LIMITS, maxEntryBytes: MAX_DOCX_XML_BYTES });

function unzipParts(guard: Guard, bytes: Uint8Array, names: ReadonlySet<string>, file: string): Record<string, Uint8Array> {
  try {
    return guard.readZip(bytes, (name) => names.has(name), DOCX_LIMITS(guard));
  } catch (e) {
    if (e instanceof guard.ZipLimitError) throw new DubanError('limit', `DOCX 文件超出安全上限：${e.message}`, { file });
    throw new DubanError('input', BAD_DOCX, { file });
  }
}

const utf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');

function partText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  return utf8.decode(bytes);
}

/** The main document part named by the package relationships, `word/document.xml` by default. */
function mainPartName(rels: Uint8Array | undefined): string {
  if (!rels) return 'word/document.xml';
  for (const tag of partText(rels).match(/<Relationship\b[^>]*>/g) ?? []) {
    const type = xmlAttr(tag, 'Type') ?? '';
    if (/\/officeDocument$/.test(type)) return (xmlAttr(tag, 'Target') ?? 'word/document.xml').replace(/^\//, '');
  }
  return 'word/document.xml';
}

/** Reads a DOCX file's bytes into text lines (not yet cleaned). */
export async function readDocx(file: string, bytes: Uint8Array): Promise<string[]> {
  const guard: Guard = await import('../util/zip-guard.js');
  const first = unzipParts(guard, bytes, new Set(['_rels/.rels', 'word/document.xml', 'word/numbering.xml']), file);
  const main = mainPartName(first['_rels/.rels']);
  const doc = first[main] ?? (main === 'word/document.xml' ? undefined : unzipParts(guard, bytes, new Set([main]), file)[main]);
  if (!doc) throw new DubanError('input', BAD_DOCX, { file });
  try {
    const numbering = first['word/numbering.xml'] ? new DocxNumbering(partText(first['word/numbering.xml'])) : null;
    return documentXmlToLines(partText(doc), numbering);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new DubanError('input', BAD_DOCX, { file });
    throw e;
  }
}
