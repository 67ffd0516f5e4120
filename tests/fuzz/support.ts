/**
 * Shared pieces of the fuzz suites: the inputs (the seed, the corpus, synthetic notices), the
 * mutations applied to them, a timed parse that classifies what was thrown, and the model's
 * invariants as a checker that lists violations (so a test can also show a check failing on a
 * deliberately broken notice, see planted.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DubanError } from '../../src/model/errors.js';
import type { Notice, Role } from '../../src/model/notice.js';
import { parseSource } from '../../src/parse/notice.js';
import { cleanText } from '../../src/read/clean.js';
import type { SourceText } from '../../src/read/source.js';
import { emptyUnitDirectory, loadUnitDirectory, type UnitDirectory } from '../../src/units/index.js';

export const ROOT = join(import.meta.dirname, '../..');
export const SEED_PATH = join(ROOT, 'seeds/ezhou-2014-4.txt');
export const SEED_UNITS = join(ROOT, 'seeds/ezhou-units.yaml');
const CORPUS_DIR = join(ROOT, 'tests/fixtures/corpus');

/** Per-input time bound. Real notices parse in a few ms; 200 ms leaves room for a shared machine. */
export const TIME_BOUND_MS = 200;

export interface Input {
  name: string;
  text: string;
  dir: UnitDirectory;
}

export function seedInput(): Input {
  return { name: 'ezhou-2014-4.txt', text: readFileSync(SEED_PATH, 'utf8'), dir: loadUnitDirectory(SEED_UNITS) };
}

export function corpusInputs(): Input[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(CORPUS_DIR, f), 'utf8'), dir: emptyUnitDirectory() }));
}

export function sourceOf(name: string, lines: string[]): SourceText {
  return { file: name, format: 'txt', encoding: 'UTF-8', lines };
}

/** Lines as the txt reader hands them over (line ends, odd spaces and controls cleaned). */
export function readerLines(text: string): string[] {
  return cleanText(text);
}

/**
 * `ms` is wall time (performance.now); `cpuMs` the process's CPU time over the same call. A
 * parse is slow only when both exceed the bound: a hang burns CPU, while a busy shared machine
 * only stretches wall time.
 */
export type Outcome =
  | { kind: 'ok'; notice: Notice; ms: number; cpuMs?: number }
  | { kind: 'duban'; error: DubanError; ms: number; cpuMs?: number }
  | { kind: 'crash'; error: unknown; ms: number; cpuMs?: number };

export type ParseFn = (source: SourceText, dir: UnitDirectory | null) => Notice;

/** Parses and times; never throws. A crash is anything thrown that is not a DubanError. */
export function timedParse(source: SourceText, dir: UnitDirectory | null, parse: ParseFn = parseSource): Outcome {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpu = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  try {
    const notice = parse(source, dir);
    return { kind: 'ok', notice, ms: performance.now() - t0, cpuMs: cpu() };
  } catch (e) {
    const ms = performance.now() - t0;
    const cpuMs = cpu();
    return e instanceof DubanError ? { kind: 'duban', error: e, ms, cpuMs } : { kind: 'crash', error: e, ms, cpuMs };
  }
}

/** The properties every parse must satisfy whatever the input: listed violations, empty when fine. */
export function outcomeViolations(o: Outcome, lineCount: number, bound = TIME_BOUND_MS): string[] {
  const out: string[] = [];
  if (o.ms > bound && (o.cpuMs ?? o.ms) > bound) out.push(`took ${o.ms.toFixed(0)} ms (bound ${bound} ms)`);
  if (o.kind === 'crash') {
    const e = o.error;
    out.push(`threw a non-DubanError: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`);
  }
  if (o.kind === 'duban' && !/[\u4e00-\u9fff]/.test(o.error.message)) out.push(`DubanError without a Chinese message: ${o.error.message}`);
  if (o.kind === 'ok') out.push(...invariantViolations(o.notice, lineCount));
  return out;
}

const LEVELS = new Set(['error', 'warning', 'info']);
const rank = (r: Role) => (r === 'lead' ? 2 : 1);

/**
 * The model's invariants: task numbers 1..n in order, a lead wherever there are units, every
 * diagnostic placed (file, line in 0..lineCount — 0 is documented as "no line"), the unit
 * summary agreeing with the tasks both ways (collective members included), JSON-stable values.
 */
