/**
 * The one text-cleaning pass every reader applies before handing lines to the parser.
 * It only normalises invisible differences (line ends, odd spaces, zero-width and control
 * characters, trailing blanks). Punctuation width and full-width letters are left alone:
 * the parser owns those decisions.
 */

// NBSP, en quad … hair space, narrow NBSP, medium math space, ideographic space → one ASCII space.
const ODD_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\u2028\u2029]/g;
// Zero-width, BOM, word joiner, invisible operators, bidi marks and isolates: they carry no text.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// C0 controls except tab and newline, DEL, C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const TRAILING = /[ \t]+$/;
// Half a surrogate pair (malformed UTF-16, &#xD800;) is no character: it becomes U+FFFD, so that
// names stay distinct and storable everywhere downstream.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cleans one line of text (no newlines inside). */
export function cleanLine(line: string): string {
  return line
    .replace(ODD_SPACES, ' ')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(TRAILING, '');
}

/**
 * Splits decoded text into cleaned lines. CRLF and lone CR count as one line end each, so
 * line numbers match what an editor shows; a final line end does not start an extra line.
 */
export function cleanText(text: string): string[] {
  const normalised = text.replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(cleanLine);
}
