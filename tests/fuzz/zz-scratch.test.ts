import { it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseSource } from '../../src/parse/notice.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import { buildLetterContext, receivingUnits } from '../../src/letters/context.js';
import { renderTemplate } from '../../src/render/template.js';
import { templatePath, writeDocument } from '../../src/render/output.js';
import { loadFonts } from '../../src/render/fonts/fonts.js';
import { docxText } from '../helpers/docx-xml.js';
import { readPdf } from '../helpers/pdf-text.js';

it('scratch', async () => {
  const names = ['Q1局', 'Q2局', 'Q3局', 'Q4局'];
  const hostile = ['😀👨\u200d👩\u200d👧局x\u{1F3F3}\u{FE0F}\u200d\u{1F308}', '\u202eevil\u200f局', '市\u0001\u0007\u001f局\t尾\n行', 'a\ufffe\ud800b局'];
  const text = ['市人民政府办公室关于印发《测试》的通知', '', '一、第一章', ...names.map((n, i) => `${i+1}、任务${i}标题。任务正文${i}。（责任单位：${n}、市财政局）`)].join('\n');
  const n = parseSource({ file: 'x.txt', format: 'txt', encoding: 'UTF-8', lines: text.split('\n') }, emptyUnitDirectory());
  const map = new Map(names.map((x, i) => [x, hostile[i]!]));
  for (const t of n.tasks) for (const u of t.units) u.name = map.get(u.name) ?? u.name;
  for (const u of n.units) u.name = map.get(u.name) ?? u.name;
  const dir = mkdtempSync(join(tmpdir(), 'hx-'));
  const fonts = loadFonts();
  const all = receivingUnits(n);
  for (const [i, u] of all.entries()) {
    const tree = renderTemplate(templatePath('letter.hbs'), buildLetterContext(n, u, { seq: i + 1 }));
    const t0 = performance.now();
    const files = await writeDocument(tree, join(dir, `f${i}`), { formats: ['docx', 'pdf'], fonts });
    console.log('write', performance.now() - t0);
    const d = docxText(readFileSync(files[0]!));
    console.log(JSON.stringify(u.name), JSON.stringify(d.filter((p) => /局/.test(p)).slice(0, 2)));
    const pages = await readPdf(readFileSync(files[1]!));
    console.log(JSON.stringify(pages.flatMap((p) => p.lines.map((l) => l.text)).filter((p) => /局/.test(p)).slice(0, 2)));
  }
});
