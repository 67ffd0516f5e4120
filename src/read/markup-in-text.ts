/**
 * Text files that carry a page's markup: a notice copied out of a database dump or a page's
 * source, where paragraphs are `<p>…</p>` with no line break between them. Such a file is not
 * an HTML document (it does not start with a tag, and the page around it is SQL or script), so
 * the HTML reader's body detection does not apply; instead each block tag becomes a line break
 * and the other tags and entities go. Each resulting line remembers the file line it came from,
 * so diagnostics still point at the line an editor shows.
 */
import { decodeXmlEntities } from './xml.js';

/** Tags that end a paragraph-like block. */
const BLOCK_TAG = /<\/?(?:p|div|br|li|tr|h[1-6]|table|ul|ol|section|article|blockquote)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^<>]*>/g;
/** Named entities of HTML that XML lacks; numeric references and the XML five are decoded by xml.ts. */
const HTML_NAMED: Record<string, string> = { nbsp: ' ', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', hellip: '…', middot: '·' };

function decodeEntities(s: string): string {
  return decodeXmlEntities(s.replace(/&([a-z]{2,8});/g, (all, name: string) => HTML_NAMED[name] ?? all));
}

/** True when the text holds enough paragraph markup to be read as markup rather than as plain text. */
export function hasEmbeddedMarkup(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const blocks = sample.match(/<\/?(?:p|br|div)\b[^>]*>/gi);
  return (blocks?.length ?? 0) >= 4;
}

/**
 * Splits every line at block tags and strips the rest of the markup. Returns the new lines and,
 * for each, the 1-based number of the file line it came from.
 */
export function splitEmbeddedMarkup(lines: readonly string[]): { lines: string[]; lineNumbers: number[] } {
  const out: string[] = [];
  const lineNumbers: number[] = [];
  lines.forEach((line, i) => {
    // Escapes a SQL or JSON string literal leaves in attribute values (\" → ") go first.
    const pieces = line.replace(/\\(["'])/g, '$1').split(BLOCK_TAG);
    for (const piece of pieces) {
      out.push(decodeEntities(piece.replace(ANY_TAG, '')));
      lineNumbers.push(i + 1);
    }
  });
  return { lines: out, lineNumbers };
}
