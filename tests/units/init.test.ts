/**
 * `duban units init`: for the seed and every corpus notice, the draft loads without error and
 * parsing the notice with it leaves no unit unknown.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { recordingIO } from '../../src/cli/io.js';
import { parseNoticeFile } from '../../src/parse/index.js';
import { loadUnitDirectory } from '../../src/units/load.js';
import { DubanError } from '../../src/model/errors.js';

const root = join(import.meta.dirname, '../..');
const corpus = join(root, 'tests/fixtures/corpus');
const notices = [join(root, 'seeds/ezhou-2014-4.txt'), ...readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => join(corpus, f))];
const tmp = mkdtempSync(join(tmpdir(), 'duban-units-init-'));

describe.each(notices.map((f) => [basename(f), f]))('%s', (name, file) => {
  it('drafts a directory that loads and knows every unit of the notice', async (ctx) => {
    try {
      await parseNoticeFile(file);
    } catch (e) {
      // A corpus notice the parser cannot read yet (being fixed elsewhere).
      if (e instanceof DubanError && e.kind === 'content') ctx.skip();
      throw e;
    }
    const out = join(tmp, `${name}-units.yaml`);
    const io = recordingIO();
    expect(await run(['units', 'init', file, '-o', out], io), io.stderr.join('\n')).toBe(0);
    const dir = loadUnitDirectory(out);
    expect(dir.entries.length).toBeGreaterThan(0);
    const { notice } = await parseNoticeFile(file, { unitsFile: out });
    expect(notice.diagnostics.filter((d) => d.code === 'unit.unknown').map((d) => d.message)).toEqual([]);
  });
});

describe('the seed draft', () => {
  it('writes the city, prefix, 文号 prefix, collectives with members and Chinese comments', async () => {
    const out = join(tmp, 'ezhou.yaml');
    expect(await run(['units', 'init', notices[0]!, '-o', out], recordingIO())).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('city: 鄂州');
    expect(text).toContain('prefix: 市');
    expect(text).toContain('docNumberPrefixes: [鄂州政办发]');
    expect(text).toMatch(/# 集合称谓：成员是按通知中出现的单位推测的[^\n]*\n {2}- name: 各区\n {4}kind: collective\n {4}members: \[梁子湖区政府\]/);
    const dir = loadUnitDirectory(out);
    expect(dir.lookup('法制办')?.name).toBe('市法制办');
    expect(text).toMatch(/- name: 市法制办\n {4}aliases: \[法制办\]/);
    // Refuses to overwrite without --force, and writes nothing.
    const io = recordingIO();
    expect(await run(['units', 'init', notices[0]!, '-o', out], io)).not.toBe(0);
    expect(io.stderr[0]).toContain('--force');
    expect(existsSync(out)).toBe(true);
  });
});
