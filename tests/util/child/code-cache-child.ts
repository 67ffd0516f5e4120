/** Loads a CommonJS library through the code cache and prints what it returns and whether an entry existed. */
import { createRequire } from 'node:module';
import { codeCacheEntry, installCodeCache } from '../../../src/util/code-cache.js';

const file = process.argv[2]!;
installCodeCache();
const before = codeCacheEntry(file);
const lib = createRequire(file)(file) as { answer(): number; dir: string };
process.stdout.write(`${JSON.stringify({ before, answer: lib.answer(), dir: lib.dir })}\n`);
