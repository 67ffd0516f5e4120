/**
 * Each fuzz property must be able to fail. Here every property runs twice on the same inputs
 * and fast-check seed: with the real parser (or reader) it holds, with a deliberately broken
 * variant — a planted bug — it reports the violation the bug causes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/model/notice.js';
import { parseSource, summariseUnits } from '../../src/parse/notice.js';
import { readSource } from '../../src/read/index.js';
import type { SourceText } from '../../src/read/source.js';
import type { UnitDirectory } from '../../src/units/index.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import {
  TempFiles,
  encodingProperty,
  mutantsProperty,
  syntheticProperty,
  truncationProperty,
  widthProperty,
  type ReadFn,
} from './properties.js';
import { seedInput, type ParseFn } from './support.js';

const seed = seedInput();
const files = new TempFiles();
afterAll(() => files.remove());

/** The message of a failed property, with the violation that caused it. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    const err = e as Error & { cause?: unknown };
    return `${err.message}\n${err.cause instanceof Error ? err.cause.message : ''}`;
  }
  return 'PASSED';
}

async function failureAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    const err = e as Error & { cause?: unknown };
    return `${err.message}\n${err.cause instanceof Error ? err.cause.message : ''}`;
  }
  return 'PASSED';
}

/** A parser with a bug planted after the real parse. */
const planted =
  (bug: (n: Notice, s: SourceText, d: UnitDirectory | null) => void): ParseFn =>
  (s, d) => {
    const n = parseSource(s, d);
    bug(n, s, d);
    return n;
  };

/** Spins until this process has used `ms` of CPU time: a hang the bound sees on a loaded machine too. */
const busyWait = (ms: number) => {
  const c0 = process.cpuUsage();
  const used = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  while (used() < ms);
};

const PARSE_BUGS: [string, ParseFn, RegExp][] = [
  [
    'throws a TypeError on a control character',
    (s, d) => {
      if (s.lines.some((l) => /[\u0007\u001b]/.test(l))) throw new TypeError("Cannot read properties of undefined (reading 'text')");
      return parseSource(s, d);
    },
    /threw a non-DubanError: TypeError/,
  ],
  [
    'hangs for 250 ms on a C0 control character',
    (s, d) => {
      if (s.lines.some((l) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(l))) busyWait(250);
      return parseSource(s, d);
    },
    /took \d+ ms \(bound 200 ms\)/,
  ],
  [
    'numbers the last two tasks in the wrong order',
    planted((n) => {
      const [a, b] = n.tasks.slice(-2);
      if (a && b) [a.no, b.no] = [b.no, a.no];
    }),
    /task #\d+ has no \d+, expected/,
  ],
  ['makes every unit of the first task support', planted((n) => n.tasks[0]?.units.forEach((u) => (u.role = 'support'))), /has units but no lead/],
  [
    'places a diagnostic past the last line',
    planted((n, s) => n.diagnostics.push({ level: 'warning', code: 'x.test', file: s.file, line: s.lines.length + 1, message: '测试' })),
    /diagnostic x\.test has line \d+ outside/,
  ],
  [
    'forgets the file of a diagnostic',
    planted((n) => n.diagnostics.push({ level: 'warning', code: 'x.test', file: '', line: 1, message: '测试' })),
    /diagnostic x\.test has file ""/,
  ],
  [
    'drops a supporting task from the unit summary',
    planted((n) => {
      const s = n.units.find((u) => u.support.length > 0);
      s?.support.pop();
    }),
    /is support of task \d+ but the summary does not say so/,
  ],
  [
    'adds a led task to the unit summary that the tasks do not give',
    planted((n) => {
      const s = n.units[0];
      if (s) s.lead = [...s.lead, n.tasks.length + 1].sort((a, b) => a - b);
    }),
    /summary says .+ leads task \d+; the task does not/,
  ],
  [
    'leaves the members of a collective out of the summary',
    planted((n) => {
      const member = n.units.find((u) => u.members?.length)?.members?.[0];
      n.units = n.units.filter((u) => u.name !== member);
    }),
    /unit .+ is in tasks .+ but not in the summary/,
  ],
];

