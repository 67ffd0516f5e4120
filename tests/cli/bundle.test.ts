/**
 * The bin runs duban from one CommonJS bundle, dist/bundle/duban.cjs, that `npm run build` writes
 * after tsc (a fresh clone's `npm ci` builds through prepare, before `npm test`). These run the
 * built bin and compare it with the sources run in-process. Against a dist older than src/ (a
 * source changed, not yet rebuilt) the comparisons are skipped: they would compare old code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { cacheRoot } from '../../src/util/cache.js';
import { codeCacheEntry } from '../../src/util/code-cache.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli/main.js');
const BUNDLE = join(ROOT, 'dist/bundle/duban.cjs');
const ONE_TASK = join(ROOT, 'bench/one-task.txt');
/** Says which file each worker thread is started from, on stderr (the bundle looks the class up when it starts one). */
const WORKER_SPY =
  'data:text/javascript,import wt from "node:worker_threads"; const W = wt.Worker; ' +
  'wt.Worker = class extends W { constructor(f, o) { process.stderr.write("[worker] " + f + "\\n"); super(f, o); } };';

function newestUnder(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestUnder(join(ROOT, 'src'));

function bin(args: string[], opts: { env?: Record<string, string>; nodeArgs?: string[] } = {}) {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the bin would print for the same arguments: processIO ends every write with a newline. */
async function inProcess(args: string[]) {
  const io = recordingIO();
  const code = await run(args, io);
  const lines = (chunks: string[]) => chunks.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('');
  return { code, stdout: lines(io.stdout), stderr: lines(io.stderr) };
}

function filesIn(dir: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

const withoutTimes = (s: string) => s.replace(/用时 [\d.]+ ?(毫秒|秒)/g, '用时 …');

describe('the bundle', () => {
  it('exists after the build, with every import.meta resolved and no package inside', () => {
    expect(existsSync(BUNDLE), 'dist/bundle/duban.cjs is missing: run npm run build').toBe(true);
    const text = readFileSync(BUNDLE, 'utf8');
    // esbuild leaves an empty object named import_meta for any import.meta it was not told about.
    expect(text).not.toMatch(/\bimport\.meta\b|\bimport_meta\d*\b/);
    // Packages stay external, loaded by require from node_modules (and through the code cache).
    expect(text).not.toMatch(/^\/\/ node_modules\//m);
  });
});

describe.skipIf(stale)('the bin, run from the bundle', () => {
  it.each([[['parse', ONE_TASK]], [['no-such-command']], [['parse', join(ROOT, 'no-such-file.txt')]], [['letters']]])(
    'prints and exits as the sources do: %j',
    async (args) => {
      expect(bin(args)).toEqual(await inProcess(args));
    },
  );

  it('writes the same letters as the sources, finding its templates from dist/bundle', async () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'duban-bundle-')), mkdtempSync(join(tmpdir(), 'duban-src-'))];
    const fromBin = bin(['letters', ONE_TASK, '--out', a]);
    const fromSrc = await inProcess(['letters', ONE_TASK, '--out', b]);
    expect(fromBin.code).toBe(0);
    expect(withoutTimes(fromBin.stdout).replace(a, 'OUT')).toBe(withoutTimes(fromSrc.stdout).replace(b, 'OUT'));
    expect(Object.keys(filesIn(a))).toHaveLength(2);
    expect(filesIn(a)).toEqual(filesIn(b));
  });

  it('starts the PDF worker of DUBAN_THREADS=2 from dist/render, and its PDF is the one of a single thread', () => {
    const [one, two] = [mkdtempSync(join(tmpdir(), 'duban-one-')), mkdtempSync(join(tmpdir(), 'duban-two-'))];
    expect(bin(['letters', ONE_TASK, '--format', 'pdf', '--out', one]).code).toBe(0);
    const threaded = bin(['letters', ONE_TASK, '--format', 'pdf', '--out', two], { env: { DUBAN_THREADS: '2' }, nodeArgs: ['--import', WORKER_SPY] });
    expect(threaded.code).toBe(0);
    expect(threaded.stderr).toContain(`[worker] ${join(ROOT, 'dist/render/pdf-worker.js')}\n`);
    expect(filesIn(two)).toEqual(filesIn(one));
  });

  it.skipIf(!cacheRoot())('is compiled through the code cache, with an entry for each command', () => {
    const command = (name: string) => ({ file: BUNDLE, command: name });
    expect(bin(['parse', ONE_TASK]).code).toBe(0);
    expect(codeCacheEntry(BUNDLE, command('parse'))).toMatchObject({ eligible: true, cached: true });
    expect(codeCacheEntry(BUNDLE, command('no-command-has-this-name'))).toMatchObject({ eligible: true, cached: false });
    expect(codeCacheEntry(BUNDLE).eligible).toBe(false);
  });
});
