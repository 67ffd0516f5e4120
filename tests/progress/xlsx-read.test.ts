import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/progress/xlsx-read.js';

/** A workbook written the way other producers do: x: prefixes, inline strings, no r attributes. */
function foreignWorkbook(): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      `<x:workbook xmlns:x="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="0"/>` +
        '<x:sheets><x:sheet name="反馈表" sheetId="1" r:id="rId1"/><x:sheet name="元数据" sheetId="2" state="veryHidden" r:id="rId2"/></x:sheets></x:workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/a.xml"/><Relationship Id="rId2" Type="worksheet" Target="worksheets/b.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      '<sst><si><t>推进中</t></si><si><r><t>已制定</t></r><r><rPr><b/></rPr><t xml:space="preserve">方案 &amp; 计划_x000D_</t></r><rPh><t>ホウアン</t></rPh></si></sst>',
    ),
    'xl/styles.xml': strToU8(
      '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/a.xml': strToU8(
      `<x:worksheet xmlns:x="${ns}"><x:sheetData>` +
        '<x:row r="2"><x:c t="inlineStr"><x:is><x:t>任务序号</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>' +
        '<x:row r="3"><x:c r="A3"><x:v>7</x:v></x:c><x:c r="C3" s="2"><x:v>0.8</x:v></x:c><x:c r="D3" s="1"><x:v>41732</x:v></x:c>' +
        '<x:c r="E3" t="str"><x:f>A3&amp;"x"</x:f><x:v>7x</x:v></x:c><x:c r="F3" t="b"><x:v>1</x:v></x:c><x:c r="G3" t="d"><x:v>2014-04-02</x:v></x:c>' +
        '<x:c r="H3" s="3"/></x:row>' +
        '</x:sheetData><x:mergeCells><x:mergeCell ref="B3:B5"/></x:mergeCells></x:worksheet>',
    ),
    'xl/worksheets/b.xml': strToU8(`<worksheet xmlns="${ns}"><sheetData/></worksheet>`),
  };
  return zipSync(files);
}

describe('readXlsx', () => {
  it('reads sheets, states, values, number formats and merges of a workbook from another producer', () => {
    const [form, meta] = readXlsx(foreignWorkbook());
    expect([form!.name, form!.state, meta!.name, meta!.state]).toEqual(['反馈表', 'visible', '元数据', 'veryHidden']);
    const cell = (r: number, c: number) => form!.rows.get(r)?.get(c);
    expect(cell(2, 1)?.value).toBe('任务序号');
    expect(cell(2, 2)?.value).toBe('推进中');
    expect(cell(2, 3)?.value).toBe('已制定方案 & 计划\r');
    expect(cell(3, 1)).toEqual({ value: 7, percent: false });
    expect(cell(3, 3)).toEqual({ value: 0.8, percent: true });
    expect(cell(3, 4)?.value).toEqual(new Date(Date.UTC(2014, 3, 3)));
    expect(cell(3, 5)?.value).toBe('7x');
    expect(cell(3, 6)?.value).toBe(true);
    expect(cell(3, 7)?.value).toEqual(new Date(Date.UTC(2014, 3, 2)));
    expect(cell(3, 8)).toBeUndefined();
    expect(form!.merges).toEqual([{ top: 3, left: 2, bottom: 5, right: 2 }]);
    expect(form!.maxRow).toBe(3);
  });

  it('says clearly when the bytes are not a workbook', () => {
    expect(() => readXlsx(strToU8('PK not a zip'))).toThrow(/不是有效的 \.xlsx 文件/);
    expect(() => readXlsx(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/缺少 xl\/workbook\.xml/);
  });
});
