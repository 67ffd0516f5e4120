/**
 * CSV as units' spreadsheets save it. Encodings: UTF-8 with or without BOM, UTF-16 with BOM
 * (Excel's "Unicode text"), and GB18030/GBK (Excel on Chinese Windows saves "CSV" in the ANSI
 * code page): bytes that are not valid UTF-8 are read as GB18030. Separators: comma, or tab
 * when the text has tabs and no commas. Quoted fields may hold separators, quotes ("") and
 * line breaks (RFC 4180).
 */
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'GB18030' };
  }
}

/** Records of the text, each a list of fields; `line` is the 1-based line the record starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const out: { line: number; fields: string[] }[] = [];
  const n = text.length;
  let fields: string[] = [];
  let line = 1;
  let start = 1;
  let i = 0;
  // Slices rather than character appends: forms can carry megabytes of report text.
  while (i <= n) {
    let field: string;
    if (text[i] === '"') {
      const parts: string[] = [];
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          parts.push(text.slice(from));
          i = n;
          break;
        }
        parts.push(text.slice(from, q));
        if (text[q + 1] === '"') {
          parts.push('"');
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      field = parts.join('');
      line += (field.match(/\n/g) ?? []).length;
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      const end = nextBreak(text, i, sep);
      field += text.slice(i, end);
      i = end;
    } else {
      const end = nextBreak(text, i, sep);
      field = text.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= n) {
      if (fields.length > 1 || fields[0] !== '') out.push({ line: start, fields });
      break;
    }
    if (text[i] === sep) {
      i++;
      continue;
    }
    // A line break ends the record.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    out.push({ line: start, fields });
    fields = [];
    line++;
    start = line;
    if (i >= n) break;
  }
  return out;
}

function nextBreak(text: string, from: number, sep: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === sep || c === '\n' || c === '\r') return j;
  }
  return text.length;
}
