/** duban serve at the HTTP level (fastify.inject): who may read and write what. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { currentReports, findUnit, getPeriod, reportHistory, unitTasks } from '../../src/store/index.js';
import { unitReporting } from '../../src/progress/reporting.js';
import { csrfOf, form, FORM, Jar, login, serveFixture, type Fixture } from './fixture.js';

let f: Fixture;
let office: Jar;
const app = () => f.server.app;
const db = () => f.server.db;

beforeAll(async () => {
  f = await serveFixture({ limits: { loginPerMinute: 1000, badLinksPerMinute: 1000, portalPerMinute: 1000 } });
  office = await login(f);
});
afterAll(async () => {
  await f.server.close();
});

const get = (url: string, jar?: Jar, headers: Record<string, string> = {}) =>
  app().inject({ method: 'GET', url, headers: { ...(jar ? { cookie: jar.header() } : {}), ...headers } });
const post = (url: string, fields: Record<string, string>, jar?: Jar) =>
  app().inject({ method: 'POST', url, headers: { ...FORM, ...(jar ? { cookie: jar.header() } : {}) }, payload: form(fields) });
/** A unit's form submission, followed to the page it redirects to on success. */
const submit = async (url: string, fields: Record<string, string>) => {
  const res = await post(url, fields);
  if (res.statusCode !== 303) return res;
  expect(res.headers.location).toMatch(new RegExp(`^${url}\\?saved=\\d+$`));
  return get(String(res.headers.location));
};

const noticeId = () => (db().prepare('SELECT id FROM notices').pluck().get() as number);
const taskNosOf = (unit: string) => unitTasks(db(), noticeId(), findUnit(db(), unit)!.id).map((t) => t.no);
const formTaskNos = (html: string) => [...html.matchAll(/name="t(\d+)_status"/g)].map((m) => Number(m[1]));

