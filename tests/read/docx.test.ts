import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { documentXmlToLines } from '../../src/read/docx.js';
import { readSource } from '../../src/read/index.js';
import { tempDir } from './helpers.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const doc = (body: string, attrs = W): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${attrs}><w:body>${body}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>`;
const p = (...runs: string[]): string => `<w:p><w:pPr><w:pStyle w:val="a"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${runs.join('')}</w:p>`;
const r = (text: string): string => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const cell = (...paras: string[]): string => `<w:tc><w:tcPr><w:tcW w:w="2000"/></w:tcPr>${paras.join('')}</w:tc>`;
const row = (...cells: string[]): string => `<w:tr>${cells.join('')}</w:tr>`;

describe('documentXmlToLines', () => {
  it('joins runs, keeps tabs, splits on breaks, decodes entities', () => {
    const xml = doc(
      p(r('1、全面激发'), r('市场活力。'), '<w:r><w:t>（责任单位：市工商局、</w:t></w:r>', r('法制办）')) +
        p(r('甲'), '<w:r><w:tab/></w:r>', r('乙'), '<w:r><w:br/></w:r>', r('丙')) +
        p(r('A &amp; B &lt;C&gt; &#x4E2D;&#25991; &quot;q&quot;')) +
        '<w:p/>' +
        p(r('end')),
    );
    expect(documentXmlToLines(xml)).toEqual(['1、全面激发市场活力。（责任单位：市工商局、法制办）', '甲\t乙', '丙', 'A & B <C> 中文 "q"', '', 'end']);
  });

  it('reads a table row as one line with cells joined by |, label cells glued to their value', () => {
    const xml = doc(
      p(r('附件')) +
        `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>` +
        row(cell(p(r('序号'))), cell(p(r('任务'))), cell(p(r('责任单位')))) +
        row(cell(p(r('1'))), cell(p(r('全面激发市场活力')), p(r('推行负面清单'))), cell(p(r('市工商局')))) +
        row(cell(p(r('文号：'))), cell(p(r('鄂州政办发〔2014〕4号'))), cell('<w:p/>')) +
        `</w:tbl>` +
        p(r('after')),
    );
    expect(documentXmlToLines(xml)).toEqual([
      '附件',
      '序号 | 任务 | 责任单位',
      '1 | 全面激发市场活力 推行负面清单 | 市工商局',
      '文号：鄂州政办发〔2014〕4号 | ',
      'after',
    ]);
  });

  it('flattens a nested table into its cell', () => {
    const inner = `<w:tbl>${row(cell(p(r('x'))), cell(p(r('y'))))}</w:tbl>`;
    const xml = doc(`<w:tbl>${row(cell(p(r('外'))), cell(inner, p(r('尾'))))}</w:tbl>`);
    expect(documentXmlToLines(xml)).toEqual(['外 | x | y 尾']);
  });

  it('skips deleted text, field instructions and the VML fallback of text boxes', () => {
    const xml = doc(
      p(r('保留'), '<w:del w:id="1"><w:r><w:delText>删除</w:delText></w:r></w:del>', '<w:ins w:id="2">' + r('插入') + '</w:ins>') +
        p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>', r('3'), '<w:r><w:fldChar w:fldCharType="end"/></w:r>') +
        p(
          r('正文'),
          `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>${p(r('文本框'))}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${p(r('文本框'))}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
        ) +
        `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${r('编号段落')}</w:p>`,
    );
    expect(documentXmlToLines(xml)).toEqual(['保留插入', '3', '文本框', '正文', '编号段落']);
  });

  it('works with another namespace prefix', () => {
    const xml = `<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body><ns0:p><ns0:r><ns0:t>前缀</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`;
    expect(documentXmlToLines(xml)).toEqual(['前缀']);
  });
});

describe('readSource on a DOCX', () => {
  const tmp = tempDir();
  afterAll(tmp.done);

  it('follows _rels/.rels to the main part and sniffs the zip whatever the extension', async () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>`;
    const bytes = zipSync({
      '_rels/.rels': strToU8(rels),
      'word/main.xml': strToU8(doc(p(r('市人民政府办公室关于印发的通知')) + p(r('\u3000\u30001、任务。（责任单位：市监察局）\u200b  ')))),
    });
    const file = join(tmp.dir, '通知.txt');
    writeFileSync(file, bytes);
    const s = await readSource(file);
    expect(s.format).toBe('docx');
    expect(s.lines).toEqual(['市人民政府办公室关于印发的通知', '  1、任务。（责任单位：市监察局）']);
  });
});
