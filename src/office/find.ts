/**
 * Which office settings file in a folder belongs to a notice, told by each file's area section
 * (read through the cache of YAML data, so choosing loads no YAML library when nothing changed).
 */
import { readFileSync } from 'node:fs';
import { yamlDataCached } from '../util/config-cache.js';
import { packagePath } from '../util/package-path.js';
import { yamlFilesIn } from '../util/yaml-files.js';

/** seeds/ of the installation. */
export function bundledOfficeFolder(): string {
  return packagePath('seeds');
}

/**
 * The settings file for a notice when none is named: among `dirs` (files or folders of YAML),
 * the one whose 文号 代字 (stronger) or area name occurs in the hints (文号, title, issuer, unit
 * names). Only files with an `area:` section are candidates, so unit directories and rules in
 * the same folder are passed over. Null when none matches.
 */
export function findOfficeFile(hints: readonly string[], dirs: readonly string[]): string | null {
  const text = hints.filter((h) => h.trim() !== '');
  if (text.length === 0) return null;
  const occurs = (needle: string) => needle !== '' && text.some((h) => h.includes(needle));
  let best: { file: string; score: number } | null = null;
  for (const file of yamlFilesIn(dirs)) {
    const c = readHead(file);
    if (!c) continue;
    const prefix = Math.max(0, ...c.prefixes.filter(occurs).map((p) => 1000 + p.length));
    const place = occurs(`${c.name}${c.level}`) ? c.name.length + 1 : 0;
    const score = Math.max(prefix, place);
    if (score > 0 && (!best || score > best.score)) best = { file, score };
  }
  return best?.file ?? null;
}

function readHead(file: string): { name: string; level: string; prefixes: string[] } | null {
  try {
    const text = readFileSync(file, 'utf8');
    if (!/^area\s*:/m.test(text)) return null;
    const data = yamlDataCached('office-heads', text) as { area?: { name?: unknown; level?: unknown; docNumberPrefixes?: unknown } } | null;
    const a = data?.area;
    if (!a || typeof a.name !== 'string') return null;
    const prefixes = Array.isArray(a.docNumberPrefixes) ? a.docNumberPrefixes.filter((p): p is string => typeof p === 'string' && p !== '') : [];
    return { name: a.name, level: typeof a.level === 'string' ? a.level : '', prefixes };
  } catch {
    return null;
  }
}