export function invariantViolations(n: Notice, lineCount: number): string[] {
  const out: string[] = [];
  n.tasks.forEach((t, i) => {
    if (t.no !== i + 1) out.push(`task #${i} has no ${t.no}, expected ${i + 1}`);
    if (t.units.length > 0 && !t.units.some((u) => u.role === 'lead')) out.push(`task ${t.no} has units but no lead`);
    if (!Number.isInteger(t.line) || t.line < 1 || t.line > lineCount) out.push(`task ${t.no} has line ${t.line} outside 1..${lineCount}`);
    if (i > 0 && t.line < n.tasks[i - 1]!.line) out.push(`task ${t.no} (line ${t.line}) comes before task ${t.no - 1} (line ${n.tasks[i - 1]!.line})`);
    if (t.label === '') out.push(`task ${t.no} has an empty label`);
    if (t.parent !== null && (t.parent < 1 || t.parent >= t.no)) out.push(`task ${t.no} has parent ${t.parent}`);
    if (t.chapter !== null && !n.chapters.some((c) => c.no === t.chapter)) out.push(`task ${t.no} names chapter ${t.chapter} that is not listed`);
    for (const u of t.units) if (!u.raw || !u.name) out.push(`task ${t.no} has an empty unit name (${JSON.stringify(u)})`);
    for (const g of t.targets) if (!Number.isFinite(g.value)) out.push(`task ${t.no} has target value ${g.value}`);
  });
  for (const d of n.diagnostics) {
    if (!d.file || d.file !== n.source.file) out.push(`diagnostic ${d.code} has file ${JSON.stringify(d.file)}`);
    if (!Number.isInteger(d.line) || d.line < 0 || d.line > lineCount) out.push(`diagnostic ${d.code} has line ${d.line} outside 0..${lineCount}`);
    if (!LEVELS.has(d.level) || !d.code || !d.message) out.push(`diagnostic malformed: ${JSON.stringify(d)}`);
  }
  out.push(...summaryViolations(n));
  if (JSON.stringify(JSON.parse(JSON.stringify(n))) !== JSON.stringify(n)) out.push('notice is not JSON-stable');
  return out;
}

/** Both directions between tasks' units and the per-unit lead/support lists. */
export function summaryViolations(n: Notice): string[] {
  const out: string[] = [];
  const summary = new Map(n.units.map((s) => [s.name, s]));
  if (summary.size !== n.units.length) out.push('unit summary lists a name twice');
  // What the tasks say: name → task no → strongest role, members of collectives inheriting the role.
  const want = new Map<string, Map<number, Role>>();
  const put = (name: string, no: number, role: Role) => {
    const m = want.get(name) ?? want.set(name, new Map()).get(name)!;
    const prev = m.get(no);
    if (!prev || rank(role) > rank(prev)) m.set(no, role);
  };
  for (const t of n.tasks) {
    for (const u of t.units) {
      put(u.name, t.no, u.role);
      for (const member of summary.get(u.name)?.members ?? []) put(member, t.no, u.role);
    }
  }
  for (const [name, tasks] of want) {
    const s = summary.get(name);
    if (!s) {
      out.push(`unit ${name} is in tasks ${[...tasks.keys()].join(',')} but not in the summary`);
      continue;
    }
    for (const [no, role] of tasks) {
      if (!(role === 'lead' ? s.lead : s.support).includes(no)) out.push(`unit ${name} is ${role} of task ${no} but the summary does not say so`);
    }
  }
  for (const s of n.units) {
    const tasks = want.get(s.name);
    if (!tasks) out.push(`summary lists ${s.name}, which no task names`);
    for (const no of s.lead) if (tasks?.get(no) !== 'lead') out.push(`summary says ${s.name} leads task ${no}; the task does not`);
    for (const no of s.support) if (tasks?.get(no) !== 'support') out.push(`summary says ${s.name} supports task ${no}; the task does not`);
    const all = [...s.lead, ...s.support];
    if (new Set(all).size !== all.length) out.push(`summary of ${s.name} repeats a task`);
    for (const list of [s.lead, s.support]) if (list.some((v, i) => i > 0 && v <= list[i - 1]!)) out.push(`summary of ${s.name} is not sorted`);
  }
  return out;
}

// ---------------------------------------------------------------- mutations

/** Pairs of the marks notices write in either width. */
export const WIDTH_PAIRS: readonly [string, string][] = [
  ['，', ','],
  ['：', ':'],
  ['（', '('],
  ['）', ')'],
  ['；', ';'],
];
const SWAP = new Map(WIDTH_PAIRS.flatMap(([f, h]) => [[f, h], [h, f]] as [string, string][]));

/** Characters a broken copy-paste or a bad converter leaves in text. */
export const NOISE = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\ufeff', '\u3000', '\t', '\r', '\ufffd'];

/** Fragments that look like structure: labels, clause openers, brackets, role words. */
export const STRUCTURE = ['1、', '12、', '一、', '（一）', '(三)', '（2）', '①', '(责任单位:', '（牵头单位：', '；配合单位：', '）', '(', '牵头', '配合', '、', '。', '附件：', '2014年1月13日', '各区', '市财政局'];

