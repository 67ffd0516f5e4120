/**
 * The reading stage: a path → SourceText (decoded, cleaned lines). Formats are sniffed from
 * the bytes (ZIP → docx) and then from the decoded text (a leading HTML tag → html, else txt);
 * the extension is not consulted. Readers sit in a registry keyed by format and are loaded on
 * demand, so reading a .txt never loads node-html-parser or fflate (nor docx, pdfkit, nodejieba,
 * which no reader uses).
 */
import type { SourceFormat } from '../model/notice.js';
import { DubanError } from '../model/errors.js';
import { cleanLine } from './clean.js';
import { decodeBytes, type EncodingName } from './decode.js';
import { readInputBytes, TOO_BIG } from './file.js';
import { MAX_SOURCE_BYTES } from './limits.js';
import { looksLikeHtml, prescanCharset, sniffContainer } from './sniff.js';
import type { SourceText } from './source.js';
import { readTxt, type TxtLines } from './txt.js';

export type { SourceText } from './source.js';
export { MAX_SOURCE_BYTES } from './limits.js';

interface TextInput {
  file: string;
  text: string;
}
interface BinaryInput {
  file: string;
  bytes: Uint8Array;
}
interface ReaderInputs {
  txt: TextInput;
  html: TextInput;
  docx: BinaryInput;
}

/** Each reader returns the document's lines; readSource cleans them once more and checks for text. */
const READERS: { [F in SourceFormat]: (input: ReaderInputs[F]) => Promise<string[] | TxtLines> } = {
  txt: (i) => readTxt(i.file, i.text),
  html: async (i) => (await import('./html.js')).readHtml(i.file, i.text),
  docx: async (i) => (await import('./docx.js')).readDocx(i.file, i.bytes),
};

/** Reads any supported notice file. Every failure is a DubanError naming the file. */
export async function readSource(path: string): Promise<SourceText> {
  return readSourceBytes(path, await readInputBytes(path));
}

/** The same for bytes already in memory (tests, stdin); `file` names them in messages. */
export async function readSourceBytes(file: string, bytes: Uint8Array): Promise<SourceText> {
  if (bytes.length === 0) throw new DubanError('content', '文件是空的', { file });
  if (bytes.length > MAX_SOURCE_BYTES) throw new DubanError('limit', TOO_BIG, { file });
  let format: SourceFormat;
  let encoding: EncodingName;
  let raw: string[] | TxtLines;
  if (sniffContainer(bytes, file) === 'zip') {
    format = 'docx';
    encoding = 'UTF-8';
    raw = await READERS.docx({ file, bytes });
  } else {
    const decoded = decodeBytes(bytes, file, prescanCharset(bytes));
    encoding = decoded.encoding;
    format = looksLikeHtml(decoded.text) ? 'html' : 'txt';
    raw = await READERS[format]({ file, text: decoded.text });
  }
  const read = Array.isArray(raw) ? { lines: raw } : raw;
  const lines = read.lines.map(cleanLine);
  if (!lines.some((l) => l.trim() !== '')) throw new DubanError('content', '文件中没有文字内容', { file });
  return read.lineNumbers ? { file, format, encoding, lines, lineNumbers: read.lineNumbers } : { file, format, encoding, lines };
}
