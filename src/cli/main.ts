#!/usr/bin/env node
/**
 * The bin. It runs duban's compiled code from one CommonJS bundle (dist/bundle/duban.cjs) rather
 * than as some hundred ES modules: on Node 20 an ES module gets no code cache, and resolving,
 * reading and compiling each file through the ESM loader was 40–70 ms of every command. The
 * bundle is one file that V8 compiles from duban's code cache. Modules a command loads on demand
 * still run only when it loads them (esbuild wraps each in a function called on first import).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { installCodeCache } from '../util/code-cache.js';
import type * as Cli from './bundle.js';

const file = fileURLToPath(new URL('../bundle/duban.cjs', import.meta.url));
installCodeCache({ file, command: process.argv[2] ?? '' });
const { run, processIO } = createRequire(import.meta.url)(file) as typeof Cli;

process.exitCode = await run(process.argv.slice(2), processIO);
