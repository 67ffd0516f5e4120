/**
 * Reuse across a batch (src/render/docx/reuse.ts): a document put together from kept parts must
 * be byte for byte what docx writes for it alone, and a document whose shell differs in any
 * part (office, title, author, profile) must never be given another's.
 * Styles, fonts and page setup are functions of the profile (code, not data), so varying the
 * profile is what varies them between documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, DocProfile, DocTree, TableBlock } from '../../../src/model/doc.js';
import { docxCompiler, documentOf } from '../../../src/render/docx/document.js';
import { prepareDocx, writeDocx } from '../../../src/render/docx/index.js';
import { packageFromParts } from '../../../src/render/docx/package.js';
import { keyOf } from '../../../src/render/docx/keys.js';
import { reusedPackage } from '../../../src/render/docx/reuse.js';
import { xmlParts } from '../../helpers/docx-xml.js';

/** What docx writes for the tree alone, without anything kept. */
function alone(tree: DocTree): Buffer {
  return packageFromParts(docxCompiler()!.compile(documentOf(tree)), tree.meta.date);
}

const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text }], indent: 2, align: 'justify' });

function table(rows: string[][], widths = [1, 3, 2], fontSize?: number): TableBlock {
  return {
    type: 'table',
    widths,
    header: [[{ text: '序号' }, { text: '任务' }, { text: '单位' }]],
    rows: rows.map((r) => r.map((text, i) => ({ text, ...(i === 0 ? { align: 'center' as const } : {}) }))),
    ...(fontSize ? { fontSize } : {}),
  };
}

interface Letter {
  office?: string;
  unit: string;
  title?: string;
  author?: string;
  profile?: DocProfile;
  date?: string;
  extra?: Block[];
  rows?: string[][];
}

function letter(l: Letter): DocTree {
  const office = l.office ?? '鄂州市人民政府督查室';
  return {
    profile: l.profile ?? 'letter',
    meta: { title: l.title ?? '关于落实有关任务的交办函', author: l.author ?? office, date: l.date ?? '2014-01-13' },
    blocks: [
      { type: 'masthead', text: office },
      { type: 'docNumber', text: '鄂州督交〔2014〕6号' },
      { type: 'title', text: l.title ?? '关于落实有关任务的交办函' },
      { type: 'recipients', text: `${l.unit}：` },
      para('根据要求，现将有关工作任务交办如下，请认真抓好落实。'),
      { type: 'heading', level: 1, runs: [{ text: '一、牵头落实的任务' }] },
      { type: 'heading', level: 2, runs: [{ text: `（一）${l.unit}的任务` }] },
      { type: 'paragraph', runs: [{ text: '量化指标：', font: 'kaiti' }, { text: '增长10%。' }], indent: 2, align: 'justify' },
      ...(l.extra ?? []),
      { type: 'attachmentNote', items: [`${l.unit}任务落实实施方案表`] },
      { type: 'signature', organ: office, date: '2014-01-13' },
      { type: 'pageBreak' },
      { type: 'attachmentLabel', text: '附件' },
      { type: 'title', text: `${l.unit}任务落实实施方案表` },
      table(l.rows ?? [['1', '全面激发市场活力'], ['2', `${l.unit}的配合任务`]]),
    ],
  };
}

/** Prepares the batch, then checks every document is put together from kept parts, as docx writes it alone. */
async function expectReused(trees: DocTree[]): Promise<Buffer[]> {
  prepareDocx(trees);
  const out: Buffer[] = [];
  for (const tree of trees) {
    const kept = reusedPackage(tree);
    expect(kept, tree.meta.title).toBeDefined();
    const reference = alone(tree);
    expect(Buffer.compare(kept!, reference)).toBe(0);
    expect(Buffer.compare(await writeDocx(tree), reference)).toBe(0);
    out.push(kept!);
  }
  return out;
}

