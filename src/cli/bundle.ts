/**
 * The entry of dist/bundle/duban.cjs, which `npm run build` writes with esbuild after tsc: every
 * module of the CLI in one CommonJS file, which main.ts loads through the code cache.
 */
export { run } from './run.js';
export { processIO } from './io.js';
