/**
 * The fuzz properties as functions that take the parser (and reader) under test, so the same
 * property runs against the real code in the suites and against deliberately broken variants in
 * planted.test.ts, which shows each property can fail. Each returns the number of cases run and
 * throws (fast-check's report) on the first violation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { DubanError } from '../../src/model/errors.js';
import type { Notice } from '../../src/model/notice.js';
import { parseSource } from '../../src/parse/notice.js';
import { readSource } from '../../src/read/index.js';
import type { SourceText } from '../../src/read/source.js';
import { parseUnitDirectory, type UnitDirectory } from '../../src/units/index.js';
import { CLAUSE_SHAPES, syntheticNotice, type SyntheticNotice } from '../helpers/synthetic.js';
import {
  applyMutations,
  invariantViolations,
  mutationArb,
  outcomeViolations,
  readerLines,
  sourceOf,
  sprinkleSpaces,
  taskShape,
  timedParse,
  toFullWidth,
  toHalfWidth,
  type Input,
  type Outcome,
  type ParseFn,
} from './support.js';

export type ReadFn = (path: string) => Promise<SourceText>;

export interface RunOptions {
  runs: number;
  seed: number;
  /**
   * Shrink a failure to a smaller counterexample (default false: shrinking mutants of a 25 KB
   * notice takes minutes; the report's seed and path replay the failure, and known-bugs.test.ts
   * keeps the minimal inputs found by hand).
   */
  shrink?: boolean;
}

const fcOpts = (o: RunOptions) => ({ numRuns: o.runs, seed: o.seed, endOnFailure: !(o.shrink ?? false) });

function fail(violations: string[]): void {
  if (violations.length) throw new Error(violations.slice(0, 6).join('\n'));
}

/** Mutants of one input: a Notice with the invariants, or a DubanError, within the time bound. */
export function mutantsProperty(input: Input, o: RunOptions, parse: ParseFn = parseSource): number {
  let cases = 0;
  const raw = input.text.split(/\r?\n/);
  const cleaned = readerLines(input.text);
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (ms, useCleaned) => {
      cases++;
      const lines = applyMutations(useCleaned ? cleaned : raw, ms);
      fail(outcomeViolations(timedParse(sourceOf(input.name, lines), input.dir, parse), lines.length));
    }),
    fcOpts(o),
  );
  return cases;
}

