/**
 * Pieces of the hostile-names suite (hostile-names.test.ts): the generator of unit names that
 * try to break file names, XML, templates and fonts; the notice built around them; and the checks
 * on what the writers left in an output folder, each returning a list of violations (empty when
 * fine) so that a planted bug can be shown to make them fail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import type { Notice } from '../../src/model/notice.js';
import { parseSource } from '../../src/parse/notice.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import { parseXml } from '../helpers/docx-xml.js';

const C0 = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1));

/** Fragments a hostile name is made of, by what they attack. */
export const PIECES = {
  path: ['/', '..', '\\', '../', '..\\', './', '/etc/passwd', 'C:\\', '~'],
  reserved: [':', '*', '?', '"', '<', '>', '|'],
  control: C0,
  emoji: ['😀', '👍🏽', '👨\u200d👩\u200d👧', '🏳️\u200d🌈', '🇨🇳', '❤️', '🧑\u200d💻', '🀄', '\u{1F9EA}'],
  bidi: ['\u202E', '\u200F', '\u202D', '\u2066', '\u200E', '\u061C'],
  handlebars: ['{{x}}', '{{{y}}}', '{{#each}}', '{{/each}}', '{{> letter}}', '{{unit.name}}', '{{!c}}', '{{lookup . "a"}}'],
  xml: ['<w:t>', '</w:t>', ']]>', '&amp;', '&#0;', '<![CDATA[', '<?xml?>', '&lt;', "'", '&', '<p>', '</doc>', '<x a="1"/>', '_x0041_', '_x000D_'],
  /** What XML 1.0 cannot hold at all, escaped or not. */
  // One lone surrogate only: names differing just in which one cannot be told apart once stored
  // (SQLite and the file system both read them back as U+FFFD).
  illegal: ['\ufffe', '\uffff', '\ud800', '\u007f'],
  cjk: ['市', '局', '委', '办', '发改', '财政', '中心', '鄂州', '𠮷', '（', '）', '·', '—'],
  latin: ['A', 'b', 'Abc', 'ſ', '\u212A', 'ß', 'ı', 'é', 'e\u0301', 'Ω', 'Ⅱ', '①', 'ﬁ', 'Ａ'],
  space: [' ', '\u3000', '\u00a0'],
  dot: ['.', '...', '。'],
} as const;

/** Whole names that are hostile as they stand. */
export const SPECIAL_NAMES = [
  'CON', 'con', 'NUL.txt', 'Aux.docx', 'COM1', 'lpt9.tar.gz', 'PRN ', 'nul .pdf', 'CON.', 'com0',
  '...', '..', '.', ' . ', '.hidden局', '局.', '局 ', '-rf局', '~$局',
];

export type Flavour = keyof typeof PIECES;

const piece = (flavours: readonly Flavour[]) => fc.constantFrom(...flavours.flatMap((f) => PIECES[f] as readonly string[]));
const ALL = Object.keys(PIECES) as Flavour[];

/** A name of 1–12 fragments, ending like a unit (局) more often than not. */
const fragmentName = fc
  .tuple(fc.array(piece(ALL), { minLength: 1, maxLength: 12 }), fc.constantFrom('局', '委', '办', ''))
  .map(([parts, end]) => parts.join('') + end);

/** 200–400 characters (code points) of fragments. */
const longName = fc
  .tuple(fc.array(piece(ALL), { minLength: 200, maxLength: 400 }), fc.integer({ min: 200, max: 400 }))
  .map(([parts, len]) => Array.from(parts.join('')).slice(0, len).join('') + '局');

/** A name only of one flavour (all dots, all emoji, all controls …). */
const pureName = fc
  .constantFrom(...ALL)
  .chain((f) => fc.array(piece([f]), { minLength: 1, maxLength: 8 }))
  .map((parts) => parts.join(''));

export const hostileName: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_NAMES) },
  { weight: 5, arbitrary: fragmentName },
  { weight: 1, arbitrary: longName },
  { weight: 2, arbitrary: pureName },
);

/** What a file system folds: the same name in another case, or with / and \ swapped. */
export function foldTwin(name: string, how: 'upper' | 'lower' | 'slash'): string {
  if (how === 'upper') return name.toUpperCase();
  if (how === 'lower') return name.toLowerCase();
  return name.replace(/[/\\]/g, (c) => (c === '/' ? '\\' : '/'));
}

