import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUnitDirectoryCached } from '../../src/units/cached.js';
import { parseUnitDirectory } from '../../src/units/load.js';
import { DubanError } from '../../src/model/errors.js';
import { cacheRoot } from '../../src/util/cache.js';

const seedUnits = join(import.meta.dirname, '../../seeds/ezhou-units.yaml');
const shape = (d: { prefix: string; city: string | null; docNumberPrefixes: readonly string[]; entries: readonly unknown[] }) =>
  JSON.stringify([d.prefix, d.city, d.docNumberPrefixes, d.entries]);

describe('a unit directory from the cache', () => {
  it('is the directory the YAML loader validates, and looks names up the same', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'duban-units-cache-'));
    const file = join(tmp, `u-${process.pid}-${Date.now()}.yaml`);
    // A comment of its own makes the bytes, and so the cache entry, new to this run.
    writeFileSync(file, `${readFileSync(seedUnits, 'utf8')}\n# ${file}\n`);
    const entries = () => (cacheRoot() && existsSync(join(cacheRoot()!, 'units')) ? readdirSync(join(cacheRoot()!, 'units')).length : 0);
    const before = entries();
    const first = await loadUnitDirectoryCached(file); // fills the cache
    expect(entries()).toBe(before + 1);
    const second = await loadUnitDirectoryCached(file); // read from it
    expect(entries()).toBe(before + 1);
    const direct = parseUnitDirectory(readFileSync(seedUnits, 'utf8'), file);
    expect(shape(second)).toBe(shape(direct));
    expect(shape(first)).toBe(shape(direct));
    expect(second.lookup('交通局')?.name).toBe(direct.lookup('交通局')?.name);
    expect(second.file).toBe(file);
  });

  it('validates an edited file again, with the loader’s message and line', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'duban-units-cache-'));
    const file = join(tmp, 'u.yaml');
    writeFileSync(file, readFileSync(seedUnits));
    await loadUnitDirectoryCached(file);
    writeFileSync(file, `${readFileSync(seedUnits, 'utf8')}\n  - name: 市财政局\n`);
    const err = await loadUnitDirectoryCached(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DubanError);
    expect((err as DubanError).place.line).toBeGreaterThan(0);
    await expect(loadUnitDirectoryCached(join(tmp, 'missing.yaml'))).rejects.toThrow(/找不到单位名录/);
  });
});
