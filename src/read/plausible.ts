/**
 * How much a decoded string looks like Chinese (or plain ASCII) text. Used to reject wrong
 * code pages and binary data, and to rank GB18030 / Big5 / UTF-16 candidates against each other.
 */
import { COMMON_HANZI } from './common-hanzi.js';

export interface Plausibility {
  /** Characters looked at (whitespace excluded). */
  total: number;
  /** CJK ideographs among them. */
  cjk: number;
  /** Share of characters that are ASCII printable, CJK, CJK/full-width punctuation or common symbols. */
  good: number;
  /** Share of replacement characters, controls, private-use and lone surrogates. */
  bad: number;
  /** Share of CJK ideographs that are frequent characters; 0 when there are none. */
  common: number;
}

function classify(code: number): 'good' | 'cjk' | 'bad' | 'odd' {
  if (code >= 0x4e00 && code <= 0x9fff) return 'cjk';
  if (code >= 0x21 && code <= 0x7e) return 'good';
  if (code === 0xfffd) return 'bad';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'bad';
  if (code >= 0xe000 && code <= 0xf8ff) return 'bad';
  if (code >= 0xd800 && code <= 0xdfff) return 'bad';
  if (code >= 0x3000 && code <= 0x303f) return 'good'; // CJK punctuation
  if (code >= 0xff01 && code <= 0xff65) return 'good'; // full-width forms
  if (code >= 0x2010 && code <= 0x2027) return 'good'; // dashes, quotes, ellipsis
  if (code >= 0x2030 && code <= 0x203b) return 'good';
  if (code >= 0xa0 && code <= 0xff) return 'good'; // Latin-1 symbols: ° ± × · …
  if (code >= 0x2460 && code <= 0x24ff) return 'good'; // ① ⑴ ⒈
  if (code >= 0x2160 && code <= 0x217f) return 'good'; // Roman numerals
  if (code >= 0xfe30 && code <= 0xfe4f) return 'good'; // vertical forms ︵
  return 'odd';
}

/** Scores the first `limit` characters of `text`. */
export function plausibility(text: string, limit = 200_000): Plausibility {
  let total = 0;
  let cjk = 0;
  let good = 0;
  let bad = 0;
  let common = 0;
  const end = Math.min(text.length, limit);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x3000) continue;
    total++;
    const kind = classify(code);
    if (kind === 'cjk') {
      cjk++;
      good++;
      if (COMMON_HANZI.has(text[i]!)) common++;
    } else if (kind === 'good') good++;
    else if (kind === 'bad') bad++;
  }
  return {
    total,
    cjk,
    good: total ? good / total : 1,
    bad: total ? bad / total : 0,
    common: cjk ? common / cjk : 0,
  };
}

/** True when the text could be a real document rather than a wrong decoding. */
export function isSane(p: Plausibility): boolean {
  if (p.total === 0) return true;
  if (p.bad > 0.02 || p.good < 0.85) return false;
  // Short snippets have too few ideographs for the frequency test to mean anything.
  if (p.cjk >= 20 && p.common < 0.25) return false;
  return true;
}

/** A single figure to rank candidate decodings of the same bytes: higher is more plausible. */
export function rank(p: Plausibility): number {
  return p.good - 4 * p.bad + (p.cjk >= 4 ? p.common : 0);
}
