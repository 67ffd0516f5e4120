/**
 * The DOCX writer, read back: the package is unzipped and its XML parsed (strictly), then the
 * GB/T 9704 numbers, fonts, page furniture and the tree's words are checked in the XML.
 */
import { describe, expect, it } from 'vitest';
import type { Block, DocTree, Run } from '../../src/model/doc.js';
import { writeDocx } from '../../src/render/docx/index.js';
import { chartPng } from '../../src/render/docx/chart-image.js';
import { signatureSpaces } from '../../src/render/docx/body.js';
import { chineseDate } from '../../src/render/docx/labels.js';
import {
  child,
  docxText,
  elements,
  find,
  findAll,
  paragraphText,
  parseXml,
  part,
  unzipParts,
  xmlParts,
  type XmlNode,
} from '../helpers/docx-xml.js';

// ── Trees, built by hand from the reference notice (seeds/ezhou-2014-4.txt) ──

const body = (text: string): Block => ({ type: 'paragraph', runs: [{ text }], indent: 2, align: 'justify' });

const HOSTILE_TEXT = '比较：a < b && c > d，引号"全角“”，模板{{notice.title}}原样，以及&amp;字样。';

function fullTree(): DocTree {
  const runIn: Run[] = [
    { text: '（一）全面激发市场活力。' },
    { text: '建立公平开放透明的市场规则，推行负面清单管理模式。', font: 'fangsong' },
  ];
  return {
    profile: 'file',
    meta: { title: '关于印发主要工作任务分解落实意见的通知', author: '鄂州市人民政府办公室', date: '2014-01-13' },
    blocks: [
      { type: 'masthead', text: '鄂州市人民政府办公室文件' },
      { type: 'docNumber', text: '鄂州政办发〔2014〕4号' },
      {
        type: 'title',
        text: '市人民政府办公室关于印发《市七届人大四次会议\n〈政府工作报告〉主要工作任务分解落实意见》的通知',
      },
      { type: 'recipients', text: '各区人民政府、开发区管委会，各街道办事处，市政府各部门：' },
      body('2014年是全面贯彻落实党的十八届三中全会精神，实施我市“一改两化”战略部署的关键年。'),
      { type: 'heading', level: 1, runs: [{ text: '一、加强领导、明确目标' }] },
      { type: 'heading', level: 2, runs: runIn },
      { type: 'heading', level: 3, runs: [{ text: '1.力争高新技术产业增加值增长16%。' }] },
      { type: 'heading', level: 4, runs: [{ text: '（1）新增限上企业40家。', bold: true }] },
      { type: 'paragraph', runs: [{ text: HOSTILE_TEXT }], indent: 2, align: 'justify' },
      { type: 'paragraph', runs: [{ text: '居中的说明文字' }], indent: 0, align: 'center' },
      {
        type: 'table',
        widths: [1, 3, 6, 2],
        header: [[{ text: '序号' }, { text: '任务' }, { text: '主要内容' }, { text: '牵头单位' }]],
        rows: [
          [{ text: '1', align: 'center' }, { text: '全面激发市场活力' }, { text: '建立公平开放透明的市场规则。'.repeat(12) }, { text: '市工商局' }],
          [{ text: '2', align: 'center' }, { text: '深化行政审批制度改革' }, { text: '进一步简政放权。' }, { text: '市编办' }],
          [{ text: '合计：2项任务', colSpan: 4 }],
        ],
        fontSize: 12,
      },
      { type: 'chart', kind: 'bar', title: '各单位任务数', data: [{ label: '市发改委', value: 12 }, { label: '市经信委', value: 7 }], unit: '项' },
      { type: 'chart', kind: 'pie', title: '完成情况', data: [{ label: '已完成', value: 20 }, { label: '推进中', value: 14 }], unit: '项' },
      { type: 'attachmentNote', items: ['市七届人大四次会议《政府工作报告》主要工作任务分解落实意见', '任务分解台账。'] },
      { type: 'blank', lines: 1 },
      { type: 'signature', organ: '鄂州市人民政府办公室', date: '2014-01-13' },
      { type: 'pageBreak' },
      body('分页之后的正文。'),
      { type: 'attachmentLabel', text: '附件1' },
      { type: 'title', text: '市七届人大四次会议《政府工作报告》主要工作任务分解落实意见' },
      body('附件正文。'),
      { type: 'imprint', cc: '市委各部门，市人大常委会办公室，市政协办公室。', printer: '鄂州市人民政府办公室', printDate: '2014-01-28' },
    ],
  };
}

