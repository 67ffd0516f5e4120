/** Number formatting for content streams: three decimals, no exponent, no negative zero. */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** #RRGGBB → "r g b" with components in 0–1. */
export function rgb(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '0 0 0';
  return [m[1], m[2], m[3]].map((h) => num(parseInt(h!, 16) / 255)).join(' ');
}
