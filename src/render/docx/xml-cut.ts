/**
 * Cutting XML that docx wrote into its top-level elements. docx escapes < and > in attribute
 * values and text alike, so every < starts a tag and the next > ends it: counting open and
 * close tags is enough, no parser needed.
 */

const TAG = /<(\/?)[^>]*?(\/?)>/g;

/**
 * The top-level elements of a run of XML elements, each as written; undefined when the text is
 * not just elements one after another (text between them, an unclosed or stray tag).
 */
export function xmlElements(xml: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (const m of xml.matchAll(TAG)) {
    if (depth === 0 && m.index !== start) return undefined;
    depth += m[1] ? -1 : m[2] ? 0 : 1;
    if (depth < 0) return undefined;
    if (depth === 0) {
      const end = m.index + m[0].length;
      out.push(xml.slice(start, end));
      start = end;
    }
  }
  return depth === 0 && start === xml.length ? out : undefined;
}

/** The elements between an element's open and close tags; undefined when the XML is not that element, or not just elements inside. */
export function elementContent(xml: string, open: string, close: string): string[] | undefined {
  return xml.startsWith(open) && xml.endsWith(close) ? xmlElements(xml.slice(open.length, xml.length - close.length)) : undefined;
}
