/**
 * Compressed template parts of Office packages, kept in duban's cache. Every DOCX and xlsx duban
 * writes carries some twenty parts that come from its template (styles, theme, font table,
 * numbering, headers and footers, relationships) and are the same from one run to the next; only
 * the body (document.xml, the worksheets and their strings) and core.xml (title and date) are
 * the document's own. A command that writes one document deflated all of them with fflate's
 * still-cold code, some 40 ms of a one-letter run. Entries are named by a hash of the part's
 * bytes, its compression level and fflate's version, so that what is read is what fflate would
 * write now: the package is byte-identical with the cache, without it, or with it cold.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheKey, cachePath, cacheRoot, readCache, writeCache } from './cache.js';
import { installedVersion } from './package-path.js';
import { preparedEntry, zipEntry, type ZipEntry, type ZipLevel } from './zip-write.js';

const FORMAT = 'zip-part-1';
/** Entries kept: far more than the template parts of every kind of document, fewer than a folder should hold. */
export const MAX_PARTS = 400;
/** The document's own parts, different in each package: caching them would only fill the folder. */
const OWN_PARTS = /^(word\/document\.xml|docProps\/core\.xml|xl\/worksheets\/|xl\/sharedStrings\.xml)/;
/** crc32 and compressed length before the compressed bytes. */
const HEAD = 8;

/** Whether a part is one that repeats from package to package. */
export function isTemplatePart(path: string): boolean {
  return !OWN_PARTS.test(path);
}

function decode(path: string, data: Uint8Array, stored: Buffer): ZipEntry | null {
  if (stored.length < HEAD) return null;
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  if (view.getUint32(4, true) !== stored.length - HEAD) return null;
  return preparedEntry(path, { crc: view.getUint32(0, true), size: data.length, method: 8, data: stored.subarray(HEAD) });
}

function encode(entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(HEAD + entry.data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, entry.crc >>> 0, true);
  view.setUint32(4, entry.data.length, true);
  out.set(entry.data, HEAD);
  return out;
}

/** Where entries are kept and how many: the one folder in use, or a test's own. */
export interface PartStore {
  kind: string;
  max: number;
}

const STORE: PartStore = { kind: 'parts', max: MAX_PARTS };

/**
 * The part's zip entry, deflated at `level`: from the cache when this part was deflated before
 * (a template part), else deflated now and, for a template part, kept.
 */
export function cachedPartEntry(path: string, data: Uint8Array, level: ZipLevel, store: PartStore = STORE): ZipEntry {
  const version = level !== 0 && isTemplatePart(path) ? installedVersion('fflate') : null;
  const name = version && cacheRoot() !== null ? `${cacheKey(FORMAT, version, String(level), path, data)}.bin` : null;
  if (!name) return zipEntry(path, data, level);
  // A batch (71 forms) writes the same parts in every package: read from disk once per process.
  const seen = read.get(`${store.kind}/${name}`);
  if (seen) return seen;
  const stored = readCache(store.kind, name);
  let entry = stored && decode(path, data, stored);
  if (!entry) {
    entry = zipEntry(path, data, level);
    if (writeCache(store.kind, name, encode(entry))) prune(store);
  }
  if (read.size >= store.max) read.clear();
  read.set(`${store.kind}/${name}`, entry);
  return entry;
}

/** Entries this process has read or written, by folder and name. */
const read = new Map<string, ZipEntry>();

/** For tests: forget what this process has read, as a new process would. */
export function forgetPartsRead(): void {
  read.clear();
}

/** Keeps the folder to `max` entries, dropping the ones written longest ago. */
function prune(store: PartStore): void {
  const dir = cachePath(store.kind, '');
  if (!dir) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  if (names.length <= store.max) return;
  const aged = names.map((n) => ({ path: join(dir, n), mtime: mtimeOf(join(dir, n)) })).sort((a, b) => a.mtime - b.mtime);
  for (const { path } of aged.slice(0, names.length - store.max)) rmSync(path, { force: true });
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
