/**
 * Width and space clean-up of unit names. Notices copied from web pages mix full-width Latin
 * letters and brackets, ideographic and non-breaking spaces, and zero-width characters; two
 * spellings of one unit must compare equal before any directory lookup.
 */

// \s already covers U+00A0, U+3000 and U+FEFF; the zero-width ones are not whitespace to JS.
const SPACES = /[\s\u200b-\u200d\u2060]+/g;
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;

/** Full-width ASCII → half-width, every kind of space removed. Nothing else is changed. */
export function normaliseUnitName(raw: string): string {
  return raw
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(SPACES, '');
}

/** Words that begin with a level character without being prefixed by it (市场监管局 is not 市 + 场监管局). */
const NOT_A_PREFIX = /^(市场|区域)/;

/** Whether `name` already carries the administrative prefix (市, 省 …). */
export function hasPrefix(name: string, prefix: string): boolean {
  return prefix !== '' && name.startsWith(prefix) && !NOT_A_PREFIX.test(name);
}