const TASK_TEXT =
  '加强葛店开发区与东湖高新区产业对接，发展壮大生物医药、新能源、新材料、高端装备制造、电子信息等高新产业集群。' +
  '建立完善以企业为主体、产学研相结合的技术创新体系，推动创新成果产业化。力争高新技术产业增加值增长16%，占全市GDP比重达14.5%。';

/** A 交办函 of three to four pages: masthead, number, title, a table of six tasks and text. */
function letterTree(unit = '市发改委'): DocTree {
  const rows = Array.from({ length: 6 }, (_, i) => [
    { text: String(i + 1), align: 'center' as const },
    { text: '培育发展新兴产业，加快形成新集群' },
    { text: TASK_TEXT },
    { text: i % 2 ? '牵头' : '配合', align: 'center' as const },
    { text: '今年' },
  ]);
  return {
    profile: 'letter',
    meta: { title: `关于落实《政府工作报告》主要工作任务的交办函（${unit}）`, author: '鄂州市人民政府办公室', date: '2014-01-13' },
    blocks: [
      { type: 'masthead', text: '鄂州市人民政府办公室' },
      { type: 'docNumber', text: '鄂州政办函〔2014〕12号' },
      { type: 'title', text: '关于落实《政府工作报告》主要工作任务的交办函' },
      { type: 'recipients', text: `${unit}：` },
      body('根据《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》（鄂州政办发〔2014〕4号），现将你单位承担的工作任务交办如下，请认真抓好落实。'),
      { type: 'heading', level: 1, runs: [{ text: '一、任务清单' }] },
      {
        type: 'table',
        widths: [1, 4, 10, 2, 2],
        header: [[{ text: '序号' }, { text: '任务' }, { text: '主要内容' }, { text: '角色' }, { text: '时限' }]],
        rows,
      },
      { type: 'heading', level: 1, runs: [{ text: '二、工作要求' }] },
      ...Array.from({ length: 5 }, () => body(TASK_TEXT)),
      { type: 'imprint', cc: '市政府政务督查室', printer: '鄂州市人民政府办公室', printDate: '2014-01-13' },
      { type: 'signature', organ: '鄂州市人民政府办公室', date: '2014-01-13' },
    ],
  };
}

/**
 * Every string of a tree in reading order, as the writers print it: the 版记 last, 附件说明 names
 * without a trailing mark, and no 印发 line in a letter.
 */
function treeWords(tree: DocTree): string[] {
  const blocks = [...tree.blocks.filter((b) => b.type !== 'imprint'), ...tree.blocks.filter((b) => b.type === 'imprint')];
  return blocks.flatMap((b): string[] => {
    switch (b.type) {
      case 'masthead':
      case 'docNumber':
      case 'title':
      case 'recipients':
      case 'attachmentLabel':
        return [b.text];
      case 'heading':
      case 'paragraph':
        return [b.runs.map((r) => r.text).join('')];
      case 'table':
        return [...b.header, ...b.rows].flat().map((c) => c.text);
      case 'attachmentNote':
        return b.items.map((s) => s.replace(/[。．.;；，,]+$/, ''));
      case 'signature':
        return [b.organ];
      case 'imprint':
        return [b.cc, tree.profile === 'file' ? b.printer : null].filter((s): s is string => s !== null);
      case 'chart':
        return [b.title, ...b.data.map((d) => d.label)];
      case 'qr':
        return [b.caption, b.data].filter((s) => s !== '');
      case 'pageBreak':
      case 'blank':
        return [];
    }
  });
}

