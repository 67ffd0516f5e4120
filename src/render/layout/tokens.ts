import type { FontRole } from '../../model/doc.js';
import type { Face, FontSet } from '../fonts/fonts.js';
import { canHang, isCellChar, isPairedMark, isSpace, noLineEnd, noLineStart } from './chars.js';
import { printable } from './printable.js';

export interface TextStyle {
  role: FontRole;
  size: number;
  bold: boolean;
  color: string;
}

export interface StyledText {
  text: string;
  style: TextStyle;
}

/**
 * The typesetter's atom: one grid cell (a CJK character; two for …… and ——), a run of
 * Latin/digit characters measured at natural width (14.5%, 1.8:1 and words never split), or a
 * space. `glue` forbids a break before the unit (a word continuing in another face).
 */
export interface Unit {
  kind: 'cell' | 'word' | 'space';
  chars: string[];
  face: Face;
  style: TextStyle;
  /** Width of one cell (cell units) in pt. */
  pitch: number;
  width: number;
  glue: boolean;
  noStart: boolean;
  noEnd: boolean;
  hangable: boolean;
}

function faceFor(fonts: FontSet, role: FontRole, cp: number): Face {
  const face = fonts.faces[role];
  return face.bundled || face.has(cp) ? face : fonts.fallback(role);
}

/**
 * Splits styled text into units. `cellScale` sets the grid: a cell is `size × cellScale` wide
 * (156 mm / 28 / 16 pt for body text, 1 for tables and charts).
 */
export function toUnits(parts: StyledText[], fonts: FontSet, cellScale: number): Unit[] {
  const units: Unit[] = [];
  let prevLatin = false;
  for (const part of parts) {
    const { style } = part;
    const pitch = style.size * cellScale;
    for (const ch of printable(part.text, (cp) => faceFor(fonts, style.role, cp).has(cp))) {
      const cp = ch.codePointAt(0)!;
      const face = faceFor(fonts, style.role, cp);
      const last = units[units.length - 1];
      if (isSpace(ch)) {
        units.push(makeUnit('space', [' '], face, style, pitch, face.advance(0x20) * style.size, false));
        prevLatin = false;
      } else if (isCellChar(cp)) {
        if (last && last.kind === 'cell' && isPairedMark(ch) && last.chars.length === 1 && last.chars[0] === ch && last.face === face) {
          last.chars.push(ch);
          last.width += pitch;
        } else {
          units.push(makeUnit('cell', [ch], face, style, pitch, pitch, false));
        }
        prevLatin = false;
      } else {
        const w = face.advance(cp) * style.size;
        if (last && last.kind === 'word' && prevLatin && last.face === face && sameStyle(last.style, style)) {
          last.chars.push(ch);
          last.width += w;
          last.noEnd = noLineEnd(ch);
          // Only a lone mark may hang past the measure: "......" or ".x" is a word.
          last.hangable = false;
        } else {
          units.push(makeUnit('word', [ch], face, style, pitch, w, prevLatin));
        }
        prevLatin = true;
      }
    }
  }
  return units;
}

function makeUnit(kind: Unit['kind'], chars: string[], face: Face, style: TextStyle, pitch: number, width: number, glue: boolean): Unit {
  const first = chars[0]!;
  const lastCh = chars[chars.length - 1]!;
  return {
    kind,
    chars,
    face,
    style,
    pitch,
    width,
    glue,
    noStart: kind !== 'space' && noLineStart(first),
    noEnd: kind !== 'space' && noLineEnd(lastCh),
    hangable: kind !== 'space' && chars.length === 1 && canHang(first),
  };
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.role === b.role && a.size === b.size && a.bold === b.bold && a.color === b.color;
}

/** Total natural width of a unit list. */
export function unitsWidth(units: readonly Unit[]): number {
  let w = 0;
  for (const u of units) w += u.width;
  return w;
}
