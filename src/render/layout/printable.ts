/**
 * What a PDF can show of a text, given which code points its font draws. Text from notices, unit
 * directories and forms may hold anything; a glyph the font lacks would be painted as .notdef (an
 * empty box or nothing) and copied out of the PDF as U+0000.
 *
 * - Dropped: controls (tab, line feed and carriage return stay: the typesetter spaces them),
 *   invisible format characters (bidi marks and isolates, zero-width joiners, word joiner, soft
 *   hyphen, variation selectors, BOM, tags), noncharacters U+FFFE/U+FFFF and lone surrogates.
 * - A user-perceived character the font cannot draw (an emoji, a whole ZWJ family, 𠮷 in a font
 *   without Extension B) becomes one □, the mark Chinese printing uses for a character that could
 *   not be set, so that readers see something is missing; a combining mark the font lacks is
 *   dropped when its base can be drawn; a space the font lacks becomes a plain space.
 * The DOCX keeps such characters (Word and WPS substitute fonts themselves).
 */
export const MISSING_GLYPH = '□';

const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufe00-\ufe0f\ufffe\uffff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}\ud800-\udfff]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const LAYOUT_SPACE = new Set([0x09, 0x0a, 0x0d, 0x20]);

let segmenter: Intl.Segmenter | undefined;

export function printable(text: string, canDraw: (cp: number) => boolean): string {
  if (!needsWork(text, canDraw)) return text;
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    const visible = segment.replace(INVISIBLE_ALL, '');
    if (!visible) continue;
    const cps = Array.from(visible, (c) => c.codePointAt(0)!);
    const drawn = (cp: number) => LAYOUT_SPACE.has(cp) || canDraw(cp);
    if (cps.every(drawn)) out += visible;
    else if (/^\s+$/u.test(visible)) out += ' ';
    else if (drawn(cps[0]!) && cps.every((cp) => drawn(cp) || /\p{M}/u.test(String.fromCodePoint(cp)))) {
      out += String.fromCodePoint(...cps.filter(drawn));
    } else out += MISSING_GLYPH;
  }
  return out;
}

function needsWork(text: string, canDraw: (cp: number) => boolean): boolean {
  if (INVISIBLE.test(text)) return true;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!LAYOUT_SPACE.has(cp) && !canDraw(cp)) return true;
  }
  return false;
}