/** 3–6 distinct names, some of them fold twins of others. */
export const hostileNames: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.uniqueArray(hostileName, { minLength: 2, maxLength: 5 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('upper' as const, 'lower' as const, 'slash' as const)), { maxLength: 2 }),
  )
  .map(([names, twins]) => {
    const out = [...names];
    for (const [i, how] of twins) out.push(foldTwin(names[i % names.length]!, how));
    return [...new Set(out)].filter((n) => n.trim() !== '');
  })
  .filter((names) => names.length >= 2);

/** Which names each task lists, lead first: every name in at least one task. */
export interface NoticePlan {
  names: string[];
  tasks: number[][];
}

export const noticePlan: fc.Arbitrary<NoticePlan> = hostileNames.chain((names) =>
  fc.array(fc.uniqueArray(fc.nat({ max: names.length - 1 }), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }).map((lists) => {
    const used = new Set(lists.flat());
    const missing = names.map((_, i) => i).filter((i) => !used.has(i));
    return { names, tasks: missing.length ? [...lists, missing] : lists };
  }),
);

/**
 * The seed's covering notice (title, 文号, requirements, 附, date, attachment title): the tasks
 * follow it as in the seed. Its length also keeps a few control characters in the names below the
 * share at which the reader takes a file for binary (src/read/decode.ts).
 */
const COVER = readFileSync(new URL('../../seeds/ezhou-2014-4.txt', import.meta.url), 'utf8').split('\n').slice(0, 23);

/** A notice in the seed's shape: the seed's cover, one chapter, numbered tasks each ending in its unit clause. */
export function noticeText(plan: NoticePlan, nameOf: (i: number) => string = (i) => plan.names[i]!): string {
  const lines = [...COVER, '', '  一、加强测试，确保文件能打开', ''];
  plan.tasks.forEach((list, k) => {
    lines.push(`  ${k + 1}、测试任务${k + 1}标题。围绕任务${k + 1}开展工作，确保取得实效。（责任单位：${list.map(nameOf).join('、')}）`, '');
  });
  return lines.join('\n');
}

/** Names the parser reads as units without change, standing in for the hostile ones. */
export function placeholder(i: number): string {
  return `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯'[Math.floor(i / 10) % 4]}局`;
}

/**
 * The notice the writers get: parsed from text with placeholders, then the placeholders replaced
 * by the hostile names, so that every name reaches the writers exactly as generated (the parser
 * would rightly clean most of them first).
 */
export function hostileNotice(plan: NoticePlan): Notice {
  const text = noticeText(plan, placeholder);
  const notice = parseSource({ file: '测试通知.txt', format: 'txt', encoding: 'UTF-8', lines: text.split('\n') }, emptyUnitDirectory());
  const swap = new Map(plan.names.map((n, i) => [placeholder(i), n]));
  const real = (name: string) => {
    const n = swap.get(name);
    if (n === undefined) throw new Error(`placeholder ${name} not parsed as a unit`);
    return n;
  };
  for (const t of notice.tasks) for (const u of t.units) u.raw = u.name = real(u.name);
  for (const u of notice.units) u.name = real(u.name);
  if (notice.units.length !== plan.names.length) throw new Error(`parsed ${notice.units.length} units, planned ${plan.names.length}`);
  return notice;
}

// ---------------------------------------------------------------------------------------------
// Checks on what the writers left behind.

/** Every file under `dir`, as absolute paths. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const WINDOWS_RESERVED = /[<>:"/\\|?*\u0000-\u001f]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *$/i;

/** Why a file name is not valid on Windows (and so not portable), or null. */
export function windowsProblem(name: string): string | null {
  if (WINDOWS_RESERVED.test(name)) return 'reserved character';
  if (/[. ]$/.test(name)) return 'ends with a dot or space';
  if (WINDOWS_DEVICE.test(name.split('.')[0]!)) return 'device name';
  if (Buffer.byteLength(name, 'utf8') > 255) return `${Buffer.byteLength(name, 'utf8')} bytes`;
  if (name === '' || /^\.+$/.test(name)) return 'empty or dots only';
  return null;
}

/**
 * The keys under which a case-insensitive file system (NTFS, APFS) may confuse two names: case
 * folded both ways (ſ upper-cases to S, K to k) and Unicode composition (é vs e + U+0301).
 */
