/**
 * duban serve in a real browser: a unit reports through its link (one invalid value first), the
 * office sees the light change and the report in the task's history, and a <script> typed by the
 * unit stays text. Fails, never skips, when there is no browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildCircularData } from '../../src/progress/circular-data.js';
import { DEFAULT_STATUS_RULES } from '../../src/progress/rules.js';
import { findUnit, unitTasks } from '../../src/store/index.js';
import { PASSWORD, serveFixture, type Fixture } from '../serve/fixture.js';

export const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PAYLOAD = '<script>window.__xss = 1; alert("xss")</script>已完成全部验收';

let f: Fixture;
let browser: Browser;
let base: string;
const cspViolations: string[] = [];
const dialogs: string[] = [];

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`).toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  f = await serveFixture({ limits: { loginPerMinute: 1000 } });
  await f.server.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = f.server.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await f?.server.close();
});

describe('a unit reports, the office sees it', () => {
  it('runs the whole flow', async () => {
    // A task led by one unit whose light is not green in 2014-Q1, and a second task of that unit.
    const data = buildCircularData(f.server.db, '2014-Q1', { rules: DEFAULT_STATUS_RULES });
    const target = data.tasks.find((t) => t.light !== 'green' && t.leadUnits.length === 1 && t.leadUnits[0]!.startsWith('市'))!;
    const unit = target.leadUnits[0]!;
    const noticeId = f.server.db.prepare('SELECT id FROM notices').pluck().get() as number;
    const nos = unitTasks(f.server.db, noticeId, findUnit(f.server.db, unit)!.id).map((t) => t.no);
    const other = nos.find((n) => n !== target.no)!;

    // The office, logged in, sees the light before.
    const office = await newPage();
    await office.goto(`${base}/overview?period=2014-Q1`);
    expect(office.url()).toContain('/login');
    await office.fill('#password', PASSWORD);
    await office.click('button[type=submit]');
    await office.waitForURL(/\/overview/);
    await office.goto(`${base}/overview?period=2014-Q1`);
    const before = await office.getAttribute(`tr[data-task="${target.no}"]`, 'data-light');
    expect(before).toBe(target.light);
    await office.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: false });

    // The unit opens its link and fills two tasks, the first with an invalid value.
    const u = await newPage();
    await u.goto(`${base}${f.link(unit)}`);
    await u.selectOption(`#t${target.no}_status`, '推进中');
    await u.fill(`#t${target.no}_percent`, '百分之八十');
    await u.fill(`#t${target.no}_progress`, PAYLOAD);
    await u.selectOption(`#t${other}_status`, '推进中');
    await u.fill(`#t${other}_percent`, '45');
    await u.fill(`#t${other}_progress`, '已制定实施方案并分解到科室。');
    await u.click('button.primary');
    const err = u.locator(`#t${target.no}_percent-err`);
    await expect.poll(() => err.textContent()).toContain('不是数字');
    // The message sits with its field, and the field says it is invalid.
    const box = u.locator(`#t${target.no}_percent`).locator('xpath=..');
    expect(await box.locator('.err').textContent()).toContain('完成进度“百分之八十”不是数字');
    expect(await u.getAttribute(`#t${target.no}_percent`, 'aria-invalid')).toBe('true');
    expect(await u.inputValue(`#t${target.no}_percent`)).toBe('百分之八十');
    await u.locator(`#task-${target.no}`).scrollIntoViewIfNeeded();
    await u.screenshot({ path: join(SHOTS, 'unit-error.png') });

    // Corrected: 已完成 100, submitted.
    await u.selectOption(`#t${target.no}_status`, '已完成');
    await u.fill(`#t${target.no}_percent`, '100');
    await u.click('button.primary');
    await expect.poll(() => u.locator('.banner.ok').textContent()).toContain('已提交');
    const banner = (await u.locator('.banner.ok').textContent()) ?? '';
    expect(banner).toMatch(new RegExp(`第 (.*、)?${Math.min(target.no, other)}、(.*、)?${Math.max(target.no, other)} 项`));
    await u.goto(`${base}${f.link(unit)}`);
    await u.screenshot({ path: join(SHOTS, 'unit-page.png'), fullPage: false });

    // The office sees the light change and the report in the task's history.
    await office.goto(`${base}/overview?period=2014-Q1`);
    expect(await office.getAttribute(`tr[data-task="${target.no}"]`, 'data-light')).toBe('green');
    await office.goto(`${base}/tasks/${target.no}?period=2014-Q1`);
    const history = office.locator('table.history tr:not(.superseded)', { hasText: '已完成全部验收' });
    expect(await history.count()).toBe(1);
    expect(await history.first().textContent()).toContain('<script>window.__xss = 1; alert("xss")</script>已完成全部验收');
    expect(await office.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await office.locator('script').count()).toBe(0);
    await office.screenshot({ path: join(SHOTS, 'task-history.png'), fullPage: false });

    const unitId = findUnit(f.server.db, unit)!.id;
    await office.goto(`${base}/units/${unitId}?period=2014-Q1`);
    expect(await office.locator('#evaluation').count()).toBe(1);
    await office.screenshot({ path: join(SHOTS, 'office-unit.png'), fullPage: false });

    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
