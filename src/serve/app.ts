/**
 * `duban serve`: the office's pages (behind a password) and the units' reporting pages (behind
 * a per-unit, per-period link), rendered on the server. No scripts, one inline stylesheet
 * allowed by hash, every state change a CSRF-checked POST.
 */
import { existsSync, readdirSync, realpathSync, statSync, createReadStream } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { openDatabase, type Db } from '../store/db.js';
import { periodLabel } from '../store/periods.js';
import { findUnit } from '../store/queries.js';
import { REPORT_STATUSES } from '../store/reports.js';
import { loadStatusRules } from '../progress/rules-load.js';
import { daysLate, type StatusRules } from '../progress/rules.js';
import { chinaDate } from '../progress/values.js';
import { run } from '../cli/run.js';
import { recordingIO } from '../cli/io.js';
import {
  audit,
  checkOfficePassword,
  closeSession,
  findSession,
  hasOfficePassword,
  openSession,
  resolveLink,
  SESSION_HOURS,
  type UnitAccess,
} from './access.js';
import { CsrfKeys, newSecret } from './secrets.js';
import {
  evaluationLine,
  findTask,
  overviewData,
  periodLinks,
  periodNotice,
  pickPeriod,
  roleLabel,
  search,
  taskPage,
  unitPage,
} from './office-data.js';
import { currentStates, fieldName, submitReport, TEXT_FIELDS, type SubmitResult, type TaskFormState } from './submit.js';
import { LIGHT_COLOR, loadViews, stackedBar } from './views.js';

export interface ServeLimits {
  /** Login attempts per address per minute. */
  loginPerMinute: number;
  /** Requests per unit link and address per minute. */
  portalPerMinute: number;
  /** Unknown, expired or revoked links per address per minute before the address is refused. */
  badLinksPerMinute: number;
  /** Largest request body, bytes (a unit's whole form). */
  bodyBytes: number;
}

export const DEFAULT_LIMITS: ServeLimits = { loginPerMinute: 10, portalPerMinute: 60, badLinksPerMinute: 20, bodyBytes: 512 * 1024 };

export interface ServeOptions {
  dbPath: string;
  /** Where letters, forms, circulars and evaluations are (default: the database's folder). */
  outDir?: string;
  now?: () => Date;
  rules?: StatusRules;
  statusRulesFile?: string;
  evaluationRulesFile?: string;
  /** One line per request; default: none. */
  log?: (line: string) => void;
  limits?: Partial<ServeLimits>;
  /** Keep each period's numbers until the database changes (default true; the benchmark measures both). */
  cache?: boolean;
}

