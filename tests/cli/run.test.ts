import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { recordingIO } from '../../src/cli/io.js';

describe('cli run', () => {
  it('prints Chinese help and exits 0', async () => {
    const io = recordingIO();
    const code = await run(['--help'], io);
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toContain('督办');
  });

  it('rejects an unknown command with a usage exit code', async () => {
    const io = recordingIO();
    expect(await run(['no-such-command'], io)).toBe(2);
  });
});
