/**
 * Documented limits of the parse stage. Real notices have a few dozen to a few hundred tasks
 * and lines of a few thousand characters; the readers already refuse files over 20 MB
 * (src/read/limits.ts). Past these counts the input is not a notice (a log, a dump, a data
 * file renamed .txt), and refusing it with one clear line beats minutes of work on it.
 * The parser calls `checkLineLengths` before parsing and `checkParseLimits` once the tasks
 * are counted.
 */
import { DubanError } from '../model/errors.js';

export const PARSE_LIMITS = {
  /** Lines of decoded text. A 20 MB file of short lines stays under it; a notice has < 10,000. */
  maxLines: 1_000_000,
  /** Numbered tasks. The largest real notices have about 1,000. */
  maxTasks: 50_000,
  /** Characters (UTF-16 code units) in one line: 1 M, about 1–3 MB of text, far above a page saved as one line. */
  maxLineChars: 1_000_000,
} as const;

/** 50000 → 50,000, without depending on the ICU data Node was built with. */
const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** Throws DubanError('limit') when the notice has more lines or tasks than documented. */
export function checkParseLimits(lineCount: number, taskCount: number, file: string): void {
  if (lineCount > PARSE_LIMITS.maxLines) {
    throw new DubanError('limit', `文件有 ${fmt(lineCount)} 行，超过 ${fmt(PARSE_LIMITS.maxLines)} 行的上限，不像是一份任务分解通知`, { file });
  }
  if (taskCount > PARSE_LIMITS.maxTasks) {
    throw new DubanError('limit', `通知中有 ${fmt(taskCount)} 项任务，超过 ${fmt(PARSE_LIMITS.maxTasks)} 项的上限，请拆分为几个文件后分别处理`, { file });
  }
}

/** Throws DubanError('limit') naming the first line longer than the limit. */
export function checkLineLengths(lines: readonly string[], file: string): void {
  const i = lines.findIndex((l) => l.length > PARSE_LIMITS.maxLineChars);
  if (i < 0) return;
  throw new DubanError(
    'limit',
    `这一行有 ${fmt(lines[i]!.length)} 个字符，超过每行 ${fmt(PARSE_LIMITS.maxLineChars)} 个字符的上限，不像是通知正文`,
    { file, line: i + 1 },
  );
}
