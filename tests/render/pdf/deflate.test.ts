import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateLikeSync } from '../../../src/render/pdf/deflate.js';

/**
 * deflateLikeSync reuses one zlib state: its output must not depend on what was deflated before,
 * or the same letter would come out differently alone and in a batch. Every buffer is compared
 * with deflateSync's, in sequences that leave the window full of other data: large after small,
 * small after large, incompressible before repetitive.
 */

const TEXT = readFileSync(new URL('../../../seeds/ezhou-2014-4.txt', import.meta.url));

/** A deterministic generator, so that a failure can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sample(rnd: () => number, size: number): Buffer {
  const kind = Math.floor(rnd() * 5);
  const b = Buffer.alloc(size);
  if (kind === 0) for (let i = 0; i < size; i++) b[i] = Math.floor(rnd() * 256);
  else if (kind === 1) for (let i = 0; i < size; i++) b[i] = TEXT[(i * 7) % TEXT.length]!;
  else if (kind === 2) b.fill(Math.floor(rnd() * 256));
  else if (kind === 3) {
    const at = Math.floor(rnd() * Math.max(1, TEXT.length - size));
    TEXT.copy(b, 0, at, at + size);
  } else for (let i = 0; i < size; i++) b[i] = rnd() < 0.9 ? 0x20 + (i % 40) : Math.floor(rnd() * 256);
  return b;
}

function expectSameAsSync(input: Buffer): void {
  const ours = deflateLikeSync(input);
  const theirs = deflateSync(input);
  // equals() first: a failing toEqual on large buffers prints for minutes.
  if (!ours.equals(theirs)) expect({ size: input.length, ours: ours.length }).toEqual({ size: input.length, ours: theirs.length });
}

describe('deflateLikeSync', () => {
  it('gives deflateSync’s bytes for every size and kind, whatever came before', () => {
    const rnd = random(20261206);
    const sizes = [0, 1, 2, 100, 257, 258, 259, 1000, 4095, 4096, 31_000, 32_768, 33_000, 65_000, 65_536, 70_000, 200_000, 1_500_000];
    for (const size of sizes) expectSameAsSync(sample(rnd, size));
    for (let i = 0; i < 1500; i++) {
      const big = rnd() < 0.1;
      expectSameAsSync(sample(rnd, Math.floor(rnd() * (big ? 300_000 : 9_000))));
    }
  });

  it('is undone by inflate', () => {
    const input = Buffer.concat([TEXT, TEXT.subarray(0, 5000)]);
    expect(inflateSync(deflateLikeSync(input)).equals(input)).toBe(true);
  });

  it('takes a view into a larger buffer as just its bytes', () => {
    const view = TEXT.subarray(1000, 9000);
    expect(deflateLikeSync(view).equals(deflateSync(Buffer.from(view)))).toBe(true);
  });
});
