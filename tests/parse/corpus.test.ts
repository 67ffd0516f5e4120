import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource } from '../../src/parse/notice.js';
import { canonLine, stripPinyinGlosses } from '../../src/parse/normalize.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import type { Notice } from '../../src/model/notice.js';
import { readSourceBytes, type SourceText } from '../../src/read/index.js';

/**
 * The corpus of real notices (tests/fixtures/corpus, from shared/corpus) with the parse a
 * careful reader expects. Expected tasks are matched in order by (chapter, label); a task
 * matches when its units, as written, and their lead/support roles equal the expected ones.
 * Widths of punctuation and pinyin glosses do not count (the parser canonicalises both).
 */
interface ExpectedTask {
  no: string;
  chapter: string | null;
  units: string[];
  units_denoised?: string[];
  lead_units: string[];
  support_units: string[];
}

const dir = join(import.meta.dirname, '../fixtures/corpus');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

const canon = (s: string) => canonLine(stripPinyinGlosses(s)).replace(/\s+/g, '');

const sources = new Map<string, SourceText>();
beforeAll(async () => {
  for (const f of files) sources.set(f, await readSourceBytes(f, readFileSync(join(dir, f))));
});

/** Through the same reader as `duban parse` (a .txt may carry a page's markup). */
function parseFile(file: string): Notice {
  return parseSource(sources.get(file)!, emptyUnitDirectory());
}

function score(file: string): { matched: number; total: number; misses: string[] } {
  const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.txt$/, '.expected.json')), 'utf8')) as { tasks: ExpectedTask[] };
  const notice = parseFile(file);
  let cursor = 0;
  let matched = 0;
  const misses: string[] = [];
  for (const e of expected.tasks) {
    const idx = notice.tasks.findIndex((t, i) => i >= cursor && canon(t.label) === canon(e.no) && (e.chapter === null || t.chapter === e.chapter));
    if (idx < 0) {
      misses.push(`${e.no}: not found`);
      continue;
    }
    cursor = idx + 1;
    const t = notice.tasks[idx]!;
    const got = t.units.map((u) => `${canon(u.raw)}:${u.role}`);
    const want = (e.units_denoised ?? e.units).map((u, i) => {
      const raw = e.units[i]!;
      return `${canon(u)}:${e.lead_units.includes(raw) ? 'lead' : 'support'}`;
    });
    if (JSON.stringify(got) === JSON.stringify(want)) matched++;
    else misses.push(`${e.no}: got ${got.join(' ')} want ${want.join(' ')}`);
  }
  return { matched, total: expected.tasks.length, misses };
}

describe('corpus of real notices', () => {
  it('matches every expected task exactly, in order', () => {
    let matched = 0;
    let total = 0;
    const lines: string[] = [];
    for (const f of files) {
      const s = score(f);
      matched += s.matched;
      total += s.total;
      lines.push(`${f.padEnd(52)} ${s.matched}/${s.total}${s.misses.length ? `\n    ${s.misses.join('\n    ')}` : ''}`);
    }
    lines.push(`TOTAL ${matched}/${total} = ${((100 * matched) / total).toFixed(1)}%`);
    console.log(lines.join('\n'));
    expect(matched).toBe(total);
  });

  it.each(files)('%s parses without throwing and keeps every diagnostic positioned', (f) => {
    const n = parseFile(f);
    for (const d of n.diagnostics) expect(d.line).toBeGreaterThan(0);
    for (const t of n.tasks) {
      const roles = new Set(t.units.map((u) => u.role));
      if (t.units.length) expect(roles.has('lead')).toBe(true);
    }
  });
});