export interface DubanServer {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'duban_session';
const LOGIN_COOKIE = 'duban_login';
const DOWNLOADABLE = new Map([
  ['.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['.pdf', 'application/pdf'],
  ['.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['.csv', 'text/csv; charset=utf-8'],
]);

const REFUSALS = {
  unknown: { status: 404, text: '链接无效。请核对交办函或通知中的填报链接，或与市政府督查室联系。' },
  'wrong-period': { status: 404, text: '链接无效。请核对交办函或通知中的填报链接，或与市政府督查室联系。' },
  revoked: { status: 403, text: '该填报链接已停用。请与市政府督查室联系获取新的链接。' },
  expired: { status: 403, text: '该填报链接已过期。请与市政府督查室联系。' },
} as const;

export async function buildServer(opts: ServeOptions): Promise<DubanServer> {
  const limits: ServeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const now = opts.now ?? (() => new Date());
  const rules = opts.rules ?? loadStatusRules(opts.statusRulesFile);
  const outDir = resolve(opts.outDir ?? dirname(opts.dbPath));
  const db = openDatabase(opts.dbPath, { mustExist: true });
  // A unit's submission should not wait for a WAL checkpoint (an fsync): checkpoint every few
  // seconds from a timer instead, passively, so readers and writers are never blocked.
  db.pragma('wal_autocheckpoint = 0');
  let dirty = false;
  const checkpoint = setInterval(() => {
    if (!dirty) return;
    dirty = false;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      /* busy: the next tick retries */
    }
  }, 5_000);
  checkpoint.unref();
  const views = loadViews();
  const csrf = new CsrfKeys();
  const sessionOf = new WeakMap<FastifyRequest, string>();
  const badLinks = new Map<string, { count: number; reset: number }>();
  // The numbers of a period change only when the database does: data_version moves when another
  // process commits (an import, a new notice), `ownWrites` when this server stores a report.
  let ownWrites = 0;
  const overviewCache = new Map<string, { stamp: string; data: ReturnType<typeof overviewData> }>();
  const periodData = (periodId: string, period: Parameters<typeof overviewData>[1]) => {
    const stamp = `${String(db.pragma('data_version', { simple: true }))}:${ownWrites}`;
    const hit = opts.cache === false ? undefined : overviewCache.get(periodId);
    if (hit && hit.stamp === stamp) return hit.data;
    const data = overviewData(db, period, rules);
    overviewCache.set(periodId, { stamp, data });
    return data;
  };

  const app = Fastify({ logger: false, bodyLimit: limits.bodyBytes, trustProxy: false });
  app.removeAllContentTypeParsers();
  await app.register(cookie, { secret: newSecret() });
  await app.register(formbody, { bodyLimit: limits.bodyBytes });
  // The security headers, fixed strings set once per response (helmet re-parses its CSP on every request).
  const SECURITY_HEADERS: Record<string, string> = {
    'content-security-policy': `default-src 'none'; style-src ${views.styleHash}; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-permitted-cross-domain-policies': 'none',
    'cache-control': 'no-store',
  };
  await app.register(rateLimit, { global: false });

  app.addHook('onRequest', async (_req, reply) => void reply.headers(SECURITY_HEADERS));
  const started = new WeakMap<FastifyRequest, number>();
  app.addHook('onRequest', async (req) => void started.set(req, performance.now()));
  app.addHook('onResponse', async (req, reply) => {
    if (!opts.log) return;
    const ms = (performance.now() - (started.get(req) ?? performance.now())).toFixed(1);
    // A unit's link is a secret: it never reaches the log.
    const url = req.url.replace(/^\/r\/([^/]+)\/[^/?]+/, '/r/$1/…');
    opts.log(`${new Date().toISOString()} ${req.ip} ${req.method} ${url} ${reply.statusCode} ${ms}ms`);
  });

  const html = (reply: FastifyReply, name: string, ctx: Record<string, unknown>, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(views.page(name, ctx));
  const message = (reply: FastifyReply, status: number, heading: string, text: string, back?: string) =>
    html(reply, 'message', { title: heading, heading, text, back }, status);

  app.setNotFoundHandler((_req, reply) => message(reply, 404, '页面不存在', '没有这个页面。', '/'));
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413) return message(reply, 413, '提交内容过大', '提交的内容超过了允许的大小，请精简文字后再提交。');
    if (status === 429) return message(reply, 429, '请求过于频繁', '请求过于频繁，请稍候一分钟再试。');
    if (status === 415) return message(reply, 415, '不支持的提交方式', '只接受网页表单提交。');
    if (status >= 400 && status < 500) return message(reply, status, '请求有误', '请求无法处理，请返回重试。');
    return message(reply, 500, '服务器内部错误', `处理请求时出错：${err.message ?? ''}`);
  });

  // ------------------------------------------------------------------ office: login
  const office = async (req: FastifyRequest, reply: FastifyReply) => {
    const hash = findSession(db, req.cookies[SESSION_COOKIE], now());
    if (!hash) {
      if (req.method === 'GET') return reply.redirect('/login', 303);
      return message(reply, 403, '未登录', '请先登录。', '/login');
    }
    sessionOf.set(req, hash);
    if (req.method !== 'GET' && !csrf.check('office', hash, (req.body as Record<string, unknown> | undefined)?._csrf)) {
      return message(reply, 403, '请求已失效', '页面已过期或来源不明，请刷新页面后重试。');
    }
  };
  const officeCtx = (req: FastifyRequest, extra: Record<string, unknown>) => ({
    office: true,
    csrf: csrf.token('office', sessionOf.get(req) ?? ''),
    ...extra,
  });
  const loginCookie = (reply: FastifyReply) => {
    const pre = newSecret(16);
    reply.setCookie(LOGIN_COOKIE, pre, { httpOnly: true, sameSite: 'strict', path: '/login' });
    return csrf.token('login', pre);
  };
  const loginLimit = { rateLimit: { max: limits.loginPerMinute, timeWindow: 60_000 } };

  app.get('/login', { config: loginLimit }, async (_req, reply) =>
    html(reply, 'login', { title: '登录', csrf: loginCookie(reply), noPassword: !hasOfficePassword(db) }),
  );
  app.post('/login', { config: loginLimit, bodyLimit: 4096 }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const pre = req.cookies[LOGIN_COOKIE];
    if (!pre || !csrf.check('login', pre, body._csrf)) {
      return html(reply, 'login', { title: '登录', csrf: loginCookie(reply), error: '页面已过期，请重新输入密码。' }, 403);
    }
    const password = typeof body.password === 'string' ? body.password : '';
    if (!checkOfficePassword(db, password)) {
      audit(db, { at: now(), actor: '办公室', action: 'login-failed', address: req.ip });
      return html(reply, 'login', { title: '登录', csrf: loginCookie(reply), error: '密码不正确。', noPassword: !hasOfficePassword(db) }, 401);
    }
    const id = openSession(db, now(), req.ip);
    audit(db, { at: now(), actor: '办公室', action: 'login', address: req.ip });
    reply.clearCookie(LOGIN_COOKIE, { path: '/login' });
    reply.setCookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: SESSION_HOURS * 3600 });
    return reply.redirect('/overview', 303);
  });
  app.post('/logout', { preHandler: office }, async (req, reply) => {
    closeSession(db, sessionOf.get(req)!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  // ------------------------------------------------------------------ office: pages
  app.get('/', { preHandler: office }, async (_req, reply) => reply.redirect('/overview', 303));

  app.get('/overview', { preHandler: office }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const { period, periods } = pickPeriod(db, q.period);
    if (!period) return html(reply, 'message', officeCtx(req, { title: '总览', heading: '没有报送期', text: '数据库中还没有该报送期。请先用 duban forms 生成反馈表并导入进展。' }), periods.length ? 404 : 200);
    const notice = periodNotice(db, period, typeof q.notice === 'string' ? q.notice : undefined);
    const data = periodData(period.id, period);
    const unitIds = new Map((db.prepare('SELECT name, id FROM units').all() as { name: string; id: number }[]).map((u) => [u.name, u.id]));
    const flash = q.circular === 'ok' ? `已生成${data.period.label}督查通报。` : undefined;
    return html(
      reply,
      'overview',
      officeCtx(req, {
        title: `${data.period.label}总览`,
        noticeTitle: notice.docNumber ?? notice.key,
        periodId: period.id,
        period: data.period,
        periods: periodLinks(periods, period),
        flash,
        flashKind: 'ok',
        reporting: data.reporting,
        totals: data.totals,
        byChapter: data.byChapter,
        tasks: data.tasks,
        lateUnits: data.lateUnits.map((u) => ({ ...u, id: unitIds.get(u.unit) })),
        silentUnits: data.silentUnits.map((name) => ({ name, id: unitIds.get(name) })),
        reportingChart: stackedBar(`报送情况（应报送 ${data.reporting.expected} 个单位）`, [
          { label: '按时', value: data.reporting.onTime, color: LIGHT_COLOR.green },
          { label: '逾期', value: data.reporting.late, color: LIGHT_COLOR.yellow },
          { label: '未报送', value: data.reporting.missing, color: LIGHT_COLOR.red },
        ]),
        lightsChart: stackedBar(`任务亮灯（共 ${data.totals.total} 项）`, [
          { label: '绿灯', value: data.lights.green, color: LIGHT_COLOR.green },
          { label: '黄灯', value: data.lights.yellow, color: LIGHT_COLOR.yellow },
          { label: '红灯', value: data.lights.red, color: LIGHT_COLOR.red },
        ]),
        circularDir: join(outDir, '督查通报'),
      }),
    );
  });

  app.get('/tasks/:no', { preHandler: office }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const no = Number((req.params as { no: string }).no);
    const { period, periods } = pickPeriod(db, q.period);
    if (!period || !Number.isInteger(no)) return message(reply, 404, '没有这项任务', '没有找到该任务或报送期。', '/overview');
    const notice = periodNotice(db, period);
    const task = findTask(db, notice, no);
    if (!task) return message(reply, 404, '没有这项任务', `通知中没有第 ${no} 项任务。`, '/overview');
    const page = taskPage(db, notice, period, task, rules);
    return html(
      reply,
      'task',
      officeCtx(req, {
        title: `第${task.no}项任务`,
        task,
        periodId: period.id,
        period: { ...period, label: periodLabel(period) },
        periods: periodLinks(periods, period),
        targets: task.targets,
        ...page,
      }),
    );
  });

  app.get('/units/:id', { preHandler: office }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const id = Number((req.params as { id: string }).id);
    const { period, periods } = pickPeriod(db, q.period);
    const unit = Number.isInteger(id)
      ? (db.prepare('SELECT id, name, kind, full_name AS fullName FROM units WHERE id = ?').get(id) as
          | { id: number; name: string; kind: string; fullName: string | null }
          | undefined)
      : undefined;
    if (!period || !unit) return message(reply, 404, '没有这个单位', '没有找到该单位或报送期。', '/overview');
    const notice = periodNotice(db, period);
    const page = unitPage(db, notice, period, unit as never, rules);
    const evaluation = await evaluationLine(db, period.year, unit.name, opts.evaluationRulesFile);
    return html(
      reply,
      'unit',
      officeCtx(req, {
        title: unit.name,
        unit,
        periodId: period.id,
        period: { ...period, label: periodLabel(period) },
        periods: periodLinks(periods, period),
        evaluation: typeof evaluation === 'string' ? null : evaluation,
        evaluationNote: typeof evaluation === 'string' ? evaluation : null,
        ...page,
      }),
    );
  });

  app.get('/search', { preHandler: office }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const query = (typeof q.q === 'string' ? q.q : '').trim().slice(0, 100);
    const { period } = pickPeriod(db, q.period);
    const notice = period ? periodNotice(db, period) : null;
    const found = query ? search(db, notice, query) : { units: [], tasks: [] };
    return html(reply, 'search', officeCtx(req, { title: `搜索 ${query}`, query, periodId: period?.id, ...found }));
  });

  // ------------------------------------------------------------------ office: files
  const realOut = () => (existsSync(outDir) ? realpathSync(outDir) : outDir);
  app.get('/files', { preHandler: office }, async (req, reply) => {
    const files = listFiles(realOut());
    const groupNames = ['交办函', '反馈表', '督查通报', '年度考核'];
    const groups = [...groupNames, '其他'].map((name) => ({
      name,
      files: files
        .filter((f) => (name === '其他' ? !groupNames.includes(f.split('/')[0]!) : f.split('/')[0] === name))
        .map((f) => ({ href: f.split('/').map(encodeURIComponent).join('/'), label: f, size: fileSize(join(realOut(), f)) })),
    }));
    return html(reply, 'files', officeCtx(req, { title: '文件下载', outDir, groups }));
  });
  app.get('/files/*', { preHandler: office }, async (req, reply) => {
    const rel = (req.params as Record<string, string>)['*'] ?? '';
    const file = safeFile(realOut(), rel);
    if (!file) return message(reply, 404, '文件不存在', '没有这个文件，或不允许下载。', '/files');
    const name = file.split(sep).pop()!;
    audit(db, { at: now(), actor: '办公室', action: 'download', detail: relative(realOut(), file), address: req.ip });
    return reply
      .type(DOWNLOADABLE.get(extname(file).toLowerCase())!)
      .header('content-disposition', `attachment; filename="download${extname(file)}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(createReadStream(file));
  });

  app.post('/circular', { preHandler: office }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const { period } = pickPeriod(db, body.period);
    if (!period || typeof body.period !== 'string') return message(reply, 400, '报送期有误', '没有这个报送期。', '/overview');
    const io = recordingIO();
    const argv = ['circular', '--period', period.id, '--db', opts.dbPath, '--out', join(outDir, '督查通报')];
    if (opts.statusRulesFile) argv.push('--status-rules', opts.statusRulesFile);
    const code = await run(argv, io);
    audit(db, { at: now(), actor: '办公室', action: 'circular', periodId: period.id, detail: `exit ${code}`, address: req.ip });
    if (code !== 0) {
      return html(
        reply,
        'message',
        officeCtx(req, { title: '生成失败', heading: '督查通报生成失败', text: io.stderr.join(' ').replace(/^duban: /, ''), back: `/overview?period=${period.id}` }),
        422,
      );
    }
    return reply.redirect(`/overview?period=${encodeURIComponent(period.id)}&circular=ok`, 303);
  });

