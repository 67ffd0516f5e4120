import { join } from 'node:path';
import type { CliIO } from './io.js';
import { run } from './run.js';
import { DubanError, EXIT } from '../model/errors.js';
import { packagePath } from '../util/package-path.js';

export interface DemoCommandOptions {
  out: string;
  notice?: string;
}

const QUARTERS = ['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'];

function bundledSeed(): string {
  return packagePath('seeds', 'ezhou-2014-4.txt');
}

/**
 * `npm start`: the whole year of the bundled 鄂州 notice, through the same commands an office
 * runs — parse, letters, ledger, forms for four quarters filled by the deterministic demo
 * generator, import, circulars, and the year-end evaluation — into `output/`.
 */
export async function demoCommand(opts: DemoCommandOptions, io: CliIO): Promise<number> {
  const started = performance.now();
  const notice = opts.notice ?? bundledSeed();
  const out = opts.out;
  const db = join(out, 'duban.db');
  const step = async (title: string, argv: string[]) => {
    io.err(`\n== ${title}`);
    const code = await run(argv, io);
    if (code !== EXIT.ok) throw new DubanError('internal', `演示流程在“${title}”一步失败（退出码 ${code}）`);
  };
  await step('解析通知', ['parse', notice]);
  await step('交办函', ['letters', notice, '--out', join(out, '交办函')]);
  await step('任务台账', ['ledger', notice, '--out', join(out, '任务台账.xlsx')]);
  io.err('\n== 反馈表（四个季度，模拟各单位填报）');
  const filled = await fillDemoYear(notice, db, out);
  io.err(`已生成空白反馈表和模拟填报表 ${filled} 份`);
  await step('导入进展', ['progress', 'import', ...QUARTERS.map((q) => join(out, '反馈表（模拟填报）', q)), '--db', db, '--quiet']);
  await step('报送情况', ['progress', 'status', '--period', '2014-Q4', '--db', db]);
  for (const q of QUARTERS) await step(`督查通报 ${q}`, ['circular', '--period', q, '--db', db, '--out', join(out, '督查通报')]);
  await step('年度考核', ['evaluate', '--year', '2014', '--db', db, '--out', join(out, '年度考核')]);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  io.err(`\n演示完成，用时 ${secs} 秒。结果在 ${out}/：交办函/、任务台账.xlsx、反馈表/、反馈表（模拟填报）/、duban.db、督查通报/、年度考核/`);
  const dbOpt = db === join('output', 'duban.db') ? '' : ` --db ${db}`;
  io.err(
    `在浏览器中查看演示年度：先运行 npx duban serve --set-password${dbOpt} 设置督查室密码，` +
      `再运行 npx duban serve${dbOpt} --today 2014-04-03，打开 http://127.0.0.1:8080/ 登录；` +
      `各单位的填报链接用 npx duban portal links --period 2014-Q1${dbOpt} 生成`,
  );
  return EXIT.ok;
}

async function fillDemoYear(notice: string, dbPath: string, out: string): Promise<number> {
  const [{ parseNoticeFile }, store, { demoYear }] = await Promise.all([
    import('../parse/index.js'),
    import('../store/index.js'),
    import('../progress/demo.js'),
  ]);
  const { notice: parsed } = await parseNoticeFile(notice);
  const db = store.openDatabase(dbPath);
  try {
    const reg = store.registerNotice(db, parsed);
    const year = await demoYear(db, reg.id, QUARTERS, { formsDir: join(out, '反馈表'), filledDir: join(out, '反馈表（模拟填报）') });
    return year.reduce((n, p) => n + p.forms.length + p.filled.length, 0);
  } finally {
    db.close();
  }
}
