/**
 * Text files that carry a page's markup: a notice copied out of a database dump or a page's
 * source, where paragraphs are `<p>…</p>` with no line break between them. Such a file is not
 * an HTML document (it does not start with a tag, and the page around it is SQL or script), so
 * the HTML reader's body detection does not apply; instead each block tag becomes a line break
 * and the other tags and entities go. Each resulting line remembers the file line it came from,
 * so diagnostics still point at the line an editor shows.
 */

/** Tags that end a paragraph-like block. */
const BLOCK_TAG = /<\/?(?:p|div|br|li|tr|h[1-6]|table|ul|ol|section|article|blockquote)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ldquo: '“', rdquo: '”', mdash: '—', hellip: '…', middot: '·' };

/** True when the text holds enough paragraph markup to be read as markup rather than as plain text. */
export function hasEmbeddedMarkup(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const blocks = sample.match(/<\/?(?:p|br|div)\b[^>]*>/gi);
  return (blocks?.length ?? 0) >= 4;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** Escapes a SQL or JSON string literal leaves in attribute values (\" → "), then the markup. */
function strip(segment: string): string {
  return decodeEntities(segment.replace(/\\(["'])/g, '$1').replace(ANY_TAG, ''));
}

/**
 * Splits every line at block tags and strips the rest of the markup. Returns the new lines and,
 * for each, the 1-based number of the file line it came from.
 */
export function splitEmbeddedMarkup(lines: readonly string[]): { lines: string[]; lineNumbers: number[] } {
  const out: string[] = [];
  const lineNumbers: number[] = [];
  lines.forEach((line, i) => {
    const pieces = line.replace(/\\(["'])/g, '$1').split(BLOCK_TAG);
    for (const piece of pieces) {
      out.push(strip(piece));
      lineNumbers.push(i + 1);
    }
  });
  return { lines: out, lineNumbers };
}