  // ------------------------------------------------------------------ units: reporting link
  const portalLimit = {
    rateLimit: {
      max: limits.portalPerMinute,
      timeWindow: 60_000,
      keyGenerator: (req: FastifyRequest) => `${req.ip}|${(req.params as { token?: string }).token ?? ''}`,
    },
  };
  const unitAccess = (req: FastifyRequest, reply: FastifyReply): UnitAccess | null => {
    const ip = req.ip;
    const t = Date.now();
    const bad = badLinks.get(ip);
    if (bad && bad.reset > t && bad.count >= limits.badLinksPerMinute) {
      void message(reply, 429, '请求过于频繁', '请求过于频繁，请稍候一分钟再试。');
      return null;
    }
    const { period, token } = req.params as { period: string; token: string };
    const access = resolveLink(db, period, token, chinaDate(now()));
    if (typeof access === 'string') {
      const entry = bad && bad.reset > t ? bad : { count: 0, reset: t + 60_000 };
      entry.count++;
      badLinks.set(ip, entry);
      const r = REFUSALS[access];
      void message(reply, r.status, r.status === 404 ? '链接无效' : '链接不可用', r.text);
      return null;
    }
    return access;
  };
  const portalPage = (reply: FastifyReply, req: FastifyRequest, access: UnitAccess, states: TaskFormState[], extra: Record<string, unknown>, status = 200) => {
    const today = chinaDate(now());
    const late = daysLate(today, access.period.due, rules);
    return html(
      reply,
      'portal',
      {
        title: `${access.unit.name}进展填报`,
        unitName: access.unit.name,
        period: { ...access.period, label: periodLabel(access.period) },
        expiresOn: access.expiresOn,
        late: late > 0,
        lateDays: late,
        action: req.url.split('?')[0],
        csrf: csrf.token('portal', access.tokenHash),
        states: states.map((s) => portalState(s)),
        ...extra,
      },
      status,
    );
  };
  app.get('/r/:period/:token', { config: portalLimit }, async (req, reply) => {
    const access = unitAccess(req, reply);
    if (!access) return reply;
    // After a submission the browser lands here (POST → 303 → GET): say what was stored.
    const savedId = Number((req.query as Record<string, unknown>).saved);
    const saved = Number.isInteger(savedId) ? savedSummary(savedId, access) : null;
    return portalPage(reply, req, access, currentStates(db, access), saved ? { saved } : {});
  });
  const savedSummary = (importId: number, access: UnitAccess) => {
    const row = db
      .prepare('SELECT id FROM imports WHERE id = ? AND unit_id = ? AND period_id = ? AND notice_id = ?')
      .get(importId, access.unit.id, access.period.id, access.notice.id);
    if (!row) return null;
    const reports = db
      .prepare('SELECT t.no, r.submitted_date AS submitted FROM progress_reports r JOIN tasks t ON t.id = r.task_id WHERE r.import_id = ? ORDER BY t.no')
      .all(importId) as { no: number; submitted: string }[];
    if (reports.length === 0) return null;
    const submitted = reports[0]!.submitted;
    return { tasks: reports.map((r) => r.no), submitted, daysLate: daysLate(submitted, access.period.due, rules) };
  };
  app.post('/r/:period/:token', { config: portalLimit }, async (req, reply) => {
    const access = unitAccess(req, reply);
    if (!access) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!csrf.check('portal', access.tokenHash, body._csrf)) {
      return message(reply, 403, '请求已失效', '页面已过期或来源不明，请重新打开填报链接后再提交。');
    }
    const moment = now();
    const result: SubmitResult = submitReport(db, access, body, { now: moment, today: chinaDate(moment), address: req.ip, rules });
    if (result.kind === 'invalid') return portalPage(reply, req, access, result.states, { errorCount: result.count }, 422);
    if (result.kind === 'saved') {
      ownWrites++;
      dirty = true;
    }
    if (result.kind === 'empty') return portalPage(reply, req, access, result.states, { empty: !result.unchanged, unchanged: result.unchanged > 0 }, 422);
    return reply.redirect(`${req.url.split('?')[0]}?saved=${result.importId}`, 303);
  });

  await app.ready();
  return {
    app,
    db,
    async close() {
      clearInterval(checkpoint);
      await app.close();
      db.close();
    },
  };
}

