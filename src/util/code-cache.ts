/**
 * V8's compiled code for the large CommonJS libraries duban loads (exceljs, fontkit, pdfkit, docx,
 * Handlebars) and for duban's own code, bundled as one CommonJS file (dist/bundle/duban.cjs),
 * kept in duban's cache. Compiling them is a fixed cost of every command that uses them, paid
 * again by each process: from the cache V8 skips the parse and the compilation of every function
 * that had run before. The cache is written when a process that compiled a file ends (so it
 * holds the functions that process ran), named by the file and Node's version, then the file's
 * size and time; V8 itself refuses data made by another build or with other flags, and then the
 * file is compiled as usual. Behaviour is the file's own either way.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheKey, cachePath, readCache, writeCache } from './cache.js';

/** Only libraries of this size are worth a cache entry: a small module compiles in less time than the entry takes to read. */
const MIN_BYTES = 150 * 1024;
const FORMAT = 'v8-code-1';

interface CompilableModule {
  _compile(content: string, filename: string): unknown;
  exports: unknown;
  require: NodeJS.Require;
  filename: string;
}

/** duban's own code as one file, outside node_modules, and the command this process runs. */
export interface OwnBundle {
  file: string;
  /**
   * Every command runs its own part of the bundle and an entry holds only the functions that
   * the process which wrote it ran, so each command has an entry of its own: one written by
   * `--help` would leave a letters run compiling nearly all of its code again.
   */
  command: string;
}

const pending: { name: string; script: Script }[] = [];
let installed = false;
let bundle: OwnBundle | null = null;

function eligible(filename: string, size: number, own = bundle): boolean {
  return size >= MIN_BYTES && (filename.includes('node_modules') || filename === own?.file);
}

/** What the entry is the code of, then which version of the file. */
function entryName(filename: string, size: number, mtimeMs: number, own = bundle): string {
  const command = filename === own?.file ? [own.command] : [];
  return `${cacheKey(FORMAT, process.version, process.arch, filename, ...command)}-${cacheKey(String(size), String(mtimeMs))}.bin`;
}

/**
 * Removes the entries of the file's earlier versions, which are never read again: every build
 * writes a new bundle, and with an entry for each command the folder would otherwise grow by
 * megabytes a build.
 */
function dropEarlierVersions(name: string): void {
  const path = cachePath('code', name);
  if (!path) return;
  const prefix = name.slice(0, name.indexOf('-') + 1);
  for (const other of readdirSync(dirname(path))) {
    if (other.startsWith(prefix) && other !== name) rmSync(join(dirname(path), other), { force: true });
  }
}

/** Compiles a library's source with cached code when there is some; notes it for writing otherwise. */
function compileCached(source: string, filename: string): Script | null {
  let stat;
  try {
    stat = statSync(filename);
  } catch {
    return null;
  }
  if (!eligible(filename, stat.size)) return null;
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
      if (writeCache('code', name, script.createCachedData())) dropEarlierVersions(name);
    } catch {
      // A cache that cannot be written only means compiling again next time.
    }
  }
}

/**
 * From now on, CommonJS libraries over MIN_BYTES inside node_modules, and `own` when given, are
 * compiled through the cache. Call once, first thing in a process (the CLI and the PDF worker do).
 */
export function installCodeCache(own?: OwnBundle): void {
  if (installed || process.env.DUBAN_NO_CACHE) return;
  installed = true;
  bundle = own ?? null;
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

/** For tests: whether this file would be compiled through the cache, whether an entry exists, and where. */
export function codeCacheEntry(filename: string, own?: OwnBundle): { eligible: boolean; cached: boolean; path: string | null } {
  const stat = statSync(filename);
  if (!eligible(filename, stat.size, own)) return { eligible: false, cached: false, path: null };
  const name = entryName(filename, stat.size, stat.mtimeMs, own);
  return { eligible: true, cached: readCache('code', name) !== null, path: cachePath('code', name) };
}