describe('DOCX reuse across a batch', () => {
  it('puts each letter together byte for byte as docx writes it alone', async () => {
    const units = ['市发改委', '市财政局', '人行', '供电公司'];
    const trees = units.map((unit, i) => letter({ unit, rows: [['1', '全面激发市场活力'], [String(i + 2), `${unit}的任务`]] }));
    const out = await expectReused(trees);
    expect(new Set(out.map((b) => b.toString('base64'))).size).toBe(units.length);
  });

  it('never gives a document another shell: office, title, author, profile and date each make their own package', async () => {
    const base: Letter = { unit: '市发改委' };
    const variants: Letter[] = [
      base,
      { ...base, office: '鄂州市人民政府办公室' },
      { ...base, title: '关于落实另一项任务的交办函' },
      { ...base, author: '另一个署名机关' },
      { ...base, profile: 'file' },
      { ...base, date: '2015-03-02' },
    ];
    // Two of each, so that every shell is kept; the same body in all of them.
    const trees = variants.flatMap((v) => [letter(v), letter({ ...v, unit: '市财政局' })]);
    const out = await expectReused(trees);
    const firsts = out.filter((_, i) => i % 2 === 0);
    expect(new Set(firsts.map((b) => b.toString('base64'))).size).toBe(variants.length);
    const headers = firsts.map((b) => xmlParts(b)['word/header1.xml'] ?? '');
    expect(headers[1]).toContain('鄂州市人民政府办公室');
    expect(headers[0]).not.toContain('鄂州市人民政府办公室');
  });

  it('shares one shell among documents that differ only in their title, each with its own title in core.xml', async () => {
    // Score sheets: one per unit, the unit in the title. Each title alone would have had a shell of its own.
    const trees = ['市发改委', '市财政局', '人行'].map((unit) => letter({ unit, title: `${unit}2014年度考核评分表` }));
    const out = await expectReused(trees);
    out.forEach((b, i) => expect(xmlParts(b)['docProps/core.xml']).toContain(`<dc:title>${trees[i]!.meta.title}</dc:title>`));
  });

  it('leaves an empty title, one that the XML writer escapes, or one with a forbidden character, to a shell of its own', async () => {
    // docx writes no dc:title at all for an empty one.
    const odd = [
      letter({ unit: '市发改委', title: '关于A&B<任务>的"交办函"' }),
      letter({ unit: '市财政局', title: '关于\u0007任务的交办函' }),
      letter({ unit: '市民政局', title: '' }),
    ];
    const plain = [letter({ unit: '人行', title: '甲单位评分表' }), letter({ unit: '供电公司', title: '乙单位评分表' })];
    prepareDocx([...odd, ...plain]);
    for (const tree of odd) {
      expect(reusedPackage(tree)).toBeUndefined();
      expect(Buffer.compare(await writeDocx(tree), alone(tree))).toBe(0);
    }
    for (const tree of plain) expect(Buffer.compare(reusedPackage(tree)!, alone(tree))).toBe(0);
  });

  it('writes any title as docx writes it alone, whether or not it shares a shell', async () => {
    const title = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', ' ', '\r\n', ']]>', '&amp;'));
    await fc.assert(
      fc.asyncProperty(fc.array(title, { minLength: 2, maxLength: 4 }), async (titles) => {
        const trees = titles.map((t, i) => letter({ unit: `单位${i}`, title: t }));
        prepareDocx(trees);
        for (const tree of trees) {
          const kept = reusedPackage(tree);
          if (kept) expect(Buffer.compare(kept, alone(tree))).toBe(0);
        }
      }),
      { numRuns: 25, seed: 12 },
    );
  });

  it('serves only the trees of the batch being written', async () => {
    const first = [letter({ unit: '市发改委' }), letter({ unit: '市财政局' })];
    await expectReused(first);
    const other = letter({ unit: '市发改委', office: '某县人民政府督查室' });
    expect(reusedPackage(other)).toBeUndefined();
    expect(Buffer.compare(await writeDocx(other), alone(other))).toBe(0);
    // The next batch starts afresh: a change in the code that writes pieces (as a test may plant) is never hidden.
    await expectReused([letter({ unit: '人行' }), letter({ unit: '供电公司' })]);
    expect(reusedPackage(first[0]!)).toBeUndefined();
  });

  it('keeps table rows per layout: the same rows in other widths or sizes are written for those', async () => {
    // The third row is too long to be kept whole on a page: its row frame differs from the others'.
    const rows = [['1', '全面激发市场活力'], ['2', '深化行政审批制度改革'], ['3', '建立公平开放透明的市场规则。'.repeat(20)], ['合计', '']];
    const spanned: TableBlock = { ...table([]), rows: [[{ text: '合计：2项任务', colSpan: 3 }], [{ text: '1' }, { text: '任务' }, { text: '单位' }]] };
    const trees = [
      letter({ unit: '甲', rows }),
      letter({ unit: '乙', rows, extra: [table(rows, [1, 1, 1])] }),
      letter({ unit: '丙', rows, extra: [table(rows, [1, 3, 2], 14), spanned, { ...table([]), header: [], rows: [] }] }),
    ];
    await expectReused(trees);
  });

  it('keeps page breaks, blank lines and pieces that make nothing as docx writes them', async () => {
    const breaking: Block[] = [
      { type: 'pageBreak' },
      { type: 'signature', organ: '', date: '' },
      { type: 'attachmentNote', items: ['  '] },
      table([['1', '页首的表格']]),
      { type: 'pageBreak' },
      para('分页之后的正文。'),
      { type: 'blank', lines: 2 },
      { type: 'imprint', cc: '市委办公室', printer: null, printDate: null },
    ];
    await expectReused([letter({ unit: '甲', extra: breaking }), letter({ unit: '乙', extra: breaking.slice(0, 4) })]);
  });

  it('writes a batch larger than one pieces document in several', async () => {
    const many = (unit: string): Block[] => Array.from({ length: 450 }, (_, i) => para(`${unit}的第${i + 1}段正文。`));
    await expectReused(['甲', '乙', '丙'].map((unit) => letter({ unit, extra: many(unit) })));
  });

  it('leaves documents with pictures to docx', async () => {
    const chart: Block = { type: 'chart', kind: 'bar', title: '任务数', data: [{ label: '甲', value: 3 }], unit: '项' };
    const trees = [letter({ unit: '甲', extra: [chart] }), letter({ unit: '乙', extra: [chart] })];
    prepareDocx(trees);
    for (const tree of trees) {
      expect(reusedPackage(tree)).toBeUndefined();
      expect(Buffer.compare(await writeDocx(tree), alone(tree))).toBe(0);
    }
  });

  it('keys tell apart what JSON would not', () => {
    expect(keyOf({ a: NaN })).not.toBe(keyOf({ a: null }));
    expect(keyOf({ a: Infinity })).not.toBe(keyOf({ a: -Infinity }));
    expect(keyOf({ a: 1 })).not.toBe(keyOf({ a: '1' }));
  });
});
