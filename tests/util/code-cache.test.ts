import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheRoot } from '../../src/util/cache.js';
import { codeCacheEntry } from '../../src/util/code-cache.js';

const ROOT = join(import.meta.dirname, '../..');

/** A CommonJS "library" over the size threshold, inside a node_modules folder, new to this run. */
function library(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'duban-code-cache-')), 'node_modules', 'big');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.js');
  const filler = Array.from({ length: 4000 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  writeFileSync(file, `#!/usr/bin/env node\n'use strict';\n${filler}\nexports.answer = () => f41(1);\nexports.dir = __dirname;\n// ${Date.now()}\n`);
  return file;
}

function child(file: string): { before: ReturnType<typeof codeCacheEntry>; answer: number; dir: string } {
  const r = spawnSync(process.execPath, ['--import', './tests/progress/child/register.mjs', 'tests/util/child/code-cache-child.ts', file], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim()) as ReturnType<typeof child>;
}

describe('the code cache', () => {
  it.skipIf(!cacheRoot())('compiles a large library as usual, stores its code when the process ends, and the next process runs from it', () => {
    const file = library();
    expect(codeCacheEntry(file)).toMatchObject({ eligible: true, cached: false });
    const first = child(file);
    expect(first).toMatchObject({ before: { eligible: true, cached: false }, answer: 42, dir: dirname(file) });
    expect(codeCacheEntry(file).cached).toBe(true);
    const second = child(file);
    expect(second).toMatchObject({ before: { eligible: true, cached: true }, answer: 42, dir: dirname(file) });
  });

  it.skipIf(!cacheRoot())('replaces the entry of a file that changed', () => {
    const file = library();
    child(file);
    const old = codeCacheEntry(file).path!;
    expect(existsSync(old)).toBe(true);
    appendFileSync(file, '// a new version\n');
    expect(child(file).before).toMatchObject({ eligible: true, cached: false });
    expect(codeCacheEntry(file).cached).toBe(true);
    expect(existsSync(old)).toBe(false);
  });

  it('leaves small modules and files outside node_modules alone', () => {
    expect(codeCacheEntry(join(ROOT, 'src/util/code-cache.ts')).eligible).toBe(false);
    expect(codeCacheEntry(join(ROOT, 'node_modules/commander/package.json')).eligible).toBe(false);
  });
});