// ── Reading helpers ──

const MM = 1440 / 25.4;
const val = (n: XmlNode | undefined, attr = 'w:val'): string | undefined => n?.attrs[attr];
/** An on/off property: present and not switched off. */
const isOn = (n: XmlNode | undefined): boolean => n !== undefined && !['0', 'false', 'off'].includes(n.attrs['w:val'] ?? '');

function styleById(styles: XmlNode, id: string): XmlNode {
  const s = findAll(styles, 'w:style').find((x) => x.attrs['w:styleId'] === id);
  if (!s) throw new Error(`no style ${id}`);
  return s;
}

function runFonts(node: XmlNode | undefined): XmlNode | undefined {
  return node ? find(node, 'w:rFonts') : undefined;
}

function paragraphsOf(buffer: Buffer, path = 'word/document.xml'): XmlNode[] {
  return findAll(part(buffer, path), 'w:p');
}

function paragraphWith(buffer: Buffer, text: string, path = 'word/document.xml'): XmlNode {
  const p = paragraphsOf(buffer, path).find((x) => paragraphText(x) === text);
  if (!p) throw new Error(`no paragraph "${text}" in ${path}`);
  return p;
}

/** The footer part a section's footer reference of the given type points to. */
function footerPart(buffer: Buffer, type: 'default' | 'even' | 'first'): XmlNode | undefined {
  const doc = part(buffer, 'word/document.xml');
  const ref = findAll(doc, 'w:footerReference').find((r) => r.attrs['w:type'] === type);
  if (!ref) return undefined;
  const rels = part(buffer, 'word/_rels/document.xml.rels');
  const rel = elements(rels).find((r) => r.attrs.Id === ref.attrs['r:id']);
  return part(buffer, `word/${rel!.attrs.Target}`);
}

/** Words must appear in this order in the document's text. */
function expectInOrder(haystack: string, words: readonly string[]): void {
  let at = 0;
  for (const w of words) {
    const i = haystack.indexOf(w, at);
    expect(i, `"${w}" after offset ${at}`).toBeGreaterThanOrEqual(0);
    at = i + w.length;
  }
}

const full = await writeDocx(fullTree());
const letter = await writeDocx(letterTree());

describe('writeDocx: package and XML', () => {
  it('writes a zip whose every XML part is well-formed', () => {
    const parts = xmlParts(full);
    expect(Object.keys(parts)).toContain('word/document.xml');
    for (const [path, xml] of Object.entries(parts)) expect(() => parseXml(xml), path).not.toThrow();
  });

  it('gives byte-identical output for the same tree, dated by the tree and not the clock', async () => {
    const again = await writeDocx(fullTree());
    expect(Buffer.compare(full, again)).toBe(0);
    const core = xmlParts(full)['docProps/core.xml']!;
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2014-01-13T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2014-01-13T00:00:00Z</dcterms:modified>');
    const later = await writeDocx({ ...fullTree(), meta: { ...fullTree().meta, date: '2015-03-02' } });
    expect(xmlParts(later)['docProps/core.xml']).toContain('2015-03-02T00:00:00Z');
  });
});

