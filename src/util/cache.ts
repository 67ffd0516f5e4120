/**
 * duban's on-disk cache of derived files (slim fonts, compiled templates): under the package's
 * node_modules/.cache/duban, where build tools keep theirs. Entries are named by a hash of what
 * they derive from, written atomically, and only ever speed a run up: a missing or unwritable
 * cache means doing the work again. Nothing is cached in a shared temporary folder, where another
 * user could plant an entry.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { packagePath } from './package-path.js';

let root: string | null | undefined;

/** node_modules/.cache/duban of the package (from src/util or dist/util alike), or null. */
export function cacheRoot(): string | null {
  if (root !== undefined) return root;
  if (process.env.DUBAN_NO_CACHE) return (root = null);
  const nm = packagePath('node_modules');
  root = existsSync(nm) ? join(nm, '.cache', 'duban') : null;
  return root;
}

/** An entry's name: a hash of everything it derives from (a format tag first, so that old entries are never read). */
export function cacheKey(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 32);
}

/** Where an entry is (whether or not it exists), or null without a cache. */
export function cachePath(kind: string, name: string): string | null {
  const dir = cacheRoot();
  return dir ? join(dir, kind, name) : null;
}

export function readCache(kind: string, name: string): Buffer | null;
export function readCache(kind: string, name: string, encoding: 'utf8'): string | null;
export function readCache(kind: string, name: string, encoding?: 'utf8'): Buffer | string | null {
  const dir = cacheRoot();
  if (!dir) return null;
  try {
    return encoding ? readFileSync(join(dir, kind, name), encoding) : readFileSync(join(dir, kind, name));
  } catch {
    return null;
  }
}

/** Stores an entry; false when it cannot be stored (the caller goes on without). */
export function writeCache(kind: string, name: string, data: Uint8Array | string): boolean {
  const dir = cacheRoot();
  if (!dir) return false;
  try {
    mkdirSync(join(dir, kind), { recursive: true });
    writeFileAtomic(join(dir, kind, name), data);
    return true;
  } catch {
    return false;
  }
}