export type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'width'; at: number; count: number }
  | { op: 'noise'; at: number; pos: number; ch: string }
  | { op: 'structure'; at: number; pos: number; s: string }
  | { op: 'cut'; at: number; pos: number; len: number }
  | { op: 'repeat'; at: number; pos: number; len: number; times: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('width' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('noise' as const), at: fc.nat(), pos: fc.nat(), ch: fc.constantFrom(...NOISE) }),
  fc.record({ op: fc.constant('structure' as const), at: fc.nat(), pos: fc.nat(), s: fc.constantFrom(...STRUCTURE) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), pos: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), pos: fc.nat(), len: fc.integer({ min: 1, max: 12 }), times: fc.integer({ min: 2, max: 60 }) }),
);

/** Swaps the width of up to `count` marks of a line, the positions picked from `seed`. */
function swapWidths(line: string, seed: number, count: number): string {
  const chars = [...line];
  const idx = chars.flatMap((c, i) => (SWAP.has(c) ? [i] : []));
  for (let k = 0; k < Math.min(count, idx.length); k++) {
    const i = idx[(seed + k * 7) % idx.length]!;
    chars[i] = SWAP.get(chars[i]!)!;
  }
  return chars.join('');
}

export function applyMutation(lines: string[], m: Mutation): string[] {
  if (lines.length === 0) return lines;
  const at = m.at % lines.length;
  const out = [...lines];
  const line = out[at]!;
  const pos = 'pos' in m ? m.pos % (line.length + 1) : 0;
  switch (m.op) {
    case 'delete':
      out.splice(at, 1);
      break;
    case 'duplicate':
      out.splice(at, 0, line);
      break;
    case 'swap': {
      const j = m.with % out.length;
      [out[at], out[j]] = [out[j]!, out[at]!];
      break;
    }
    case 'width':
      out[at] = swapWidths(line, m.at, m.count);
      break;
    case 'noise':
      out[at] = line.slice(0, pos) + m.ch + line.slice(pos);
      break;
    case 'structure':
      out[at] = line.slice(0, pos) + m.s + line.slice(pos);
      break;
    case 'cut':
      out[at] = line.slice(0, pos) + line.slice(pos + m.len);
      break;
    case 'repeat':
      out[at] = line.slice(0, pos) + line.slice(pos, pos + m.len).repeat(m.times) + line.slice(pos + m.len);
      break;
  }
  return out;
}

export function applyMutations(lines: string[], ms: readonly Mutation[]): string[] {
  return ms.reduce(applyMutation, lines);
}

// ---------------------------------------------------------------- width variants

const DIGIT = /[0-9]/;

/** Every ，：（）； made half-width, except a comma or colon between digits (1,000 · 1.8:1). */
export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const half = WIDTH_PAIRS.find(([f]) => f === c)?.[1];
    const between = DIGIT.test(text[i - 1] ?? '') && DIGIT.test(text[i + 1] ?? '');
    out += half && !(between && (c === '，' || c === '：')) ? half : c;
  }
  return out;
}

/** Every ,:(); made full-width, except inside numbers (1,000 · 1.8:1 · 14.5%). */
export function toFullWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const full = WIDTH_PAIRS.find(([, h]) => h === c)?.[0];
    const between = DIGIT.test(text[i - 1] ?? '') && DIGIT.test(text[i + 1] ?? '');
    out += full && !(between && (c === ',' || c === ':')) ? full : c;
  }
  return out;
}

/**
 * NBSP and ideographic spaces at places where a space never changes meaning: line starts and
 * ends, after 、，：（ and before ）. `pick(i)` decides for each candidate place.
 */
export function sprinkleSpaces(text: string, pick: (i: number) => string | null): string {
  let k = 0;
  const at = () => pick(k++) ?? '';
  return text
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      // Inside brackets only next to Han characters that are not numerals, so that 經(jīng)
      // glosses and （一）-style labels keep their shape.
      const body = line.replace(/([、，,：:])|([（(])(?=[\u4e00-\u9fff])(?![一二三四五六七八九十])|(?<=[\u4e00-\u9fff])(?<![一二三四五六七八九十])([）)])/g, (_m, mark?: string, open?: string, close?: string) =>
        mark ? `${mark}${at()}` : open ? `${open}${at()}` : `${at()}${close}`,
      );
      return `${at()}${body}${at()}`;
    })
    .join('\n');
}

/** The part of a task that must not change with widths or spaces. */
export function taskShape(n: Notice): unknown[] {
  return n.tasks.map((t) => ({
    label: t.label,
    chapter: t.chapter,
    title: t.title,
    units: t.units.map((u) => `${u.raw}|${u.name}|${u.role}`),
    targets: t.targets.map((g) => `${g.value}${g.unit}`),
  }));
}

// ---------------------------------------------------------------- counting

/** Counts of generated cases per suite, printed by each file so the total can be checked. */
export function reportCount(suite: string, count: number): void {
  console.log(`[fuzz] ${suite}: ${count} cases`);
}
