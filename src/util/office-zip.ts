/**
 * Office files (xlsx, docx) are zip packages, and the libraries that write them stamp the clock
 * into them twice: the zip entries' modification times and `docProps/core.xml`'s
 * dcterms:created / dcterms:modified. This re-packs such a package so that the same content and
 * the same date always give the same bytes. Shared by the ledger, the DOCX writer and the forms.
 */
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { cachedPartEntry } from './part-cache.js';
import { zipArchive, type ZipEntry } from './zip-write.js';

/** Edits one XML part (path inside the package, its text); returns the new text. */
export type PartPatch = (path: string, xml: string) => string;

const CORE = 'docProps/core.xml';
const CONTENT_TYPES = '[Content_Types].xml';
/** 2014-01-13 (ISO, possibly with a time) or 2014年1月13日. */
const DAY = /^\s*(\d{4})[-年](\d{1,2})[-月](\d{1,2})/;
/** The zip format cannot store dates before 1980 or after 2099. */
const FALLBACK = { y: 2000, m: 1, d: 1 };

interface DayParts {
  y: number;
  m: number;
  d: number;
}

function dayOf(date: string | null | undefined): DayParts {
  const m = date ? DAY.exec(date) : null;
  if (!m) return FALLBACK;
  const parts = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const ok = parts.y >= 1980 && parts.y <= 2099 && parts.m >= 1 && parts.m <= 12 && parts.d >= 1 && parts.d <= 31;
  return ok ? parts : FALLBACK;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The W3CDTF stamp written into core.xml: midnight UTC of the given day. */
export function packageTimestamp(date: string | null | undefined): string {
  const { y, m, d } = dayOf(date);
  return `${y}-${pad(m)}-${pad(d)}T00:00:00Z`;
}

function stampCore(xml: string, stamp: string): string {
  return xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`)
    .replace(/<cp:lastPrinted\b[^>]*>[^<]*<\/cp:lastPrinted>/, '');
}

export const isXmlPart = (path: string): boolean => path.endsWith('.xml') || path.endsWith('.rels');

/**
 * Re-packs an Office package deterministically: core.xml dates set to `date` (2014-01-13 or
 * 2014年1月13日; anything unusable becomes 2000-01-01), every entry stamped with that day at noon
 * local time (zip stores local wall-clock fields, so this reads the same in every time zone),
 * [Content_Types].xml first and the other parts in their original order, fixed compression.
 * `patch`, when given, may edit each XML part on the way through.
 */
export function deterministicZip(buffer: Uint8Array, date: string | null | undefined, patch?: PartPatch): Buffer {
  return deterministicZipParts(unzipSync(buffer), date, patch);
}

/** Already-compressed media gain nothing from a second deflate. */
const STORED = /\.(png|jpe?g|gif|odttf)$/i;

/** Every entry carries the document's day at noon, local time (zip stores wall-clock fields). */
function packageMtime(date: string | null | undefined): Date {
  const { y, m, d } = dayOf(date);
  return new Date(y, m - 1, d, 12, 0, 0);
}

/** [Content_Types].xml first, then the other parts in their order; folders are not entries. */
export function packageOrder(paths: readonly string[]): string[] {
  const files = paths.filter((p) => !p.endsWith('/'));
  return [...files.filter((p) => p === CONTENT_TYPES), ...files.filter((p) => p !== CONTENT_TYPES)];
}

/** Whether a part's bytes depend on the package's date (core.xml carries it). */
export function isDated(path: string): boolean {
  return path === CORE;
}

/** A part as written: core.xml stamped with the date, then the patch on any XML part. */
export function finishedPart(path: string, text: string, date: string | null | undefined, patch?: PartPatch): string {
  const stamped = path === CORE ? stampCore(text, packageTimestamp(date)) : text;
  return patch ? patch(path, stamped) : stamped;
}

/** A part as an archive entry, compressed as every package compresses it. */
export function packageEntry(path: string, data: Uint8Array): ZipEntry {
  return cachedPartEntry(path, data, STORED.test(path) ? 0 : 6);
}

/** The archive of prepared entries, stamped with the package's day. */
export function packageArchive(entries: readonly ZipEntry[], date: string | null | undefined): Buffer {
  const zip = zipArchive(entries, packageMtime(date));
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

/** The same, from the package's parts (path → bytes, in package order) rather than a zip. */
export function deterministicZipParts(entries: Record<string, Uint8Array>, date: string | null | undefined, patch?: PartPatch): Buffer {
  const out = packageOrder(Object.keys(entries)).map((path) => {
    const data = entries[path]!;
    const text = isXmlPart(path) && (patch || path === CORE);
    return packageEntry(path, text ? strToU8(finishedPart(path, strFromU8(data), date, patch)) : data);
  });
  return packageArchive(out, date);
}
