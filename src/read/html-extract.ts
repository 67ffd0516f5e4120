/**
 * Finds the notice inside a government web page and turns it into text lines.
 *
 * The article body is found by text density, not by names: every element is weighed by the
 * CJK text it holds outside links (navigation is mostly links) and outside elements that look
 * like page furniture (nav/aside/header/footer, or an id/class such as nav, menu, crumb, share,
 * footer, print); starting at the root we descend into a child while it holds ≥ 85 % of its
 * parent's weight. Substantial non-link siblings met on the way down are kept too (an attachment
 * in its own <div>). Next to the body we keep the page title (a heading near the body, preferring
 * one that matches <title>) and the metadata block of disclosure pages (索引号, 文号, 发布机构,
 * 发布日期 … : the parser needs the 文号 and dates), each in document order.
 */
import { contains, type HDocument, type HElement, type HNode } from './html-tree.js';
import { joinCells } from './rows.js';

const BLOCK = new Set([
  '#root', 'html', 'body', 'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table',
  'tbody', 'thead', 'tfoot', 'caption', 'section', 'article', 'main', 'blockquote', 'pre', 'center', 'address',
  'figure', 'figcaption', 'header', 'footer', 'nav', 'aside', 'form', 'fieldset', 'legend', 'details', 'summary',
  'td', 'th', 'hr', 'menu', 'option',
]);
/** Elements we may descend into while looking for the body (paragraph-level ones hold text, not layout). */
const CONTAINERS = new Set([
  '#root', 'html', 'body', 'div', 'section', 'article', 'main', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th',
  'center', 'form', 'font', 'span', 'blockquote',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

// Class/id words of page furniture. Long words match anywhere; short ones only as a whole word.
const JUNK_LONG = /breadcrumb|crumb|footer|copyright|banquan|toolbar|sidebar|banner|weixin|wechat|qrcode|erweima|position|location|fenxiang|bdshare|jiathis|guanggao|friendlink|backtop|gotop|fontsize|font-size|pagination|subscribe|navbar|navigation|topbar|top-bar|dayin|guanbi|sousuo|login|search/;
const JUNK_SHORT = new Set([
  'nav', 'menu', 'menus', 'share', 'foot', 'print', 'close', 'side', 'top', 'head', 'header', 'logo', 'ewm', 'dqwz',
  'weizhi', 'curpos', 'path', 'pager', 'prev', 'next', 'sxp', 'ad', 'ads', 'tags', 'hot', 'wza', 'bread', 'links',
  'related', 'relate', 'xgxx', 'xglj', 'tool', 'tools', 'bottom', 'btm', 'comment', 'pinglun', 'skip', 'zihao', 'lang',
]);

const TITLE_CLASS = /title|biaoti|headline|(?:^|[\s_-])(?:bt|tit)(?:$|[\s_\d-])/;

const META_LABELS = [
  '索引号', '文号', '发文字号', '发文机关', '发布机构', '发布单位', '发文单位', '发布日期', '发布时间', '成文日期',
  '生效日期', '废止日期', '主题分类', '信息分类', '体裁分类', '组配分类', '有效性', '公开方式', '公开范围', '主题词',
  '来源', '文件编号',
];

function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

function counts(text: string): { cjk: number; chars: number } {
  let cjk = 0;
  let chars = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0xa0 || c === 0x3000) continue;
    chars++;
    if (isCjk(c)) cjk++;
  }
  return { cjk, chars };
}

function labelMask(text: string): number {
  const s = text.replace(/\s+/g, '');
  let mask = 0;
  for (let i = 0; i < META_LABELS.length; i++) if (s.includes(META_LABELS[i]!)) mask |= 1 << i;
  return mask;
}

function bits(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

function looksLikeJunkName(idClass: string): boolean {
  if (!idClass) return false;
  if (JUNK_LONG.test(idClass.toLowerCase())) return true;
  const words = idClass.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_\-:.]+|\d+/);
  return words.some((w) => JUNK_SHORT.has(w));
}

