/** A demo-year database behind a test server, with a login helper and a cookie jar. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildDemoDb } from '../evaluate/demo-db.js';
import { buildServer, type DubanServer, type ServeOptions } from '../../src/serve/app.js';
import { issueLinks, setOfficePassword } from '../../src/serve/access.js';

export const PASSWORD = 'ceshi-mima-2014';

export interface Fixture {
  server: DubanServer;
  dir: string;
  dbFile: string;
  /** Moves the server's clock. */
  setToday(iso: string): void;
  link(unit: string, period?: string): string;
  log: string[];
}

export async function serveFixture(opts: Partial<ServeOptions> = {}): Promise<Fixture> {
  const demo = await buildDemoDb();
  demo.db.close();
  const dir = demo.dir;
  mkdirSync(join(dir, '督查通报'), { recursive: true });
  writeFileSync(join(dir, '督查通报', '2014年第一季度督查通报.pdf'), '%PDF-1.4 test');
  mkdirSync(join(dir, '交办函'), { recursive: true });
  writeFileSync(join(dir, '交办函', '市监察局.docx'), 'PK test');
  let today = '2014-04-03';
  const log: string[] = [];
  const server = await buildServer({
    dbPath: demo.file,
    now: () => new Date(`${today}T10:00:00+08:00`),
    log: (l) => log.push(l),
    ...opts,
  });
  setOfficePassword(server.db, PASSWORD, new Date());
  return {
    server,
    dir,
    dbFile: demo.file,
    log,
    setToday: (iso) => void (today = iso),
    link(unit, period = '2014-Q1') {
      const [l] = issueLinks(server.db, { periodId: period, baseUrl: 'http://x', portalGraceDays: 30, now: new Date(), unit });
      return l!.url.replace('http://x', '');
    },
  };
}

/** Cookies a browser would keep, sent back on each request. */
export class Jar {
  cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf field');
  return m[1]!;
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export async function login(f: Fixture, jar = new Jar()): Promise<Jar> {
  const app = f.server.app;
  const page = jar.take(await app.inject({ method: 'GET', url: '/login', headers: { cookie: jar.header() } }));
  const res = jar.take(
    await app.inject({
      method: 'POST',
      url: '/login',
      headers: { ...FORM, cookie: jar.header() },
      payload: form({ _csrf: csrfOf(page.body), password: PASSWORD }),
    }),
  );
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  return jar;
}
