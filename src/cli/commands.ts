import type { Command } from 'commander';
import type { CliIO } from './io.js';

/**
 * Declares every command and its options. Each action loads its own module on demand, so a
 * command pays only for the libraries it uses (plain `parse` must not load docx, pdfkit or
 * nodejieba).
 */
export function registerCommands(program: Command, io: CliIO, setCode: (code: number) => void): void {
  program
    .command('parse')
    .description('解析任务分解通知，输出摘要或 JSON 模型')
    .argument('<file>', '通知文件（.txt / .html / .docx）')
    .option('--units <yaml>', '单位名录（YAML）')
    .option('--json', '输出 JSON 模型')
    .option('-o, --output <file>', '写入文件而不是屏幕')
    .option('--keywords', '为每项任务提取关键词（加载分词词典，约 1 秒）')
    .option('--strict', '有警告时也以非零状态退出')
    .action(async (file: string, opts) => setCode(await (await import('./parse-command.js')).parseCommand(file, opts, io)));

  program
    .command('letters')
    .description('为每个责任单位生成交办函（DOCX 和 PDF）')
    .argument('<notice>', '通知文件，或 parse --json 输出的 JSON、duban 生成的任务台账 .xlsx')
    .option('--units <yaml>', '单位名录（YAML）')
    .option('--out <dir>', '输出目录', 'output/交办函')
    .option('--format <list>', '输出格式，逗号分隔', 'docx,pdf')
    .option('--unit <name>', '只生成某一单位的交办函')
    .option('--fonts <dir>', '字体目录（优先使用其中的公文字体）')
    .option('--date <iso>', '成文日期（默认取通知的成文日期）')
    .option('--office <yaml>', '办公室设置（YAML，默认按通知文号选用 seeds/ 中的设置）')
    .option('--title <text>', '通知标题（通知中没有或有误时）')
    .option('--year <year>', '通知年度（通知中没有或有误时）')
    .option('--portal-url <url>', '在交办函中附上各单位的网上填报链接和二维码（duban serve 的网址）')
    .option('--period <id>', '填报链接的报送期（与 --portal-url 一起使用），如 2014-Q1')
    .option('--db <file>', '数据库文件（与 --portal-url 一起使用）', 'output/duban.db')
    .action(async (notice: string, opts) =>
      setCode(await (await import('./letters-command.js')).lettersCommand(notice, opts, io)),
    );

  const office = program.command('office').description('督查办公室设置：发文机关、代字、抄送、问责机关');
  office
    .command('init')
    .description('根据通知起草办公室设置文件（YAML），核对后使用')
    .argument('<notice>', '通知文件')
    .requiredOption('-o, --output <file>', '写入的设置文件，如 seeds/平顶山-office.yaml')
    .option('--city <name>', '地名（通知中看不出时），如 平顶山')
    .option('--level <level>', '层级：省、市、县或区（通知中看不出时）')
    .option('--units <yaml>', '单位名录（YAML）')
    .option('--force', '覆盖已有文件')
    .action(async (notice: string, opts) => setCode(await (await import('./office-command.js')).officeInitCommand(notice, opts, io)));

  program
    .command('ledger')
    .description('生成任务分解台账（Excel）')
    .argument('<notice>', '通知文件，或 parse --json 输出的 JSON、duban 生成的任务台账 .xlsx')
    .option('--units <yaml>', '单位名录（YAML）')
    .option('--out <file>', '输出文件', 'output/任务台账.xlsx')
    .action(async (notice: string, opts) =>
      setCode(await (await import('./ledger-command.js')).ledgerCommand(notice, opts, io)),
    );

  program
    .command('forms')
    .description('为每个单位生成某一报送期的进展反馈表（Excel）')
    .argument('<notice>', '通知文件，或 parse --json 输出的 JSON、duban 生成的任务台账 .xlsx')
    .requiredOption('--period <id>', '报送期，如 2014-Q1 或 2014-03')
    .option('--due <date>', '报送截止日期（默认为报送期结束后第 5 天）')
    .option('--units <yaml>', '单位名录（YAML）')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .option('--out <dir>', '输出目录', 'output/反馈表')
    .action(async (notice: string, opts) =>
      setCode(await (await import('./forms-command.js')).formsCommand(notice, opts, io)),
    );

  const progress = program.command('progress').description('进展情况：导入反馈表、查看报送情况');
  progress
    .command('import')
    .description('导入各单位填报的反馈表（.xlsx / .csv）')
    .argument('<files...>', '反馈表文件或文件夹')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .option('--quiet', '只显示有问题的文件和合计')
    .action(async (files: string[], opts) =>
      setCode(await (await import('./progress-command.js')).progressImportCommand(files, opts, io)),
    );
  progress
    .command('status')
    .description('列出已报送和未报送的单位')
    .option('--period <id>', '报送期，如 2014-Q1')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .option('--status-rules <yaml>', '进度规则（YAML，默认 seeds/status-rules.yaml）')
    .action(async (opts) => setCode(await (await import('./progress-command.js')).progressStatusCommand(opts, io)));

  program
    .command('circular')
    .description('生成某一报送期的督查通报（DOCX 和 PDF）')
    .requiredOption('--period <id>', '报送期，如 2014-Q1')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .option('--out <dir>', '输出目录', 'output/督查通报')
    .option('--format <list>', '输出格式，逗号分隔', 'docx,pdf')
    .option('--fonts <dir>', '字体目录')
    .option('--status-rules <yaml>', '进度规则（YAML，默认 seeds/status-rules.yaml）')
    .option('--office <yaml>', '办公室设置（YAML，默认按通知选用）')
    .action(async (opts) => setCode(await (await import('./circular-command.js')).circularCommand(opts, io)));

  program
    .command('evaluate')
    .description('年度考核：计算各单位得分并生成考核报告')
    .requiredOption('--year <year>', '考核年度，如 2014')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .option('--rules <yaml>', '考核规则（YAML）', 'seeds/evaluation-rules.yaml')
    .option('--events <yaml>', '加分和一票否决事项（YAML）')
    .option('--out <dir>', '输出目录', 'output/年度考核')
    .option('--format <list>', '输出格式，逗号分隔（docx,pdf,xlsx）', 'docx,pdf,xlsx')
    .option('--fonts <dir>', '字体目录')
    .option('--office <yaml>', '办公室设置（YAML，默认按通知选用）')
    .action(async (opts) => setCode(await (await import('./evaluate-command.js')).evaluateCommand(opts, io)));

  const units = program.command('units').description('单位名录');
  units
    .command('init')
    .description('根据通知起草单位名录（YAML），供核对后使用')
    .argument('<notice>', '通知文件，或 parse --json 输出的 JSON、duban 生成的任务台账 .xlsx')
    .option('-o, --output <yaml>', '写入文件，如 seeds/某市-units.yaml（不指定则输出到屏幕）')
    .option('--force', '覆盖已有文件')
    .action(async (notice: string, opts) => setCode(await (await import('./units-command.js')).unitsInitCommand(notice, opts, io)));

  program
    .command('serve')
    .description('启动网页服务：督查室查看进展（需登录），各单位通过填报链接报送进展')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .option('--port <n>', '端口', '8080')
    .option('--host <addr>', '监听地址（默认只允许本机访问）', '127.0.0.1')
    .option('--set-password', '设置督查室登录密码（从终端或标准输入读取）后退出')
    .option('--status-rules <yaml>', '进度规则（YAML，默认 seeds/status-rules.yaml）')
    .option('--today <iso>', '按指定日期计算报送是否逾期、链接是否过期（用于演示往年数据）')
    .action(async (opts) => setCode(await (await import('./serve-command.js')).serveCommand(opts, io)));

  const portal = program.command('portal').description('各单位网上填报链接');
  portal
    .command('links')
    .description('为每个单位生成某一报送期的填报链接（每行：单位名称、制表符、链接）')
    .requiredOption('--period <id>', '报送期，如 2014-Q1')
    .option('--base-url <url>', '服务的网址', 'http://127.0.0.1:8080')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .option('--unit <name>', '只生成某一单位的链接')
    .option('--notice <key>', '通知文号（报送期跟踪多份通知时）')
    .option('--status-rules <yaml>', '进度规则（YAML，链接宽限天数 portalGraceDays）')
    .action(async (opts) => setCode(await (await import('./portal-command.js')).portalLinksCommand(opts, io)));
  portal
    .command('revoke')
    .description('停用某单位的填报链接')
    .argument('<unit>', '单位名称')
    .option('--period <id>', '只停用该报送期的链接')
    .option('--db <file>', '数据库文件', 'output/duban.db')
    .action(async (unit: string, opts) => setCode(await (await import('./portal-command.js')).portalRevokeCommand(unit, opts, io)));

  program
    .command('demo')
    .description('用随附的鄂州样例跑完整流程（npm start），结果写入 output/')
    .option('--out <dir>', '输出目录', 'output')
    .option('--notice <file>', '通知文件（默认为随附的鄂州政办发〔2014〕4号）')
    .action(async (opts) => setCode(await (await import('./demo-command.js')).demoCommand(opts, io)));
}