/** Per-element figures, indexed by HElement.order. */
interface Stats {
  /** Weight (CJK characters, or all characters on a page without Chinese) outside links, whole subtree. */
  plain: Float64Array;
  /** The same inside links. */
  link: Float64Array;
  /** Non-link weight with furniture subtrees left out. */
  content: Float64Array;
  /** Visible characters in the subtree. */
  chars: Float64Array;
  labels: Int32Array;
  hasTable: Uint8Array;
  junk: Uint8Array;
}

function computeStats(doc: HDocument): Stats {
  const n = doc.elements.length;
  const ownPlain = new Float64Array(n);
  const ownLink = new Float64Array(n);
  const ownCjk = new Float64Array(n);
  const chars = new Float64Array(n);
  const labels = new Int32Array(n);
  const inLink = new Uint8Array(n);
  const underArticle = new Uint8Array(n);
  let totalCjk = 0;
  for (const el of doc.elements) {
    const p = el.parent;
    inLink[el.order] = el.tag === 'a' || (p !== null && inLink[p.order] === 1) ? 1 : 0;
    underArticle[el.order] = p !== null && (underArticle[p.order] === 1 || p.tag === 'article' || p.tag === 'main') ? 1 : 0;
  }
  const ownChars = new Float64Array(n);
  for (const el of doc.elements) {
    for (const c of el.children) {
      if (c.kind !== 'text') continue;
      const k = counts(c.text);
      ownCjk[el.order] += k.cjk;
      ownChars[el.order] += k.chars;
      totalCjk += k.cjk;
      if (k.chars) labels[el.order] |= labelMask(c.text);
    }
  }
  const useCjk = totalCjk >= 20;
  for (const el of doc.elements) {
    const w = useCjk ? ownCjk[el.order]! : ownChars[el.order]!;
    if (inLink[el.order]) ownLink[el.order] = w;
    else ownPlain[el.order] = w;
  }
  const plain = new Float64Array(ownPlain);
  const link = new Float64Array(ownLink);
  chars.set(ownChars);
  const hasTable = new Uint8Array(n);
  // Reverse document order visits children before their parents.
  for (let i = n - 1; i > 0; i--) {
    const el = doc.elements[i]!;
    const p = el.parent!.order;
    plain[p] += plain[i]!;
    link[p] += link[i]!;
    chars[p] += chars[i]!;
    labels[p] |= labels[i]!;
    if (el.tag === 'table' || hasTable[i]) hasTable[p] = 1;
  }
  const junk = new Uint8Array(n);
  const rootPlain = plain[0]!;
  for (const el of doc.elements) {
    const byTag =
      el.tag === 'nav' || el.tag === 'aside' || el.tag === 'menu' || el.tag === 'form' ||
      ((el.tag === 'header' || el.tag === 'footer') && !underArticle[el.order]);
    // A "menu-wrapper" holding most of the page's text is a layout box, not furniture.
    const protectedBox = rootPlain > 0 && plain[el.order]! >= 0.5 * rootPlain;
    junk[el.order] = (byTag || looksLikeJunkName(el.idClass)) && !protectedBox ? 1 : 0;
  }
  const content = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (junk[i]) continue;
    content[i] += ownPlain[i]!;
    const p = doc.elements[i]!.parent;
    if (p) content[p.order] += content[i]!;
  }
  return { plain, link, content, chars, labels, hasTable, junk };
}

const childElements = (el: HElement): HElement[] => el.children.filter((c): c is HElement => c.kind === 'el');

/** The article body, plus substantial non-link blocks passed on the way down to it. */
function findBody(doc: HDocument, s: Stats): HElement[] {
  let cur = doc.root;
  const extras: HElement[] = [];
  for (;;) {
    const total = s.content[cur.order]!;
    if (total <= 0) break;
    const kids = childElements(cur);
    let best: HElement | undefined;
    for (const k of kids) if (!best || s.content[k.order]! > s.content[best.order]!) best = k;
    if (!best || !CONTAINERS.has(best.tag) || s.content[best.order]! < 0.85 * total) break;
    for (const k of kids) {
      if (k === best || s.junk[k.order]) continue;
      const w = s.content[k.order]!;
      if (w >= 50 && w / (w + s.link[k.order]!) >= 0.7) extras.push(k);
    }
    cur = best;
  }
  return [cur, ...extras];
}

