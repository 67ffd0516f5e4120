import { DubanError, EXIT } from '../model/errors.js';
import type { CliIO } from './io.js';

function option(opts: Record<string, unknown>, key: string): string | undefined {
  const v = opts[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Reads a password from the terminal without echo, or the first line of piped stdin. */
async function readPassword(io: CliIO, prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  io.err(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((done, fail) => {
    let text = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          return done(text);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          return fail(new DubanError('usage', '已取消'));
        }
        if (ch === '\u007f' || ch === '\b') text = Array.from(text).slice(0, -1).join('');
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** `duban serve`: the office pages and the units' reporting pages; `--set-password` sets the office password. */
export async function serveCommand(opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const dbPath = option(opts, 'db') ?? 'output/duban.db';
  if (opts.setPassword) {
    const { openDatabase } = await import('../store/db.js');
    const { setOfficePassword } = await import('../serve/access.js');
    const db = openDatabase(dbPath, { mustExist: true });
    try {
      const first = await readPassword(io, '请输入新密码（至少 8 个字符）：');
      if (process.stdin.isTTY) {
        const again = await readPassword(io, '请再输入一次：');
        if (again !== first) throw new DubanError('usage', '两次输入的密码不一致，未修改');
      }
      setOfficePassword(db, first, new Date());
    } finally {
      db.close();
    }
    io.out(`已设置督查室登录密码（保存在 ${dbPath}，只存哈希值）；原有登录全部失效`);
    return EXIT.ok;
  }
  const port = Number(option(opts, 'port') ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DubanError('usage', `端口“${String(opts.port)}”不对，应为 0–65535 的整数`);
  const host = option(opts, 'host') ?? '127.0.0.1';
  const today = option(opts, 'today');
  let now: (() => Date) | undefined;
  if (today) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new DubanError('usage', `日期“${today}”格式不对，应为 2014-04-03 这样的形式`);
    const offset = Date.parse(`${today}T09:00:00+08:00`) - Date.now();
    now = () => new Date(Date.now() + offset);
  }
  const { buildServer } = await import('../serve/app.js');
  const server = await buildServer({
    dbPath,
    now,
    statusRulesFile: option(opts, 'statusRules'),
    log: (line) => io.out(line),
  });
  try {
    await server.app.listen({ port, host });
  } catch (e) {
    await server.close();
    throw new DubanError('output', `无法在 ${host}:${port} 上启动服务（${e instanceof Error ? e.message : String(e)}）`);
  }
  const addr = server.app.server.address();
  const shown = typeof addr === 'object' && addr ? `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}/` : String(addr);
  io.err(`督办服务已启动：${shown}（数据库 ${dbPath}${today ? `，按 ${today} 计算日期` : ''}）。按 Ctrl+C 停止。`);
  await new Promise<void>((done) => {
    const stop = (sig: string) => {
      io.err(`收到 ${sig}，正在停止……`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      server.close().then(done, done);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  io.err('服务已停止');
  return EXIT.ok;
}
