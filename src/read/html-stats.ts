/**
 * Per-element figures for the HTML heuristics: how much CJK text an element holds outside and
 * inside links, how much once furniture is left out, which metadata labels it names, and
 * whether its id/class marks it as furniture (nav, menu, crumb, share, footer, print …).
 */
import type { HDocument, HElement } from './html-tree.js';

// Class/id words of page furniture. Long words match anywhere; short ones only as a whole word.
const JUNK_LONG = /breadcrumb|crumb|footer|copyright|banquan|toolbar|sidebar|banner|weixin|wechat|qrcode|erweima|position|location|fenxiang|bdshare|jiathis|guanggao|friendlink|backtop|gotop|fontsize|font-size|pagination|subscribe|navbar|navigation|topbar|top-bar|dayin|guanbi|sousuo|login|search/;
const JUNK_SHORT = new Set([
  'nav', 'menu', 'menus', 'share', 'foot', 'print', 'close', 'side', 'top', 'head', 'header', 'logo', 'ewm', 'dqwz',
  'weizhi', 'curpos', 'path', 'pager', 'prev', 'next', 'sxp', 'ad', 'ads', 'tags', 'hot', 'wza', 'bread', 'links',
  'related', 'relate', 'xgxx', 'xglj', 'tool', 'tools', 'bottom', 'btm', 'comment', 'pinglun', 'skip', 'zihao', 'lang',
]);

const META_LABELS = [
  '索引号', '文号', '发文字号', '发文机关', '发布机构', '发布单位', '发文单位', '发布日期', '发布时间', '成文日期',
  '生效日期', '废止日期', '主题分类', '信息分类', '体裁分类', '组配分类', '有效性', '公开方式', '公开范围', '主题词',
  '来源', '文件编号',
];

function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

export function counts(text: string): { cjk: number; chars: number } {
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

export function bits(mask: number): number {
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
export interface Stats {
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

export function computeStats(doc: HDocument): Stats {
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

export function isLinkDense(el: HElement, s: Stats): boolean {
  const w = s.plain[el.order]! + s.link[el.order]!;
  return w > 0 && s.link[el.order]! / w >= 0.5;
}

export function insideJunk(el: HElement, s: Stats): boolean {
  for (let e: HElement | null = el; e; e = e.parent) if (s.junk[e.order]) return true;
  return false;
}
