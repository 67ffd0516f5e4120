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
import { BLOCK, elementLines, type Skip } from './html-lines.js';
import { bits, computeStats, counts, insideJunk, isLinkDense, type Stats } from './html-stats.js';
import { contains, type HDocument, type HElement } from './html-tree.js';

/** Elements we may descend into while looking for the body (paragraph-level ones hold text, not layout). */
const CONTAINERS = new Set([
  '#root', 'html', 'body', 'div', 'section', 'article', 'main', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th',
  'center', 'form', 'font', 'span', 'blockquote',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const TITLE_CLASS = /title|biaoti|headline|(?:^|[\s_-])(?:bt|tit)(?:$|[\s_\d-])/;

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

const squash = (t: string): string => t.replace(/\s+/g, '');

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
