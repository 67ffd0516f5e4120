import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, VARIANTS } from './helpers.js';

describe('seed-variant fixtures', () => {
  const tmp = tempDir();
  afterAll(tmp.done);

  it('are exactly what generate.mjs produces (deterministic, in sync with the seed)', () => {
    const run = spawnSync(process.execPath, [join(VARIANTS, 'generate.mjs'), tmp.dir], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const made = readdirSync(tmp.dir).sort();
    expect(made).toEqual(readdirSync(VARIANTS).filter((f) => f !== 'generate.mjs').sort());
    expect(made).toHaveLength(6);
    for (const f of made) expect(readFileSync(join(tmp.dir, f)).equals(readFileSync(join(VARIANTS, f))), f).toBe(true);
  });
});
