import { Command, CommanderError } from 'commander';
import { DubanError, EXIT } from '../model/errors.js';
import type { CliIO } from './io.js';
import { registerCommands } from './commands.js';
import { chineseUsageError } from './usage-messages.js';

/**
 * The whole CLI as a function: argv in, exit code out. The bin only sets process.exitCode,
 * so tests run commands in-process. Known failures print one Chinese line; only a bug
 * (an error that is not a DubanError) prints more, and asks to be reported.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const program = new Command();
  program
    .name('duban')
    .description('督办：政府工作报告任务分解的解析、交办、跟踪与考核')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      outputError: (s, write) => write(chineseUsageError(s)),
    })
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .showHelpAfterError(false);
  let code: number = EXIT.ok;
  registerCommands(program, io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return reportFailure(e, io);
  }
}

function reportFailure(e: unknown, io: CliIO): number {
  if (e instanceof DubanError) {
    io.err(`duban: ${e.toLine()}`);
    return e.exitCode;
  }
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  io.err(`duban: 内部错误，请把以下信息反馈给维护人员：\n${msg}`);
  return EXIT.internal;
}
