#!/usr/bin/env node
/**
 * duban's benchmark: whole-process timings of the CLI (`node dist/cli/main.js …`, median of 5
 * runs after one warm-up, peak memory), the parse itself in-process, and growth from 200 to
 * 20,000 synthetic tasks. Prints a table and writes bench/results.json (committed: the README
 * quotes it).
 *
 *   npm run bench                       all cases
 *   node bench/run.mjs --only parse     cases whose name matches a regular expression
 *   node bench/run.mjs --only 'forms|progress'   (a case using another's output needs it too)
 *   node bench/run.mjs --runs 3 --no-write --build --keep
 *
 * Cases are one line each in CASES. A case whose command is not implemented yet (it prints
 * 此命令尚未实现) or fails on its warm-up run is reported as skipped, not as an error.
 * Synthetic notices come from tests/helpers/synthetic.ts, transpiled on the fly with
 * TypeScript so that tests and benchmark share one generator.
 */
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/cli/main.js');
const SEED = join(ROOT, 'seeds/ezhou-2014-4.txt');
const SEED_UNITS = join(ROOT, 'seeds/ezhou-units.yaml');
const RESULTS = join(ROOT, 'bench/results.json');
const SYNTHETIC_SIZES = [200, 2000, 20000];
const NOT_IMPLEMENTED = '此命令尚未实现';

/** Targets the README states; checked and printed at the end. */
const TARGETS = {
  seedParseProcessMs: 300,
  seedParseInProcessMs: 20,
  /** Time ratio over size ratio per tenfold step; 1 is linear, 10 would be quadratic. */
  maxGrowthPerStep: 1.5,
  /** Reading a 2,000-task ledger back as the notice (duban parse 任务台账.xlsx), whole process. */
  ledgerRead2000ProcessMs: 1000,
};

// ---------------------------------------------------------------- the cases
// args: the CLI arguments; {tmp} is the run's scratch folder, {n200} … the synthetic notices;
//   a trailing dir/*.ext is expanded as a shell would.
// expectTasks: the summary's 任务 N 项 must say so (a mismatch is flagged, not fatal).
// before: prepares the case once (a skip reason is reported if it throws).
// fresh: a file restored before every run, so each run starts from the same state.
// runs: fewer runs for a slow case.
// countDir: count the PDF and DOCX files the case wrote (for per-document figures).
const CASES = [
  { name: 'parse seed', args: ['parse', SEED], expectTasks: 34 },
  { name: 'parse seed --json', args: ['parse', SEED, '--json', '-o', '{tmp}/seed.json'] },
  ...SYNTHETIC_SIZES.map((n) => ({
    name: `parse synthetic ${n}`,
    args: ['parse', `{n${n}}.txt`, '--units', `{n${n}}-units.yaml`],
    expectTasks: n,
    size: n,
  })),
  { name: 'letters seed', args: ['letters', SEED, '--out', '{tmp}/letters'], countDir: '{tmp}/letters' },
  { name: 'letters seed --format pdf', args: ['letters', SEED, '--out', '{tmp}/letters-pdf', '--format', 'pdf'], countDir: '{tmp}/letters-pdf' },
  { name: 'one letter --format pdf', args: ['letters', SEED, '--out', '{tmp}/letter-one', '--format', 'pdf', '--unit', '市监察局'] },
  { name: 'ledger seed', args: ['ledger', SEED, '--out', '{tmp}/ledger.xlsx'] },
  // The correction loop: a 2,000-task ledger read back as the notice (made once, before the runs).
  {
    name: 'read ledger 2000',
    args: ['parse', '{tmp}/ledger-2000.xlsx'],
    expectTasks: 2000,
    needs: 2000,
    noInProcess: true,
    before: (vars) => makeLedger(vars, 2000),
  },
  { name: 'forms seed 2014-Q1', args: ['forms', SEED, '--period', '2014-Q1', '--db', '{tmp}/duban.db', '--out', '{tmp}/forms'] },
  { name: 'progress import 2014-Q1', args: ['progress', 'import', '{tmp}/filled/*.xlsx', '--db', '{tmp}/duban.db'], before: fillForms, fresh: '{tmp}/duban.db' },
  { name: 'circular 2014-Q1', args: ['circular', '--period', '2014-Q1', '--db', '{tmp}/duban.db', '--out', '{tmp}/circulars'] },
  { name: 'evaluate 2014', args: ['evaluate', '--year', '2014', '--db', '{tmp}/duban.db', '--out', '{tmp}/evaluation'] },
  { name: 'demo (whole pipeline)', args: ['demo', '--out', '{tmp}/demo'], runs: 3 },
  // Fixed start-up cost of each batch command: the same command on a notice of one task and one
  // unit (bench/one-task.txt), where nearly all of the time is what every run pays.
  ...STARTUP_CASES(),
];

