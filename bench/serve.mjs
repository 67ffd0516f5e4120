#!/usr/bin/env node
/**
 * duban serve figures (npm run bench runs this too; alone: node bench/serve.mjs, which writes
 * bench/serve-results.json):
 *  - the overview page's server time for the demo year (median of in-process requests),
 *  - the same for a synthetic 300 units × 2,000 tasks notice with a full quarter of reports,
 *  - 71 units submitting at once over loopback (127.0.0.1 only) to a `duban serve` process,
 *    several rounds: p50/p99 latency, then every report counted (none lost, none doubled) and
 *    SQLite's integrity check.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/cli/main.js');
const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
export const SERVE_TARGETS = { overviewDemoMs: 30, overviewSyntheticMs: 200, submitP99Ms: 200 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (n) => Math.round(n * 10) / 10;

/** Logs in through the login form and returns the session cookie. */
async function officeCookie(app, password) {
  const page = await app.inject({ method: 'GET', url: '/login' });
  const pre = page.cookies.find((c) => c.name === 'duban_login').value;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)[1];
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `duban_login=${pre}` },
    payload: new URLSearchParams({ _csrf: csrf, password }).toString(),
  });
  return `duban_session=${res.cookies.find((c) => c.name === 'duban_session').value}`;
}

/** Median server time of the overview page (fastify.inject: no network, no client). */
async function overviewTime(dbPath, period, runs, cache) {
  const { buildServer } = await import(dist('serve/app.js'));
  const { setOfficePassword } = await import(dist('serve/access.js'));
  const server = await buildServer({ dbPath, limits: { loginPerMinute: 1000 }, cache });
  setOfficePassword(server.db, 'bench-password', new Date());
  const cookie = await officeCookie(server.app, 'bench-password');
  const times = [];
  try {
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      const res = await server.app.inject({ method: 'GET', url: `/overview?period=${period}`, headers: { cookie } });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`overview ${res.statusCode}`);
      if (i >= 3) times.push(ms);
    }
  } finally {
    await server.close();
  }
  return { medianMs: r1(median(times)), runs };
}