describe('writeDocx: styles and fonts', () => {
  const styles = part(full, 'word/styles.xml');

  it('makes Normal 3号 (16 pt) 仿宋_GB2312 with −0.25 pt spacing and widow control off', () => {
    const normal = styleById(styles, 'Normal');
    const rPr = child(normal, 'w:rPr');
    expect(val(child(rPr, 'w:sz'))).toBe('32');
    expect(val(runFonts(rPr), 'w:eastAsia')).toBe('仿宋_GB2312');
    expect(val(child(rPr, 'w:spacing'))).toBe('-5');
    expect(val(child(rPr, 'w:lang'), 'w:eastAsia')).toBe('zh-CN');
    expect(val(child(child(normal, 'w:pPr'), 'w:widowControl'))).toBe('0');
  });

  it('gives the heading levels 黑体, 楷体_GB2312, 仿宋_GB2312, 仿宋_GB2312 in the East Asian slot', () => {
    const faces = ['Heading1', 'Heading2', 'Heading3', 'Heading4'].map((id) =>
      val(runFonts(child(styleById(styles, id), 'w:rPr')), 'w:eastAsia'),
    );
    expect(faces).toEqual(['黑体', '楷体_GB2312', '仿宋_GB2312', '仿宋_GB2312']);
    for (const id of ['Heading1', 'Heading2']) {
      expect(val(child(child(styleById(styles, id), 'w:rPr'), 'w:color'))).toBe('000000');
    }
  });

  it('keeps the run-in text of a heading in its own font', () => {
    const p = paragraphWith(full, '（一）全面激发市场活力。建立公平开放透明的市场规则，推行负面清单管理模式。');
    expect(val(find(p, 'w:pStyle'))).toBe('Heading2');
    const runs = findAll(p, 'w:r');
    expect(runFonts(runs[0]!)).toBeUndefined();
    expect(val(runFonts(runs[1]!), 'w:eastAsia')).toBe('仿宋_GB2312');
  });

  it('sets the title in 2号 (22 pt) 方正小标宋简体, centred', () => {
    const title = styleById(styles, 'DocTitle');
    expect(val(child(child(title, 'w:rPr'), 'w:sz'))).toBe('44');
    expect(val(runFonts(child(title, 'w:rPr')), 'w:eastAsia')).toBe('方正小标宋简体');
    expect(val(child(child(title, 'w:pPr'), 'w:jc'))).toBe('center');
    const titles = paragraphsOf(full).filter((p) => val(find(p, 'w:pStyle')) === 'DocTitle');
    expect(titles.map(paragraphText)).toEqual([
      '市人民政府办公室关于印发《市七届人大四次会议\n〈政府工作报告〉主要工作任务分解落实意见》的通知',
      '市七届人大四次会议《政府工作报告》主要工作任务分解落实意见',
    ]);
  });

  it('indents body paragraphs 2 characters and keeps centred ones flush', () => {
    const body = paragraphWith(full, '2014年是全面贯彻落实党的十八届三中全会精神，实施我市“一改两化”战略部署的关键年。');
    expect(val(find(body, 'w:ind'), 'w:firstLineChars')).toBe('200');
    expect(val(find(body, 'w:jc'))).toBe('both');
    const centred = paragraphWith(full, '居中的说明文字');
    expect(val(find(centred, 'w:ind'), 'w:firstLine')).toBe('0');
    expect(val(find(centred, 'w:jc'))).toBe('center');
  });

  it('lists the 公文 faces with fallbacks in the font table', () => {
    const fonts = findAll(part(full, 'word/fontTable.xml'), 'w:font');
    const alt = Object.fromEntries(fonts.map((f) => [f.attrs['w:name'], val(child(f, 'w:altName'))]));
    expect(alt).toMatchObject({ 仿宋_GB2312: '仿宋', 楷体_GB2312: '楷体', 方正小标宋简体: '宋体' });
  });
});

