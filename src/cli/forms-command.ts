import type { CliIO } from './io.js';
import { DubanError } from '../model/errors.js';

export async function formsCommand(_notice: string, _opts: Record<string, unknown>, _io: CliIO): Promise<number> {
  throw new DubanError('usage', '此命令尚未实现');
}