function demoDb(scratch) {
  const ready = join(ROOT, 'output/duban.db');
  const file = join(scratch, 'demo.db');
  if (existsSync(ready)) {
    const r = spawnSync('sqlite3', [ready, `.backup '${file}'`]);
    if (r.status === 0 && existsSync(file)) return { file, from: 'output/duban.db' };
    copyFileSync(ready, file);
    return { file, from: 'output/duban.db' };
  }
  const r = spawnSync(process.execPath, [MAIN, 'demo', '--out', join(scratch, 'demo')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`demo failed: ${r.stderr.slice(-400)}`);
  return { file: join(scratch, 'demo', 'duban.db'), from: 'duban demo' };
}

/** 300 units × 2,000 tasks, parsed from the shared synthetic generator, with every unit's Q1 reports. */
export async function syntheticDb(scratch) {
  const ts = (await import('typescript')).default;
  const src = readFileSync(join(ROOT, 'tests/helpers/synthetic.ts'), 'utf8');
  const gen = join(scratch, 'synthetic.mjs');
  writeFileSync(gen, ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  const { writeSyntheticNotice } = await import(pathToFileURL(gen).href);
  const paths = writeSyntheticNotice(join(scratch, 'syn'), { tasks: 2000, units: 300, seed: 1 }, 'n2000');
  const { parseNoticeFile } = await import(dist('parse/index.js'));
  const store = await import(dist('store/index.js'));
  const { notice } = await parseNoticeFile(paths.notice, { unitsFile: paths.units });
  const file = join(scratch, 'synthetic.db');
  const db = store.openDatabase(file);
  const { id } = store.registerNotice(db, notice);
  const period = store.ensurePeriod(db, store.parsePeriodId('2014-Q1'));
  store.linkNoticePeriod(db, id, period.id);
  const statuses = ['推进中', '推进中', '推进中', '已完成', '滞后', '未启动'];
  let n = 0;
  let reports = 0;
  for (const unit of store.receivingUnits(db, id)) {
    n++;
    if (n % 17 === 0) continue; // some units silent
    const held = store.unitTasks(db, id, unit.id);
    const rows = held.map((t, i) => {
      const status = statuses[(t.no + i) % statuses.length];
      return {
        taskId: t.id,
        status,
        percent: status === '已完成' ? 100 : status === '未启动' ? 0 : 5 + ((t.no * 7) % 40),
        progress: `第${t.no}项任务按计划推进。`,
        achievements: '',
        problems: '',
        nextMeasures: '',
        delayReason: status === '滞后' ? '资金未到位' : '',
        submittedDate: n % 5 === 0 ? '2014-04-08' : '2014-04-03',
        sourceRow: 6 + i,
        actuals: [],
      };
    });
    reports += rows.length;
    store.writeImport(db, { fileName: `${unit.name}.xlsx`, sha256: `syn-${unit.id}`, importedAt: '2014-04-03T09:00:00Z', noticeId: id, unitId: unit.id, periodId: period.id, sheet: '反馈表' }, rows);
  }
  const units = store.receivingUnits(db, id).length;
  db.close();
  return { file, units, tasks: notice.tasks.length, reports };
}

/** Starts `duban serve` on a free loopback port; resolves with its base URL. */
function startServer(dbPath) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...(process.env.DUBAN_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.DUBAN_BENCH_PROF] : []), MAIN, 'serve', '--db', dbPath, '--port', '0', '--host', '127.0.0.1', '--today', '2014-04-03'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
      if (m) done({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}

/** 71 units at once, `rounds` times: each opens its link and submits every task. */
export async function concurrentSubmissions(dbPath, rounds) {
  const store = await import(dist('store/index.js'));
  const { issueLinks } = await import(dist('serve/access.js'));
  let db = store.openDatabase(dbPath);
  const noticeId = db.prepare('SELECT id FROM notices').pluck().get();
  const links = issueLinks(db, { periodId: '2014-Q1', baseUrl: 'http://127.0.0.1', portalGraceDays: 30, now: new Date() });
  const held = new Map(links.map((l) => [l.unit, store.unitTasks(db, noticeId, store.findUnit(db, l.unit).id).map((t) => t.no)]));
  const before = db.prepare('SELECT COUNT(*) FROM progress_reports').pluck().get();
  db.close();
  const { child, base } = await startServer(dbPath);
  const latencies = [];
  let expected = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      // Every unit opens its form; then all 71 submit at the same moment.
      const forms = await Promise.all(
        links.map(async (l) => {
          const path = new URL(l.url).pathname;
          const page = await fetch(`${base}${path}`);
          const html = await page.text();
          if (page.status !== 200) throw new Error(`GET ${page.status}`);
          const body = new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(html)[1] });
          for (const no of held.get(l.unit)) {
            body.set(`t${no}_status`, '推进中');
            body.set(`t${no}_percent`, String(10 + round * 10));
            body.set(`t${no}_progress`, `第${round + 1}轮：第${no}项任务按计划推进。`);
          }
          return { path, body: body.toString() };
        }),
      );
      await Promise.all(
        forms.map(async ({ path, body }) => {
          const t = performance.now();
          const res = await fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
          await res.text();
          latencies.push(performance.now() - t);
          if (res.status !== 303) throw new Error(`POST ${res.status}`);
        }),
      );
      expected += [...held.values()].reduce((a, t) => a + t.length, 0);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
  db = store.openDatabase(dbPath);
  try {
    const after = db.prepare('SELECT COUNT(*) FROM progress_reports').pluck().get();
    const web = db.prepare("SELECT COUNT(*) FROM progress_reports WHERE source_file LIKE '网上填报%'").pluck().get();
    const doubles = db
      .prepare('SELECT COUNT(*) FROM (SELECT task_id, unit_id FROM progress_reports WHERE period_id = ? AND superseded_by IS NULL GROUP BY task_id, unit_id HAVING COUNT(*) > 1)')
      .pluck()
      .get('2014-Q1');
    const current = db
      .prepare("SELECT COUNT(*) FROM progress_reports WHERE period_id = ? AND superseded_by IS NULL AND progress LIKE ?")
      .pluck()
      .get('2014-Q1', `第${rounds}轮：%`);
    const audits = db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'submit'").pluck().get();
    const integrity = db.pragma('integrity_check', { simple: true });
    const fk = db.pragma('foreign_key_check').length;
    const perRound = expected / rounds;
    return {
      units: links.length,
      rounds,
      submissions: latencies.length,
      p50Ms: r1(pct(latencies, 50)),
      p99Ms: r1(pct(latencies, 99)),
      maxMs: r1(Math.max(...latencies)),
      reportsExpected: expected,
      reportsStored: after - before,
      webReports: web,
      currentFromLastRound: current,
      currentExpected: perRound,
      doubleCurrent: doubles,
      auditRows: audits,
      integrity,
      foreignKeyProblems: fk,
      ok: after - before === expected && web === expected && doubles === 0 && current === perRound && audits === links.length * rounds && integrity === 'ok' && fk === 0,
    };
  } finally {
    db.close();
  }
}