describe('writeDocx: page', () => {
  const sectPr = find(part(full, 'word/document.xml'), 'w:sectPr')!;

  it('is A4 with the GB/T 9704 margins, a 156 × 225 mm type area and a 22-line grid', () => {
    const size = child(sectPr, 'w:pgSz')!;
    expect([size.attrs['w:w'], size.attrs['w:h']]).toEqual(['11906', '16838']);
    const m = child(sectPr, 'w:pgMar')!.attrs;
    const mm = (k: string) => Number(m[k]) / MM;
    expect(Math.abs(mm('w:top') - 37)).toBeLessThanOrEqual(1);
    expect(Math.abs(mm('w:left') - 28)).toBeLessThanOrEqual(1);
    expect(Math.abs(mm('w:right') - 26)).toBeLessThanOrEqual(1);
    expect(Math.abs(297 - mm('w:top') - mm('w:bottom') - 225)).toBeLessThanOrEqual(1);
    expect(Math.abs(210 - mm('w:left') - mm('w:right') - 156)).toBeLessThanOrEqual(1);
    const grid = child(sectPr, 'w:docGrid')!;
    expect(grid.attrs).toMatchObject({ 'w:type': 'lines', 'w:linePitch': '579' });
    expect(grid.attrs['w:charSpace']).toBeUndefined();
  });

  it('numbers pages "— N —" in 4号宋体, odd pages right and even pages left, 1 character in', () => {
    const settings = part(full, 'word/settings.xml');
    const evenOdd = find(settings, 'w:evenAndOddHeaders');
    expect(isOn(evenOdd)).toBe(true);
    for (const [type, jc, side] of [['default', 'right', 'w:right'], ['even', 'left', 'w:left']] as const) {
      const footer = footerPart(full, type)!;
      const p = find(footer, 'w:p')!;
      expect(val(find(p, 'w:jc'))).toBe(jc);
      expect(val(find(p, 'w:ind'), side)).toBe('280');
      const instr = findAll(p, 'w:instrText').map((n) => n.children.join('').trim());
      expect(instr).toEqual(['PAGE']);
      expect(paragraphText(p)).toBe('—  —');
      const texts = findAll(p, 'w:t').map((t) => t.children.join(''));
      expect(texts).toEqual(['— ', ' —']);
      expect(val(find(p, 'w:sz'))).toBe('28');
      expect(val(find(p, 'w:rFonts'), 'w:eastAsia')).toBe('宋体');
    }
    expect(footerPart(full, 'first')).toBeUndefined();
  });

  it('puts the footer line 7 mm below the type area', () => {
    const m = child(sectPr, 'w:pgMar')!.attrs;
    const footerTopMm = (Number(m['w:footer']) + 14 * 20) / MM;
    expect(Math.abs(footerTopMm - (35 - 7))).toBeLessThan(0.5);
  });
});

