import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/** Real-browser tests (npm run test:browser): Debian's chromium driven by playwright-core. Not part of npm test. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/browser/**/*.browser.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
