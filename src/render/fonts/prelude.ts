/**
 * Imported before fontkit (and pdfkit, which imports it): fontkit loads the brotli decoder at
 * start-up for WOFF2 fonts only, and brotli's CommonJS build is 800 kB of source with a
 * dictionary decoded as it loads: the largest single module a PDF command compiled. Its entry is
 * put in the CommonJS module cache as a stand-in that loads the real decoder on first call, so a
 * WOFF2 font still works and every other font never pays for it. Output is unchanged: the
 * decoder is not called for TrueType or OpenType fonts.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function lazyBrotli(): void {
  let fontkitEntry: string;
  let path: string;
  try {
    fontkitEntry = require.resolve('fontkit');
    path = createRequire(fontkitEntry).resolve('brotli/decompress.js');
  } catch {
    return;
  }
  const cache = require.cache;
  if (cache[path]) return;
  let real: ((buffer: Uint8Array, outSize?: number) => Uint8Array) | undefined;
  const stub = function decompress(buffer: Uint8Array, outSize?: number): Uint8Array {
    if (!real) {
      const standIn = cache[path];
      delete cache[path];
      try {
        real = require(path) as typeof real;
      } finally {
        if (standIn) cache[path] = standIn;
      }
    }
    return real!(buffer, outSize);
  };
  const mod = new (require('node:module') as typeof import('node:module'))(path) as NodeJS.Module;
  mod.filename = path;
  mod.exports = stub;
  mod.loaded = true;
  cache[path] = mod;
}

lazyBrotli();
