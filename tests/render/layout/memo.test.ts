import { describe, expect, it } from 'vitest';
import type { FontSet } from '../../../src/render/fonts/fonts.js';
import { LayoutMemo } from '../../../src/render/layout/memo.js';

const fontSet = (): FontSet => ({}) as FontSet;

describe('LayoutMemo', () => {
  it('computes a key once per font set', () => {
    const memo = new LayoutMemo<number>(8);
    const [a, b] = [fontSet(), fontSet()];
    let calls = 0;
    const compute = (v: number) => () => (calls++, v);
    expect(memo.get(a, 'k', compute(1))).toBe(1);
    expect(memo.get(a, 'k', compute(2))).toBe(1);
    expect(memo.get(b, 'k', compute(3))).toBe(3);
    expect(calls).toBe(2);
  });

  it('keeps null results', () => {
    const memo = new LayoutMemo<number | null>(8);
    const fonts = fontSet();
    let calls = 0;
    for (let i = 0; i < 3; i++) memo.get(fonts, 'none', () => (calls++, null));
    expect(calls).toBe(1);
  });

  it('starts over when full', () => {
    const memo = new LayoutMemo<string>(2);
    const fonts = fontSet();
    memo.get(fonts, 'a', () => 'a1');
    memo.get(fonts, 'b', () => 'b1');
    memo.get(fonts, 'c', () => 'c1');
    expect(memo.get(fonts, 'a', () => 'a2')).toBe('a2');
    expect(memo.get(fonts, 'c', () => 'c2')).toBe('c1');
  });
});
