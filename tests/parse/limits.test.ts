import { describe, expect, it } from 'vitest';
import { DubanError, EXIT } from '../../src/model/errors.js';
import { PARSE_LIMITS, checkLineLengths, checkParseLimits } from '../../src/parse/limits.js';

function caught(f: () => void): DubanError {
  try {
    f();
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parse limits', () => {
  it('accepts counts up to the limits', () => {
    expect(() => checkParseLimits(PARSE_LIMITS.maxLines, PARSE_LIMITS.maxTasks, 'a.txt')).not.toThrow();
    expect(() => checkParseLimits(112, 34, 'a.txt')).not.toThrow();
    expect(() => checkLineLengths(['x'.repeat(PARSE_LIMITS.maxLineChars), ''], 'a.txt')).not.toThrow();
  });

  it('refuses one task too many with a limit error naming the file', () => {
    const e = caught(() => checkParseLimits(200_000, PARSE_LIMITS.maxTasks + 1, 'big.txt'));
    expect(e.kind).toBe('limit');
    expect(e.exitCode).toBe(EXIT.limit);
    expect(e.toLine()).toBe('big.txt：通知中有 50,001 项任务，超过 50,000 项的上限，请拆分为几个文件后分别处理');
  });

  it('refuses one line too many', () => {
    const e = caught(() => checkParseLimits(PARSE_LIMITS.maxLines + 1, 0, 'lines.txt'));
    expect(e.kind).toBe('limit');
    expect(e.message).toContain('1,000,001 行');
  });

  it('refuses a line that is too long, naming its line number', () => {
    const lines = ['一、标题', '', 'x'.repeat(PARSE_LIMITS.maxLineChars + 1)];
    const e = caught(() => checkLineLengths(lines, 'long.txt'));
    expect(e.kind).toBe('limit');
    expect(e.place).toEqual({ file: 'long.txt', line: 3 });
    expect(e.toLine()).toMatch(/^long\.txt 第3行：这一行有 1,000,001 个字符/);
  });
});
