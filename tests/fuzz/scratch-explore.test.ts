import { it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readSource } from '../../src/read/index.js';
it('explore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fz-'));
  const bytes = readFileSync('seeds/ezhou-2014-4.txt');
  const text = bytes.toString('utf8');
  const stats = new Map<string, number>();
  for (let cut = 1; cut < bytes.length; cut += 97) {
    const f = join(dir, `c.txt`);
    writeFileSync(f, bytes.subarray(0, cut));
    try { const s = await readSource(f); const k = s.encoding; stats.set(k, (stats.get(k) ?? 0) + 1); if (k !== 'UTF-8') { if ((stats.get(k) ?? 0) < 3) console.log('cut', cut, k, s.lines.slice(0, 2)); } }
    catch (e) { const k = 'ERR ' + (e as Error).message; stats.set(k, (stats.get(k) ?? 0) + 1); }
  }
  console.log(stats);
  for (const enc of ['gb18030', 'utf16le', 'utf16be', 'big5']) {
    const f = join(dir, `e.txt`);
    for (const bom of [false, true]) {
      writeFileSync(f, iconv.encode(text, enc, { addBOM: bom }));
      try { const s = await readSource(f); console.log(enc, bom, s.encoding, s.lines.join('\n') === text.replace(/\u00a0/g, ' ').replace(/[ \t]+$/gm, '').replace(/\n$/, '') ); } catch (e) { console.log(enc, bom, 'ERR', (e as Error).message); }
    }
  }
});