export function foldKeys(name: string): string[] {
  const n = name.normalize('NFC');
  return [n.toUpperCase(), n.toLowerCase(), n.toLowerCase().toUpperCase(), n.toUpperCase().toLowerCase()];
}

/** Files outside `folder`, reserved or colliding names, leftover temp files. */
export function folderViolations(folder: string, files: readonly string[]): string[] {
  const out: string[] = [];
  const root = resolve(folder) + sep;
  const seen = new Map<string, string>();
  for (const f of files) {
    const abs = resolve(f);
    if (!abs.startsWith(root)) {
      out.push(`file outside ${folder}: ${f}`);
      continue;
    }
    const rel = relative(folder, abs);
    if (rel.includes(sep)) out.push(`file in a subfolder: ${JSON.stringify(rel)}`);
    const problem = windowsProblem(rel.split(sep).at(-1)!);
    if (problem) out.push(`not a valid Windows file name (${problem}): ${JSON.stringify(rel)}`);
    if (rel.endsWith('.tmp')) out.push(`temporary file left: ${JSON.stringify(rel)}`);
    for (const key of new Set(foldKeys(rel))) {
      const other = seen.get(key);
      if (other !== undefined && other !== rel) out.push(`names collide when case-folded: ${JSON.stringify(other)} / ${JSON.stringify(rel)}`);
      seen.set(key, rel);
    }
  }
  return out;
}

/** Parts of an Office package that are not well-formed XML, or why it does not unzip. */
export function packageViolations(file: string): string[] {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(readFileSync(file));
  } catch (e) {
    return [`${file} does not unzip: ${(e as Error).message}`];
  }
  const out: string[] = [];
  for (const [path, data] of Object.entries(parts)) {
    if (!path.endsWith('.xml') && !path.endsWith('.rels')) continue;
    try {
      parseXml(strFromU8(data));
    } catch (e) {
      out.push(`${file} part ${path}: ${(e as Error).message}`);
    }
  }
  if (out.length === 0 && Object.keys(parts).length === 0) out.push(`${file} is an empty zip`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// What each format must show of a name.

/** XML 1.0 `Char`: everything else cannot be in a DOCX or XLSX, escaped or not. */
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as compared: whitespace of any kind goes (paragraph layout collapses and breaks lines), and
 * the half-width marks , ; : ? ! ( ) compare equal to their full-width forms, since the markup
 * sets them full-width next to Chinese characters (templates/README.md).
 */
export function comparable(s: string): string {
  const FULL = '，；：？！（）';
  const HALF = ',;:?!()';
  return s.replace(/\s+/g, '').replace(/[，；：？！（）]/g, (c) => HALF[FULL.indexOf(c)]!);
}

/**
 * The name as a DOCX or XLSX must show it: only what XML cannot hold removed, and DEL and the C1
 * controls, which XML allows but Word and Excel show as boxes (src/util/xml-safe.ts).
 */
export function docxExpected(name: string): string {
  return comparable(name.replace(XML_ILLEGAL, '').replace(/[\u007f-\u009f]/g, ''));
}

/** Invisible characters the PDF must drop: controls, bidi and other format marks, noncharacters. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufe00-\ufe0f\ufffe\uffff]|[\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The mark a PDF shows for a character its fonts cannot draw (虚缺号). */
export const MISSING_MARK = '□';

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * The name as a PDF must show it, given which code points its font can draw: invisible
 * characters dropped; a user-perceived character (a ZWJ family is one) that the font cannot draw
 * shown as one □ rather than as an invisible .notdef glyph whose copied text reads as U+0000;
 * combining marks the font lacks dropped when their base can be drawn.
 */
export function pdfExpected(name: string, canDraw: (cp: number) => boolean): string {
  let out = '';
  for (const { segment } of graphemes.segment(name.replace(LONE_SURROGATE, ''))) {
    const visible = segment.replace(INVISIBLE, '');
    if (!visible) continue;
    const cps = Array.from(visible, (c) => c.codePointAt(0)!);
    if (/^\s+$/u.test(visible) || cps.every(canDraw)) out += visible;
    else if (canDraw(cps[0]!) && cps.slice(1).every((cp) => canDraw(cp) || /\p{M}/u.test(String.fromCodePoint(cp)))) {
      out += Array.from(visible).filter((c) => canDraw(c.codePointAt(0)!)).join('');
    } else out += MISSING_MARK;
  }
  return comparable(out);
}
