/**
 * Points are kept as integer hundredths (cents) from the moment a line is made: each line is
 * rounded once, half away from zero, and the score is the exact sum of rounded lines, so
 * base + Σ points == score holds to the last digit, in every document.
 */
export type Cents = number;

export function toCents(points: number): Cents {
  // toFixed(6) first: 1.005 * 100 is 100.49999999999999 in binary floating point.
  const scaled = Number((Math.abs(points) * 100).toFixed(6));
  const rounded = Math.round(scaled);
  return points < 0 && rounded !== 0 ? -rounded : rounded;
}

export function fromCents(c: Cents): number {
  return c / 100;
}

/** 5, 0.5, 1.25, -3: at most two decimals, no trailing zeros. */
export function fmt(n: number): string {
  const s = (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** Weights always show a decimal so they read as factors: 1.0, 0.5, 0.75. */
export function fmtWeight(w: number): string {
  const s = fmt(w);
  return s.includes('.') ? s : `${s}.0`;
}

/** Score as printed in tables: two decimals only when needed (95, 93.5, 88.75). */
export function fmtScore(n: number): string {
  return fmt(n);
}