// ---- lines ----------------------------------------------------------------------------

const CJK_BREAK = /([\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t\f\r]*\n[ \t\n\f\r]*(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])/g;

class LineBuffer {
  readonly lines: string[] = [];
  private cur = '';

  text(raw: string, pre: boolean): void {
    if (pre) {
      const parts = raw.split(/\r\n?|\n/);
      parts.forEach((part, i) => {
        if (i > 0) this.newline();
        this.cur += part;
      });
      return;
    }
    // A source line break between two Chinese characters is not a space (CSS Text 3).
    let t = raw.replace(CJK_BREAK, '$1').replace(/[ \t\n\r\f]+/g, ' ');
    if (this.cur === '' || this.cur.endsWith(' ')) t = t.replace(/^ /, '');
    this.cur += t;
  }

  /** A forced break (<br>): ends the line even when it is empty. */
  newline(): void {
    this.lines.push(this.cur);
    this.cur = '';
  }

  /** A block boundary: ends the line if it has any text. */
  block(): void {
    if (this.cur.trim() !== '') this.lines.push(this.cur);
    this.cur = '';
  }

  push(line: string): void {
    this.block();
    this.lines.push(line);
  }

  finish(): string[] {
    this.block();
    return this.lines;
  }
}

type Skip = (el: HElement) => boolean;

function walk(node: HNode, buf: LineBuffer, skip: Skip, s: Stats, pre: boolean): void {
  if (node.kind === 'text') {
    buf.text(node.text, pre);
    return;
  }
  if (skip(node)) return;
  const tag = node.tag;
  if (tag === 'br') return buf.newline();
  if (tag === 'tr') {
    buf.block();
    for (const line of rowLines(node, skip, s)) buf.push(line);
    return;
  }
  const isBlock = BLOCK.has(tag);
  if (isBlock) buf.block();
  for (const c of node.children) walk(c, buf, skip, s, pre || tag === 'pre');
  if (isBlock) buf.block();
}

/**
 * A data row becomes one line, cells joined by ` | `. A layout row (a cell holding a nested
 * table or a long run of paragraphs) is read cell by cell instead.
 */
function rowLines(tr: HElement, skip: Skip, s: Stats): string[] {
  const cells: string[][] = [];
  let layout = false;
  for (const c of tr.children) {
    if (c.kind === 'text') continue;
    if (skip(c)) continue;
    const buf = new LineBuffer();
    walk(c, buf, skip, s, false);
    const lines = buf.finish().filter((l) => l.trim() !== '');
    if (s.hasTable[c.order] || lines.length > 8 || s.chars[c.order]! > 1000) layout = true;
    cells.push(lines);
  }
  const filled = cells.filter((c) => c.length > 0);
  if (filled.length <= 1 || layout) return filled.flat();
  return [joinCells(cells.map((c) => c.join(' ')))];
}

/** Lines of `el`; `skip` applies to its descendants, never to `el` itself. */
export function elementLines(el: HElement, skip: Skip, s: Stats): string[] {
  const buf = new LineBuffer();
  walk(el, buf, (e) => e !== el && skip(e), s, false);
  return buf.finish();
}

// ---- title and metadata -------------------------------------------------------------

const squash = (t: string): string => t.replace(/\s+/g, '');

function isLinkDense(el: HElement, s: Stats): boolean {
  const w = s.plain[el.order]! + s.link[el.order]!;
  return w > 0 && s.link[el.order]! / w >= 0.5;
}

function insideJunk(el: HElement, s: Stats): boolean {
  for (let e: HElement | null = el; e; e = e.parent) if (s.junk[e.order]) return true;
  return false;
}

