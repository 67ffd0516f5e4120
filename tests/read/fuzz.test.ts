import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/model/errors.js';
import { readSourceBytes } from '../../src/read/index.js';

const enc = (s: string): number[] => [...Buffer.from(s, 'latin1')];

// Random bytes, and random bytes behind the prefixes that route them to each reader and decoder.
const PREFIXES: number[][] = [
  [],
  [0x50, 0x4b, 0x03, 0x04], // ZIP → DOCX reader
  [0x50, 0x4b, 0x05, 0x06],
  [0xef, 0xbb, 0xbf], // UTF-8 BOM
  [0xff, 0xfe], // UTF-16LE BOM
  [0xfe, 0xff],
  enc('<html><body>'),
  enc('<!DOCTYPE html><meta charset="gb2312"><div>'),
  [...Buffer.from('<p>市人民政府办公室<table><tr><td>文号：')],
];

const input = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 600 }), fc.boolean())
  .map(([prefix, body, utf8ish]) => {
    // Half the time, make the body mostly text so decoding and parsing paths get exercised too.
    const bytes = utf8ish ? Buffer.from(Buffer.from(body).toString('latin1').replace(/[\x00-\x08]/g, '中'), 'utf8') : Buffer.from(body);
    return new Uint8Array([...prefix, ...bytes]);
  });

describe('readSourceBytes on arbitrary bytes', () => {
  it('either reads lines or throws a DubanError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (bytes) => {
        try {
          const s = await readSourceBytes('随机.bin', bytes);
          expect(s.lines.some((l) => l.trim() !== '')).toBe(true);
          for (const l of s.lines) expect(l).not.toMatch(/[\n\r\u0000-\u0008\u200b\ufeff]|[ \t]$/);
        } catch (e) {
          if (!(e instanceof DubanError)) throw e;
          expect(e.place.file).toBe('随机.bin');
        }
      }),
      { numRuns: 1000, seed: 20140128 },
    );
  });
});
