/**
 * Files shipped with duban (seeds/, templates/, node_modules/), named from the package root. This
 * module sits two levels below the root whether it runs from src/util, dist/util or the bundle
 * (dist/bundle/duban.cjs), so the root is the same from the sources, the compiled modules and
 * the bundle.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function packagePath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

const require = createRequire(import.meta.url);
const versions = new Map<string, string | null>();

/**
 * The version of a library installed with duban, from its package.json (found through module
 * resolution, else in duban's own node_modules: not every library's exports list it); null when
 * it cannot be told. Cache entries derived from a library's output are named by it, so that an
 * upgrade never reads an older library's entry.
 */
export function installedVersion(name: string): string | null {
  let v = versions.get(name);
  if (v !== undefined) return v;
  v = null;
  for (const file of [() => require.resolve(`${name}/package.json`), () => packagePath('node_modules', name, 'package.json')]) {
    try {
      const meta = JSON.parse(readFileSync(file(), 'utf8')) as { version?: unknown };
      v = typeof meta.version === 'string' ? meta.version : null;
      break;
    } catch {
      // Not resolvable this way (a library whose exports omit package.json): try the next.
    }
  }
  versions.set(name, v);
  return v;
}
