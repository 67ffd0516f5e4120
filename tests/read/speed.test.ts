import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/read/index.js';
import { ROOT, SEED } from './helpers.js';

/** Relative modules a file imports at load time (not `import type`, not dynamic `import()`). */
function staticImports(file: string): { relative: string[]; packages: string[] } {
  const src = readFileSync(file, 'utf8');
  const relative: string[] = [];
  const packages: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const m of src.matchAll(re)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) relative.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    else packages.push(spec);
  }
  // lazy require() calls count as static loads unless they sit inside a function
  for (const m of src.matchAll(/^(?:const|let|var)\s+\w+\s*=\s*require\(['"]([^'"]+)['"]\)/gm)) packages.push(m[1]!);
  return { relative, packages };
}

describe('reading stays cheap', () => {
  it('importing src/read/index.ts loads no heavy or format-specific package', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [join(ROOT, 'src/read/index.ts')];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const { relative, packages: p } = staticImports(f);
      queue.push(...relative);
      p.forEach((x) => packages.add(x));
    }
    expect(seen.size).toBeGreaterThan(5);
    expect([...seen].some((f) => f.endsWith('html.ts') || f.endsWith('docx.ts'))).toBe(false);
    const forbidden = ['docx', 'pdfkit', 'nodejieba', 'node-html-parser', 'fflate', 'iconv-lite', 'chardet'];
    expect([...packages].filter((p) => forbidden.includes(p))).toEqual([]);
  });

  it('reads the seed .txt in well under 5 ms', async () => {
    await readSource(SEED); // warm the module and file caches
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await readSource(SEED);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[10]!;
    expect(median).toBeLessThan(2.5);
  });
});
