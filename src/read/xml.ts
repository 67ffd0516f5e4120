/**
 * A minimal XML tokenizer for OOXML parts: tags, text and CDATA, with entity decoding.
 * It does not validate, resolve DTDs or handle namespaces beyond returning qualified names.
 */

export type XmlToken =
  | { kind: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

export class XmlSyntaxError extends Error {}

const TAG = /<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function fromCodePoint(cp: number): string {
  if (!Number.isFinite(cp) || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(cp);
}

/** Decodes the five XML entities and numeric references; unknown entities stay as written. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') return fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

/** Value of attribute `name` (qualified, e.g. `w:val`) in a tag's attribute string. */
export function xmlAttr(attrs: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|\\s)${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXmlEntities(m[1] ?? m[2] ?? '') : null;
}

function skipPast(xml: string, from: number, end: string): number {
  const at = xml.indexOf(end, from);
  if (at < 0) throw new XmlSyntaxError(`unterminated ${end}`);
  return at + end.length;
}

/** Tokens in document order. Text tokens are already entity-decoded. */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      yield { kind: 'text', text: decodeXmlEntities(xml.slice(i)) };
      return;
    }
    if (lt > i) yield { kind: 'text', text: decodeXmlEntities(xml.slice(i, lt)) };
    if (xml.startsWith('<!--', lt)) {
      i = skipPast(xml, lt + 4, '-->');
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlSyntaxError('unterminated CDATA');
      yield { kind: 'text', text: xml.slice(lt + 9, end) };
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      i = skipPast(xml, lt + 2, '?>');
    } else if (xml.startsWith('<!', lt)) {
      i = skipPast(xml, lt + 2, '>');
    } else {
      TAG.lastIndex = lt;
      const m = TAG.exec(xml);
      if (!m) throw new XmlSyntaxError(`bad tag at ${lt}`);
      const [whole, slash, name, attrs, selfClose] = m;
      if (slash) yield { kind: 'close', name: name! };
      else yield { kind: 'open', name: name!, attrs: attrs ?? '', selfClosing: selfClose === '/' };
      i = lt + whole.length;
    }
  }
}
