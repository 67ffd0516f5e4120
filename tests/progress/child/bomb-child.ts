/**
 * Child process for tests/util/zip-guard.test.ts: runs `duban progress import <file> --db <db>`
 * in-process after loading the command's modules, and prints one JSON line: exit code, the
 * command's time, the resident memory before it and the peak, and what it printed.
 */
import { recordingIO } from '../../../src/cli/io.js';
import { run } from '../../../src/cli/run.js';

const [file, db] = JSON.parse(process.argv[2] ?? '[]') as [string, string];
// Load (and, here, transpile) the command's modules first: the measurement is the refusal itself.
await Promise.all([
  import('../../../src/cli/progress-command.js'),
  import('../../../src/store/index.js'),
  import('../../../src/progress/import.js'),
  import('../../../src/progress/issues.js'),
  import('../../../src/util/zip-guard.js'),
]);
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const io = recordingIO();
const t0 = performance.now();
const code = await run(['progress', 'import', file, '--db', db], io);
const ms = performance.now() - t0;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ code, ms, rssBefore, peak, out: [...io.stdout, ...io.stderr] })}\n`);
