import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DubanError, type ErrorKind } from '../../src/model/errors.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SEED = join(ROOT, 'seeds', 'ezhou-2014-4.txt');
export const VARIANTS = join(ROOT, 'tests', 'fixtures', 'seed-variants');
export const variant = (name: string): string => join(VARIANTS, name);

/** Non-empty lines, trimmed: what two renderings of the same notice must share. */
export const nonEmpty = (lines: readonly string[]): string[] => lines.map((l) => l.trim()).filter((l) => l !== '');

/** The 34 task lines of the seed: `N、… (责任单位…)`. */
export const taskLines = (lines: readonly string[]): string[] =>
  nonEmpty(lines).filter((l) => /^\d+、/.test(l) && /[(（]责任单位/.test(l));

export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'duban-read-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Awaits a rejection and checks it is a DubanError of `kind` whose one-line form names `file`. */
export async function expectDubanError(p: Promise<unknown>, kind: ErrorKind, file: string, message?: RegExp): Promise<DubanError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a rejection').toBeInstanceOf(DubanError);
  const err = caught as DubanError;
  expect(err.kind).toBe(kind);
  expect(err.place.file).toBe(file);
  expect(err.toLine()).toContain(file);
  expect(err.message).not.toMatch(/\n/);
  if (message) expect(err.message).toMatch(message);
  return err;
}
