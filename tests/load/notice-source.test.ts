/**
 * The correction loop's inputs: for the seed and every corpus notice, the JSON of `duban parse
 * --json` and the ledger read back give the same model, and the same letters, as the text.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseNoticeFile } from '../../src/parse/index.js';
import { loadNotice } from '../../src/load/notice-source.js';
import { writeLedger } from '../../src/ledger/index.js';
import { buildLetterContext, receivingUnits } from '../../src/letters/context.js';
import { renderTemplate } from '../../src/render/template.js';
import { templatePath } from '../../src/render/output.js';
import { writeDocx } from '../../src/render/docx/index.js';
import type { Notice } from '../../src/model/notice.js';
import { DubanError } from '../../src/model/errors.js';
import type { UnitDirectory } from '../../src/units/types.js';
import { loadOfficeSettings } from '../../src/office/settings.js';

/** One office for every notice: the letters compared differ only by the notice model behind them. */
const office = loadOfficeSettings(join(import.meta.dirname, '../../seeds/ezhou-office.yaml'));

const root = join(import.meta.dirname, '../..');
const corpus = join(root, 'tests/fixtures/corpus');
const notices = [join(root, 'seeds/ezhou-2014-4.txt'), ...readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => join(corpus, f))];
const tmp = mkdtempSync(join(tmpdir(), 'duban-load-'));
const template = templatePath('letter.hbs');

/** Letter trees of a few units (first, middle, last): what the DOCX and PDF writers get. */
function letterTrees(notice: Notice, dir: UnitDirectory | null): string[] {
  const all = receivingUnits(notice);
  const picks = [...new Set([0, Math.floor(all.length / 2), all.length - 1])].filter((i) => i >= 0 && i < all.length);
  return picks.map((i) => JSON.stringify(renderTemplate(template, buildLetterContext(notice, all[i]!, { seq: i + 1, office, date: '2020-03-01' }))));
}

/** A corpus notice the parser cannot read yet (being fixed elsewhere) is skipped, not failed. */
async function parseOrSkip(file: string, skip: () => void) {
  try {
    return await parseNoticeFile(file);
  } catch (e) {
    if (e instanceof DubanError && e.kind === 'content') skip();
    throw e;
  }
}

const withoutDiagnostics = (n: Notice) => ({ ...n, diagnostics: [] });

describe.each(notices.map((f) => [basename(f), f]))('%s', (_name, file) => {
  it('reads back from parse --json: equal model, equal letters', async (ctx) => {
    const parsed = await parseOrSkip(file, () => ctx.skip());
    const json = join(tmp, `${basename(file)}.json`);
    writeFileSync(json, `${JSON.stringify(parsed.notice, null, 2)}\n`);
    const back = await loadNotice(json);
    expect(back.kind).toBe('json');
    expect(back.notice).toEqual(parsed.notice);
    expect(JSON.stringify(back.notice)).toBe(JSON.stringify(parsed.notice));
    expect(letterTrees(back.notice, back.units)).toEqual(letterTrees(parsed.notice, parsed.units));
  });

  it('reads back from its ledger: equal model (but diagnostics), equal letters', async (ctx) => {
    const parsed = await parseOrSkip(file, () => ctx.skip());
    const xlsx = join(tmp, `${basename(file)}.xlsx`);
    writeFileSync(xlsx, await writeLedger(parsed.notice));
    const back = await loadNotice(xlsx);
    expect(back.kind).toBe('ledger');
    expect(withoutDiagnostics(back.notice)).toEqual(withoutDiagnostics(parsed.notice));
    // Warnings are made again from the cells: as many tasks without units as the parse found.
    const noUnits = (n: Notice) => n.diagnostics.filter((d) => d.code === 'task.no-units').length;
    expect(noUnits(back.notice)).toBe(noUnits(parsed.notice));
    expect(letterTrees(back.notice, back.units)).toEqual(letterTrees(parsed.notice, parsed.units));
  });
});

describe('letter DOCX bytes', () => {
  it('are the same from the text, the JSON and the ledger of the seed', async () => {
    const file = notices[0]!;
    const parsed = await parseNoticeFile(file);
    const json = join(tmp, 'seed.json');
    writeFileSync(json, JSON.stringify(parsed.notice));
    const xlsx = join(tmp, 'seed.xlsx');
    writeFileSync(xlsx, await writeLedger(parsed.notice));
    const docx = async (n: Notice, dir: UnitDirectory | null) => {
      const unit = receivingUnits(n).find((u) => u.name === '市监察局')!;
      return writeDocx(renderTemplate(template, buildLetterContext(n, unit, { seq: 1, office })));
    };
    const a = await docx(parsed.notice, parsed.units);
    const fromJson = await loadNotice(json);
    const fromLedger = await loadNotice(xlsx);
    expect(Buffer.compare(await docx(fromJson.notice, fromJson.units), a)).toBe(0);
    expect(Buffer.compare(await docx(fromLedger.notice, fromLedger.units), a)).toBe(0);
  });
});
