import type { Align } from '../../model/doc.js';
import type { Unit } from './tokens.js';

/** A typeset line: units with their x offsets from the left edge of the measure. */
export interface LineBox {
  units: Unit[];
  xs: number[];
  /** Right edge of the last unit (the hanging mark excluded). */
  right: number;
  /** True when the line was spread to end exactly at the measure. */
  spread: boolean;
  /** A closing mark hanging past the measure (in cell 29 of a body line). */
  hang: boolean;
}

export interface BreakOptions {
  /** Width of the measure in pt. */
  width: number;
  /** Indent of the first line in pt (2 cells for body paragraphs). */
  firstIndent: number;
  /** Indent of the other lines in pt (hanging indents of 附件说明 and 抄送). */
  restIndent: number;
  align: Align;
  /** Let one small closing mark hang past the measure instead of pushing a character down. */
  allowHang: boolean;
}

const EPS = 0.01;

/**
 * Chinese line breaking on a grid. Lines are filled greedily; when the next unit may not start a
 * line (，。）》 …) it either hangs past the measure (，。、；：？！ only, one of them) or the previous
 * unit is pushed down to the next line, repeatedly while the new line end would be an opening
 * mark. Full lines are then spread so they end exactly at the measure; the last line stays ragged.
 */
export function breakLines(input: readonly Unit[], opts: BreakOptions): LineBox[] {
  const units = [...input];
  const lines: LineBox[] = [];
  let i = 0;
  let first = true;
  while (i < units.length) {
    while (i < units.length && units[i]!.kind === 'space') i++;
    if (i >= units.length) break;
    const indent = first ? opts.firstIndent : opts.restIndent;
    const avail = opts.width - indent;
    let w = 0;
    let j = i;
    while (j < units.length && w + units[j]!.width <= avail + EPS) w += units[j++]!.width;
    if (j >= units.length) {
      lines.push(makeLine(units.slice(i), indent, avail, opts.align, false, false));
      break;
    }
    if (j === i) {
      splitWord(units, i, avail);
      continue;
    }
    let end = j;
    let hang = false;
    if (!canBreakBefore(units, j)) {
      const mark = units[j]!;
      if (opts.allowHang && mark.hangable && (j + 1 >= units.length || canBreakBefore(units, j + 1))) {
        end = j + 1;
        hang = true;
      } else {
        let k = j - 1;
        while (k > i && !canBreakBefore(units, k)) k--;
        if (k > i) end = k;
      }
    }
    lines.push(makeLine(units.slice(i, end), indent, avail, opts.align, true, hang));
    i = end;
    first = false;
  }
  return lines;
}

export function canBreakBefore(units: readonly Unit[], k: number): boolean {
  const u = units[k]!;
  const prev = units[k - 1];
  if (!prev) return true;
  if (u.kind === 'space' || prev.kind === 'space') return !u.noStart;
  return !u.glue && !u.noStart && !prev.noEnd;
}

function makeLine(all: Unit[], indent: number, avail: number, align: Align, full: boolean, hang: boolean): LineBox {
  const hanging = hang ? all.pop()! : undefined;
  while (all.length > 0 && all[all.length - 1]!.kind === 'space') all.pop();
  let natural = 0;
  for (const u of all) natural += u.width;
  const spread = full && (align === 'left' || align === 'justify') && all.length > 1;
  const gap = spread ? (avail - natural) / (all.length - 1) : 0;
  let x = indent;
  if (!spread && align === 'center') x += Math.max(0, (avail - natural) / 2);
  if (!spread && align === 'right') x += Math.max(0, avail - natural);
  const xs: number[] = [];
  for (const u of all) {
    xs.push(x);
    x += u.width + gap;
  }
  const right = x - gap;
  if (hanging) {
    all.push(hanging);
    xs.push(right);
  }
  return { units: all, xs, right, spread, hang: Boolean(hanging) };
}

/** A word wider than the line (a long URL or number) is cut where it fills the line. */
function splitWord(units: Unit[], i: number, avail: number): void {
  const u = units[i]!;
  let w = 0;
  let n = 0;
  const size = u.style.size;
  for (const ch of u.chars) {
    const cw = u.kind === 'cell' ? u.pitch : u.face.advance(ch.codePointAt(0)!) * size;
    if (n > 0 && w + cw > avail + EPS) break;
    w += cw;
    n++;
  }
  if (n >= u.chars.length) {
    // A single glyph wider than the measure: let it overflow rather than loop.
    units[i] = { ...u, width: Math.min(u.width, avail) };
    return;
  }
  const head: Unit = { ...u, chars: u.chars.slice(0, n), width: w, noEnd: false };
  const tail: Unit = { ...u, chars: u.chars.slice(n), width: u.width - w, glue: false, noStart: false };
  units.splice(i, 1, head, tail);
}
