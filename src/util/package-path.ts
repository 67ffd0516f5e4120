/**
 * Files shipped with duban (seeds/, templates/, node_modules/), named from the package root. This
 * module sits two levels below the root whether it runs from src/util, dist/util or the bundle
 * (dist/bundle/duban.cjs), so the root is the same from the sources, the compiled modules and
 * the bundle.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function packagePath(...parts: string[]): string {
  return join(ROOT, ...parts);
}
