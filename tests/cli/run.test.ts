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
    expect(io.stderr.join('')).toContain('未知的命令 no-such-command');
  });

  it('says usage errors in Chinese', async () => {
    const io = recordingIO();
    expect(await run(['parse', '--no-such-option', 'x'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('未知的选项 --no-such-option');
    const io2 = recordingIO();
    expect(await run(['circular'], io2)).toBe(2);
    expect(io2.stderr.join('')).toContain('缺少必填选项 --period');
  });
});
