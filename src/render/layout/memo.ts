import type { FontSet } from '../fonts/fonts.js';

/**
 * Results of a pure layout step per font set and key. The letters of a batch repeat most of their
 * text (the notice's title, the tasks shared by several units, the template's fixed lines), and
 * the fonts are shared by every document of a run, so a repeated text is set once. Results are
 * shared between documents: callers must not modify them.
 */
export class LayoutMemo<T> {
  private readonly byFonts = new WeakMap<FontSet, Map<string, T>>();

  /** `limit` keys per font set: a long-running server sees ever new texts, so it starts over rather than grow. */
  constructor(private readonly limit: number) {}

  get(fonts: FontSet, key: string, compute: () => T): T {
    let memo = this.byFonts.get(fonts);
    if (!memo) this.byFonts.set(fonts, (memo = new Map()));
    if (memo.has(key)) return memo.get(key)!;
    if (memo.size >= this.limit) memo.clear();
    const value = compute();
    memo.set(key, value);
    return value;
  }
}
