/**
 * Bytes → string, with the encoding that was used.
 *
 * Handles: UTF-8 (with or without BOM), UTF-16LE/BE with a BOM, UTF-16 without a BOM
 * (recognised by where its NUL bytes fall, or by plausibility when the text has no ASCII),
 * GB18030 (a superset of GBK and GB2312) and Big5, chosen by `chardet` plus a plausibility
 * ranking of each candidate decoding (UTF-8 with a few invalid bytes, e.g. a file cut off
 * mid-character, takes part in that ranking and keeps U+FFFD for the broken bytes). A charset declared by the caller (an HTML <meta>) is
 * tried before detection.
 * Does not handle: other code pages (Shift_JIS, EUC-KR, Latin-1 …): such files are refused
 * rather than decoded into nonsense; UTF-32.
 */
import { createRequire } from 'node:module';
import { DubanError } from '../model/errors.js';
import { isSane, plausibility, rank, type Plausibility } from './plausible.js';

export type EncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5';

export interface Decoded {
  text: string;
  encoding: EncodingName;
}

type Iconv = typeof import('iconv-lite');
type Chardet = typeof import('chardet');

// iconv-lite and chardet are only needed for legacy encodings: load them on first use so a
// UTF-8 .txt never pays for them.
const lazyRequire = createRequire(import.meta.url);
let iconv: Iconv | undefined;
let chardet: Chardet | undefined;
const loadIconv = (): Iconv => (iconv ??= lazyRequire('iconv-lite') as Iconv);
const loadChardet = (): Chardet => (chardet ??= lazyRequire('chardet') as Chardet);

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const ICONV_NAME: Record<Exclude<EncodingName, 'UTF-8'>, string> = {
  'UTF-16LE': 'utf16le',
  'UTF-16BE': 'utf16be',
  GB18030: 'gb18030',
  Big5: 'big5',
};

export const ENCODING_FAILED = '无法识别文件编码（已尝试 UTF-8、GB18030、UTF-16）';
export const NOT_TEXT = '不是文本、网页或 DOCX 文件';

/** Maps a charset label as found in HTML or HTTP headers to the decoder duban uses for it. */
export function normaliseCharset(label: string | null | undefined): EncodingName | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (l === 'utf-8' || l === 'utf8' || l === 'unicode-1-1-utf-8') return 'UTF-8';
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|euc-cn|csgb2312|gb_2312-80|chinese|iso-ir-58)$/.test(l)) return 'GB18030';
  if (/^(big5|big5-hkscs|x-x-big5|cp950|ms950|csbig5|cn-big5)$/.test(l)) return 'Big5';
  if (l === 'utf-16' || l === 'utf-16le' || l === 'unicode') return 'UTF-16LE';
  if (l === 'utf-16be' || l === 'unicodefffe') return 'UTF-16BE';
  return null;
}

function decodeWith(bytes: Uint8Array, encoding: EncodingName): string {
  if (encoding === 'UTF-8') return utf8Lenient.decode(bytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return loadIconv().decode(buf, ICONV_NAME[encoding], { stripBOM: false });
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return null;
  }
}