function findTitle(doc: HDocument, s: Stats, body: HElement[], skip: Skip): HElement | null {
  const main = body[0]!;
  const pageTitle = squash(doc.title);
  const candidates: Array<{ el: HElement; text: string }> = [];
  for (const el of doc.elements) {
    if (!HEADINGS.has(el.tag) && !TITLE_CLASS.test(el.idClass.toLowerCase())) continue;
    if (body.some((b) => contains(b, el) || contains(el, b))) continue;
    const weight = s.plain[el.order]! + s.link[el.order]!;
    if (weight < 4 || s.chars[el.order]! > 200 || isLinkDense(el, s)) continue;
    candidates.push({ el, text: squash(elementLines(el, skip, s).join('')) });
  }
  const before = candidates.filter((c) => c.el.order < main.order);
  const matchesPage = (c: { text: string }): boolean =>
    c.text.length >= 4 && pageTitle.length >= 4 && (pageTitle.includes(c.text) || c.text.includes(pageTitle));
  const pick = (list: typeof candidates): HElement | null => (list.length ? list[list.length - 1]!.el : null);
  return (
    pick(before.filter(matchesPage)) ??
    pick(candidates.filter(matchesPage)) ??
    pick(before.filter((c) => !insideJunk(c.el, s))) ??
    null
  );
}

/** The largest compact, non-link blocks outside the body that name at least two metadata labels. */
function findMeta(doc: HDocument, s: Stats, body: HElement[]): HElement[] {
  const found: HElement[] = [];
  for (const el of doc.elements) {
    if (bits(s.labels[el.order]!) < 2 || s.chars[el.order]! > 800 || isLinkDense(el, s)) continue;
    if (body.some((b) => contains(b, el) || contains(el, b))) continue;
    if (found.some((f) => contains(f, el))) continue;
    let nav = false;
    for (let e: HElement | null = el; e; e = e.parent) if (e.tag === 'nav') nav = true;
    if (!nav) found.push(el);
  }
  return found;
}

// What a document title (as opposed to a site or column name) ends with or contains.
const DOCUMENT_TITLE = /通知|意见|方案|决定|通报|办法|规定|报告|函|批复|公告|分工|分解|任务|计划|要点|细则|纪要/;

/** The text of <title> without the site name (its longest segment), when it names a document. */
function titleFromHead(doc: HDocument): string | null {
  const withoutSite = doc.title.replace(/\s*[-–—]\s*[^-–—\d]*(?:网|网站|门户|政府|官网)\s*$/, '');
  const segments = withoutSite.split(/\s*(?:[_|｜]|\s[-–—]+\s|--)\s*/).filter(Boolean);
  let best = '';
  for (const seg of segments) if (counts(seg).cjk > counts(best).cjk) best = seg;
  return counts(best).cjk >= 4 && DOCUMENT_TITLE.test(best) ? best.trim() : null;
}

/** Extracts the notice's lines from a parsed page: title, metadata, body, in document order. */
export function extractLines(doc: HDocument): string[] {
  const s = computeStats(doc);
  const body = findBody(doc, s);
  const mainBody = body[0]!;
  const bodyWeight = s.plain[mainBody.order]!;
  // Inside the body only small furniture goes: never a block carrying a real share of the text.
  const skipInBody: Skip = (el) => s.junk[el.order] === 1 && s.plain[el.order]! <= 0.15 * bodyWeight;
  // Around the title and metadata: drop furniture and link lists, but nothing holding a label.
  const skipOutside: Skip = (el) =>
    s.labels[el.order] === 0 &&
    (s.junk[el.order] === 1 || (isLinkDense(el, s) && BLOCK.has(el.tag) && el.tag !== 'td' && el.tag !== 'th'));

  const title = findTitle(doc, s, body, skipOutside);
  const parts: Array<{ el: HElement; skip: Skip }> = [
    ...body.map((el) => ({ el, skip: skipInBody })),
    ...findMeta(doc, s, body).map((el) => ({ el, skip: skipOutside })),
    ...(title ? [{ el: title, skip: skipOutside }] : []),
  ];
  parts.sort((a, b) => a.el.order - b.el.order);
  const kept = parts.filter((p) => !parts.some((q) => q !== p && q.el !== p.el && contains(q.el, p.el)));

  const lines: string[] = [];
  for (const part of kept) {
    if (lines.length) lines.push('');
    lines.push(...elementLines(part.el, part.skip, s));
  }
  if (!title) {
    const head = titleFromHead(doc);
    if (head && !lines.some((l) => squash(l).includes(squash(head)))) lines.unshift(head, '');
  }
  return lines;
}
