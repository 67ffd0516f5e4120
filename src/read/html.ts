/**
 * HTML reader: a saved government web page → the notice's text lines.
 *
 * Handles: pages in any encoding decode.ts knows (the <meta> charset is honoured, see
 * index.ts); malformed markup (unclosed tags are closed, not dropped); entities; the article
 * body found by text density (html-extract.ts) with the title and the 索引号/文号/发布日期
 * metadata block kept; one line per block element or <br>; a table row → one line, cells
 * joined by ` | `; furniture lines (打印/关闭, 字体大中小, 分享到, 当前位置, 上一篇/下一篇,
 * 扫一扫…, visitor counters, copyright) dropped.
 * Does not handle: text drawn by JavaScript or loaded by frames, CSS-generated content or
 * CSS that hides/reveals blocks (only inline display:none and `hidden` are honoured),
 * images of text, several articles on one page (the densest wins).
 */
import { DubanError } from '../model/errors.js';
import { cleanLine } from './clean.js';
import { isFurnitureLine, stripInlineFurniture } from './furniture.js';
import { extractLines } from './html-extract.js';
import { toHDocument, type HDocument } from './html-tree.js';

/** Runs of blank lines become one; none at the start or end. */
function tidy(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

/** Reads decoded HTML into cleaned text lines. */
export async function readHtml(file: string, html: string): Promise<string[]> {
  const { parse } = await import('node-html-parser');
  let doc: HDocument;
  try {
    const root = parse(html, {
      lowerCaseTagName: false,
      comment: false,
      parseNoneClosedTags: true,
      blockTextElements: { script: true, noscript: true, style: true },
    });
    doc = toHDocument(root);
  } catch {
    throw new DubanError('content', '无法解析网页内容', { file });
  }
  const lines = extractLines(doc);
  const kept = lines
    .map((l) => cleanLine(stripInlineFurniture(cleanLine(l))))
    .map((l) => (isFurnitureLine(l) ? null : l))
    .filter((l): l is string => l !== null)
    .map((l) => (l.trim() === '' ? '' : l));
  return tidy(kept);
}