describe('writeDocx: 文件格式 blocks', () => {
  it('prints the masthead red 小标宋, centred, 35 mm into the type area, with the red line under the 发文字号', () => {
    const mast = paragraphWith(full, '鄂州市人民政府办公室文件');
    expect(findAll(mast, 'w:color').map((c) => val(c))).toEqual(['FF0000']);
    expect(val(find(mast, 'w:rFonts'), 'w:eastAsia')).toBe('方正小标宋简体');
    expect(val(find(mast, 'w:jc'))).toBe('center');
    expect(val(find(mast, 'w:sz'))).toBe('84');
    expect(Number(val(find(mast, 'w:w')))).toBe(87);
    expect(Math.abs(Number(val(find(mast, 'w:spacing'), 'w:before')) / MM - 35)).toBeLessThan(0.5);
    const num = paragraphWith(full, '鄂州政办发〔2014〕4号');
    expect(val(find(num, 'w:jc'))).toBe('center');
    const line = find(find(num, 'w:pBdr')!, 'w:bottom')!;
    expect(line.attrs).toMatchObject({ 'w:val': 'single', 'w:color': 'FF0000' });
  });

  it('repeats table header rows, spans the type area and sets table text at 12 pt', () => {
    const table = find(part(full, 'word/document.xml'), 'w:tbl')!;
    const widths = findAll(child(table, 'w:tblGrid')!, 'w:gridCol').map((c) => Number(c.attrs['w:w']));
    expect(Math.abs(widths.reduce((a, b) => a + b, 0) / MM - 156)).toBeLessThan(0.1);
    expect(widths[2]! / widths[0]!).toBeCloseTo(6, 1);
    const rows = elements(table).filter((r) => r.name === 'w:tr');
    expect(rows.map((r) => isOn(find(r, 'w:tblHeader')))).toEqual([true, false, false, false]);
    expect(isOn(find(rows[1]!, 'w:cantSplit'))).toBe(false);
    expect(isOn(find(rows[2]!, 'w:cantSplit'))).toBe(true);
    expect(val(find(rows[3]!, 'w:gridSpan'))).toBe('4');
    expect(val(find(rows[1]!, 'w:sz'))).toBe('24');
    expect(val(find(rows[0]!, 'w:rFonts'), 'w:eastAsia')).toBe('黑体');
    const borders = child(find(table, 'w:tblPr')!, 'w:tblBorders')!;
    expect(elements(borders).map((b) => b.name).sort()).toEqual(
      ['w:bottom', 'w:insideH', 'w:insideV', 'w:left', 'w:right', 'w:top'].sort(),
    );
  });

  it('aligns the 附件说明 under the first name', () => {
    const first = paragraphWith(full, '附件：1.市七届人大四次会议《政府工作报告》主要工作任务分解落实意见');
    const second = paragraphWith(full, '2.任务分解台账');
    expect(paragraphsOf(full).filter((p) => paragraphText(p).includes('任务分解台账。'))).toHaveLength(0);
    const ind = (p: XmlNode) => find(p, 'w:ind')!.attrs;
    expect(ind(first)['w:left']).toBe(ind(second)['w:left']);
    const start = (p: XmlNode) => Number(ind(p)['w:left']) - Number(ind(p)['w:hanging']);
    expect(start(first) / 316).toBeCloseTo(2, 1);
    expect(start(second) / 316).toBeCloseTo(5, 1);
  });

  it('signs 2 characters from the right with the date in Arabic numerals 2 characters further in', () => {
    const organ = paragraphWith(full, '鄂州市人民政府办公室');
    const date = paragraphWith(full, '2014年1月13日');
    for (const p of [organ, date]) expect(val(find(p, 'w:jc'))).toBe('right');
    expect(Number(val(find(organ, 'w:ind'), 'w:right')) / 316).toBeCloseTo(2, 1);
    expect(Number(val(find(date, 'w:ind'), 'w:right')) / 316).toBeCloseTo(3.5, 1);
    expect(signatureSpaces('市政府', '2014年12月31日')).toEqual({ dateRight: 2, organRight: 4 + 7 - 3 });
    expect(chineseDate('2014-01-13')).toBe('2014年1月13日');
    expect(chineseDate('2014年01月08日')).toBe('2014年1月8日');
    expect(chineseDate('二〇一四年一月十三日')).toBe('二〇一四年一月十三日');
  });

  it('starts an attachment on a new page with a 黑体 label, and honours page breaks without empty lines', () => {
    const label = paragraphWith(full, '附件1');
    expect(isOn(find(label, 'w:pageBreakBefore'))).toBe(true);
    expect(val(find(label, 'w:rFonts'), 'w:eastAsia')).toBe('黑体');
    expect(isOn(find(paragraphWith(full, '分页之后的正文。'), 'w:pageBreakBefore'))).toBe(true);
    expect(findAll(part(full, 'word/document.xml'), 'w:br').filter((b) => b.attrs['w:type'] === 'page')).toHaveLength(0);
  });

  it('closes with the 版记 in 4号 between thick, thin and thick lines', () => {
    const cc = paragraphWith(full, '抄送：市委各部门，市人大常委会办公室，市政协办公室。');
    const print = paragraphWith(full, '鄂州市人民政府办公室\t2014年1月28日印发');
    const border = (p: XmlNode, side: string) => find(find(p, 'w:pBdr')!, side)?.attrs['w:sz'];
    expect([border(cc, 'w:top'), border(cc, 'w:bottom'), border(print, 'w:bottom')]).toEqual(['8', '6', '8']);
    expect(border(print, 'w:top')).toBeUndefined();
    for (const p of [cc, print]) expect(val(find(p, 'w:sz'))).toBe('28');
    expect(val(find(print, 'w:tab'), 'w:val')).toBe('right');
  });

  it('renders charts as a picture carrying the data, or as a table of it', () => {
    const parts = unzipParts(full);
    const pngs = Object.keys(parts).filter((p) => p.startsWith('word/media/') && p.endsWith('.png'));
    const docPrs = findAll(part(full, 'word/document.xml'), 'wp:docPr');
    if (chartPng({ type: 'chart', kind: 'bar', title: 't', data: [{ label: 'a', value: 1 }] })) {
      expect(pngs).toHaveLength(2);
      expect(docPrs.map((d) => d.attrs.id)).toEqual([...new Set(docPrs.map((d) => d.attrs.id))]);
      expect(docPrs[0]!.attrs.descr).toBe('市发改委：12项；市经信委：7项');
    } else {
      expect(pngs).toHaveLength(0);
    }
    expect(docxText(full)).toContain('各单位任务数');
  });

  it('falls back to a table when a chart has nothing to draw', async () => {
    const tree: DocTree = {
      profile: 'file',
      meta: { title: 't', author: 'a', date: '2014-01-13' },
      blocks: [{ type: 'chart', kind: 'pie', title: '空图', data: [{ label: '未开始', value: 0 }], unit: '项' }],
    };
    expect(chartPng(tree.blocks[0] as Extract<Block, { type: 'chart' }>)).toBeNull();
    const out = await writeDocx(tree);
    expect(find(part(out, 'word/document.xml'), 'w:tbl')).toBeDefined();
    expect(docxText(out)).toEqual(['空图', '项目', '数值（项）', '未开始', '0']);
  });

  it('draws a PNG for a chart when @napi-rs/canvas is there', () => {
    const png = chartPng({ type: 'chart', kind: 'pie', title: '完成情况', data: [{ label: '已完成', value: 3 }, { label: '推进中', value: 1 }] });
    if (png) expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('writeDocx: spacing between elements', () => {
  const texts = docxText(full);
  const before = (text: string): number => {
    const i = texts.indexOf(text);
    let n = 0;
    while (i - n - 1 >= 0 && texts[i - n - 1] === '') n++;
    return n;
  };

  it('puts the blank lines of the standard between 版头, title, 主送机关, body, 附件说明 and signature', () => {
    expect(texts.slice(0, 2)).toEqual(['鄂州市人民政府办公室文件', '鄂州政办发〔2014〕4号']);
    expect(before('各区人民政府、开发区管委会，各街道办事处，市政府各部门：')).toBe(1);
    expect(texts[texts.indexOf('各区人民政府、开发区管委会，各街道办事处，市政府各部门：') - 2]).toContain('的通知');
    expect(before('2014年是全面贯彻落实党的十八届三中全会精神，实施我市“一改两化”战略部署的关键年。')).toBe(0);
    expect(before('附件：1.市七届人大四次会议《政府工作报告》主要工作任务分解落实意见')).toBe(1);
    expect(before('鄂州市人民政府办公室')).toBe(2);
    expect(before('附件1')).toBe(0);
  });

  it('moves the 版记 to the end and drops a letter 印发 line', () => {
    expect(texts.slice(-2)).toEqual(['抄送：市委各部门，市人大常委会办公室，市政协办公室。', '鄂州市人民政府办公室\t2014年1月28日印发']);
    const l = docxText(letter);
    expect(l.at(-1)).toBe('抄送：市政府政务督查室。');
    expect(l.some((t) => t.includes('印发'))).toBe(false);
    expect(l.slice(0, 5)).toEqual(['鄂州市人民政府办公室', '鄂州政办函〔2014〕12号', '', '关于落实《政府工作报告》主要工作任务的交办函', '']);
  });
});

describe('writeDocx: 信函格式', () => {
  it('puts the red masthead and the thick-over-thin double line in the first-page header, 30 mm from the top', () => {
    const sectPr = find(part(letter, 'word/document.xml'), 'w:sectPr')!;
    expect(isOn(child(sectPr, 'w:titlePg'))).toBe(true);
    expect(isOn(child(find(part(full, 'word/document.xml'), 'w:sectPr')!, 'w:titlePg'))).toBe(false);
    expect(Math.abs(Number(child(sectPr, 'w:pgMar')!.attrs['w:header']) / MM - 30)).toBeLessThan(0.5);
    const ref = findAll(sectPr, 'w:headerReference').find((r) => r.attrs['w:type'] === 'first');
    expect(ref).toBeDefined();
    const texts = docxText(letter);
    expect(texts[0]).toBe('鄂州市人民政府办公室');
    const header = xmlParts(letter);
    const headerPath = Object.keys(header).find((p) => /^word\/header\d*\.xml$/.test(p))!;
    const mast = paragraphWith(letter, '鄂州市人民政府办公室', headerPath);
    expect(val(find(mast, 'w:color'))).toBe('FF0000');
    expect(find(find(mast, 'w:pBdr')!, 'w:bottom')!.attrs).toMatchObject({ 'w:val': 'thickThinSmallGap', 'w:color': 'FF0000' });
    expect(Math.abs(-Number(val(find(mast, 'w:ind'), 'w:left')) / MM - 7)).toBeLessThan(0.1);
  });

  it('sets the 发文字号 flush right, has no number on page 1 and no 版记 lines', () => {
    expect(val(find(paragraphWith(letter, '鄂州政办函〔2014〕12号'), 'w:jc'))).toBe('right');
    const first = footerPart(letter, 'first')!;
    expect(findAll(first, 'w:instrText')).toHaveLength(0);
    expect(find(find(first, 'w:pBdr')!, 'w:top')!.attrs['w:color']).toBe('FF0000');
    expect(findAll(footerPart(letter, 'default')!, 'w:instrText')).toHaveLength(1);
    expect(find(paragraphWith(letter, '抄送：市政府政务督查室。'), 'w:pBdr')).toBeUndefined();
  });
});

describe('writeDocx: words', () => {
  it('carries every word of the tree, in order', () => {
    for (const [tree, out] of [[fullTree(), full], [letterTree(), letter]] as const) {
      expectInOrder(docxText(out).join('\n'), treeWords(tree));
    }
  });

  it('writes <, &, quotes and {{ literally', () => {
    expect(docxText(full)).toContain(HOSTILE_TEXT);
    expect(xmlParts(full)['word/document.xml']).toContain('a &lt; b &amp;&amp; c &gt; d');
  });

  it('drops characters XML 1.0 forbids and still writes a readable file', async () => {
    const hostile: Run[] = [{ text: 'a\u0000b\u0007c\u001bd\ud800e😀f\uffffg' }];
    const tree: DocTree = {
      profile: 'file',
      meta: { title: 'x\u0001', author: 'y\u0002', date: 'not a date' },
      blocks: [
        { type: 'title', text: '标题\u0008' },
        { type: 'paragraph', runs: hostile, indent: 2, align: 'left' },
        { type: 'table', widths: [], header: [], rows: [[{ text: '\u000b单元格' }]] },
      ],
    };
    const out = await writeDocx(tree);
    for (const [path, xml] of Object.entries(xmlParts(out))) expect(() => parseXml(xml), path).not.toThrow();
    expect(docxText(out)).toEqual(['标题', '', 'abcde😀fg', '单元格']);
    expect(xmlParts(out)['docProps/core.xml']).toContain('2000-01-01T00:00:00Z');
  });
});

describe('writeDocx: speed', () => {
  it('writes 60 letters of 3–4 pages in well under a second each', async () => {
    const start = performance.now();
    for (let i = 0; i < 60; i++) await writeDocx(letterTree(`单位${i}`));
    const each = (performance.now() - start) / 60;
    console.log(`docx letter: ${each.toFixed(1)} ms each`);
    expect(each).toBeLessThan(200);
  });
});
