import { test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, registerNotice } from '../../src/store/index.js';
import { demoYear } from '../../src/progress/demo.js';
import { importProgressFiles } from '../../src/progress/import.js';
import { parseNoticeFile } from '../../src/parse/index.js';

test('prof', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-'));
  const db = openDatabase(join(dir, 'd.db'));
  const { notice } = await parseNoticeFile('seeds/ezhou-2014-4.txt');
  const reg = registerNotice(db, notice);
  let t = performance.now();
  const year = await demoYear(db, reg.id, ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'], { formsDir: join(dir, 'forms'), filledDir: join(dir, 'filled') });
  console.log('demo', performance.now() - t);
  const files = year.flatMap((y) => y.filled.flatMap((f) => (f.file ? [f.file] : [])));
  t = performance.now();
  const res = importProgressFiles(db, files);
  console.log('import', files.length, performance.now() - t, res.filter(r => r.outcome !== 'imported').length);
});