export async function benchServe({ runs = 20, rounds = 5 } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'duban-bench-serve-'));
  try {
    const demo = demoDb(scratch);
    // Uncached: every request computes the period's numbers afresh (the figure the targets check).
    const overviewDemo = await overviewTime(demo.file, '2014-Q4', runs, false);
    const overviewDemoCached = await overviewTime(demo.file, '2014-Q4', runs, true);
    const syn = await syntheticDb(scratch);
    const overviewSynthetic = await overviewTime(syn.file, '2014-Q1', Math.max(5, Math.round(runs / 2)), false);
    const overviewSyntheticCached = await overviewTime(syn.file, '2014-Q1', Math.max(5, Math.round(runs / 2)), true);
    const load = await concurrentSubmissions(demo.file, rounds);
    const targets = [
      { target: `总览页 演示年度 < ${SERVE_TARGETS.overviewDemoMs} ms（服务器时间，中位数）`, measured: overviewDemo.medianMs, ok: overviewDemo.medianMs < SERVE_TARGETS.overviewDemoMs },
      { target: `总览页 合成 ${syn.units} 个单位 × ${syn.tasks} 项任务 < ${SERVE_TARGETS.overviewSyntheticMs} ms`, measured: overviewSynthetic.medianMs, ok: overviewSynthetic.medianMs < SERVE_TARGETS.overviewSyntheticMs },
      { target: `${load.units} 个单位同时提交 p99 < ${SERVE_TARGETS.submitP99Ms} ms`, measured: load.p99Ms, ok: load.p99Ms < SERVE_TARGETS.submitP99Ms },
      { target: '并发提交无丢失、无重复，完整性检查通过', measured: `${load.reportsStored}/${load.reportsExpected}，${load.integrity}`, ok: load.ok },
    ];
    return { machine: { cores: cpus().length, loadAverage: Math.round(loadavg()[0] * 10) / 10 }, demoFrom: demo.from, overviewDemo, overviewDemoCached, synthetic: { units: syn.units, tasks: syn.tasks, reports: syn.reports }, overviewSynthetic, overviewSyntheticCached, load, targets };
  } finally {
    if (process.env.DUBAN_BENCH_KEEP) console.error(`临时文件保留在 ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchServe();
  console.log(JSON.stringify(r, null, 2));
  if (!process.argv.includes('--no-write')) {
    writeFileSync(join(ROOT, 'bench/serve-results.json'), `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), ...r }, null, 2)}\n`);
    console.log('已写入 bench/serve-results.json');
  }
  for (const v of r.targets) console.log(`${v.ok ? '✓' : '✗'} ${v.target}：${v.measured}`);
}
