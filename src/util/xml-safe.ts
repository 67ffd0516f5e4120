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