/** Seed-style clauses as printed, read without the parser: （责任单位：A、B…） at a task line's end. */
export function clausesAsWritten(text: string): string[][] {
  return [...text.matchAll(/^\s*\d+、.*[(（]\s*责任单位\s*[:：]([^)）]*)[)）]\s*$/gm)].map((m) =>
    m[1]!
      .split(/[、,，]/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** Every unit written in a clause comes out, in order, as a unit's raw name. */
export function unitsKeptViolations(text: string, n: Notice): string[] {
  const written = clausesAsWritten(text);
  const out: string[] = [];
  if (written.length !== n.tasks.length) out.push(`${written.length} clauses written, ${n.tasks.length} tasks parsed`);
  written.forEach((units, i) => {
    const got = n.tasks[i]?.units.map((u) => u.raw) ?? [];
    if (JSON.stringify(got) !== JSON.stringify(units)) out.push(`task ${i + 1}: written ${units.join('、')}; parsed ${got.join('、')}`);
  });
  return out;
}

/** Which marks become half-width, full-width, and where spaces go, chosen by fast-check. */
const variantArb = fc.record({
  width: fc.constantFrom('half', 'full', 'mixed'),
  mixSeed: fc.nat(),
  spaces: fc.array(fc.constantFrom('', '', '', '\u00a0', '\u3000', ' \u3000', '\u00a0\u00a0'), { minLength: 1, maxLength: 40 }),
});

function variantOf(text: string, v: { width: string; mixSeed: number; spaces: string[] }): string {
  let t = text;
  if (v.width === 'half') t = toHalfWidth(t);
  else if (v.width === 'full') t = toFullWidth(t);
  else t = t.split('\n').map((l, i) => ((i + v.mixSeed) % 2 ? toHalfWidth(l) : toFullWidth(l))).join('\n');
  return sprinkleSpaces(t, (i) => v.spaces[(i * 31 + v.mixSeed) % v.spaces.length]!);
}

/**
 * Punctuation width and odd spaces do not change the tasks: the variant's tasks (label, title,
 * units, targets) deep-equal the original's; for the seed, no written unit is lost either.
 */
export function widthProperty(input: Input, o: RunOptions, parse: ParseFn = parseSource, checkUnitsKept = false, spaces = true): number {
  let cases = 0;
  const original = parse(sourceOf(input.name, readerLines(input.text)), input.dir);
  const want = JSON.stringify(taskShape(original));
  fc.assert(
    fc.property(variantArb, fc.boolean(), (v, viaReader) => {
      cases++;
      const text = variantOf(input.text, spaces ? v : { ...v, spaces: [''] });
      // Through the reader's cleaning (as the CLI reads), or raw (the parser alone must cope).
      const lines = viaReader ? readerLines(text) : text.split('\n');
      const n = parse(sourceOf(input.name, lines), input.dir);
      const got = JSON.stringify(taskShape(n));
      const problems: string[] = [];
      if (got !== want) problems.push(`tasks differ from the original:\n${firstDifference(original, n)}`);
      if (checkUnitsKept) problems.push(...unitsKeptViolations(text, n));
      fail(problems);
    }),
    fcOpts(o),
  );
  return cases;
}

function firstDifference(a: Notice, b: Notice): string {
  const sa = taskShape(a);
  const sb = taskShape(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const x = JSON.stringify(sa[i]);
    const y = JSON.stringify(sb[i]);
    if (x !== y) return `  task #${i + 1}\n  want ${x}\n  got  ${y}`;
  }
  return '  (same tasks)';
}

/** Compares a parse of a synthetic notice with what the generator wrote. */
export function syntheticViolations(s: SyntheticNotice, n: Notice, lineCount: number): string[] {
  const out = invariantViolations(n, lineCount);
  const e = s.expected;
  if (n.meta.docNumber !== e.docNumber) out.push(`docNumber ${n.meta.docNumber}, want ${e.docNumber}`);
  if (n.planDeadline !== e.planDeadline) out.push(`planDeadline ${n.planDeadline}, want ${e.planDeadline}`);
  if (n.planRecipient !== e.planRecipient) out.push(`planRecipient ${n.planRecipient}, want ${e.planRecipient}`);
  if (n.meta.signDate !== e.signDate) out.push(`signDate ${n.meta.signDate}, want ${e.signDate}`);
  if (JSON.stringify(n.meta.recipients) !== JSON.stringify(e.recipients)) out.push(`recipients ${n.meta.recipients.join('、')}`);
  if (n.meta.requirements.length !== e.requirements) out.push(`${n.meta.requirements.length} requirements, want ${e.requirements}`);
  const chapters = JSON.stringify(n.chapters.map((c) => [c.no, c.title]));
  if (chapters !== JSON.stringify(e.chapters.map((c) => [c.no, c.title]))) out.push(`chapters differ: ${chapters.slice(0, 200)}`);
  if (n.tasks.length !== e.tasks.length) out.push(`${n.tasks.length} tasks, want ${e.tasks.length}`);
  e.tasks.forEach((want, i) => {
    const t = n.tasks[i];
    if (!t) return;
    const got = { label: t.label, chapter: t.chapter, title: t.title, line: t.line, units: t.units.map((u) => `${u.raw}|${u.name}|${u.role}`) };
    const exp = { label: want.label, chapter: want.chapter, title: want.title, line: want.line, units: want.units.map((u) => `${u.raw}|${u.name}|${u.role}`) };
    if (JSON.stringify(got) !== JSON.stringify(exp)) out.push(`task ${want.no} (${want.shape}):\n  want ${JSON.stringify(exp)}\n  got  ${JSON.stringify(got)}`);
    for (const g of want.targets) {
      if (!t.targets.some((x) => x.value === g.value && x.unit === g.unit)) out.push(`task ${want.no}: target ${g.value}${g.unit} not found`);
    }
  });
  if (n.diagnostics.length) out.push(`unexpected diagnostics: ${n.diagnostics.slice(0, 3).map((d) => `${d.line} ${d.message}`).join('; ')}`);
  return out;
}

const syntheticArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  tasks: fc.integer({ min: 1, max: 60 }),
  units: fc.integer({ min: 8, max: 300 }),
  shape: fc.constantFrom(...CLAUSE_SHAPES, 'mixed' as const),
  width: fc.constantFrom('half' as const, 'full' as const),
  perChapter: fc.integer({ min: 1, max: 12 }),
  collectives: fc.boolean(),
});

