/** The office pages: the same numbers as the circular, task and unit pages, search, the circular button. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildCircularData } from '../../src/progress/circular-data.js';
import { loadCircularInput } from '../../src/circular/load.js';
import { buildCircularContext } from '../../src/circular/context.js';
import { DEFAULT_STATUS_RULES } from '../../src/progress/rules.js';
import { findUnit } from '../../src/store/index.js';
import { csrfOf, form, FORM, login, serveFixture, type Fixture, type Jar } from './fixture.js';
import { loadOfficeSettings } from '../../src/office/settings.js';

const EZHOU_OFFICE = loadOfficeSettings(new URL('../../seeds/ezhou-office.yaml', import.meta.url).pathname);

let f: Fixture;
let office: Jar;
beforeAll(async () => {
  f = await serveFixture({ limits: { loginPerMinute: 1000 } });
  office = await login(f);
});
afterAll(async () => {
  await f.server.close();
});
const get = (url: string) => f.server.app.inject({ method: 'GET', url, headers: { cookie: office.header() } });

function numbers(html: string): Record<string, number> {
  return Object.fromEntries([...html.matchAll(/data-k="([^"]+)">(\d+)</g)].map((m) => [m[1]!, Number(m[2])]));
}

describe('overview', () => {
  for (const period of ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4']) {
    it(`shows ${period} with the numbers of its circular`, async () => {
      const res = await get(`/overview?period=${period}`);
      expect(res.statusCode).toBe(200);
      const shown = numbers(res.body);
      const data = buildCircularData(f.server.db, period, { rules: DEFAULT_STATUS_RULES });
      const ctx = buildCircularContext({ ...loadCircularInput(f.server.db, period, { rules: DEFAULT_STATUS_RULES }), office: EZHOU_OFFICE });
      for (const k of ['expected', 'onTime', 'late', 'missing'] as const) {
        expect(shown[`reporting.${k}`], k).toBe(data.reporting[k]);
        expect(shown[`reporting.${k}`], k).toBe(ctx.reporting[k]);
      }
      for (const k of ['total', 'completed', 'onSchedule', 'behind', 'notStarted', 'notReported'] as const) {
        expect(shown[`totals.${k}`], k).toBe(data.totals[k]);
        expect(shown[`totals.${k}`], k).toBe(ctx.totals[k]);
      }
      const lights = [...res.body.matchAll(/data-task="(\d+)" data-light="(\w+)"/g)].map((m) => [Number(m[1]), m[2]]);
      expect(lights).toEqual(data.tasks.map((t) => [t.no, t.light]));
      const chapterRows = res.body.split('<table id="chapters">')[1]!.split('</table>')[0]!;
      for (const c of data.byChapter) {
        const cells = [c.counts.total, c.counts.completed, c.counts.onSchedule, c.counts.behind, c.counts.notStarted, c.counts.notReported, c.lights.green, c.lights.yellow, c.lights.red];
        expect(chapterRows).toContain(`${c.title}</td>${cells.map((n) => `<td class="n">${n}</td>`).join('')}`);
      }
      expect(res.body).toContain('<svg');
    });
  }
});

describe('task, unit and search pages', () => {
  it('shows a task with its units, targets and report history', async () => {
    const res = await get('/tasks/2?period=2014-Q2');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('责任单位');
    expect(res.body).toContain('报送记录');
    expect(res.body).toMatch(/2014-Q1[\s\S]*2014-Q2/);
    expect((await get('/tasks/999?period=2014-Q2')).statusCode).toBe(404);
  });

  it('shows a unit with its tasks, reports and evaluation line', async () => {
    const u = findUnit(f.server.db, '市发改委') ?? findUnit(f.server.db, '市监察局')!;
    const res = await get(`/units/${u.id}?period=2014-Q4`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(u.name);
    expect(res.body).toMatch(/2014年度考核：<\/b>[\d.]+ 分，(优秀|良好|合格|不合格)，第 \d+ 名/);
    expect(res.body).toContain('承担的任务');
  });

  it('finds tasks by title or text and units by name, escaping what was typed', async () => {
    const res = await get(`/search?q=${encodeURIComponent('市监察局')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<a href="\/units\/\d+[^"]*">市监察局<\/a>/);
    expect(res.body).toMatch(/<a href="\/tasks\/\d+/);
    const x = await get(`/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>%_')}`);
    expect(x.body).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(x.body).not.toContain('<img src=x');
    expect(x.body).toContain('没有匹配的任务');
  });

  it('lists downloadable files', async () => {
    const res = await get('/files');
    expect(res.body).toContain('市监察局.docx');
    expect(res.body).not.toContain('duban.db');
  });
});

describe('circular button', () => {
  it('writes the period\'s circular on a CSRF-checked POST', async () => {
    const page = await get('/overview?period=2014-Q1');
    const res = await f.server.app.inject({
      method: 'POST',
      url: '/circular',
      headers: { ...FORM, cookie: office.header() },
      payload: form({ _csrf: csrfOf(page.body), period: '2014-Q1' }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/overview?period=2014-Q1&circular=ok');
    const files = readdirSync(join(f.dir, '督查通报'));
    expect(files.some((n) => n.endsWith('.docx'))).toBe(true);
    expect(existsSync(join(f.dir, '督查通报'))).toBe(true);
    const after = await get('/overview?period=2014-Q1&circular=ok');
    expect(after.body).toContain('已生成2014年第一季度督查通报');
  }, 60_000);
});
