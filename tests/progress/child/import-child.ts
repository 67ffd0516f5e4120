/**
 * Child process for tests/progress/process.test.ts: imports files into a database with the
 * real import code. Argument: JSON { db, files, pauseAtRow?, rowDelayMs? }.
 * - pauseAtRow: after writing that many rows of a file (inside its transaction) print "PAUSED"
 *   and block, so the parent can SIGKILL the process mid-transaction.
 * - rowDelayMs: sleep this long after each row, to make transactions long enough to overlap.
 * Prints one JSON line per file: { file, outcome, start, end }.
 */
import { openDatabase } from '../../../src/store/db.js';
import { importProgressFile } from '../../../src/progress/import.js';

interface Args {
  db: string;
  files: string[];
  pauseAtRow?: number;
  rowDelayMs?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => void Atomics.wait(sleeper, 0, 0, ms);

const db = openDatabase(args.db);
for (const file of args.files) {
  const start = Date.now();
  const result = importProgressFile(db, file, {
    onRow: (_f, done) => {
      if (args.pauseAtRow !== undefined && done === args.pauseAtRow) {
        process.stdout.write('PAUSED\n');
        sleep(60_000);
      }
      if (args.rowDelayMs) sleep(args.rowDelayMs);
    },
  });
  process.stdout.write(`${JSON.stringify({ file, outcome: result.outcome, start, end: Date.now() })}\n`);
}
db.close();
