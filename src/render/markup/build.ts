import type { Align, Block, DocProfile, DocTree, FontRole, Run, TableCell } from '../../model/doc.js';
import { MarkupError } from './errors.js';
import type { MElement, MNode, MText } from './lexer.js';
import { BLOCK_ELEMENTS, INLINE_ELEMENTS, specOf } from './schema.js';
import { cleanAttr, collapseWhitespace, normalizePunctuation } from './text.js';

const ALIGNS: readonly Align[] = ['left', 'center', 'right', 'justify'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Turns the lexed markup into the document tree, checking every element and attribute. */
export function buildTree(nodes: MNode[], file?: string): DocTree {
  const b = new Builder(file);
  return b.document(nodes);
}

class Builder {
  constructor(private readonly file: string | undefined) {}

  fail(msg: string, line: number, token: string): never {
    throw new MarkupError(msg, this.file, line, token);
  }

  document(nodes: MNode[]): DocTree {
    const roots = nodes.filter((n) => n.kind === 'element' || n.text.trim() !== '');
    const root = roots[0];
    if (!root || root.kind !== 'element' || root.name !== 'doc') {
      this.fail('模板输出必须以 <doc profile="…" date="…"> 开始，全部内容放在 <doc> 中', root?.line ?? 1, '<doc');
    }
    if (roots.length > 1) this.fail('<doc> 之后不能再有内容', roots[1]!.line, roots[1]!.kind === 'element' ? `<${roots[1]!.name}` : '');
    const doc = root as MElement;
    this.checkAttrs(doc);
    const profile = this.attr(doc, 'profile')!;
    if (profile !== 'letter' && profile !== 'file') this.fail(`profile 只能是 letter（信函格式）或 file（文件格式），不能是“${profile}”`, doc.line, 'profile=');
    const date = this.attr(doc, 'date')!.trim();
    if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date))) this.fail(`date 应为 2014-01-13 这样的日期，不能是“${date}”`, doc.line, 'date=');
    const blocks: Block[] = [];
    for (const n of doc.children) {
      if (n.kind === 'text') {
        if (n.text.trim() !== '') this.fail(`文字“${n.text.trim().slice(0, 12)}”必须放在 <p> 等元素中`, textLine(n), n.text.trim().slice(0, 12));
        continue;
      }
      blocks.push(...this.block(n));
    }
    const firstTitle = blocks.find((x) => x.type === 'title');
    const title = this.attr(doc, 'title');
    return {
      profile: profile as DocProfile,
      meta: {
        title: title !== undefined ? cleanAttr(title) : firstTitle?.type === 'title' ? firstTitle.text : '',
        author: cleanAttr(this.attr(doc, 'author') ?? ''),
        date,
      },
      blocks,
    };
  }

  private checkAttrs(el: MElement): void {
    const spec = specOf(el.name);
    if (!spec) this.fail(`未知元素 <${el.name}>`, el.line, `<${el.name}`);
    for (const [key, a] of el.attrs) {
      if (!spec!.attrs.includes(key)) {
        const allowed = spec!.attrs.length ? `可用属性：${spec!.attrs.join('、')}` : '此元素没有属性';
        this.fail(`<${el.name}> 没有属性 ${key}（${allowed}）`, a.line, `${key}=`);
      }
    }
    for (const key of spec!.required ?? []) {
      if (!el.attrs.has(key)) this.fail(`<${el.name}> 缺少属性 ${key}`, el.line, `<${el.name}`);
    }
  }

  private attr(el: MElement, key: string): string | undefined {
    return el.attrs.get(key)?.value;
  }

  private attrLine(el: MElement, key: string): number {
    return el.attrs.get(key)?.line ?? el.line;
  }

  private block(el: MElement): Block[] {
    if (!(el.name in BLOCK_ELEMENTS)) {
      const hint = el.name in INLINE_ELEMENTS ? `（<${el.name}> 只能用在 <p> 或标题中）` : '';
      this.fail(specOf(el.name) ? `<${el.name}> 不能放在这里${hint}` : `未知元素 <${el.name}>`, el.line, `<${el.name}`);
    }
    this.checkAttrs(el);
    switch (el.name) {
      case 'masthead':
        return [{ type: 'masthead', text: this.plainText(el) }];
      case 'docno':
        return [{ type: 'docNumber', text: this.plainText(el) }];
      case 'title':
        return [{ type: 'title', text: this.plainText(el) }];
      case 'to':
        // 主送机关 ends in one full-width colon, written or not: the tree carries it, so both writers show it.
        return [{ type: 'recipients', text: this.plainText(el).replace(/[:：]?\s*$/, '：') }];
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
        return [{ type: 'heading', level: Number(el.name[1]) as 1 | 2 | 3 | 4, runs: splitHeading(this.runs(el)) }];
      case 'p':
        return [this.paragraph(el)];
      case 'table':
        return [this.table(el)];
      case 'attachments':
        return [{ type: 'attachmentNote', items: this.children(el, ['item']).map((c) => this.plainText(c)) }];
      case 'annex':
        return [{ type: 'attachmentLabel', text: this.plainText(el) }];
      case 'signature':
        this.empty(el);
        return [{ type: 'signature', organ: cleanAttr(this.attr(el, 'organ')!), date: this.date(el, 'date')! }];
      case 'imprint': {
        this.empty(el);
        const cc = this.attr(el, 'cc');
        const printer = this.attr(el, 'printer');
        return [{ type: 'imprint', cc: cc ? cleanAttr(cc) : null, printer: printer ? cleanAttr(printer) : null, printDate: this.date(el, 'date') ?? null }];
      }
      case 'pagebreak':
        this.empty(el);
        return [{ type: 'pageBreak' }];
      case 'blank': {
        this.empty(el);
        const lines = this.int(el, 'lines', 1, 1, 22);
        return [{ type: 'blank', lines }];
      }
      case 'chart':
        return [this.chart(el)];
      case 'qr': {
        this.empty(el);
        const data = this.attr(el, 'data')!.trim();
        if (!data) return [];
        return [{ type: 'qr', data, caption: cleanAttr(this.attr(el, 'caption') ?? '') }];
      }
      default:
        return this.fail(`未知元素 <${el.name}>`, el.line, `<${el.name}`);
    }
  }

  private empty(el: MElement): void {
    const bad = el.children.find((c) => c.kind === 'element' || c.text.trim() !== '');
    if (bad) this.fail(`<${el.name}> 不能包含内容，请写成 <${el.name} … />`, bad.kind === 'text' ? textLine(bad) : bad.line, `<${el.name}`);
  }

  private int(el: MElement, key: string, dflt: number, min: number, max: number): number {
    const raw = this.attr(el, key);
    if (raw === undefined) return dflt;
    const n = Number(raw.trim());
    if (!Number.isInteger(n) || n < min || n > max) this.fail(`<${el.name}> 的 ${key} 应为 ${min}–${max} 的整数，不能是“${raw}”`, this.attrLine(el, key), `${key}=`);
    return n;
  }

  private date(el: MElement, key: string): string | undefined {
    const raw = this.attr(el, key)?.trim();
    if (raw === undefined || raw === '') return undefined;
    if (ISO_DATE.test(raw) || /^\d{4}年\d{1,2}月\d{1,2}日$/.test(raw)) return raw;
    return this.fail(`<${el.name}> 的 ${key} 应为 2014-01-13 或 2014年1月13日，不能是“${raw}”`, this.attrLine(el, key), `${key}=`);
  }

  private align(el: MElement, dflt: Align | undefined): Align | undefined {
    const raw = this.attr(el, 'align');
    if (raw === undefined) return dflt;
    if (!(ALIGNS as readonly string[]).includes(raw)) this.fail(`align 只能是 left、center、right 或 justify，不能是“${raw}”`, this.attrLine(el, 'align'), 'align=');
    return raw as Align;
  }

  /** Direct element children of the given names; whitespace between them is ignored. */
  private children(el: MElement, names: string[]): MElement[] {
    const out: MElement[] = [];
    for (const c of el.children) {
      if (c.kind === 'text') {
        if (c.text.trim() !== '') this.fail(`<${el.name}> 中的文字必须放在 <${names[0]}> 中`, textLine(c), c.text.trim().slice(0, 12));
        continue;
      }
      if (!names.includes(c.name)) {
        this.fail(specOf(c.name) ? `<${c.name}> 不能放在 <${el.name}> 中（应为 <${names.join('>、<')}>）` : `未知元素 <${c.name}>`, c.line, `<${c.name}`);
      }
      this.checkAttrs(c);
      out.push(c);
    }
    return out;
  }

  /** Text-only content: no child elements. */
  private plainText(el: MElement): string {
    const pieces: string[] = [];
    for (const c of el.children) {
      if (c.kind === 'element') this.fail(`<${el.name}> 中只能有文字，不能有 <${c.name}>`, c.line, `<${c.name}`);
      else pieces.push(c.text);
    }
    return normalizePunctuation(collapseWhitespace(pieces).join(''));
  }

  /** Inline content: text with <hei> <kai> <fang> <b>, nested freely. */
  private runs(el: MElement): Run[] {
    const flat: { text: string; font?: FontRole; bold: boolean }[] = [];
    const walk = (node: MElement, font: FontRole | undefined, bold: boolean): void => {
      for (const c of node.children) {
        if (c.kind === 'text') {
          flat.push({ text: c.text, font, bold });
          continue;
        }
        if (!(c.name in INLINE_ELEMENTS)) {
          this.fail(specOf(c.name) ? `<${c.name}> 不能放在 <${node.name}> 中` : `未知元素 <${c.name}>`, c.line, `<${c.name}`);
        }
        this.checkAttrs(c);
        const f: FontRole | undefined = c.name === 'hei' ? 'heiti' : c.name === 'kai' ? 'kaiti' : c.name === 'fang' ? 'fangsong' : font;
        walk(c, f, bold || c.name === 'b');
      }
    };
    walk(el, undefined, false);
    const texts = collapseWhitespace(flat.map((f) => f.text));
    const runs: Run[] = [];
    flat.forEach((f, i) => {
      const text = texts[i]!;
      if (!text) return;
      const last = runs[runs.length - 1];
      if (last && last.font === f.font && Boolean(last.bold) === f.bold) {
        last.text += text;
        return;
      }
      runs.push({ text, ...(f.font ? { font: f.font } : {}), ...(f.bold ? { bold: true } : {}) });
    });
    for (const r of runs) r.text = normalizePunctuation(r.text);
    return runs;
  }

  private paragraph(el: MElement): Block {
    const indent = this.int(el, 'indent', 2, 0, 10);
    const align = this.align(el, 'justify')!;
    return { type: 'paragraph', runs: this.runs(el), indent, align };
  }

  private table(el: MElement): Block {
    const header: TableCell[][] = [];
    const rows: TableCell[][] = [];
    let sawHead = false;
    let sawBody = false;
    for (const part of this.children(el, ['thead', 'tbody'])) {
      if (part.name === 'thead') {
        if (sawHead) this.fail('<table> 中只能有一个 <thead>', part.line, '<thead');
        sawHead = true;
      } else {
        if (sawBody) this.fail('<table> 中只能有一个 <tbody>', part.line, '<tbody');
        sawBody = true;
      }
      const target = part.name === 'thead' ? header : rows;
      for (const tr of this.children(part, ['tr'])) {
        target.push(
          this.children(tr, ['td']).map((td) => {
            const cell: TableCell = { text: this.plainText(td) };
            const span = this.int(td, 'colspan', 1, 1, 50);
            if (span > 1) cell.colSpan = span;
            const align = this.align(td, undefined);
            if (align) cell.align = align;
            return cell;
          }),
        );
      }
    }
    const widthsRaw = this.attr(el, 'widths');
    const columns = Math.max(0, ...[...header, ...rows].map((r) => r.reduce((n, c) => n + (c.colSpan ?? 1), 0)));
    let widths: number[];
    if (widthsRaw !== undefined) {
      widths = widthsRaw.split(/[,，\s]+/).filter(Boolean).map(Number);
      if (widths.length === 0 || widths.some((w) => !(w > 0) || !Number.isFinite(w))) {
        this.fail(`widths 应为逗号分隔的正数，如 "1,3,2"，不能是“${widthsRaw}”`, this.attrLine(el, 'widths'), 'widths=');
      }
      if (columns > widths.length) {
        this.fail(`表格有一行共 ${columns} 列，多于 widths 给出的 ${widths.length} 列`, el.line, '<table');
      }
    } else {
      widths = Array.from({ length: Math.max(1, columns) }, () => 1);
    }
    const size = this.attr(el, 'size');
    const block: Block = { type: 'table', widths, header, rows };
    if (size !== undefined) {
      const n = Number(size);
      if (!(n >= 7 && n <= 22)) this.fail(`size 应为 7–22 的字号（磅），不能是“${size}”`, this.attrLine(el, 'size'), 'size=');
      block.fontSize = n;
    }
    return block;
  }

  private chart(el: MElement): Block {
    const kind = this.attr(el, 'type')!;
    if (kind !== 'bar' && kind !== 'pie') this.fail(`<chart> 的 type 只能是 bar（柱状图）或 pie（饼图），不能是“${kind}”`, this.attrLine(el, 'type'), 'type=');
    const data = this.children(el, ['datum']).map((d) => {
      this.empty(d);
      const raw = this.attr(d, 'value')!.trim();
      const value = Number(raw.replace(/[%％]$/, ''));
      if (raw === '' || !Number.isFinite(value)) this.fail(`<datum> 的 value 应为数字，不能是“${raw}”`, this.attrLine(d, 'value'), 'value=');
      return { label: cleanAttr(this.attr(d, 'label')!), value };
    });
    const unit = this.attr(el, 'unit');
    return { type: 'chart', kind, title: cleanAttr(this.attr(el, 'title')!), data, ...(unit ? { unit: unit.trim() } : {}) };
  }
}

/** Line of the first visible character of a text node. */
function textLine(n: MText): number {
  const lead = /^\s*/.exec(n.text)![0];
  return n.line + (lead.match(/\n/g)?.length ?? 0);
}

const SENTENCE_END = /[。！？]/;

/**
 * A heading may run on into body text: <h1>一、加强领导。各级政府要…</h1> sets the phrase up to the
 * first 。 in the heading's face and the rest in 仿宋. Runs with an explicit face keep it.
 */
export function splitHeading(runs: Run[]): Run[] {
  const out: Run[] = [];
  let done = false;
  for (const r of runs) {
    if (done || r.font) {
      out.push(done && !r.font ? { ...r, font: 'fangsong' } : r);
      // An explicitly set phrase (<hei>一、加强领导。</hei>) ends the heading phrase too.
      if (r.font && SENTENCE_END.test(r.text)) done = true;
      continue;
    }
    const m = SENTENCE_END.exec(r.text);
    if (!m) {
      out.push(r);
      continue;
    }
    done = true;
    const head = r.text.slice(0, m.index + 1);
    const tail = r.text.slice(m.index + 1);
    out.push({ ...r, text: head });
    if (tail) out.push({ ...r, text: tail, font: 'fangsong' });
  }
  return out;
}