function STARTUP_CASES() {
  const one = join(ROOT, 'bench/one-task.txt');
  const db = ['--db', '{tmp}/one.db'];
  return [
    { name: 'start-up: letters', args: ['letters', one, '--out', '{tmp}/one-letters'], startup: true },
    { name: 'start-up: ledger', args: ['ledger', one, '--out', '{tmp}/one-ledger.xlsx'], startup: true },
    { name: 'start-up: forms', args: ['forms', one, '--period', '2014-Q1', ...db, '--out', '{tmp}/one-forms'], startup: true },
    {
      name: 'start-up: progress import',
      args: ['progress', 'import', '{tmp}/one-filled/*.xlsx', ...db],
      before: (vars) => fillForms(vars, { forms: '{tmp}/one-forms', db: '{tmp}/one.db', out: '{tmp}/one-filled' }),
      fresh: '{tmp}/one.db',
      startup: true,
    },
    { name: 'start-up: circular', args: ['circular', '--period', '2014-Q1', ...db, '--out', '{tmp}/one-circulars'], startup: true },
    { name: 'start-up: evaluate', args: ['evaluate', '--year', '2014', ...db, '--out', '{tmp}/one-evaluation'], startup: true },
  ];
}

/** A ledger of synthetic notice n, written by `duban ledger`. */
function makeLedger(vars, n) {
  const r = runOnce(['ledger', `${vars[`n${n}`]}.txt`, '--units', `${vars[`n${n}`]}-units.yaml`, '--out', expand(`{tmp}/ledger-${n}.xlsx`, vars)], vars.root);
  if (r.status !== 0) throw new Error(r.stderr.split('\n')[0]);
}

