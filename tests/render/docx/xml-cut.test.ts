/** Cutting docx's XML into its top-level elements. */
import { describe, expect, it } from 'vitest';
import { xmlElements } from '../../../src/render/docx/xml-cut.js';

describe('xmlElements', () => {
  it('cuts a run of elements, nested and empty ones included', () => {
    const p = '<w:p><w:pPr><w:ind w:firstLine="0"/></w:pPr><w:r><w:t xml:space="preserve">a &lt; b &gt; c</w:t></w:r></w:p>';
    const tbl = '<w:tbl><w:tblPr/><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>';
    expect(xmlElements(`${p}<w:p/>${tbl}`)).toEqual([p, '<w:p/>', tbl]);
    expect(xmlElements('')).toEqual([]);
  });

  it('refuses text between elements and tags that do not balance', () => {
    expect(xmlElements('<w:p/>x<w:p/>')).toBeUndefined();
    expect(xmlElements('<w:p><w:r></w:p>')).toBeUndefined();
    expect(xmlElements('</w:p><w:p>')).toBeUndefined();
    expect(xmlElements('<w:p/>tail')).toBeUndefined();
  });
});