/** Where a multi-byte character cut off by the end of the file begins, else the length. */
function completeUtf8Length(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Valid UTF-8, allowing a file cut inside its last character (an interrupted copy). */
function strictUtf8AllowCut(bytes: Uint8Array): string | null {
  const whole = strictUtf8(bytes);
  if (whole !== null) return whole;
  const n = completeUtf8Length(bytes);
  return n < bytes.length ? strictUtf8(bytes.subarray(0, n)) : null;
}

interface ByteStats {
  length: number;
  nulEven: number;
  nulOdd: number;
  /** C0 controls other than tab, LF, FF, CR and ESC. */
  controls: number;
}

const SAMPLE_BYTES = 64 * 1024;

function byteStats(bytes: Uint8Array): ByteStats {
  const length = Math.min(bytes.length, SAMPLE_BYTES);
  let nulEven = 0;
  let nulOdd = 0;
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i]!;
    if (b >= 0x20) continue;
    if (b === 0) {
      if (i & 1) nulOdd++;
      else nulEven++;
    }
    if (b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  return { length, nulEven, nulOdd, controls };
}

/** UTF-16 text with some ASCII in it has NULs in every other byte and almost nowhere else. */
function utf16ByNuls(s: ByteStats): EncodingName | null {
  const pairs = Math.floor(s.length / 2);
  if (pairs < 1) return null;
  const need = Math.max(1, pairs * 0.02);
  if (s.nulOdd >= need && s.nulEven * 4 < s.nulOdd) return 'UTF-16LE';
  if (s.nulEven >= need && s.nulOdd * 4 < s.nulEven) return 'UTF-16BE';
  return null;
}

interface Candidate {
  encoding: EncodingName;
  text: string;
  score: Plausibility;
}

function candidate(bytes: Uint8Array, encoding: EncodingName): Candidate {
  const text = decodeWith(bytes, encoding);
  return { encoding, text, score: plausibility(text) };
}

function chardetGuess(bytes: Uint8Array): EncodingName | null {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  for (const match of loadChardet().analyse(sample)) {
    const name = normaliseCharset(match.name);
    if (name && name !== 'UTF-8') return name;
  }
  return null;
}

/** Decodes each legacy candidate and keeps the most plausible sane one. */
function detectLegacy(bytes: Uint8Array): Candidate | null {
  const guess = chardetGuess(bytes);
  // UTF-8 with a few broken bytes (a page cut mid-character) still beats any mojibake.
  const names: EncodingName[] = ['UTF-8', 'GB18030', 'Big5'];
  if (bytes.length % 2 === 0) names.push('UTF-16LE', 'UTF-16BE');
  let best: Candidate | null = null;
  let bestRank = -Infinity;
  for (const name of names) {
    const c = candidate(bytes, name);
    if (!isSane(c.score)) continue;
    // Without NULs to go by, UTF-16 must at least read as common Chinese.
    if (name.startsWith('UTF-16') && !(c.score.cjk >= 4 && c.score.common >= 0.4)) continue;
    const r = rank(c.score) + (name === guess ? 0.05 : 0);
    if (r > bestRank) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}

function fromBom(bytes: Uint8Array, file: string): Decoded | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const strict = strictUtf8(body);
    if (strict !== null) return { text: strict, encoding: 'UTF-8' };
    const lenient = candidate(body, 'UTF-8');
    if (isSane(lenient.score)) return { text: lenient.text, encoding: 'UTF-8' };
    throw new DubanError('content', ENCODING_FAILED, { file });
  }
  const le = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return null;
  const c = candidate(bytes.subarray(2), le ? 'UTF-16LE' : 'UTF-16BE');
  // A BOM is strong evidence; only refuse when the result is clearly broken.
  if (c.score.bad > 0.02) throw new DubanError('content', ENCODING_FAILED, { file });
  return { text: c.text, encoding: c.encoding };
}

/**
 * Decodes a file's bytes. `declared` is a charset label the container states (HTML <meta>);
 * it wins over detection but not over a BOM or valid UTF-8.
 * Throws DubanError('input') for binary data and DubanError('content') when no encoding fits.
 */
export function decodeBytes(bytes: Uint8Array, file: string, declared?: string | null): Decoded {
  const bom = fromBom(bytes, file);
  if (bom) return bom;

  const stats = byteStats(bytes);
  const utf16 = utf16ByNuls(stats);
  if (utf16) {
    const c = candidate(bytes, utf16);
    if (isSane(c.score)) return { text: c.text, encoding: c.encoding };
  }
  if (stats.controls > Math.max(2, stats.length * 0.01)) {
    // Control bytes are also what UTF-16 Chinese without any ASCII looks like.
    if (bytes.length % 2 === 0) {
      for (const name of ['UTF-16LE', 'UTF-16BE'] as const) {
        const c = candidate(bytes, name);
        if (isSane(c.score) && c.score.cjk >= 4 && c.score.common >= 0.4) return { text: c.text, encoding: name };
      }
    }
    throw new DubanError('input', NOT_TEXT, { file });
  }

  const utf8 = strictUtf8AllowCut(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };

  const stated = normaliseCharset(declared);
  if (stated && stated !== 'UTF-8') {
    const c = candidate(bytes, stated);
    if (isSane(c.score)) return { text: c.text, encoding: c.encoding };
  }

  const best = detectLegacy(bytes);
  if (best) return { text: best.text, encoding: best.encoding };
  throw new DubanError('content', ENCODING_FAILED, { file });
}
