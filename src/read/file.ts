/** Getting a notice's bytes off the disk, with every failure a one-line Chinese DubanError. */
import { readFile, stat } from 'node:fs/promises';
import { DubanError } from '../model/errors.js';
import { MAX_SOURCE_BYTES } from './limits.js';

export const TOO_BIG = `文件超过 ${MAX_SOURCE_BYTES / 1024 / 1024} MB 上限`;

/** Maps a Node file-system error to the message office staff see. */
export function fsError(e: unknown, file: string): DubanError {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new DubanError('input', '文件不存在', { file });
    case 'EACCES':
    case 'EPERM':
      return new DubanError('input', '没有读取这个文件的权限', { file });
    case 'EISDIR':
      return new DubanError('input', '这是一个文件夹，不是文件', { file });
    case 'ENAMETOOLONG':
      return new DubanError('input', '文件路径太长', { file });
    case 'ELOOP':
      return new DubanError('input', '文件路径中的链接形成了循环', { file });
    default:
      return new DubanError('input', `无法读取文件${code ? `（${code}）` : ''}`, { file });
  }
}

/** Reads a whole input file after checking it is a regular, non-empty file under the size limit. */
export async function readInputBytes(file: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    throw fsError(e, file);
  }
  if (info.isDirectory()) throw new DubanError('input', '这是一个文件夹，不是文件', { file });
  if (!info.isFile()) throw new DubanError('input', '不是普通文件（可能是设备或管道）', { file });
  if (info.size > MAX_SOURCE_BYTES) throw new DubanError('limit', TOO_BIG, { file });
  if (info.size === 0) throw new DubanError('content', '文件是空的', { file });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw fsError(e, file);
  }
  // The file may have changed between stat and read.
  if (bytes.length === 0) throw new DubanError('content', '文件是空的', { file });
  if (bytes.length > MAX_SOURCE_BYTES) throw new DubanError('limit', TOO_BIG, { file });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
