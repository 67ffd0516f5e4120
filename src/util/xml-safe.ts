/**
 * XML 1.0 forbids most control characters, lone surrogates and U+FFFE/U+FFFF even when escaped,
 * and Word, WPS and Excel refuse a file that holds one. Text from notices, unit directories and
 * progress forms passes through here before any XML writer sees it; `<`, `&` and quotes are
 * left alone because the writers escape them.
 *
 * Removed: C0 controls except tab, line feed and carriage return; DEL and the C1 controls
 * (allowed by XML 1.0 but discouraged, and shown as boxes); lone surrogates; U+FFFE, U+FFFF.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN, '');
}

// What exceljs would drop or mangle in a string (XML-illegal characters, DEL, and CR, which XML
// parsers turn into LF), and the _ of a literal _xHHHH_, which readers would decode.
const NOT_ROUND_TRIP = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|_(?=x[0-9a-fA-F]{4}_)/g;

/**
 * A spreadsheet string that must read back as the very same text (a form's unit and notice, which
 * import matches on). OOXML writes what XML cannot hold as _xHHHH_ (ECMA-376 Part 1, ST_Xstring);
 * Excel, WPS, exceljs and duban's reader decode it, so a literal _xHHHH_ has its _ escaped too.
 */
export function ooxmlText(text: string): string {
  return text.replace(NOT_ROUND_TRIP, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
