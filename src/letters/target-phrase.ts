/** Targets as documents show them: once each, by the phrase that carries the number. */
import type { Target } from '../model/notice.js';

const HAS_NUMBER = /\d/;

/**
 * The phrase of a target's clause that carries its number: 重点抓好平煤神马25万吨己二酸和20万吨己内酰胺
 * holds two targets, shown as 平煤神马25万吨己二酸 and 20万吨己内酰胺. The clause is cut at 和/及/与
 * only where both sides hold a number, so 和谐 or 人和 stay whole.
 */
export function targetPhrase(t: Pick<Target, 'text' | 'value' | 'unit'>): string {
  const tokens = t.text.split(/(以及|和|及|与)/);
  const parts: string[] = [tokens[0]!];
  for (let i = 1; i < tokens.length; i += 2) {
    const sep = tokens[i]!;
    const piece = tokens[i + 1]!;
    const last = parts[parts.length - 1]!;
    if (HAS_NUMBER.test(piece) && HAS_NUMBER.test(last)) parts.push(piece);
    else parts[parts.length - 1] = `${last}${sep}${piece}`;
  }
  const number = `${t.value}${t.unit}`;
  const hit = parts.find((p) => p.includes(number)) ?? t.text;
  return hit.replace(/^(?:重点)?(?:抓好|做好)/, '').trim() || t.text;
}

/** Each target once, as the phrase that carries its number. */
export function targetPhrases(targets: readonly Pick<Target, 'text' | 'value' | 'unit'>[]): string[] {
  return [...new Set(targets.map(targetPhrase))];
}
