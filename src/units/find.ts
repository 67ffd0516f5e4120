import { readFileSync } from 'node:fs';
import { yamlDataCached } from '../util/config-cache.js';
import { packagePath } from '../util/package-path.js';
import { yamlFilesIn } from '../util/yaml-files.js';
import { normaliseUnitName } from './normalise.js';

/** The folder of directories shipped with duban (seeds/), wherever duban runs from. */
export function bundledDirectoryFolder(): string {
  return packagePath('seeds');
}

interface Candidate {
  file: string;
  city: string | null;
  docNumberPrefixes: string[];
}

/**
 * Picks the unit directory for a notice when the user names none: the one whose 文号 prefix
 * (the stronger sign) or city occurs in the hints (title, 文号, issuer). `dirs` holds YAML files
 * or folders of them. Unreadable or malformed files are skipped here: they are only candidates,
 * and loading the chosen one reports its errors properly. Returns null when nothing matches.
 */
export function findDirectoryForNotice(hints: readonly string[], dirs: readonly string[]): string | null {
  const text = hints.map(normaliseUnitName).filter((h) => h !== '');
  if (text.length === 0) return null;
  const occurs = (needle: string) => needle !== '' && text.some((h) => h.includes(needle));
  let best: { file: string; score: number } | null = null;
  for (const c of candidates(dirs)) {
    const prefixHit = Math.max(0, ...c.docNumberPrefixes.filter(occurs).map((p) => 1000 + p.length));
    const cityHit = c.city && occurs(c.city) ? c.city.length : 0;
    const score = Math.max(prefixHit, cityHit);
    if (score > 0 && (!best || score > best.score)) best = { file: c.file, score };
  }
  return best?.file ?? null;
}

function candidates(dirs: readonly string[]): Candidate[] {
  return yamlFilesIn(dirs).flatMap((f) => {
    const c = readCandidate(f);
    return c ? [c] : [];
  });
}

/**
 * Only the settings above the `units:` list matter here; parsing just that head keeps choosing a
 * directory cheap (the list is parsed once, by the loader, for the file chosen).
 */
function headOf(text: string): string {
  const m = /^units\s*:/m.exec(text);
  return m ? text.slice(0, m.index) : text;
}

function readCandidate(file: string): Candidate | null {
  try {
    const data = yamlDataCached('unit-heads', headOf(readFileSync(file, 'utf8')));
    if (typeof data !== 'object' || data === null) return null;
    const { city, docNumberPrefixes } = data as { city?: unknown; docNumberPrefixes?: unknown };
    const prefixes = Array.isArray(docNumberPrefixes)
      ? docNumberPrefixes.filter((p): p is string => typeof p === 'string').map(normaliseUnitName)
      : [];
    return { file, city: typeof city === 'string' ? normaliseUnitName(city) : null, docNumberPrefixes: prefixes };
  } catch {
    return null;
  }
}
