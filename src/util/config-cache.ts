/**
 * Settings files (unit directory, office settings, rules) from duban's cache when unchanged. The
 * YAML and schema libraries are a large part of every command's start-up, while the files they
 * check change a few times a year: what a file validated to is kept as JSON, named by a hash of
 * the file's path and bytes, and an edited file misses and is validated again, with the same
 * messages. Only plain data (what JSON gives back unchanged) may be cached this way.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cacheKey, readCache, writeCache } from './cache.js';

/**
 * `load(path)` validated, or the JSON it gave last time for the same bytes. `format` names the
 * shape and the checks: raise it when either changes, so that old entries are never read. A file
 * that cannot be read goes straight to `load`, which refuses it in its own words.
 */
export async function cachedConfig<T>(kind: string, format: string, path: string, load: (path: string) => T | Promise<T>): Promise<T> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return load(path);
  }
  const name = `${cacheKey(format, path, bytes)}.json`;
  const hit = readCache(kind, name, 'utf8');
  if (hit !== null) {
    try {
      return JSON.parse(hit) as T;
    } catch {
      // A damaged entry is ignored: the file is validated again below.
    }
  }
  const value = await load(path);
  writeCache(kind, name, JSON.stringify(value));
  return value;
}

let yamlParse: ((text: string) => unknown) | null = null;

/**
 * Plain YAML as data, unvalidated (the head of a settings file, read to choose among files), from
 * the cache when the same text was read before; yaml is loaded only on a miss. Throws on bad YAML.
 */
export function yamlDataCached(kind: string, text: string): unknown {
  const name = `${cacheKey('yaml-data-1', text)}.json`;
  const hit = readCache(kind, name, 'utf8');
  if (hit !== null) return JSON.parse(hit) as unknown;
  yamlParse ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  const data = yamlParse(text) ?? null;
  writeCache(kind, name, JSON.stringify(data));
  return data;
}
