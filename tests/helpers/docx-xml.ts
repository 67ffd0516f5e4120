/**
 * Reading generated Office packages back in tests: unzip with fflate, parse each XML part with a
 * small strict parser (it throws on anything not well-formed XML 1.0, which is what Word, WPS
 * and Excel refuse), and walk the tree.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: (XmlNode | string)[];
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTR = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/;
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

function decode(raw: string, where: number): string {
  if (FORBIDDEN_CHAR.test(raw)) throw new Error(`XML: forbidden character near offset ${where}`);
  const stripped = raw.replace(ENTITY, '');
  if (stripped.includes('&')) throw new Error(`XML: bad entity near offset ${where}`);
  return raw.replace(ENTITY, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    const ch = String.fromCodePoint(code);
    if (FORBIDDEN_CHAR.test(ch) || (code < 0x20 && code !== 9 && code !== 10 && code !== 13)) {
      throw new Error(`XML: forbidden character reference near offset ${where}`);
    }
    return ch;
  });
}

/** Parses one XML document; throws with an offset when it is not well-formed. */
export function parseXml(text: string): XmlNode {
  let i = 0;
  const root: XmlNode = { name: '#document', attrs: {}, children: [] };
  const stack: XmlNode[] = [root];
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? text.length : lt;
    if (end > i) {
      const t = decode(text.slice(i, end), i);
      if (stack.length === 1 && t.trim()) throw new Error(`XML: text outside the root at ${i}`);
      if (stack.length > 1) stack[stack.length - 1]!.children.push(t);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i);
      if (close < 0) throw new Error(`XML: unterminated declaration at ${i}`);
      i = close + 2;
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i);
      if (close < 0) throw new Error(`XML: unterminated comment at ${i}`);
      i = close + 3;
    } else if (text.startsWith('</', i)) {
      const m = NAME.exec(text.slice(i + 2));
      const top = stack.pop();
      if (!m || !top || top.name !== m[0]) throw new Error(`XML: mismatched end tag at ${i}`);
      const close = text.indexOf('>', i);
      if (close < 0 || text.slice(i + 2 + m[0].length, close).trim()) throw new Error(`XML: bad end tag at ${i}`);
      i = close + 1;
    } else {
      const m = NAME.exec(text.slice(i + 1));
      if (!m) throw new Error(`XML: bad tag at ${i}`);
      const node: XmlNode = { name: m[0], attrs: {}, children: [] };
      let j = i + 1 + m[0].length;
      for (;;) {
        const a = ATTR.exec(text.slice(j, j + 100_000));
        if (!a) break;
        if (a[1]! in node.attrs) throw new Error(`XML: duplicate attribute ${a[1]} at ${j}`);
        node.attrs[a[1]!] = decode(a[3] ?? a[4] ?? '', j);
        j += a[0].length;
      }
      const rest = text.slice(j, j + 3);
      const selfClosing = /^\s*\/>/.exec(rest);
      const open = /^\s*>/.exec(rest);
      if (!selfClosing && !open) throw new Error(`XML: bad tag syntax at ${j}`);
      if (stack.length === 1 && root.children.some((c) => typeof c !== 'string')) throw new Error('XML: two roots');
      stack[stack.length - 1]!.children.push(node);
      if (open && !selfClosing) stack.push(node);
      i = j + (selfClosing ?? open)![0].length;
    }
  }
  if (stack.length !== 1) throw new Error(`XML: unclosed <${stack[stack.length - 1]!.name}>`);
  const top = root.children.find((c): c is XmlNode => typeof c !== 'string');
  if (!top) throw new Error('XML: no root element');
  return top;
}

export function unzipParts(buffer: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(buffer);
}

/** Every XML part of the package as text. */
export function xmlParts(buffer: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipSync(buffer))) {
    if (path.endsWith('.xml') || path.endsWith('.rels')) out[path] = strFromU8(data);
  }
  return out;
}

export function part(buffer: Uint8Array, path: string): XmlNode {
  const text = xmlParts(buffer)[path];
  if (text === undefined) throw new Error(`no part ${path}`);
  return parseXml(text);
}

export function elements(node: XmlNode | string): XmlNode[] {
  return typeof node === 'string' ? [] : node.children.filter((c): c is XmlNode => typeof c !== 'string');
}

/** Depth-first, document order. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    if (n.name === name) out.push(n);
    for (const c of elements(n)) walk(c);
  };
  walk(node);
  return out;
}

export function find(node: XmlNode, name: string): XmlNode | undefined {
  return findAll(node, name)[0];
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node ? elements(node).find((c) => c.name === name) : undefined;
}

function ownText(n: XmlNode): string {
  return n.children.map((c) => (typeof c === 'string' ? c : '')).join('');
}

/** A paragraph's text: w:t, tabs as \t, line breaks as \n, pictures by their description. */
export function paragraphText(p: XmlNode): string {
  let s = '';
  const walk = (n: XmlNode): void => {
    if (n.name === 'w:t' || n.name === 'w:instrText') {
      if (n.name === 'w:t') s += ownText(n);
      return;
    }
    if (n.name === 'w:tab' && n.attrs['w:val'] === undefined) s += '\t';
    if (n.name === 'w:br' && n.attrs['w:type'] !== 'page') s += '\n';
    if (n.name === 'wp:docPr' && n.attrs.descr) s += n.attrs.descr;
    for (const c of elements(n)) walk(c);
  };
  walk(p);
  return s;
}

/**
 * The paragraph texts of a DOCX in reading order: the headers' paragraphs (a letter's masthead
 * lives in its first-page header), then the body's, tables included.
 */
export function docxText(buffer: Uint8Array): string[] {
  const parts = xmlParts(buffer);
  const headers = Object.keys(parts)
    .filter((p) => /^word\/header\d*\.xml$/.test(p))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return [...headers, 'word/document.xml'].flatMap((p) => findAll(parseXml(parts[p]!), 'w:p').map(paragraphText));
}
