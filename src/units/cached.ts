/**
 * A unit directory loaded without its YAML and schema libraries when the file has not changed:
 * the validated directory is kept as JSON in duban's cache (util/cache.ts), named by a hash of
 * the file's bytes. Loading yaml and zod is a third of `duban parse`'s start-up; an edited file
 * misses the cache and is validated as before, with the same messages.
 */
import { readFileSync } from 'node:fs';
import { cacheKey, readCache, writeCache } from '../util/cache.js';
import { createUnitDirectory } from './directory.js';
import type { UnitDirectory, UnitEntry } from './types.js';

/** Raise it when the JSON form or the validation changes, so that old entries are not used. */
const FORMAT = 'units-1';

interface CachedSpec {
  prefix: string;
  city: string | null;
  docNumberPrefixes: string[];
  entries: UnitEntry[];
}

export async function loadUnitDirectoryCached(path: string): Promise<UnitDirectory> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    // Missing, a folder, unreadable: the loader says which, in its words.
    return (await import('./load.js')).loadUnitDirectory(path);
  }
  const name = `${cacheKey(FORMAT, bytes)}.json`;
  const hit = readCache('units', name, 'utf8');
  if (hit) {
    try {
      return createUnitDirectory({ file: path, ...(JSON.parse(hit) as CachedSpec) });
    } catch {
      // A damaged entry is ignored: the file is validated again below.
    }
  }
  const dir = (await import('./load.js')).loadUnitDirectory(path);
  const spec: CachedSpec = { prefix: dir.prefix, city: dir.city, docNumberPrefixes: [...dir.docNumberPrefixes], entries: [...dir.entries] };
  writeCache('units', name, JSON.stringify(spec));
  return dir;
}