function portalState(s: TaskFormState) {
  const prefix = fieldName(s.task.no, '');
  return {
    task: s.task,
    prefix,
    roleLabel: roleLabel(s.task.role),
    reported: s.reported,
    values: s.values,
    errors: s.errors,
    statusOptions: REPORT_STATUSES.map((v) => ({ value: v, selected: s.values.status === v })),
    targets: s.task.targets.map((g) => ({
      name: `${prefix}actual${g.seq}`,
      text: g.text,
      value: g.value,
      unit: g.unit,
      current: s.values[`actual${g.seq}`] ?? '',
      error: s.errors[`actual${g.seq}`],
    })),
    texts: TEXT_FIELDS.map((f) => ({
      name: `${prefix}${f.key}`,
      label: f.label,
      rows: f.rows,
      current: s.values[f.key] ?? '',
      error: s.errors[f.key],
    })),
  };
}

/** Downloadable files under the output folder, relative, with / separators, sorted. */
function listFiles(root: string, rel = '', depth = 0): string[] {
  if (depth > 3) return [];
  let entries: string[];
  try {
    entries = readdirSync(join(root, rel)).sort();
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name.startsWith('.') || name.startsWith('~$')) return [];
    const r = rel ? `${rel}/${name}` : name;
    const st = statSync(join(root, r), { throwIfNoEntry: false });
    if (!st) return [];
    if (st.isDirectory()) return listFiles(root, r, depth + 1);
    return DOWNLOADABLE.has(extname(name).toLowerCase()) ? [r] : [];
  });
}

/** The file `rel` names inside `root`, or null when it leaves root, is not a file, or is not a document. */
export function safeFile(root: string, rel: string): string | null {
  if (!rel || rel.includes('\0') || rel.includes('\\')) return null;
  if (rel.split('/').some((p) => p === '..' || p === '' || p === '.')) return null;
  if (!DOWNLOADABLE.has(extname(rel).toLowerCase())) return null;
  const full = resolve(root, rel);
  if (!full.startsWith(root + sep)) return null;
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    return null;
  }
  if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
  return real;
}

function fileSize(path: string): string {
  const n = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export { findUnit };
