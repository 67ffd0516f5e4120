/**
 * Format sniffing at the edge: the bytes (and then the decoded text) decide which reader runs,
 * never the file extension alone, because notices arrive saved as "通知.doc" that are really
 * web pages, or .txt files that are HTML.
 */
import { DubanError } from '../model/errors.js';
import { NOT_TEXT } from './decode.js';

export type Container = 'zip' | 'none';

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

const ASCII = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Binary formats people mistake for notices, with a hint on what to do. */
const KNOWN_BINARIES: ReadonlyArray<{ sig: number[]; hint: string }> = [
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], hint: '（旧版 .doc/.wps/.xls 请先用 Word 或 WPS 另存为 .docx）' },
  { sig: ASCII('%PDF-'), hint: '（PDF 请先另存为 .docx 或 .txt）' },
  { sig: [0x89, 0x50, 0x4e, 0x47], hint: '（这是图片）' },
  { sig: [0xff, 0xd8, 0xff], hint: '（这是图片）' },
  { sig: ASCII('GIF8'), hint: '（这是图片）' },
  { sig: [0x1f, 0x8b], hint: '（这是压缩文件）' },
  { sig: ASCII('Rar!'), hint: '（这是压缩文件）' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], hint: '（这是压缩文件）' },
];

/** Returns 'zip' for ZIP containers (DOCX), throws for known binary formats, else 'none'. */
export function sniffContainer(bytes: Uint8Array, file: string): Container {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  for (const { sig, hint } of KNOWN_BINARIES) {
    if (startsWith(bytes, sig)) throw new DubanError('input', NOT_TEXT + hint, { file });
  }
  return 'none';
}

const HEAD_BYTES = 4096;

/**
 * The charset a page declares in its first 4 KB (`<meta charset>` or http-equiv Content-Type),
 * read before decoding: the tags are ASCII in every encoding a Chinese page uses.
 */
export function prescanCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES)).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(tag);
    if (m) return m[1]!;
  }
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)["']/i.exec(head);
  return xml ? xml[1]! : null;
}

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|span|link|script|style|center|font|form|h[1-6]|base)\b/i;
const HTML_ANYWHERE = /<(?:!doctype\s+html|html|body)\b[^<>]*>/i;

/** True when decoded text is a web page: it opens with an HTML tag, or an <html>/<body> tag appears early. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, HEAD_BYTES).replace(/^[\uFEFF\s]+/, '');
  return HTML_START.test(head) || HTML_ANYWHERE.test(head);
}