/** Synthetic notices of every shape parse to exactly what the generator wrote. */
export function syntheticProperty(o: RunOptions, parse: ParseFn = parseSource): number {
  let cases = 0;
  const dirs = new Map<string, UnitDirectory>();
  fc.assert(
    fc.property(syntheticArb, (opts) => {
      cases++;
      const s = syntheticNotice(opts);
      const dir = dirs.get(s.yaml) ?? dirs.set(s.yaml, parseUnitDirectory(s.yaml, 'synthetic-units.yaml')).get(s.yaml)!;
      const lines = readerLines(s.text);
      const outcome = timedParse(sourceOf('synthetic.txt', lines), dir, parse);
      if (outcome.kind !== 'ok') fail(outcomeViolations(outcome, lines.length));
      else fail([...outcomeViolations(outcome, lines.length), ...syntheticViolations(s, outcome.notice, lines.length)]);
    }),
    fcOpts(o),
  );
  return cases;
}

// ---------------------------------------------------------------- through the readers

export class TempFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'duban-fuzz-'));
  private n = 0;
  write(bytes: Uint8Array, ext = 'txt'): string {
    const file = join(this.dir, `f${this.n++}.${ext}`);
    writeFileSync(file, bytes);
    return file;
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Reads and parses a file; the same properties as for a parse, the reader's errors included. */
async function readAndParse(file: string, dir: UnitDirectory, read: ReadFn, parse: ParseFn): Promise<{ violations: string[]; source: SourceText | null; notice: Notice | null }> {
  const t0 = performance.now();
  let source: SourceText;
  try {
    source = await read(file);
  } catch (e) {
    const ms = performance.now() - t0;
    const o: Outcome = e instanceof DubanError ? { kind: 'duban', error: e, ms } : { kind: 'crash', error: e, ms };
    return { violations: outcomeViolations(o, 0), source: null, notice: null };
  }
  const outcome = timedParse(source, dir, parse);
  return { violations: outcomeViolations(outcome, source.lines.length), source, notice: outcome.kind === 'ok' ? outcome.notice : null };
}

export const ENCODINGS = ['gb18030', 'utf16le', 'utf16be'] as const;
/** Big5 only for texts it can represent (traditional ones); iconv-lite writes ? for the rest. */
export type Encoding = (typeof ENCODINGS)[number] | 'big5';

/**
 * A (possibly mutated) notice encoded as GB18030 or UTF-16 (or Big5), with or without a BOM, reads back to
 * the same lines as its UTF-8 file and parses to the same tasks.
 */
export async function encodingProperty(
  input: Input,
  o: RunOptions,
  files: TempFiles,
  read: ReadFn = readSource,
  parse: ParseFn = parseSource,
  encodings: readonly Encoding[] = ENCODINGS,
): Promise<number> {
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(mutationArb, { maxLength: 3 }),
      fc.constantFrom(...encodings),
      fc.boolean(),
      async (ms, encoding, bom) => {
        cases++;
        // Mutations that make a file binary-looking are the reader's refusal, tested elsewhere.
        const text = applyMutations(input.text.split('\n'), ms).join('\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
        if (text.trim() === '') return;
        // A character the encoding cannot hold (U+FFFD in Big5) would be written as ?.
        const encoded = iconv.encode(text, encoding, { addBOM: bom });
        if (iconv.decode(encoded, encoding) !== text) return;
        const base = await readAndParse(files.write(Buffer.from(text, 'utf8')), input.dir, readSource, parseSource);
        const other = await readAndParse(files.write(encoded), input.dir, read, parse);
        const problems = [...other.violations];
        if (base.source && !other.source) problems.push(`${encoding}${bom ? '+BOM' : ''} refused where UTF-8 was read`);
        if (base.source && other.source) {
          const a = base.source.lines.join('\n');
          const b = other.source.lines.join('\n');
          if (a !== b) problems.push(`${encoding}${bom ? '+BOM' : ''} (read as ${other.source.encoding}) gives other lines than UTF-8: ${diffAt(a, b)}`);
          else if (base.notice && other.notice && JSON.stringify(taskShape(base.notice)) !== JSON.stringify(taskShape(other.notice))) {
            problems.push(`${encoding}: tasks differ from the UTF-8 parse`);
          }
        }
        fail(problems);
      },
    ),
    fcOpts(o),
  );
  return cases;
}

function diffAt(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(i, i + 20))} vs ${JSON.stringify(b.slice(i, i + 20))}`;
}

/** Every cut of a file's bytes (at `cuts`) reads and parses with the usual properties. */
export async function truncationProperty(name: string, bytes: Uint8Array, dir: UnitDirectory, cuts: readonly number[], files: TempFiles, read: ReadFn = readSource, parse: ParseFn = parseSource): Promise<number> {
  for (const cut of cuts) {
    const file = files.write(bytes.subarray(0, cut));
    const r = await readAndParse(file, dir, read, parse);
    if (r.violations.length) throw new Error(`${name} cut at byte ${cut}:\n${r.violations.slice(0, 5).join('\n')}`);
  }
  return cuts.length;
}