describe('each invariant of the mutation property catches its planted bug', () => {
  const opts = { runs: 60, seed: 4242 };

  it('the real parser passes the same 60 mutants', () => {
    expect(failure(() => mutantsProperty(seed, opts))).toBe('PASSED');
  });

  it.each(PARSE_BUGS)('a parser that %s', (_name, parse, caught) => {
    expect(failure(() => mutantsProperty(seed, opts, parse))).toMatch(caught);
  });
});

/** Drops the last unit of every task with several, and keeps the summary consistent with that. */
const dropsLastUnit: ParseFn = (s, d) => {
  const n = parseSource(s, d);
  for (const t of n.tasks) if (t.units.length > 1) t.units.pop();
  n.units = summariseUnits(n.tasks, d ?? emptyUnitDirectory());
  return n;
};

describe('properties beyond the invariants catch what the invariants cannot', () => {
  it('a parser that consistently drops the last unit keeps every invariant', () => {
    expect(failure(() => mutantsProperty(seed, { runs: 30, seed: 1 }, dropsLastUnit))).toBe('PASSED');
  });

  it('… and is caught by the seed units-kept check of the width property', () => {
    expect(failure(() => widthProperty(seed, { runs: 5, seed: 9 }, parseSource, true, false))).toBe('PASSED');
    expect(failure(() => widthProperty(seed, { runs: 5, seed: 9 }, dropsLastUnit, true, false))).toMatch(/task 1: written 市工商局、法制办、商务局、发改委、金融办、人行; parsed/);
  });

  it('… and by the exact comparison with synthetic notices', () => {
    expect(failure(() => syntheticProperty({ runs: 20, seed: 3 }))).toBe('PASSED');
    expect(failure(() => syntheticProperty({ runs: 20, seed: 3 }, dropsLastUnit))).toMatch(/task \d+ \(\w[\w-]*\):\n {2}want/);
  });

  it('a parser that misses ASCII colons (reads them as ∶) is caught by width invariance', () => {
    const colonBlind: ParseFn = (s, d) => parseSource({ ...s, lines: s.lines.map((l) => l.replace(/:/g, '\u2236')) }, d);
    expect(failure(() => widthProperty(seed, { runs: 20, seed: 5 }, parseSource, false, false))).toBe('PASSED');
    expect(failure(() => widthProperty(seed, { runs: 20, seed: 5 }, colonBlind, false, false))).toMatch(/tasks differ from the original/);
  });
});

describe('the reader properties catch planted reader bugs', () => {
  it('a reader that loses the last line of a GB18030 or UTF-16 file', async () => {
    const lossy: ReadFn = async (p) => {
      const s = await readSource(p);
      return s.encoding === 'UTF-8' ? s : { ...s, lines: s.lines.slice(0, -1) };
    };
    const o = { runs: 10, seed: 6 };
    expect(await failureAsync(() => encodingProperty(seed, o, files))).toBe('PASSED');
    expect(await failureAsync(() => encodingProperty(seed, o, files, lossy))).toMatch(/gives other lines than UTF-8/);
  });

  it('a reader that throws a RangeError on a file of odd length', async () => {
    const bytes = Buffer.from('1、做好某项工作。（责任单位：市财政局）\n', 'utf8');
    const crashy: ReadFn = async (p) => {
      const s = await readSource(p);
      if ((await import('node:fs')).statSync(p).size % 2) throw new RangeError('offset is out of bounds');
      return s;
    };
    const cuts = [bytes.length, bytes.length - 1];
    expect(await failureAsync(() => truncationProperty('x.txt', bytes, emptyUnitDirectory(), [bytes.length], files))).toBe('PASSED');
    expect(await failureAsync(() => truncationProperty('x.txt', bytes, emptyUnitDirectory(), cuts, files, crashy))).toMatch(/threw a non-DubanError: RangeError/);
  });
});