describe('headers', () => {
  it('sends a strict CSP, nosniff and frame denial on every page', async () => {
    for (const url of ['/login', '/overview', '/nope', f.link('市监察局')]) {
      const res = await get(url, office);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toMatch(/script-src/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});

describe('office login', () => {
  it('sets an HttpOnly SameSite=Strict session cookie whose id is stored only hashed', async () => {
    const jar = new Jar();
    const page = jar.take(await get('/login', jar));
    const res = await post('/login', { _csrf: csrfOf(page.body), password: 'ceshi-mima-2014' }, jar);
    expect(res.statusCode).toBe(303);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/duban_session=[^;]+;.*HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    const id = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'duban_session')!.value;
    expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(16);
    const stored = db().prepare('SELECT id_hash FROM web_sessions').pluck().all() as string[];
    expect(stored).toContain(createHash('sha256').update(id).digest('hex'));
    expect(stored).not.toContain(id);
    const pw = db().prepare('SELECT hash FROM office_password').pluck().get() as string;
    expect(pw).toMatch(/^scrypt\$/);
    expect(pw).not.toContain('ceshi');
  });

  it('refuses a wrong password and a login without its CSRF token, and audits failures', async () => {
    const jar = new Jar();
    const page = jar.take(await get('/login', jar));
    expect((await post('/login', { _csrf: csrfOf(page.body), password: 'falsch-falsch' }, jar)).statusCode).toBe(401);
    expect((await post('/login', { password: 'ceshi-mima-2014' }, jar)).statusCode).toBe(403);
    expect((await post('/login', { _csrf: 'x'.repeat(43), password: 'ceshi-mima-2014' }, jar)).statusCode).toBe(403);
    const failed = db().prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'login-failed'").pluck().get() as number;
    expect(failed).toBeGreaterThanOrEqual(1);
  });

  it('office routes refuse visitors without a session, and unit tokens in any place', async () => {
    const token = f.link('市监察局').split('/').pop()!;
    const routes = ['/overview', '/overview?period=2014-Q1', '/tasks/3', '/units/1', '/search?q=市', '/files', '/files/交办函/市监察局.docx'];
    for (const url of routes) {
      for (const headers of [
        {} as Record<string, string>,
        { cookie: `duban_session=${token}` },
        { authorization: `Bearer ${token}` },
      ]) {
        const res = await get(url, undefined, headers);
        expect(res.statusCode, url).toBe(303);
        expect(res.headers.location).toBe('/login');
      }
      const q = await get(`${url}${url.includes('?') ? '&' : '?'}token=${token}`);
      expect(q.statusCode).toBe(303);
    }
    for (const url of ['/circular', '/logout']) {
      expect((await post(url, { period: '2014-Q1' })).statusCode).toBe(403);
      expect((await app().inject({ method: 'POST', url, headers: { ...FORM, cookie: `duban_session=${token}` }, payload: 'period=2014-Q1' })).statusCode).toBe(403);
    }
  });

  it('checks the CSRF token on every state-changing office request', async () => {
    const other = await login(f);
    const otherToken = csrfOf((await get('/overview', other)).body);
    for (const url of ['/circular', '/logout']) {
      expect((await post(url, { period: '2014-Q1' }, office)).statusCode).toBe(403);
      expect((await post(url, { period: '2014-Q1', _csrf: otherToken }, office)).statusCode).toBe(403);
    }
    // Still logged in: the refused logout did nothing.
    expect((await get('/overview', office)).statusCode).toBe(200);
  });

  it('accepts only form posts', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ password: 'x' }),
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('downloads', () => {
  it('serves documents under the output folder and nothing else', async () => {
    const ok = await get(`/files/${encodeURIComponent('交办函')}/${encodeURIComponent('市监察局.docx')}`, office);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toContain('attachment');
    symlinkSync('/etc/passwd', join(f.dir, '督查通报', 'evil.pdf'));
    for (const url of [
      '/files/duban.db',
      '/files/../duban.db',
      '/files/%2e%2e/%2e%2e/etc/passwd',
      '/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd.pdf',
      '/files/交办函/..%2f..%2f..%2fetc%2fhosts.pdf',
      '/files/%5c..%5c..%5cetc%5cpasswd.pdf',
      '/files//etc/passwd.pdf',
      `/files/${encodeURIComponent('督查通报')}/evil.pdf`,
      '/files/交办函/%00.docx',
    ]) {
      const res = await get(url, office);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('root:');
    }
  });
});

describe('unit links', () => {
  it('stores only a hash of a token of at least 128 bits', async () => {
    const url = f.link('市工商局');
    const token = url.split('/').pop()!;
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const hashes = db().prepare('SELECT token_hash FROM portal_tokens').pluck().all() as string[];
    expect(hashes).toContain(createHash('sha256').update(token).digest('hex'));
    const dump = JSON.stringify(db().prepare('SELECT * FROM portal_tokens').all());
    expect(dump).not.toContain(token);
  });

  it('shows a unit only its own tasks for its period', async () => {
    for (const unit of ['市监察局', '鄂城区', '市工商局']) {
      const res = await get(f.link(unit));
      expect(res.statusCode).toBe(200);
      expect(formTaskNos(res.body)).toEqual(taskNosOf(unit));
      expect(res.body).toContain(unit);
    }
  });

  it('refuses a wrong period, a revoked and an expired link on every portal route', async () => {
    const good = f.link('市监察局');
    const token = good.split('/').pop()!;
    const csrf = csrfOf((await get(good)).body);
    const tries = async (url: string) => [(await get(url)).statusCode, (await post(url, { _csrf: csrf, t3_status: '推进中', t3_percent: '50' })).statusCode];
    expect(await tries(`/r/2014-Q2/${token}`)).toEqual([404, 404]);
    expect(await tries(`/r/2014-Q1/${token.slice(0, -2)}xx`)).toEqual([404, 404]);
    expect(await tries(`/r/2014-Q1/..%2f..%2f`)).toEqual([404, 404]);
    f.setToday('2014-05-06'); // due 2014-04-05 + 30 days of grace = 2014-05-05
    expect(await tries(good)).toEqual([403, 403]);
    f.setToday('2014-04-03');
    expect((await get(good)).statusCode).toBe(200);
    const other = f.link('市监察局');
    await app().inject({ method: 'GET', url: '/' }); // unrelated request between
    const { revokeLinks } = await import('../../src/serve/access.js');
    revokeLinks(db(), '市监察局', new Date(), '2014-Q1');
    expect(await tries(good)).toEqual([403, 403]);
    expect(await tries(other)).toEqual([403, 403]);
  });

  it('never writes another unit\'s tasks, and a token never reaches another unit\'s reports', async () => {
    const url = f.link('市法制办');
    const mine = taskNosOf('市法制办');
    const foreign = taskNosOf('市工商局').find((n) => !mine.includes(n))!;
    const fgs = findUnit(db(), '市工商局')!;
    const fzb = findUnit(db(), '市法制办')!;
    const before = db().prepare('SELECT COUNT(*) FROM progress_reports WHERE unit_id = ?').pluck().get(fgs.id);
    const page = await get(url);
    expect(formTaskNos(page.body)).not.toContain(foreign);
    const res = await submit(url, {
      _csrf: csrfOf(page.body),
      [`t${foreign}_status`]: '已完成',
      [`t${foreign}_percent`]: '100',
      [`t${mine[0]}_status`]: '推进中',
      [`t${mine[0]}_percent`]: '61',
    });
    expect(res.statusCode).toBe(200);
    expect(db().prepare('SELECT COUNT(*) FROM progress_reports WHERE unit_id = ?').pluck().get(fgs.id)).toBe(before);
    const fzbTaskIds = db().prepare('SELECT task_id FROM progress_reports WHERE unit_id = ? AND period_id = ?').pluck().all(fzb.id, '2014-Q1') as number[];
    const foreignId = db().prepare('SELECT id FROM tasks WHERE no = ?').pluck().get(foreign) as number;
    expect(fzbTaskIds).not.toContain(foreignId);
    expect(res.body).not.toContain('市工商局');
  });

  it('checks the CSRF token of a unit form', async () => {
    const url = f.link('市商务局');
    const n = taskNosOf('市商务局')[0]!;
    expect((await post(url, { [`t${n}_status`]: '推进中', [`t${n}_percent`]: '40' })).statusCode).toBe(403);
    const otherCsrf = csrfOf((await get(f.link('市商务局'))).body);
    expect((await post(url, { _csrf: otherCsrf, [`t${n}_status`]: '推进中', [`t${n}_percent`]: '40' })).statusCode).toBe(403);
  });

  it('limits the body size', async () => {
    const url = f.link('市商务局');
    const csrf = csrfOf((await get(url)).body);
    const n = taskNosOf('市商务局')[0]!;
    const res = await post(url, { _csrf: csrf, [`t${n}_status`]: '推进中', [`t${n}_percent`]: '40', [`t${n}_progress`]: '进'.repeat(400_000) });
    expect(res.statusCode).toBe(413);
  });
});

describe('unit reporting', () => {
  it('validates with the import\'s rules, shows errors by the field, stores nothing until all pass', async () => {
    const unit = '市监察局';
    const url = f.link(unit);
    const [a, b] = taskNosOf(unit);
    const page = await get(url);
    const csrf = csrfOf(page.body);
    const u = findUnit(db(), unit)!;
    const count = () => db().prepare('SELECT COUNT(*) FROM progress_reports WHERE unit_id = ?').pluck().get(u.id) as number;
    const before = count();
    const bad = await post(url, {
      _csrf: csrf,
      [`t${a}_status`]: '推进中',
      [`t${a}_percent`]: '八十',
      [`t${b}_status`]: '已完成',
      [`t${b}_percent`]: '50',
    });
    expect(bad.statusCode).toBe(422);
    // The same messages as an xlsx cell would get (src/progress/entry.ts).
    expect(bad.body).toMatch(new RegExp(`id="t${a}_percent-err">完成进度“八十”不是数字<`));
    expect(bad.body).toContain(`id="t${b}_percent-err">状态为“已完成”，完成进度应为 100（现为 50）<`);
    expect(bad.body).toContain('value="八十"');
    expect(count()).toBe(before);
    const lag = await post(url, { _csrf: csrf, [`t${a}_status`]: '滞后', [`t${a}_percent`]: '5' });
    expect(lag.body).toContain('状态为“滞后”，请填写滞后原因');

    const ok = await submit(url, {
      _csrf: csrf,
      [`t${a}_status`]: '推进中',
      [`t${a}_percent`]: '80',
      [`t${a}_progress`]: '<script>alert("x")</script>已召开专题会议',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已提交第');
    // The confirmation shows only this unit's own imports.
    const foreignImport = db().prepare('SELECT id FROM imports WHERE unit_id != ? ORDER BY id DESC').pluck().get(u.id) as number;
    expect((await get(`${url}?saved=${foreignImport}`)).body).not.toContain('已提交第');
    expect(count()).toBe(before + 1);
    const taskId = db().prepare('SELECT id FROM tasks WHERE no = ?').pluck().get(a) as number;
    const history = reportHistory(db(), taskId, u.id, '2014-Q1');
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.at(-1)!.supersededBy).toBeNull();
    expect(history.slice(0, -1).every((r) => r.supersededBy !== null)).toBe(true);
    expect(history.at(-1)!.progress).toContain('<script>');

    // The office sees the text as text.
    const task = await get(`/tasks/${a}?period=2014-Q1`, office);
    expect(task.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;已召开专题会议');
    expect(task.body).not.toContain('<script>alert');
    expect(task.body).toContain('已被替换');

    const row = db().prepare("SELECT * FROM audit_log WHERE action = 'submit' ORDER BY id DESC").get() as Record<string, unknown>;
    expect(row).toMatchObject({ actor: `单位：${unit}`, unit_id: u.id, period_id: '2014-Q1', address: '127.0.0.1' });
    expect(row.import_id).toBeTypeOf('number');

    // Sent back unchanged: nothing new.
    const again = await post(url, { _csrf: csrf, [`t${a}_status`]: '推进中', [`t${a}_percent`]: '80', [`t${a}_progress`]: '<script>alert("x")</script>已召开专题会议' });
    expect(again.statusCode).toBe(422);
    expect(count()).toBe(before + 1);
  });

  it('marks a late submission late', async () => {
    const unit = f.server.db.prepare("SELECT name FROM units WHERE name = '华容区'").pluck().get() as string;
    const period = getPeriod(db(), '2014-Q2')!;
    const nid = noticeId();
    // Take the unit's Q2 reports out of the picture: a fresh unit with no Q2 report is "missing".
    const url = f.link(unit, '2014-Q2');
    f.setToday('2014-07-20');
    const page = await get(url);
    expect(page.body).toContain('逾期报送');
    const n = taskNosOf(unit)[0]!;
    const res = await submit(url, { _csrf: csrfOf(page.body), [`t${n}_status`]: '推进中', [`t${n}_percent`]: '55' });
    f.setToday('2014-04-03');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/逾期 1[45] 天/);
    const u = findUnit(db(), unit)!;
    const mine = currentReports(db(), nid, '2014-Q2').filter((r) => r.unitId === u.id);
    expect(mine.some((r) => r.submittedDate === '2014-07-20')).toBe(true);
    const audit = db().prepare("SELECT detail FROM audit_log WHERE action = 'submit' AND unit_id = ? ORDER BY id DESC").pluck().get(u.id) as string;
    expect(audit).toContain('逾期');
    void unitReporting(db(), nid, period);
  });

  it('keeps tokens out of the request log', () => {
    expect(f.log.length).toBeGreaterThan(10);
    expect(f.log.some((l) => l.includes('/r/2014-Q1/…'))).toBe(true);
    for (const l of f.log) expect(l).not.toMatch(/\/r\/[^/]+\/[A-Za-z0-9_-]{20,}/);
  });
});

describe('rate limits', () => {
  it('limits login attempts and unknown links per address', async () => {
    const g = await serveFixture();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await g.server.app.inject({ method: 'POST', url: '/login', headers: FORM, payload: 'password=x' })).statusCode);
      expect(codes.slice(0, 10).every((c) => c === 403)).toBe(true);
      expect(codes.at(-1)).toBe(429);
      const bad: number[] = [];
      for (let i = 0; i < 25; i++) bad.push((await g.server.app.inject({ method: 'GET', url: `/r/2014-Q1/${'A'.repeat(30)}${i}` })).statusCode);
      expect(bad[0]).toBe(404);
      expect(bad.at(-1)).toBe(429);
    } finally {
      await g.server.close();
    }
  });
});
