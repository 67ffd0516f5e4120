/**
 * Run before pdfkit and fontkit load. Both load, at start-up, modules a PDF of duban's never
 * calls: fontkit builds Unicode tries for its text shapers (inflating them as it loads) and the
 * brotli decoder for WOFF2 fonts; pdfkit loads AES for encrypted PDFs, a line breaker for its own
 * text layout and a PNG decoder. Together they were a tenth of a one-letter run. Each is put in
 * the CommonJS module cache as a stand-in that loads the real module the first time it is used,
 * so nothing is lost (a WOFF2 font or a PNG image still works) and the output is unchanged.
 * pdfkit and fontkit themselves are then loaded through require (libs.ts): their CommonJS builds
 * are the same code as the ES modules and are what these stand-ins can stand in for.
 */
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Load = () => unknown;
type Exports = (load: Load) => unknown;
type AnyClass = new (...args: unknown[]) => unknown;

/** A function module (brotli's decompress): the real one is loaded on the first call. */
const lazyFunction: Exports = (load) =>
  function (this: unknown, ...args: unknown[]) {
    return (load() as (...a: unknown[]) => unknown).apply(this, args);
  };

/** A class whose instances are made at load time and used later (a Unicode trie): each is built on first use. */
const lazyInstances: Exports = (load) =>
  function (...args: unknown[]) {
    let real: Record<PropertyKey, unknown> | undefined;
    const instance = () => (real ??= new (load() as AnyClass)(...args) as Record<PropertyKey, unknown>);
    return new Proxy(
      {},
      {
        get: (_t, key) => {
          const value = instance()[key];
          return typeof value === 'function' ? value.bind(instance()) : value;
        },
      },
    );
  };

/** A class made only when used (a line breaker, a PNG image): the module is loaded at the first `new`. */
const lazyClass: Exports = (load) =>
  function (...args: unknown[]) {
    return new (load() as AnyClass)(...args) as unknown;
  };

/** An object of functions (AES modes): the module is loaded when one is first looked up. */
const lazyObject: Exports = (load) => new Proxy({}, { get: (_t, key) => (key === '__esModule' ? undefined : (load() as Record<PropertyKey, unknown>)[key]) });

/** What to stand in for: the requiring package, the module it requires, and the shape of its exports. */
const STAND_INS: readonly [from: string, id: string, exports: Exports][] = [
  ['fontkit', 'brotli/decompress.js', lazyFunction],
  ['fontkit', 'unicode-trie', lazyInstances],
  ['unicode-properties', 'unicode-trie', lazyInstances],
  ['pdfkit', '@noble/ciphers/aes', lazyObject],
  ['pdfkit', 'linebreak', lazyClass],
  ['pdfkit', 'png-js', lazyClass],
];

function standIn(path: string, exportsOf: Exports): void {
  const cache = require.cache;
  if (cache[path]) return;
  let real: unknown;
  const load: Load = () => {
    if (real === undefined) {
      const placeholder = cache[path];
      delete cache[path];
      try {
        real = require(path);
      } finally {
        if (placeholder) cache[path] = placeholder;
      }
    }
    return real;
  };
  const mod = new Module(path);
  mod.filename = path;
  mod.exports = exportsOf(load);
  mod.loaded = true;
  cache[path] = mod;
}

/** The module `id` as `from` would load it; null when either is not installed. */
function resolveFrom(from: string, id: string): string | null {
  try {
    const base = from === 'unicode-properties' ? createRequire(require.resolve('fontkit')).resolve(from) : require.resolve(from);
    return createRequire(base).resolve(id);
  } catch {
    return null;
  }
}

for (const [from, id, exportsOf] of STAND_INS) {
  const path = resolveFrom(from, id);
  if (path) standIn(path, exportsOf);
}
