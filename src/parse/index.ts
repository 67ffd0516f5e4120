/**
 * The parse stage's entry: a notice file → the Notice model. Reading (encodings, HTML, DOCX)
 * happens in src/read; choosing the unit directory here; keywords only when asked, since the
 * segmenter's dictionary costs about a second to load.
 */
import { DubanError } from '../model/errors.js';
import type { Notice } from '../model/notice.js';
import { readSource, readSourceBytes } from '../read/index.js';
import type { SourceText } from '../read/source.js';
import { bundledDirectoryFolder, findDirectoryForNotice } from '../units/find.js';
import { loadUnitDirectoryCached } from '../units/cached.js';
import type { UnitDirectory } from '../units/types.js';
import { parseSource } from './notice.js';
import { applyMetaFlags, completeMeta, findDocNumber, type MetaFlags } from './meta.js';
import { hasAssignmentWords } from './review.js';

export interface ParseOptions {
  /** A unit directory file; default: the bundled one (seeds/*-units.yaml) matching the notice's city. */
  unitsFile?: string;
  /** Extract keywords with nodejieba (loads its dictionary, about 1 s). */
  keywords?: boolean;
  /** --title / --year: values the user gives for the notice's metadata. */
  meta?: MetaFlags;
  /** Parse with no unit directory at all (names only normalised, the prefix rule applied): for drafting one. */
  noDirectory?: boolean;
}

export interface ParsedNotice {
  notice: Notice;
  units: UnitDirectory | null;
}

/** The directory named by the user, else a bundled one whose city or 文号 prefix the notice shows. */
export async function chooseDirectory(source: SourceText, unitsFile?: string): Promise<UnitDirectory | null> {
  if (unitsFile) return loadUnitDirectoryCached(unitsFile);
  const head = source.lines.slice(0, 60);
  const hints = [...head, findDocNumber(head.map((text, i) => ({ text, line: i + 1 }))) ?? ''];
  const file = findDirectoryForNotice(hints, [bundledDirectoryFolder()]);
  return file ? loadUnitDirectoryCached(file) : null;
}

export async function parseNoticeFile(path: string, opts: ParseOptions = {}): Promise<ParsedNotice> {
  return parseSourceText(await readSource(path), opts);
}

/** The same for bytes already read (the notice loader sniffs them first). */
export async function parseNoticeBytes(path: string, bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParsedNotice> {
  return parseSourceText(await readSourceBytes(path, bytes), opts);
}

async function parseSourceText(source: SourceText, opts: ParseOptions): Promise<ParsedNotice> {
  const path = source.file;
  const units = opts.noDirectory ? null : await chooseDirectory(source, opts.unitsFile);
  const notice = parseSource(source, units);
  notice.meta = withProvenance(notice.meta, units, opts.meta);
  if (notice.tasks.length === 0) {
    throw new DubanError('content', '没有找到任何编号条目（一、（一）、1. 这样的任务编号），请确认这是任务分解通知', { file: path });
  }
  if (notice.tasks.every((t) => t.units.length === 0) && !hasAssignmentWords(source.lines)) {
    throw new DubanError(
      'content',
      `文中 ${notice.tasks.length} 个编号条目都没有责任单位，也没有“责任单位”“牵头”“分工”等分工用语，不像任务分解通知（可能是报告或新闻）`,
      { file: path },
    );
  }
  if (opts.keywords) await addKeywords(notice, units);
  return { notice, units };
}

/** Year, city and provenance of the metadata (src/parse/meta.ts), then the user's flags. */
function withProvenance(meta: Notice['meta'], units: UnitDirectory | null, flags: MetaFlags | undefined): Notice['meta'] {
  const done = completeMeta(meta, { directory: units ? { city: units.city, prefix: units.prefix } : null });
  return flags ? applyMetaFlags(done, flags) : done;
}

export async function addKeywords(notice: Notice, units: UnitDirectory | null): Promise<void> {
  const { getSegmenter, extractKeywords } = await import('../nlp/index.js');
  const { unitDictionaryWords } = await import('../units/index.js');
  const segmenter = getSegmenter(units ? unitDictionaryWords(units) : notice.units.map((u) => u.name));
  for (const t of notice.tasks) t.keywords = extractKeywords(`${t.title}。${t.text}`, 8, segmenter);
}
