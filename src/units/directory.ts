import { DubanError } from '../model/errors.js';
import { hasPrefix, normaliseUnitName } from './normalise.js';
import type { UnitDirectory, UnitEntry } from './types.js';

export interface UnitDirectorySpec {
  file: string | null;
  prefix: string;
  city: string | null;
  docNumberPrefixes: readonly string[];
  entries: readonly UnitEntry[];
}

/** The names a unit claims as written in the directory: canonical, full and aliases, normalised. */
export function claimedNames(entry: UnitEntry): string[] {
  const names = [entry.name, ...(entry.fullName ? [entry.fullName] : []), ...entry.aliases];
  return [...new Set(names.map(normaliseUnitName))];
}

/**
 * Aliases are written without the prefix (交通局) but notices also write them with it (市交通局).
 * These derived names never override a written one, and one claimed by two units is dropped.
 */
function derivedNames(entry: UnitEntry, prefix: string): string[] {
  return entry.aliases
    .map(normaliseUnitName)
    .filter((a) => prefix !== '' && !hasPrefix(a, prefix))
    .map((a) => prefix + a);
}

/**
 * Builds the lookup index. A name claimed by two units is a configuration error (the YAML loader
 * reports it with its line before getting here; this guard is for directories built in code).
 */
export function createUnitDirectory(spec: UnitDirectorySpec): UnitDirectory {
  const exact = new Map<string, UnitEntry>();
  for (const entry of spec.entries) {
    for (const key of claimedNames(entry)) {
      const other = exact.get(key);
      if (other && other !== entry) {
        throw new DubanError('config', `名称“${key}”同时属于“${other.name}”和“${entry.name}”`, fileOf(spec));
      }
      exact.set(key, entry);
    }
  }
  const derived = new Map<string, UnitEntry | null>();
  for (const entry of spec.entries) {
    for (const key of derivedNames(entry, spec.prefix)) {
      if (exact.has(key)) continue;
      const other = derived.get(key);
      derived.set(key, other === undefined || other === entry ? entry : null);
    }
  }
  for (const [key, entry] of derived) if (entry) exact.set(key, entry);

  const entries = Object.freeze([...spec.entries]);
  return {
    file: spec.file,
    prefix: spec.prefix,
    city: spec.city,
    docNumberPrefixes: Object.freeze([...spec.docNumberPrefixes]),
    entries,
    lookup: (name: string) => exact.get(normaliseUnitName(name)),
  };
}

function fileOf(spec: UnitDirectorySpec): { file?: string } {
  return spec.file ? { file: spec.file } : {};
}

/** The directory used when the user gives none: it knows no unit, only the prefix rule. */
export function emptyUnitDirectory(prefix = '市'): UnitDirectory {
  return createUnitDirectory({ file: null, prefix, city: null, docNumberPrefixes: [], entries: [] });
}
