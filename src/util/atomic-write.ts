import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { DubanError } from '../model/errors.js';

/**
 * Writes a file so that readers see either the old file or the whole new one, never a part:
 * the bytes go to a temporary name beside the target, which is then renamed over it.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const reason = e instanceof Error ? e.message : String(e);
    throw new DubanError('output', `无法写入文件（${reason}）`, { file: path });
  }
}
