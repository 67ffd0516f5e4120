/**
 * The one reader for every zip package duban opens (DOCX notices, filled .xlsx forms, ledgers
 * read back). A package comes from outside: its central directory may lie about sizes, and a
 * few megabytes of deflate can inflate to gigabytes. So the entry count is checked first, and
 * each wanted entry is inflated by zlib with its output capped: zlib stops as soon as the output
 * passes the ratio allowed for the compressed bytes given (a probe of the entry's start first,
 * then the whole) or the entry's remaining size allowance. Nothing is inflated past a limit.
 */
import { constants, inflateRawSync } from 'node:zlib';

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
      content = inflateGuarded(data, account, limits.ratioFloorBytes, limits.maxRatio, Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total));
      account(content.length, data.length);
    } else throw new ZipFormatError(`不支持的压缩方式 ${e.method}`);
    total += content.length;
    files[e.name] = content;
  }
  return files;
}

/** Compressed bytes inflated first, alone: a bomb shows its ratio there before much is made. */
const PROBE_IN = 64 * 1024;

/**
 * Inflates natively with zlib, never making more than a limit: first the entry's first PROBE_IN
 * compressed bytes (zlib stops at the ratio allowed for them), then, when there is more, the whole
 * entry, stopped at the ratio allowed for its size or at `cap`, whichever is smaller. `account`
 * turns a stop into the limit's message.
 */
function inflateGuarded(data: Uint8Array, account: (inflated: number, consumed: number) => void, floor: number, ratio: number, cap: number): Uint8Array {
  const allowed = (consumed: number): number => Math.min(cap, Math.max(floor, ratio * consumed));
  const inflate = (input: Uint8Array, partial: boolean): Uint8Array => {
    const limit = allowed(input.length);
    try {
      return inflateRawSync(input, { maxOutputLength: Math.max(1, limit), ...(partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {}) });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') account(limit + 1, input.length);
      throw new ZipFormatError(`解压失败（${e instanceof Error ? e.message : String(e)}）`);
    }
  };
  if (data.length > PROBE_IN) inflate(data.subarray(0, PROBE_IN), true);
  const out = inflate(data, false);
  // A plain Uint8Array, as the stored entries are: callers never see zlib's Buffer type.
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
