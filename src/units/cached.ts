/**
 * A unit directory loaded without its YAML and schema libraries when the file has not changed
 * (util/config-cache.ts): loading yaml and zod was a third of `duban parse`'s start-up.
 */
import { cachedConfig } from '../util/config-cache.js';
import { createUnitDirectory } from './directory.js';
import type { UnitDirectory, UnitEntry } from './types.js';

/** Raise it when the JSON form or the validation changes, so that old entries are not used. */
const FORMAT = 'units-2';

interface CachedSpec {
  prefix: string;
  city: string | null;
  docNumberPrefixes: string[];
  entries: UnitEntry[];
}

async function validated(path: string): Promise<CachedSpec> {
  const dir = (await import('./load.js')).loadUnitDirectory(path);
  return { prefix: dir.prefix, city: dir.city, docNumberPrefixes: [...dir.docNumberPrefixes], entries: [...dir.entries] };
}

export async function loadUnitDirectoryCached(path: string): Promise<UnitDirectory> {
  return createUnitDirectory({ file: path, ...(await cachedConfig('units', FORMAT, path, validated)) });
}
