/**
 * V8's compiled code for the large CommonJS libraries duban loads (exceljs, fontkit, pdfkit, docx,
 * Handlebars), kept in duban's cache. Compiling them is a fixed cost of every command that uses
 * them, paid again by each process: from the cache V8 skips the parse and the compilation of
 * every function that had run before. The cache is written when a process that compiled a
 * library ends (so it holds the functions that process ran), named by the file, its size and
 * time, and Node's version; V8 itself refuses data made by another build or with other flags,
 * and then the library is compiled as usual. Behaviour is the library's own either way.
 */
import { statSync } from 'node:fs';
import Module from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { cacheKey, readCache, writeCache } from './cache.js';

/** Only libraries of this size are worth a cache entry: a small module compiles in less time than the entry takes to read. */
const MIN_BYTES = 150 * 1024;
const FORMAT = 'v8-code-1';

interface CompilableModule {
  _compile(content: string, filename: string): unknown;
  exports: unknown;
  require: NodeJS.Require;
  filename: string;
}

const pending: { name: string; script: Script }[] = [];
let installed = false;

function entryName(filename: string, size: number, mtimeMs: number): string {
  return `${cacheKey(FORMAT, process.version, process.arch, filename, String(size), String(mtimeMs))}.bin`;
}

/** Compiles a library's source with cached code when there is some; notes it for writing otherwise. */
function compileCached(source: string, filename: string): Script | null {
  let stat;
  try {
    stat = statSync(filename);
  } catch {
    return null;
  }
  if (stat.size < MIN_BYTES || !filename.includes('node_modules')) return null;
  const name = entryName(filename, stat.size, stat.mtimeMs);
  const cached = readCache('code', name) ?? undefined;
  const script = new Script(Module.wrap(source), { filename, ...(cached ? { cachedData: cached } : {}) });
  if (!cached || script.cachedDataRejected) pending.push({ name, script });
  return script;
}

/** Writes the code of the libraries this process compiled without a cache entry. */
function writePending(): void {
  for (const { name, script } of pending.splice(0)) {
    try {
      writeCache('code', name, script.createCachedData());
    } catch {
      // A cache that cannot be written only means compiling again next time.
    }
  }
}

/**
 * From now on, CommonJS libraries over MIN_BYTES inside node_modules are compiled through the
 * cache. Call once, first thing in a process (the CLI and the PDF worker do).
 */
export function installCodeCache(): void {
  if (installed || process.env.DUBAN_NO_CACHE) return;
  installed = true;
  const proto = (Module as unknown as { prototype: CompilableModule }).prototype;
  const compile = proto._compile;
  proto._compile = function (this: CompilableModule, content: string, filename: string): unknown {
    const script = content.length >= MIN_BYTES ? compileCached(content.replace(/^#!.*/, ''), filename) : null;
    if (!script) return compile.call(this, content, filename);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = Module.createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  process.once('exit', writePending);
}

/** For tests: whether this file would be compiled through the cache, and whether an entry exists. */
export function codeCacheEntry(filename: string): { eligible: boolean; cached: boolean } {
  const stat = statSync(filename);
  const eligible = stat.size >= MIN_BYTES && filename.includes('node_modules');
  return { eligible, cached: eligible && readCache('code', entryName(filename, stat.size, stat.mtimeMs)) !== null };
}