/** The blank forms of a forms case, filled as the demo fills them (src/progress/demo.ts), by the checkout that wrote them. */
async function fillForms(vars, where = { forms: '{tmp}/forms', db: '{tmp}/duban.db', out: '{tmp}/filled' }) {
  const dist = (p) => pathToFileURL(join(vars.root, 'dist', p)).href;
  const { openDatabase } = await import(dist('store/index.js'));
  const { fillDemoForms } = await import(dist('progress/index.js'));
  const forms = listFiles(expand(where.forms, vars), '.xlsx');
  if (!forms.length) throw new Error('没有空白反馈表（forms 用例未运行或失败）');
  const db = openDatabase(expand(where.db, vars));
  try {
    await fillDemoForms(db, forms, expand(where.out, vars));
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- options

function options(argv) {
  const o = { only: null, runs: 5, write: true, build: false, keep: false, against: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') o.only = argv[++i];
    else if (a === '--runs') o.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--no-write') o.write = false;
    else if (a === '--build') o.build = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--against') o.against = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log('node bench/run.mjs [--only <regexp>] [--runs N] [--no-write] [--build] [--keep] [--against <another checkout, built>]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------- build

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist when asked or when any source is newer than dist/cli/main.js. */
function ensureBuilt(force) {
  const stale = !existsSync(MAIN) || newestMtime(join(ROOT, 'src')) > newestMtime(join(ROOT, 'dist'));
  if (!force && !stale) return;
  process.stdout.write('构建 dist（npm run build）… ');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  // tsc emits even with type errors elsewhere in the tree; benchmark what was emitted.
  if (r.status !== 0) {
    const errors = (r.stdout + r.stderr).split('\n').filter((l) => /error TS/.test(l));
    console.log(`有 ${errors.length} 个类型错误（仍使用已生成的 dist）`);
  } else console.log('完成');
  if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing after the build');
}

// ---------------------------------------------------------------- synthetic notices

/** Imports tests/helpers/synthetic.ts after transpiling it to a temporary .mjs. */
async function loadGenerator(scratch) {
  const ts = (await import('typescript')).default;
  const source = readFileSync(join(ROOT, 'tests/helpers/synthetic.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(scratch, 'synthetic.mjs');
  writeFileSync(file, outputText);
  return import(pathToFileURL(file).href);
}

// ---------------------------------------------------------------- running

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
// Without GNU time, the child reports its own peak RSS on exit.
const RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n[maxrss-kb] "+process.resourceUsage().maxRSS+"\\n"))`;

function expand(arg, vars) {
  return arg.replace(/\{(\w+)\}/g, (m, k) => vars[k] ?? m);
}

/** Expands a trailing /*.ext pattern, which the CLI receives from a shell in real use. */
function expandGlob(arg) {
  const m = arg.match(/^(.*)\/\*(\.\w+)$/);
  if (!m) return [arg];
  if (!existsSync(m[1])) return [arg];
  const files = readdirSync(m[1]).filter((f) => f.endsWith(m[2])).sort();
  return files.length ? files.map((f) => join(m[1], f)) : [arg];
}

function runOnce(args, root = ROOT) {
  const node = [process.execPath, ...(TIME ? [] : ['--import', RSS_HOOK]), join(root, 'dist/cli/main.js'), ...args];
  const cmd = TIME ? [TIME, '-v', ...node] : node;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = TIME ? r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/) : r.stderr.match(/\[maxrss-kb\] (\d+)/);
  // GNU time reports the child's status line when it is non-zero; the exit code passes through.
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr, peakMB: rss ? Number(rss[1]) / 1024 : null };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => (x === null ? null : Math.round(x * 10) / 10);

/** A case made ready in one checkout (vars.root, vars.tmp): its arguments and how to reset it; or why it cannot run. */
async function prepareCase(c, vars) {
  if (c.before) {
    try {
      await c.before(vars);
    } catch (e) {
      return { skip: { status: 'skipped', reason: `准备失败：${String(e?.message ?? e).split('\n')[0].slice(0, 120)}` } };
    }
  }
  const fresh = c.fresh ? expand(c.fresh, vars) : null;
  const snapshot = fresh && existsSync(fresh) ? readFileSync(fresh) : null;
  const reset = () => {
    if (fresh && snapshot) writeFileSync(fresh, snapshot);
  };
  const args = c.args.map((a) => expand(a, vars)).flatMap(expandGlob);
  reset();
  const warm = runOnce(args, vars.root);
  const said = `${warm.stdout}\n${warm.stderr}`;
  if (said.includes(NOT_IMPLEMENTED)) return { skip: { status: 'skipped', reason: '命令尚未实现' } };
  if (warm.status !== 0) {
    const line = warm.stderr.split('\n').find((l) => l.startsWith('duban:')) ?? `exit ${warm.status}`;
    return { skip: { status: 'skipped', reason: `预热运行失败：${line.slice(0, 120)}` } };
  }
  return { args, reset, root: vars.root, samples: [], last: warm };
}

/**
 * Median of `runs` runs after a warm-up. With `otherVars` (--against), the same case also runs in
 * another checkout, the two alternating run by run so that both see the same machine.
 */
async function benchCase(c, vars, defaultRuns, otherVars = null) {
  const runs = Math.min(defaultRuns, c.runs ?? defaultRuns);
  const mine = await prepareCase(c, vars);
  if (mine.skip) return mine.skip;
  const other = otherVars ? await prepareCase(c, otherVars) : null;
  const sides = other && !other.skip ? [mine, other] : [mine];
  for (let i = 0; i < runs; i++) {
    for (const side of sides) {
      side.reset();
      side.last = runOnce(side.args, side.root);
      if (side.last.status !== 0) return { status: 'failed', reason: `第 ${i + 1} 次运行退出码 ${side.last.status}${side === other ? '（对照版本）' : ''}` };
      side.samples.push(side.last);
    }
  }
  const ms = mine.samples.map((s) => s.ms);
  const peaks = mine.samples.map((s) => s.peakMB).filter((x) => x !== null);
  const result = {
    status: 'ok',
    medianMs: round1(median(ms)),
    minMs: round1(Math.min(...ms)),
    maxMs: round1(Math.max(...ms)),
    peakMB: peaks.length ? round1(Math.max(...peaks)) : null,
    runs,
  };
  if (other?.skip) result.against = { status: other.skip.status, reason: other.skip.reason };
  else if (other) {
    const againstMs = round1(median(other.samples.map((s) => s.ms)));
    result.against = { medianMs: againstMs, speedup: Math.round((againstMs / result.medianMs) * 100) / 100 };
  }
  const found = mine.last.stdout.match(/任务 (\d+) 项/);
  if (found) result.tasks = Number(found[1]);
  if (c.expectTasks !== undefined && result.tasks !== undefined && result.tasks !== c.expectTasks) {
    result.note = `找到 ${result.tasks} 项任务，应为 ${c.expectTasks} 项`;
  }
  if (c.countDir) {
    result.pdfs = countFiles(expand(c.countDir, vars), '.pdf');
    result.docx = countFiles(expand(c.countDir, vars), '.docx');
  }
  return result;
}

function countFiles(dir, ext) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countFiles(join(dir, e.name), ext);
    else if (e.name.endsWith(ext)) n++;
  }
  return n;
}

function listFiles(dir, ext) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  );
}

// ---------------------------------------------------------------- in-process

async function inProcess(notices, runs) {
  const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
  const { parseSource } = await import(dist('parse/notice.js'));
  const { readSource } = await import(dist('read/index.js'));
  const { loadUnitDirectory } = await import(dist('units/index.js'));
  const timeParse = async (file, units, n, warm) => {
    const source = await readSource(file);
    const dir = loadUnitDirectory(units);
    for (let i = 0; i < warm; i++) parseSource(source, dir);
    const ms = [];
    let tasks = 0;
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      tasks = parseSource(source, dir).tasks.length;
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { medianMs: Math.round(median(ms) * 100) / 100, minMs: Math.round(Math.min(...ms) * 100) / 100, maxMs: Math.round(Math.max(...ms) * 100) / 100, runs: n, tasks };
  };
  const out = { seed: await timeParse(SEED, SEED_UNITS, 50, 10) };
  for (const [size, paths] of notices) out[`synthetic ${size}`] = { size, ...(await timeParse(paths.notice, paths.units, runs, 1)) };
  return out;
}

/** One 交办函 PDF in-process once fonts are loaded: every seed letter, after one warm-up render. */
async function letterPdfInProcess() {
  const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
  const { parseNoticeFile } = await import(dist('parse/index.js'));
  const { buildLetterContext, receivingUnits } = await import(dist('letters/context.js'));
  const { renderTemplate } = await import(dist('render/template.js'));
  const { templatePath } = await import(dist('render/output.js'));
  const { writePdf } = await import(dist('render/pdf/write.js'));
  const { loadFonts } = await import(dist('render/fonts/fonts.js'));
  const { chooseOffice } = await import(dist('office/choose.js'));
  const { notice } = await parseNoticeFile(SEED);
  const { office } = await chooseOffice(notice);
  const trees = receivingUnits(notice).map((u, i) => renderTemplate(templatePath('letter.hbs'), buildLetterContext(notice, u, { seq: i + 1, office })));
  const fonts = loadFonts();
  writePdf(trees[0], fonts);
  const ms = trees.map((t) => {
    const t0 = process.hrtime.bigint();
    writePdf(t, fonts);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  return {
    medianMs: Math.round(median(ms) * 100) / 100,
    minMs: Math.round(Math.min(...ms) * 100) / 100,
    maxMs: Math.round(Math.max(...ms) * 100) / 100,
    letters: trees.length,
    deflate: deflateOfLetters(trees, (t) => writePdf(t, fonts)),
  };
}

/**
 * What compressing the letters' PDF streams alone costs: the streams pdfkit deflates while
 * writing every letter once, deflated again the same way (zlib's default level, which the bytes
 * of every PDF depend on), median of 5 passes. With Node's own start, a floor under the
 * whole-process time of one thread.
 */
function deflateOfLetters(trees, write) {
  const streams = [];
  const deflateSync = zlib.deflateSync;
  zlib.deflateSync = (buf, opts) => {
    streams.push(Buffer.from(buf));
    return deflateSync(buf, opts);
  };
  try {
    for (const t of trees) write(t);
  } finally {
    zlib.deflateSync = deflateSync;
  }
  const passes = Array.from({ length: 5 }, () => {
    const t0 = process.hrtime.bigint();
    for (const b of streams) deflateSync(b);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  const bytes = streams.reduce((n, b) => n + b.length, 0);
  return { streams: streams.length, megabytes: Math.round(bytes / 1e4) / 100, medianMs: round1(median(passes)) };
}

/** Node.js starting and exiting with nothing to do (`node -e 0`): what every command pays before duban runs. */
function bareNodeMs(runs = 9) {
  const ms = Array.from({ length: runs }, () => {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  return round1(median(ms));
}

function growth(points) {
  const out = [];
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const sizeRatio = b.size / a.size;
    const timeRatio = b.ms / a.ms;
    out.push({ from: a.size, to: b.size, sizeRatio, timeRatio: round1(timeRatio), perStep: Math.round((timeRatio / sizeRatio) * 100) / 100 });
  }
  return out;
}

// ---------------------------------------------------------------- LibreOffice

/**
 * LibreOffice converting the letters' DOCX files in one call (after one warm-up document), against
 * duban's own PDF time per document in the same run: the whole-process figure (the pdf-only
 * letters run, process start included, divided by its PDFs) first, the in-process one beside.
 */
function sofficeRatio(results, vars, letterPdf) {
  const soffice = ['soffice', 'libreoffice'].find((b) => spawnSync('which', [b]).status === 0);
  if (!soffice) return { status: 'skipped', reason: '未安装 LibreOffice' };
  const pdfOnly = results.find((r) => r.name === 'letters seed --format pdf');
  const docx = listFiles(expand('{tmp}/letters', vars), '.docx');
  if (!docx.length) return { status: 'skipped', reason: '没有交办函 DOCX 可转换' };
  if (!pdfOnly || pdfOnly.status !== 'ok' || !pdfOnly.pdfs) return { status: 'skipped', reason: '没有 duban 的 PDF 计时' };
  const letters = pdfOnly;
  const out = expand('{tmp}/soffice', vars);
  mkdirSync(out, { recursive: true });
  // One document first: LibreOffice's first start creates its user profile, which is not conversion.
  spawnSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', expand('{tmp}/soffice-warm', vars), docx[0]], { encoding: 'utf8' });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', out, ...docx], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) return { status: 'failed', reason: `soffice 退出码 ${r.status}` };
  const perDoc = ms / docx.length;
  const dubanPerDoc = letters.medianMs / letters.pdfs;
  const inProcess = letterPdf ? { dubanPerDocInProcessMs: letterPdf.medianMs, ratioInProcess: round1(perDoc / letterPdf.medianMs) } : {};
  return { status: 'ok', documents: docx.length, totalMs: round1(ms), perDocMs: round1(perDoc), dubanTotalMs: letters.medianMs, dubanPerDocMs: round1(dubanPerDoc), ratio: round1(perDoc / dubanPerDoc), ...inProcess };
}

// ---------------------------------------------------------------- report

/** The commit a checkout is at, for the record of a comparison. */
function commitOf(dir) {
  const r = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function machine() {
  const c = cpus();
  // The load when the run began: on a shared machine, figures taken under load are slower.
  return { cpu: c[0]?.model ?? 'unknown', cores: c.length, node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage: round1(loadavg()[0]) };
}

function pad(s, n, right = false) {
  const str = String(s);
  const width = [...str].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, n - width));
  return right ? fill + str : str + fill;
}

function printTable(results) {
  console.log(`\n${pad('case', 28)}${pad('median ms', 11, true)}${pad('min', 9, true)}${pad('max', 9, true)}${pad('peak MB', 9, true)}  note`);
  const vs = (r) => (r.against?.medianMs ? `对照 ${r.against.medianMs} ms（×${r.against.speedup}）` : '');
  for (const r of results) {
    if (r.status !== 'ok') {
      console.log(`${pad(r.name, 28)}${pad('—', 11, true)}${pad('', 18)}${pad('', 9)}  ${r.status}: ${r.reason}`);
      continue;
    }
    const files = [r.pdfs ? `${r.pdfs} 个 PDF` : '', r.docx ? `${r.docx} 个 DOCX` : ''];
    const note = [r.tasks !== undefined ? `${r.tasks} 项任务` : '', ...files, vs(r), r.note ? `⚠ ${r.note}` : ''].filter(Boolean).join('，');
    console.log(`${pad(r.name, 28)}${pad(r.medianMs, 11, true)}${pad(r.minMs, 9, true)}${pad(r.maxMs, 9, true)}${pad(r.peakMB ?? '?', 9, true)}  ${note}`);
  }
}

function checks(results, inproc, growthProcess, growthInProcess, letterPdf, soffice) {
  const seed = results.find((r) => r.name === 'parse seed');
  const out = [];
  const letters = results.find((r) => r.name === 'letters seed');
  if (letters?.status === 'ok') {
    out.push({ target: '全部交办函 DOCX + PDF ≤ 1000 ms（整个进程）', measured: letters.medianMs, ok: letters.medianMs <= 1000 });
    if (letters.peakMB) out.push({ target: '全部交办函 峰值内存 ≤ 300 MB', measured: letters.peakMB, ok: letters.peakMB <= 300 });
  }
  const pdfOnly = results.find((r) => r.name === 'letters seed --format pdf');
  if (pdfOnly?.status === 'ok') {
    out.push({ target: '全部交办函 PDF ≤ 600 ms（整个进程）', measured: pdfOnly.medianMs, ok: pdfOnly.medianMs <= 600 });
    if (pdfOnly.peakMB) out.push({ target: '全部交办函 PDF 峰值内存 ≤ 300 MB', measured: pdfOnly.peakMB, ok: pdfOnly.peakMB <= 300 });
  }
  const one = results.find((r) => r.name === 'one letter --format pdf');
  if (one?.status === 'ok') out.push({ target: '一份交办函 PDF ≤ 250 ms（整个进程）', measured: one.medianMs, ok: one.medianMs <= 250 });
  if (letterPdf) out.push({ target: '一份交办函 PDF < 20 ms（进程内，字体已加载）', measured: letterPdf.medianMs, ok: letterPdf.medianMs < 20 });
  if (soffice?.status === 'ok') out.push({ target: 'LibreOffice 每份转换时间 ≥ 10 × duban 每份 PDF（整个进程，同一次运行）', measured: soffice.ratio, ok: soffice.ratio >= 10 });
  if (soffice?.status === 'ok' && soffice.ratioInProcess) out.push({ target: 'LibreOffice 每份转换时间 ≥ 10 × duban 每份 PDF（进程内）', measured: soffice.ratioInProcess, ok: soffice.ratioInProcess >= 10 });
  if (seed?.status === 'ok') out.push({ target: `duban parse 种子通知 < ${TARGETS.seedParseProcessMs} ms（整个进程）`, measured: seed.medianMs, ok: seed.medianMs < TARGETS.seedParseProcessMs });
  if (inproc?.seed) out.push({ target: `parseSource 种子通知 < ${TARGETS.seedParseInProcessMs} ms（进程内）`, measured: inproc.seed.medianMs, ok: inproc.seed.medianMs < TARGETS.seedParseInProcessMs });
  const ledgerRead = results.find((r) => r.name === 'read ledger 2000');
  if (ledgerRead?.status === 'ok') {
    out.push({ target: `读回 2,000 项任务的台账 < ${TARGETS.ledgerRead2000ProcessMs} ms（整个进程）`, measured: ledgerRead.medianMs, ok: ledgerRead.medianMs < TARGETS.ledgerRead2000ProcessMs });
  }
  for (const r of results.filter((x) => x.name.startsWith('start-up: ') && x.against?.medianMs)) {
    out.push({ target: `${r.name.slice(10)} 固定启动开销减半（对照版本 ${r.against.medianMs} ms，同一次运行交替）`, measured: `×${r.against.speedup}`, ok: r.against.speedup >= 2 });
  }
  if (growthInProcess.length) {
    const worst = Math.max(...growthInProcess.map((g) => g.perStep));
    out.push({ target: `线性增长 200 → 2,000 → 20,000（进程内，每步 时间比/规模比 ≤ ${TARGETS.maxGrowthPerStep}）`, measured: worst, ok: worst <= TARGETS.maxGrowthPerStep });
  }
  if (growthProcess.length) {
    const worst = Math.max(...growthProcess.map((g) => g.perStep));
    out.push({ target: `线性增长（整个进程，每步 时间比/规模比 ≤ ${TARGETS.maxGrowthPerStep}）`, measured: worst, ok: worst <= TARGETS.maxGrowthPerStep });
  }
  return out;
}

// ---------------------------------------------------------------- main

async function main() {
  const o = options(process.argv.slice(2));
  const host = machine();
  if (host.loadAverage > host.cores) console.log(`注意：机器负载 ${host.loadAverage}（${host.cores} 核），计时会偏慢`);
  ensureBuilt(o.build);
  const scratch = mkdtempSync(join(tmpdir(), 'duban-bench-'));
  const vars = { tmp: scratch, root: ROOT };
  // --against: the same cases in another built checkout, in a scratch folder of its own.
  const otherVars = o.against ? { tmp: join(scratch, 'against'), root: o.against } : null;
  if (otherVars) mkdirSync(otherVars.tmp, { recursive: true });
  const only = o.only ? new RegExp(o.only, 'i') : null;
  const selected = CASES.filter((c) => !only || only.test(c.name));
  // The in-process figures come with any parse case; they need every synthetic size.
  const wantInProcess = selected.some((c) => c.args[0] === 'parse' && !c.noInProcess);
  const sizes = SYNTHETIC_SIZES.filter((n) => wantInProcess || selected.some((c) => c.size === n || c.needs === n));
  const notices = new Map();
  try {
    if (sizes.length) {
      const gen = await loadGenerator(scratch);
      for (const n of sizes) {
        const paths = gen.writeSyntheticNotice(join(scratch, 'synthetic'), { tasks: n, units: 300, seed: 1 }, `n${n}`);
        vars[`n${n}`] = paths.notice.replace(/\.txt$/, '');
        if (otherVars) otherVars[`n${n}`] = vars[`n${n}`];
        notices.set(n, paths);
        console.log(`合成通知 ${n} 项任务：${(statSync(paths.notice).size / 1024).toFixed(0)} KB`);
      }
    }
    const results = [];
    for (const c of selected) {
      process.stdout.write(`${c.name} … `);
      const r = { name: c.name, args: c.args.map((a) => a.replace(`${ROOT}/`, '')), ...(await benchCase(c, vars, o.runs, otherVars)) };
      const vs = r.against?.medianMs ? `（对照 ${r.against.medianMs} ms，×${r.against.speedup}）` : r.against ? `（对照：${r.against.reason}）` : '';
      console.log(r.status === 'ok' ? `${r.medianMs} ms${vs}` : `${r.status}（${r.reason}）`);
      results.push(r);
    }
    const inproc = wantInProcess ? await inProcess(notices, o.runs) : null;
    const processPoints = results.filter((r) => r.status === 'ok' && CASES.find((c) => c.name === r.name)?.size).map((r) => ({ size: CASES.find((c) => c.name === r.name).size, ms: r.medianMs }));
    const inprocPoints = inproc ? Object.values(inproc).filter((v) => v.size).map((v) => ({ size: v.size, ms: v.medianMs })) : [];
    const growthProcess = growth(processPoints);
    const growthInProcess = growth(inprocPoints);
    const letterPdf = selected.some((c) => c.countDir) ? await letterPdfInProcess() : null;
    const soffice = letterPdf ? sofficeRatio(results, vars, letterPdf) : null;

    printTable(results);
    if (inproc) {
      console.log('\n进程内 parseSource（不含启动与读取）：');
      for (const [k, v] of Object.entries(inproc)) console.log(`  ${pad(k, 20)} 中位数 ${v.medianMs} ms（${v.runs} 次，${v.tasks} 项任务）`);
    }
    for (const [label, g] of [['整个进程', growthProcess], ['进程内', growthInProcess]]) {
      for (const s of g) console.log(`增长（${label}）${s.from} → ${s.to}：规模 ×${s.sizeRatio}，时间 ×${s.timeRatio}，每步 ${s.perStep}${s.perStep > TARGETS.maxGrowthPerStep ? '  ⚠ 非线性' : ''}`);
    }
    if (letterPdf) console.log(`进程内一份交办函 PDF（字体已加载）：中位数 ${letterPdf.medianMs} ms（${letterPdf.letters} 份）`);
    const nodeMs = letterPdf ? bareNodeMs() : null;
    if (letterPdf) {
      const d = letterPdf.deflate;
      console.log(
        `下限（单线程）：Node.js 自身启动 ${nodeMs} ms（node -e 0）；${letterPdf.letters} 份 PDF 的 ${d.streams} 个流共 ${d.megabytes} MB，以 zlib 默认级别压缩 ${d.medianMs} ms；两项合计 ${round1(nodeMs + d.medianMs)} ms`,
      );
    }
    if (soffice) {
      console.log(
        soffice.status === 'ok'
          ? `LibreOffice：${soffice.documents} 份 DOCX → PDF 一次调用 ${soffice.totalMs} ms，每份 ${soffice.perDocMs} ms；duban 全部 PDF 整个进程 ${soffice.dubanTotalMs} ms，每份 ${soffice.dubanPerDocMs} ms（${soffice.ratio} 倍）；进程内每份 ${soffice.dubanPerDocInProcessMs} ms（${soffice.ratioInProcess} 倍）`
          : `LibreOffice 对比：${soffice.reason}`,
      );
    }
    const verdicts = checks(results, inproc, growthProcess, growthInProcess, letterPdf, soffice);
    // duban serve: overview page time, a synthetic 300 × 2,000 notice, 71 units submitting at once (bench/serve.mjs).
    const serve = !only || only.test('serve') ? await (await import('./serve.mjs')).benchServe() : null;
    if (serve) {
      console.log(`\nduban serve：总览页（演示年度）${serve.overviewDemo.medianMs} ms（有缓存 ${serve.overviewDemoCached.medianMs} ms）；合成 ${serve.synthetic.units} × ${serve.synthetic.tasks} ${serve.overviewSynthetic.medianMs} ms（有缓存 ${serve.overviewSyntheticCached.medianMs} ms）；${serve.load.units} 个单位同时提交 ${serve.load.rounds} 轮 p50 ${serve.load.p50Ms} ms、p99 ${serve.load.p99Ms} ms`);
      verdicts.push(...serve.targets);
    }
    console.log('');
    for (const v of verdicts) console.log(`${v.ok ? '✓' : '✗'} ${v.target}：${v.measured}`);

    // A comparison with another checkout is kept apart from the figures the README quotes.
    if (o.write && o.against) {
      const file = join(ROOT, 'bench/against-results.json');
      const doc = { date: new Date().toISOString().slice(0, 10), machine: host, against: o.against, commit: commitOf(o.against), cases: results, targets: verdicts };
      writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
      console.log(`\n已写入 ${relative(ROOT, file)}`);
    } else if (o.write && !o.only) {
      const doc = {
        date: new Date().toISOString().slice(0, 10),
        machine: host,
        peakMemory: TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
        cases: results,
        inProcess: inproc,
        growth: { process: growthProcess, inProcess: growthInProcess },
        letterPdfInProcess: letterPdf,
        bareNodeMs: nodeMs,
        libreoffice: soffice,
        serve,
        targets: verdicts,
      };
      writeFileSync(RESULTS, `${JSON.stringify(doc, null, 2)}\n`);
      console.log(`\n已写入 ${relative(ROOT, RESULTS)}`);
    }
  } finally {
    if (o.keep) console.log(`临时文件保留在 ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
