/**
 * A small, plain DOM for the HTML reader: node-html-parser parses, then the page is copied
 * into these typed nodes with invisible parts (scripts, styles, forms controls, hidden
 * elements, <head>) already left out. The heuristics in html-extract.ts work on this tree only.
 */
import type { HTMLElement as NhpElement, Node as NhpNode } from 'node-html-parser';

export interface HText {
  kind: 'text';
  text: string;
}

export interface HElement {
  kind: 'el';
  tag: string;
  /** id and class attributes joined, as written, for the navigation heuristics. */
  idClass: string;
  children: HNode[];
  parent: HElement | null;
  /** Position in document order (pre-order). */
  order: number;
}

export type HNode = HText | HElement;

export interface HDocument {
  root: HElement;
  /** Text of <title>, or '' when absent. */
  title: string;
  /** All elements in document order. */
  elements: HElement[];
}

/** Never text a reader of the page sees. */
const DROPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'select', 'option', 'optgroup', 'datalist', 'button', 'input', 'textarea', 'svg', 'math', 'canvas', 'map', 'area',
  'link', 'meta', 'base', 'img', 'video', 'audio', 'source', 'track', 'title', 'param', 'dialog',
]);

/** Past this depth content is attached to the deepest kept ancestor, so later walks cannot overflow the stack. */
const MAX_DEPTH = 300;

function isHidden(attrs: Record<string, string>): boolean {
  if ('hidden' in attrs) return true;
  if ((attrs['aria-hidden'] ?? '').toLowerCase() === 'true') return true;
  const style = (attrs['style'] ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** Copies a node-html-parser tree into an HDocument. */
export function toHDocument(nhpRoot: NhpElement): HDocument {
  let title = '';
  const root: HElement = { kind: 'el', tag: '#root', idClass: '', children: [], parent: null, order: 0 };
  const elements: HElement[] = [root];
  // Explicit stack instead of recursion: badly nested pages can be thousands of levels deep.
  const work: Array<{ node: NhpNode; parent: HElement; depth: number }> = [];
  for (let i = nhpRoot.childNodes.length - 1; i >= 0; i--) work.push({ node: nhpRoot.childNodes[i]!, parent: root, depth: 1 });
  while (work.length) {
    const { node, parent, depth } = work.pop()!;
    if (node.nodeType === 3) {
      const text = node.text;
      if (text) parent.children.push({ kind: 'text', text });
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as NhpElement;
    const tag = (el.rawTagName ?? '').toLowerCase();
    if (tag === 'title' && !title) title = el.text;
    if (tag === 'head') {
      for (const c of el.childNodes) {
        if (c.nodeType === 1 && !title && (c as NhpElement).rawTagName?.toLowerCase() === 'title') title = c.text;
      }
    }
    if (DROPPED.has(tag)) continue;
    const attrs = el.attrs;
    if (isHidden(attrs)) continue;
    const target: HElement = {
      kind: 'el',
      tag,
      idClass: `${attrs['id'] ?? ''} ${attrs['class'] ?? ''}`.trim(),
      children: [],
      parent,
      order: elements.length,
    };
    elements.push(target);
    parent.children.push(target);
    // Past the depth cap an element stays as an empty marker (so block boundaries survive)
    // and its content goes on at the cap's level.
    const deep = depth >= MAX_DEPTH;
    const childParent = deep ? parent : target;
    const childDepth = deep ? depth : depth + 1;
    for (let i = el.childNodes.length - 1; i >= 0; i--) work.push({ node: el.childNodes[i]!, parent: childParent, depth: childDepth });
  }
  return { root, title: title.replace(/\s+/g, ' ').trim(), elements };
}

/** True when `inner` is `outer` or lies inside it. */
export function contains(outer: HElement, inner: HElement): boolean {
  for (let e: HElement | null = inner; e; e = e.parent) if (e === outer) return true;
  return false;
}
