import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseNoticeFile } from '../../src/parse/index.js';
import type { Notice } from '../../src/model/notice.js';

/** The seed saved in other encodings and containers parses to the same tasks and units. */
const root = join(import.meta.dirname, '../..');
const variantsDir = join(root, 'tests/fixtures/seed-variants');
const variants = readdirSync(variantsDir).filter((f) => !f.endsWith('.mjs') && !f.startsWith('.'));

function essence(n: Notice) {
  return {
    chapters: n.chapters.map((c) => `${c.no}${c.title}`),
    tasks: n.tasks.map((t) => ({ label: t.label, chapter: t.chapter, title: t.title, text: t.text, units: t.units, targets: t.targets })),
    units: n.units,
    docNumber: n.meta.docNumber,
    signDate: n.meta.signDate,
    planDeadline: n.planDeadline,
  };
}

describe('seed variants', async () => {
  const reference = essence((await parseNoticeFile(join(root, 'seeds/ezhou-2014-4.txt'))).notice);

  it('there are variants for every container and encoding the office meets', () => {
    expect(variants.length).toBeGreaterThanOrEqual(5);
  });

  it.each(variants)('%s gives the same tasks and units as the UTF-8 text', async (file) => {
    const { notice } = await parseNoticeFile(join(variantsDir, file));
    expect(notice.tasks).toHaveLength(34);
    expect(essence(notice)).toEqual(reference);
  });
});
