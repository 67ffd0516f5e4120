/**
 * Character classes for Chinese line breaking (GB/T 15834-2011 §5, 避头尾) and for the grid:
 * which characters take a full cell, which may not start or end a line, which may hang.
 */

/** Characters that occupy one grid cell: ideographs, kana, full-width forms and CJK punctuation. */
export function isCellChar(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0x2018 && cp <= 0x201f) ||
    cp === 0x2014 ||
    cp === 0x2015 ||
    cp === 0x2026 ||
    cp === 0x00b7 ||
    cp === 0x2027 ||
    (cp >= 0x2460 && cp <= 0x24ff) ||
    (cp >= 0x25a0 && cp <= 0x25ff) ||
    cp === 0x2116
  );
}

const NO_START = new Set([...'。，、；：？！…—·）］〕】》〉」』”’〗｝〙〛～％‰', ...',.;:?!)]}%']);
const NO_END = new Set([...'（［〔【《〈「『“‘〖｛〘〚', ...'([{']);
/** Closing marks small enough to hang in cell 29 (Word's 允许标点溢出边界 does the same). */
const HANGABLE = new Set([...'，。、；：？！', ...',.;:?!']);
/** Marks that come in pairs which must never be split across lines. */
const PAIRED = new Set(['…', '—']);

export function noLineStart(ch: string): boolean {
  return NO_START.has(ch);
}

export function noLineEnd(ch: string): boolean {
  return NO_END.has(ch);
}

export function canHang(ch: string): boolean {
  return HANGABLE.has(ch);
}

export function isPairedMark(ch: string): boolean {
  return PAIRED.has(ch);
}

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}
