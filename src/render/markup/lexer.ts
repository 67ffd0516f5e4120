import { MarkupError } from './errors.js';

export interface MAttr {
  value: string;
  line: number;
}

export interface MElement {
  kind: 'element';
  name: string;
  attrs: Map<string, MAttr>;
  children: MNode[];
  line: number;
  /** The opening tag as written, for error messages. */
  source: string;
}

export interface MText {
  kind: 'text';
  text: string;
  line: number;
}

export type MNode = MElement | MText;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
const NAME = /[A-Za-z][A-Za-z0-9]*/y;
const ATTR = /([a-z][a-z0-9-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
const SPACE = /\s*/y;

/**
 * Parses the XML-like markup into a tree: elements with quoted attributes, text, the entities
 * &lt; &gt; &amp; &quot; &apos; &#39; &#x3D; and <!-- comments -->. Anything else that looks like
 * markup is an error naming its line, so a typo never turns silently into text.
 */
export function lexMarkup(src: string, file?: string): MNode[] {
  const root: MElement = { kind: 'element', name: '#root', attrs: new Map(), children: [], line: 1, source: '' };
  const stack: MElement[] = [root];
  const lineAt = lineIndex(src);
  let pos = 0;
  let line = 1;
  const fail = (msg: string, at: number, token: string): never => {
    throw new MarkupError(msg, file, at, token);
  };
  const advance = (to: number): void => {
    pos = to;
    line = lineAt(to);
  };
  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt === -1 ? src.length : lt;
    if (textEnd > pos) {
      const startLine = line;
      const raw = src.slice(pos, textEnd);
      stack[stack.length - 1]!.children.push({ kind: 'text', text: decodeEntities(raw, startLine, file), line: startLine });
      advance(textEnd);
      continue;
    }
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end === -1) fail('注释 <!-- 没有以 --> 结束', line, '<!--');
      advance(end + 3);
      continue;
    }
    if (src.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(src);
      const close = m ? src.indexOf('>', pos) : -1;
      if (!m || close === -1 || src.slice(NAME.lastIndex, close).trim() !== '') {
        fail('结束标签写法有误', line, src.slice(pos, pos + 12));
      }
      const name = m![0];
      const open = stack[stack.length - 1]!;
      if (open.name !== name) {
        if (open.name === '#root') fail(`结束标签 </${name}> 没有对应的开始标签`, line, `</${name}>`);
        if (stack.some((el) => el.name === name)) fail(`<${open.name}> 没有结束标签 </${open.name}>`, open.line, open.source);
        fail(`结束标签 </${name}> 与第${open.line}行的 <${open.name}> 不匹配`, line, `</${name}>`);
      }
      stack.pop();
      advance(close + 1);
      continue;
    }
    NAME.lastIndex = pos + 1;
    const m = NAME.exec(src);
    if (!m) fail('文字中的 < 必须写作 &lt;', line, src.slice(pos, pos + 10));
    const el: MElement = { kind: 'element', name: m![0], attrs: new Map(), children: [], line, source: '' };
    const tagLine = line;
    let p = NAME.lastIndex;
    let selfClosing = false;
    for (;;) {
      SPACE.lastIndex = p;
      SPACE.exec(src);
      const afterWs = SPACE.lastIndex;
      if (src.startsWith('/>', afterWs)) {
        selfClosing = true;
        p = afterWs + 2;
        break;
      }
      if (src[afterWs] === '>') {
        p = afterWs + 1;
        break;
      }
      if (afterWs === p || afterWs >= src.length) {
        fail(`标签 <${el.name}> 写法有误（属性值须用引号括起，标签须以 > 结束）`, tagLine, `<${el.name}`);
      }
      ATTR.lastIndex = afterWs;
      const a = ATTR.exec(src);
      if (!a) fail(`标签 <${el.name}> 的属性写法有误（应为 名称="值"）`, tagLine, `<${el.name}`);
      const attrLine = lineAt(afterWs);
      const key = a![1]!;
      if (el.attrs.has(key)) fail(`<${el.name}> 的属性 ${key} 重复`, attrLine, `${key}=`);
      el.attrs.set(key, { value: decodeEntities(a![3] ?? a![4] ?? '', attrLine, file), line: attrLine });
      p = ATTR.lastIndex;
    }
    el.source = src.slice(pos, p);
    stack[stack.length - 1]!.children.push(el);
    advance(p);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    fail(`<${open.name}> 没有结束标签 </${open.name}>`, open.line, `<${open.name}`);
  }
  return root.children;
}

/**
 * The line of any offset, from where the lines start (found once): counting newlines up to each
 * token instead would walk the markup character by character.
 */
function lineIndex(src: string): (offset: number) => number {
  const starts = [0];
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Decodes entities; a bare & is an error, since it usually means unescaped data. */
export function decodeEntities(raw: string, line: number, file?: string): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let i = 0;
  let ln = line;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch === '\n') ln++;
    if (ch !== '&') {
      out += ch;
      i++;
      continue;
    }
    const semi = raw.indexOf(';', i);
    const body = semi === -1 ? '' : raw.slice(i + 1, semi);
    const decoded = entity(body);
    if (semi === -1 || semi - i > 12 || decoded === null) {
      throw new MarkupError('文字中的 & 必须写作 &amp;（或使用 &lt; &gt; &quot; 等实体）', file, ln, raw.slice(i, i + 10));
    }
    out += decoded;
    i = semi + 1;
  }
  return out;
}

function entity(body: string): string | null {
  if (body in NAMED) return NAMED[body]!;
  const m = /^#(?:x([0-9a-f]{1,6})|([0-9]{1,7}))$/i.exec(body);
  if (!m) return null;
  const cp = m[1] ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}
