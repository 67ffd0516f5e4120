import { hasPrefix } from './normalise.js';
import type { UnitDirectory } from './types.js';

/**
 * The names a segmenter must keep whole for this directory: canonical and full names, aliases
 * with and without the prefix. Sorted and de-duplicated so the user dictionary (and its hash)
 * depends only on the directory's content.
 */
export function unitDictionaryWords(dir: UnitDirectory): string[] {
  const words = new Set<string>();
  for (const e of dir.entries) {
    words.add(e.name);
    if (e.fullName) words.add(e.fullName);
    for (const a of e.aliases) {
      words.add(a);
      if (!hasPrefix(a, dir.prefix) && dir.prefix) words.add(dir.prefix + a);
    }
  }
  return [...words].filter((w) => w.length >= 2).sort();
}
