import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The YAML files named or held by `paths` (files, or folders whose .yaml/.yml files are taken in
 * name order). A path that does not exist or cannot be read holds none: callers only look for
 * candidates, and whatever is chosen is loaded with proper messages.
 */
export function yamlFilesIn(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) out.push(...readdirSync(p).filter(isYaml).sort().map((n) => join(p, n)));
      else if (isYaml(p)) out.push(p);
    } catch {
      // Nothing to take from a path that is not there.
    }
  }
  return out;
}

function isYaml(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
