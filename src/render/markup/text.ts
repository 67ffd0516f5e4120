import { isCellChar } from '../layout/chars.js';

const NEWLINE_RUN = /[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*/g;

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && isCellChar(ch.codePointAt(0)!);
}

/**
 * Collapses the line breaks of template source inside a paragraph: a newline with the indentation
 * around it vanishes next to a Chinese character and becomes one space between Latin ones. The
 * text is given in pieces (runs of different fonts) that are joined afterwards, so the neighbours
 * of a break are looked up across pieces. The whole is trimmed.
 */
export function collapseWhitespace(pieces: readonly string[]): string[] {
  const out = pieces.map((p) => p.replace(/\u00a0/g, ' '));
  for (let k = 0; k < out.length; k++) {
    out[k] = out[k]!.replace(NEWLINE_RUN, (match, offset: number, whole: string) => {
      const before = offset > 0 ? whole[offset - 1] : lastChar(out, k);
      const after = offset + match.length < whole.length ? whole[offset + match.length] : firstChar(out, k);
      if (before === undefined || after === undefined) return '';
      if (before === ' ' || after === ' ') return '';
      return isCjk(before) || isCjk(after) ? '' : ' ';
    });
  }
  // Trim the whole: leading spaces of the first non-empty piece, trailing of the last.
  for (let k = 0; k < out.length; k++) {
    const t = out[k]!.replace(/^[ \t]+/, '');
    out[k] = t;
    if (t) break;
  }
  for (let k = out.length - 1; k >= 0; k--) {
    const t = out[k]!.replace(/[ \t]+$/, '');
    out[k] = t;
    if (t) break;
  }
  return out;
}

function lastChar(pieces: string[], k: number): string | undefined {
  for (let i = k - 1; i >= 0; i--) if (pieces[i]) return pieces[i]!.at(-1);
  return undefined;
}

function firstChar(pieces: string[], k: number): string | undefined {
  for (let i = k + 1; i < pieces.length; i++) if (pieces[i]) return pieces[i]![0];
  return undefined;
}

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const DIGIT = /[0-9]/;

/**
 * Chinese text is set with full-width punctuation; notices often carry half-width , : ; ( ) from
 * web copies. A half-width mark next to a Chinese character becomes full-width (with the spaces
 * around it dropped); inside numbers (14.5%, 1.8:1, 1,000) and in Latin text it stays. A pair of
 * parentheses is converted together when either side calls for it.
 */
export function normalizePunctuation(text: string): string {
  if (!/[,;:?!()]/.test(text)) return text;
  const chars = [...text];
  const convert = new Array<boolean>(chars.length).fill(false);
  const neighbour = (i: number, dir: -1 | 1): string | undefined => {
    let j = i + dir;
    while (j >= 0 && j < chars.length && chars[j] === ' ') j += dir;
    return chars[j];
  };
  const opens: number[] = [];
  chars.forEach((ch, i) => {
    if (!(ch in FULL)) return;
    const before = neighbour(i, -1);
    const after = neighbour(i, 1);
    if ((ch === ',' || ch === ':') && DIGIT.test(chars[i - 1] ?? '') && DIGIT.test(chars[i + 1] ?? '')) return;
    if (ch === '(') {
      opens.push(i);
      convert[i] = isCjk(before) || isCjk(after);
      return;
    }
    if (ch === ')') {
      const open = opens.pop();
      let inner = false;
      if (open !== undefined) for (let j = open + 1; j < i; j++) if (isCjk(chars[j])) inner = true;
      const want = inner || isCjk(before) || isCjk(after) || (open !== undefined && convert[open]!);
      convert[i] = want;
      if (open !== undefined && want) convert[open] = true;
      return;
    }
    convert[i] = isCjk(before) || isCjk(after);
  });
  let out = '';
  chars.forEach((ch, i) => {
    if (!convert[i]) {
      // Spaces next to a converted mark are dropped.
      if (ch === ' ' && (spaceTouches(chars, convert, i, -1) || spaceTouches(chars, convert, i, 1))) return;
      out += ch;
      return;
    }
    out += FULL[ch]!;
  });
  return out;
}

function spaceTouches(chars: string[], convert: boolean[], i: number, dir: -1 | 1): boolean {
  let j = i + dir;
  while (j >= 0 && j < chars.length && chars[j] === ' ') j += dir;
  return j >= 0 && j < chars.length && convert[j] === true;
}

/** Attribute text shown in the document: one line, trimmed, punctuation normalised. */
export function cleanAttr(value: string): string {
  return normalizePunctuation(value.replace(/\s+/g, ' ').trim());
}
