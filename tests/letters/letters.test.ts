import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { recordingIO } from '../../src/cli/io.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { receivingUnits } from '../../src/letters/context.js';
import type { Notice, UnitSummary } from '../../src/model/notice.js';
import { readPdf } from '../helpers/pdf-text.js';
import { docxText } from '../helpers/docx-xml.js';

const root = join(import.meta.dirname, '../..');
const seed = join(root, 'seeds/ezhou-2014-4.txt');
const out = mkdtempSync(join(tmpdir(), 'duban-letters-'));
let notice: Notice;
let units: UnitSummary[];

const squash = (s: string) => s.replace(/\s+/g, '');
const pageNumber = /^—\s*\d+\s*—$/;

async function pdfText(file: string): Promise<string> {
  const pages = await readPdf(readFileSync(file));
  return pages.flatMap((p) => p.lines.map((l) => l.text).filter((t) => !pageNumber.test(t.trim()))).join('');
}

function charCounts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of squash(s)) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

beforeAll(async () => {
  notice = (await parseNoticeFile(seed)).notice;
  units = receivingUnits(notice);
  const io = recordingIO();
  const code = await run(['letters', seed, '--out', out], io);
  expect(code, io.stderr.join('\n')).toBe(0);
}, 120_000);

describe('duban letters on the seed', () => {
  it('writes one DOCX and one PDF per receiving unit, collectives expanded', () => {
    const files = readdirSync(out).filter((f) => !f.startsWith('.'));
    expect(units.length).toBeGreaterThanOrEqual(65);
    expect(files.filter((f) => f.endsWith('.docx'))).toHaveLength(units.length);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(units.length);
    for (const name of ['鄂城区', '华容区', '梁子湖区', '葛店开发区', '鄂州开发区', '古楼街道']) expect(files).toContain(`${name}.pdf`);
    expect(files.some((f) => f.startsWith('各区') || f.startsWith('开发区.'))).toBe(false);
  });

  it('each letter names its unit and all its tasks, and no task it does not hold', async () => {
    for (const unit of units) {
      const text = squash(docxText(readFileSync(join(out, `${unit.name}.docx`))).join(''));
      expect(text).toContain(squash(unit.fullName ?? unit.name));
      const held = new Set([...unit.lead, ...unit.support]);
      for (const t of notice.tasks) {
        // A distinctive stretch of the task's own text, past its title.
        const probe = squash(t.text.slice(t.title.length + 1, t.title.length + 25));
        if (held.has(t.no)) expect(text, `${unit.name} / ${t.no}`).toContain(squash(t.title));
        else if (probe.length > 10) expect(text, `${unit.name} must not show task ${t.no}`).not.toContain(probe);
      }
    }
  });

  it('PDF and DOCX of a letter carry the same words', async () => {
    for (const name of ['市监察局', '鄂城区', '人行', '市发改委']) {
      const docx = docxText(readFileSync(join(out, `${name}.docx`))).join('');
      // The plan form's header row repeats on every page it runs onto (in DOCX it is one row):
      // take the repeats' characters out before comparing.
      const pdf = charCounts(await pdfText(join(out, `${name}.pdf`)));
      const want = charCounts(docx);
      const repeats = (pdf.get('措') ?? 0) - (want.get('措') ?? 0);
      for (const c of '序号任务角色目标责任人时限标准措施') pdf.set(c, (pdf.get(c) ?? 0) - repeats);
      expect(repeats).toBeGreaterThanOrEqual(0);
      expect(pdf).toEqual(want);
    }
  });

  it('lays real letters out by GB/T 9704: A4, 16 pt body on ≤ 22 lines, page numbers, no forbidden line starts', async () => {
    const NO_START = new Set([...'，。、；：？！）》」』”’…—〕］】〉']);
    const MM = 72 / 25.4;
    for (const name of ['市监察局', '鄂城区', '市发改委']) {
      const pages = await readPdf(readFileSync(join(out, `${name}.pdf`)));
      pages.forEach((p, i) => {
        expect(p.width).toBeCloseTo(595.28, 1);
        expect(p.height).toBeCloseTo(841.89, 1);
        const body = p.lines.filter((l) => Math.abs(l.size - 16) < 0.01 && l.y > 37 * MM && l.y < (37 + 225) * MM);
        expect(body.length).toBeLessThanOrEqual(22);
        for (const l of body) expect(NO_START.has(l.text.trim()[0]!), `${name} p${i + 1}: ${l.text}`).toBe(false);
        const numbers = p.lines.filter((l) => pageNumber.test(l.text.trim()));
        if (i === 0) expect(numbers).toHaveLength(0);
        else expect(numbers.map((l) => l.text.replace(/\s/g, ''))).toEqual([`—${i + 1}—`]);
      });
    }
  });

  it('is reproducible byte for byte', async () => {
    const again = mkdtempSync(join(tmpdir(), 'duban-letters-again-'));
    const io = recordingIO();
    expect(await run(['letters', seed, '--out', again, '--unit', '市监察局'], io)).toBe(0);
    for (const ext of ['docx', 'pdf']) {
      expect(readFileSync(join(again, `市监察局.${ext}`)).equals(readFileSync(join(out, `市监察局.${ext}`)))).toBe(true);
    }
  });

  it('refuses an unknown unit and an unknown format with a Chinese message', async () => {
    const io = recordingIO();
    expect(await run(['letters', seed, '--out', out, '--unit', '不存在的局'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('不存在的局');
    const io2 = recordingIO();
    expect(await run(['letters', seed, '--out', out, '--format', 'odt'], io2)).toBe(2);
    expect(io2.stderr.join('')).toContain('odt');
  });
});
