/**
 * The one reader for every zip package duban opens (DOCX notices, filled .xlsx forms, ledgers
 * read back). A package comes from outside: its central directory may lie about sizes, and a
 * few megabytes of deflate can inflate to gigabytes. So the entry count is checked first, each
 * wanted entry's start is inflated in small steps with fflate's streaming Inflate, which stops as
 * soon as the compression ratio (or a size) passes its limit; an entry that inflates past that
 * probe is inflated by zlib with its output capped at the entry's remaining allowance, so that
 * inflating stops at the cap. Nothing is inflated in full before being measured.
 */
import { inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries read. */
  maxTotalBytes: number;
  /** Inflated over compressed size of an entry, checked once it has inflated past ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/** Office packages: a few dozen parts; a form's sheet is well under a megabyte. */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 256 * 1024,
};

/** The package is not a zip duban can read (truncated, zip64, encrypted, unknown compression). */
export class ZipFormatError extends Error {}

/** The package passes a limit; the message (Chinese) names the limit. */
export class ZipLimitError extends Error {}

const MB = 1024 * 1024;
const mb = (n: number): string => `${Math.round((n / MB) * 10) / 10} MB`;
/** Compressed bytes handed to fflate's streaming inflater at a time: at most ~1,032-fold (0.5 MB) comes out. */
const STEP = 512;

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

function u16(b: Uint8Array, p: number): number {
  return b[p]! | (b[p + 1]! << 8);
}
function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** The central directory's entries. Throws ZipFormatError or, for too many entries, ZipLimitError. */
export function listZip(bytes: Uint8Array, limits: ZipLimits = OFFICE_ZIP_LIMITS): ZipEntryInfo[] {
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (u32(bytes, p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('找不到 zip 目录');
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('不支持 zip64 格式');
  if (count > limits.maxEntries) throw new ZipLimitError(`压缩包内有 ${count} 个文件，超过 ${limits.maxEntries} 个的上限`);
  const out: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipFormatError('zip 目录已损坏');
    const flags = u16(bytes, p + 8);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    if (p + 46 + nameLen > bytes.length) throw new ZipFormatError('zip 目录已损坏');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    out.push({
      name: (flags & 0x800 ? utf8 : latin1).decode(rawName),
      method: u16(bytes, p + 10),
      flags,
      compressedSize: u32(bytes, p + 20),
      declaredSize: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * Inflates the entries `want` accepts, within the limits. Throws ZipLimitError (with the limit
 * in Chinese) as soon as one is passed, ZipFormatError for a package it cannot read.
 */
export function readZip(bytes: Uint8Array, want: (name: string) => boolean, limits: ZipLimits = OFFICE_ZIP_LIMITS): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  for (const e of listZip(bytes, limits)) {
    if (!want(e.name) || e.name.endsWith('/')) continue;
    if (e.flags & 1) throw new ZipFormatError('不支持加密的压缩包');
    if (e.declaredSize > limits.maxEntryBytes) throw new ZipLimitError(`“${e.name}”解压后有 ${mb(e.declaredSize)}，超过单个文件 ${mb(limits.maxEntryBytes)} 的上限`);
    const lh = e.localOffset;
    if (lh + 30 > bytes.length || u32(bytes, lh) !== 0x04034b50) throw new ZipFormatError('zip 文件头已损坏');
    const start = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw new ZipFormatError('zip 文件不完整');
    const data = bytes.subarray(start, end);
    const account = (n: number, consumed: number): void => {
      if (n > limits.maxEntryBytes) throw new ZipLimitError(`“${e.name}”解压后超过单个文件 ${mb(limits.maxEntryBytes)} 的上限`);
      if (total + n > limits.maxTotalBytes) throw new ZipLimitError(`压缩包解压后合计超过 ${mb(limits.maxTotalBytes)} 的上限`);
      if (n > limits.ratioFloorBytes && n > limits.maxRatio * Math.max(1, consumed)) {
        throw new ZipLimitError(`“${e.name}”的压缩比超过 ${limits.maxRatio} 倍的上限（疑似压缩炸弹）`);
      }
    };
    let content: Uint8Array;
    if (e.method === 0) {
      account(data.length, data.length);
      content = data.slice();
    } else if (e.method === 8) {
      content = inflateGuarded(data, account, limits.ratioFloorBytes, Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total));
      account(content.length, data.length);
    } else throw new ZipFormatError(`不支持的压缩方式 ${e.method}`);
    total += content.length;
    files[e.name] = content;
  }
  return files;
}

/**
 * Streams the first `probe` bytes of output through fflate's Inflate, `account` checking each
 * step; a small entry ends there. A larger one, having passed the ratio check on its start, is
 * inflated natively with zlib, stopped at `cap` bytes.
 */
function inflateGuarded(data: Uint8Array, account: (inflated: number, consumed: number) => void, probe: number, cap: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let consumed = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    account(size, consumed);
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let p = 0; p < data.length && !ended && size <= probe; p += STEP) {
      const piece = data.subarray(p, Math.min(data.length, p + STEP));
      consumed += piece.length;
      inflater.push(piece, p + STEP >= data.length);
    }
  } catch (e) {
    if (e instanceof ZipLimitError) throw e;
    throw new ZipFormatError(`解压失败（${e instanceof Error ? e.message : String(e)}）`);
  }
  if (!ended) {
    try {
      return inflateRawSync(data, { maxOutputLength: Math.max(1, cap + 1) });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') account(cap + 1, data.length);
      throw new ZipFormatError(`解压失败（${e instanceof Error ? e.message : String(e)}）`);
    }
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
