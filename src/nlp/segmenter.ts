/**
 * nodejieba behind one small interface. The native module and its dictionaries cost about a
 * second to load, so nothing is loaded until the first call, and then only once per process:
 * nodejieba keeps one global dictionary, so later callers add their words to it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DubanError } from '../model/errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';

type Jieba = typeof import('nodejieba');

export interface WeightedWord {
  word: string;
  weight: number;
}

export interface Segmenter {
  /** Words in text order (jieba's precise mode with HMM). */
  cut(text: string): string[];
  /** TF-IDF keywords, heaviest first; ties by code point so the order never varies. */
  extract(text: string, topN: number): WeightedWord[];
  /** Adds words to the process-wide dictionary (no-op for words already known). */
  addWords(words: readonly string[]): void;
}

export interface SegmenterStats {
  /** Milliseconds the first load took (require + dictionaries); null before any load. */
  loadMs: number | null;
  /** The user dictionary file given to nodejieba, or null when none was needed. */
  userDictFile: string | null;
  /** Words added to the dictionary by this process (user dictionary and insertWord). */
  wordCount: number;
}

let jieba: Jieba | null = null;
let segmenter: Segmenter | null = null;
const known = new Set<string>();
const stats: SegmenterStats = { loadMs: null, userDictFile: null, wordCount: 0 };

/** Whether nodejieba has been loaded in this process (for tests and timing reports). */
export function isSegmenterLoaded(): boolean {
  return jieba !== null;
}

export function segmenterStats(): Readonly<SegmenterStats> {
  return { ...stats, wordCount: known.size };
}

/**
 * The process's segmenter, loading nodejieba on first use with `userWords` (unit names) as its
 * user dictionary; later calls insert any new words instead, since nodejieba loads only once.
 */
export function getSegmenter(userWords: readonly string[] = []): Segmenter {
  const words = cleanWords(userWords);
  if (!jieba) {
    const started = performance.now();
    const userDict = words.length > 0 ? writeUserDict(words) : undefined;
    const loaded = requireJieba();
    loaded.load(userDict ? { userDict } : {});
    jieba = loaded;
    stats.loadMs = Math.round(performance.now() - started);
    stats.userDictFile = userDict ?? null;
    for (const w of words) known.add(w);
    segmenter = makeSegmenter(loaded);
  } else {
    segmenter!.addWords(words);
  }
  return segmenter!;
}

function makeSegmenter(j: Jieba): Segmenter {
  return {
    cut: (text) => j.cut(text),
    extract: (text, topN) =>
      j
        .extract(text, topN)
        .map(({ word, weight }) => ({ word, weight }))
        .sort((a, b) => b.weight - a.weight || compareCodePoints(a.word, b.word)),
    addWords: (more) => {
      for (const w of cleanWords(more)) {
        if (known.has(w)) continue;
        j.insertWord(w, 'n');
        known.add(w);
      }
    },
  };
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Dictionary lines are `word tag`: a word may not contain spaces and must be at least 2 chars. */
function cleanWords(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const t = w.replace(/\s+/g, '');
    if ([...t].length >= 2) out.add(t);
  }
  return [...out].sort(compareCodePoints);
}

/** Named by a hash of its content, so runs with the same words share one file and never race. */
function writeUserDict(words: readonly string[]): string {
  const content = words.map((w) => `${w} n`).join('\n') + '\n';
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `duban-userdict-${hash}.utf8`);
  if (readOrNull(file) !== content) writeFileAtomic(file, content);
  return file;
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function requireJieba(): Jieba {
  try {
    return createRequire(import.meta.url)('nodejieba') as Jieba;
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new DubanError('internal', `无法加载分词组件 nodejieba（${reason}），可运行 npm rebuild nodejieba 后重试`);
  }
}
