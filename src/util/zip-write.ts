/**
 * A zip writer for entries compressed beforehand, so that a part many packages share (a DOCX's
 * styles, theme, font table …) is deflated once and not once per package. The layout is
 * fflate's zipSync byte for byte for what Office packages use (no extra fields, comments or
 * attributes): the packages written before this writer existed come out the same.
 */
import { deflateSync, strToU8, type DeflateOptions } from 'fflate';
import { crc32 } from 'node:zlib';

/** One file of the archive, ready to be laid out. */
export interface ZipEntry {
  /** The name as written: UTF-8. */
  name: Uint8Array;
  /** The name is not plain ASCII (general purpose flag bit 11). */
  utf8: boolean;
  crc: number;
  size: number;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** The bytes as stored in the archive. */
  data: Uint8Array;
}

export type ZipLevel = NonNullable<DeflateOptions['level']>;

/** Level 0 stores; any other level deflates, as zipSync does. */
export function zipEntry(path: string, content: Uint8Array, level: ZipLevel): ZipEntry {
  const method = level === 0 ? 0 : 8;
  return preparedEntry(path, { crc: crc32(content), size: content.length, method, data: method === 8 ? deflateSync(content, { level }) : content });
}

/** The entry of content compressed (or stored) beforehand. */
export function preparedEntry(path: string, stored: Pick<ZipEntry, 'crc' | 'size' | 'method' | 'data'>): ZipEntry {
  const name = strToU8(path);
  return { name, utf8: name.length !== path.length, ...stored };
}

/** MS-DOS date and time of a local wall-clock moment, as zip stores it. */
function dosTime(mtime: Date): number {
  const y = mtime.getFullYear() - 1980;
  if (y < 0 || y > 119) throw new RangeError(`zip cannot store the year ${mtime.getFullYear()}`);
  return (
    ((y << 25) | ((mtime.getMonth() + 1) << 21) | (mtime.getDate() << 16) | (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1)) >>>
    0
  );
}

const LOCAL = 30;
const CENTRAL = 46;
const END = 22;

/** The fields local and central headers share, from the version needed to the extra length. */
function writeCommon(view: DataView, at: number, e: ZipEntry, time: number): void {
  view.setUint16(at, 20, true);
  view.setUint16(at + 2, e.utf8 ? 0x800 : 0, true);
  view.setUint16(at + 4, e.method, true);
  view.setUint32(at + 6, time, true);
  view.setUint32(at + 10, e.crc >>> 0, true);
  view.setUint32(at + 14, e.data.length, true);
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, e.name.length, true);
}

/** The archive of the entries in the given order, every entry stamped with `mtime`. */
export function zipArchive(entries: readonly ZipEntry[], mtime: Date): Uint8Array {
  const time = dosTime(mtime);
  const localSize = entries.reduce((n, e) => n + LOCAL + e.name.length + e.data.length, 0);
  const centralSize = entries.reduce((n, e) => n + CENTRAL + e.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + END);
  const view = new DataView(out.buffer);
  let local = 0;
  let central = localSize;
  for (const e of entries) {
    view.setUint32(local, 0x04034b50, true);
    writeCommon(view, local + 4, e, time);
    out.set(e.name, local + LOCAL);
    out.set(e.data, local + LOCAL + e.name.length);
    view.setUint32(central, 0x02014b50, true);
    view.setUint8(central + 4, 20);
    writeCommon(view, central + 6, e, time);
    view.setUint32(central + 42, local, true);
    out.set(e.name, central + CENTRAL);
    local += LOCAL + e.name.length + e.data.length;
    central += CENTRAL + e.name.length;
  }
  view.setUint32(central, 0x06054b50, true);
  view.setUint16(central + 8, entries.length, true);
  view.setUint16(central + 10, entries.length, true);
  view.setUint32(central + 12, centralSize, true);
  view.setUint32(central + 16, localSize, true);
  return out;
}
