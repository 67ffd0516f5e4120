// Reads back what `npm start` must leave in output/: every file opens as what it claims to be.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const out = process.argv[2];
const require = createRequire(join(out, '..', 'package.json'));
const { unzipSync, strFromU8 } = require('fflate');
const problems = [];
const files = (dir, ext) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => join(dir, f)) : []);

function checkZip(file, mustHave) {
  try {
    const parts = unzipSync(readFileSync(file));
    for (const p of mustHave) if (!parts[p]) problems.push(`${file}: no ${p}`);
    for (const [p, data] of Object.entries(parts)) {
      if (p.endsWith('.xml') && !strFromU8(data).trimStart().startsWith('<')) problems.push(`${file}: ${p} is not XML`);
    }
  } catch (e) {
    problems.push(`${file}: not a zip (${e.message})`);
  }
}

function checkPdf(file) {
  const b = readFileSync(file);
  if (b.subarray(0, 5).toString() !== '%PDF-' || !b.subarray(-1024).toString().includes('%%EOF')) problems.push(`${file}: not a whole PDF`);
}

function expectCount(what, list, min) {
  if (list.length < min) problems.push(`${what}: ${list.length} files, expected at least ${min}`);
  return list;
}

expectCount('letters .docx', files(join(out, '交办函'), '.docx'), 65).forEach((f) => checkZip(f, ['word/document.xml']));
expectCount('letters .pdf', files(join(out, '交办函'), '.pdf'), 65).forEach(checkPdf);
checkZip(join(out, '任务台账.xlsx'), ['xl/workbook.xml']);
for (const q of ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4']) {
  expectCount(`forms ${q}`, files(join(out, '反馈表', q), '.xlsx'), 65).forEach((f) => checkZip(f, ['xl/workbook.xml']));
}
expectCount('circulars .docx', files(join(out, '督查通报'), '.docx'), 4).forEach((f) => checkZip(f, ['word/document.xml']));
expectCount('circulars .pdf', files(join(out, '督查通报'), '.pdf'), 4).forEach(checkPdf);
expectCount('evaluation .pdf', files(join(out, '年度考核'), '.pdf'), 1).forEach(checkPdf);
expectCount('evaluation .xlsx', files(join(out, '年度考核'), '.xlsx'), 1).forEach((f) => checkZip(f, ['xl/workbook.xml']));
expectCount('score sheets', files(join(out, '年度考核', '评分表'), '.pdf'), 65).forEach(checkPdf);
if (!existsSync(join(out, 'duban.db')) || statSync(join(out, 'duban.db')).size === 0) problems.push('duban.db missing');
const leftovers = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.tmp'));
if (leftovers.length) problems.push(`temporary files left behind: ${leftovers.slice(0, 3).join(', ')}`);

if (problems.length) {
  console.error(`fresh-clone output check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('fresh-clone output check: all documents present and readable');
