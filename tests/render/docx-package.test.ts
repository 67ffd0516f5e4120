import { describe, expect, it } from 'vitest';
import { unsnapExactLines } from '../../src/render/docx/package.js';
import { writeDocx } from '../../src/render/docx/index.js';
import { parseMarkup } from '../../src/render/markup/parse.js';
import { xmlParts } from '../helpers/docx-xml.js';

describe('DOCX package step', () => {
  it('takes exact line heights off the grid and leaves the rest on it', () => {
    const xml = '<w:pPr><w:spacing w:line="360" w:lineRule="exact"/></w:pPr><w:pPr><w:spacing w:line="579"/></w:pPr>';
    expect(unsnapExactLines(xml)).toBe(
      '<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="360" w:lineRule="exact"/></w:pPr><w:pPr><w:spacing w:line="579"/></w:pPr>',
    );
  });

  it('applies to the title style and to table cells of a real document', async () => {
    const tree = parseMarkup(
      '<doc profile="file" title="t" author="a" date="2014-01-13"><title>关于做好某项工作的通知</title><p>正文。</p>' +
        '<table widths="1,2"><thead><tr><td>序号</td><td>任务</td></tr></thead><tbody><tr><td>1</td><td>甲</td></tr></tbody></table></doc>',
      't.hbs',
    );
    const parts = xmlParts(await writeDocx(tree));
    expect(parts['word/styles.xml']).toMatch(/w:styleId="DocTitle"[\s\S]*?<w:snapToGrid w:val="0"\/><w:spacing[^>]*w:lineRule="exact"/);
    const cells = parts['word/document.xml']!.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
    expect(cells.length).toBe(4);
    for (const c of cells) expect(c).toContain('<w:snapToGrid w:val="0"/>');
    const body = parts['word/document.xml']!.replace(/<w:tbl>[\s\S]*<\/w:tbl>/, '');
    expect(body).not.toContain('snapToGrid');
  });
});
