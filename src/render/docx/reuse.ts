/**
 * Reuse, across the documents of a batch (71 交办函, one per unit), of what docx wrote for them.
 *
 * Documents with the same shell (document.ts: title, author, profile, first-page header) have
 * the same package but for document.xml's body (and core.xml's title, which is put in per
 * document when the titles alone differ), and a body is a row of pieces, each made from
 * the piece alone (blocks.ts): a piece's XML is the same wherever it stands in a body under
 * that shell. So prepareDocx has docx compile, per shell, an empty document (the shell's parts)
 * and a document holding every piece the batch needs, and keeps the pieces' XML, cut out of that
 * body, under the shell by the piece's JSON. A document of the batch is then put together
 * without docx: the shell's document.xml around its pieces' XML, the shell's other parts, their
 * zip entries compressed once for all documents. What is kept lives until the next batch.
 *
 * Tables are kept cell by cell (reuse-table.ts).
 *
 * Kept XML is patched already (package.ts: the patch of document.xml rewrites within single
 * tags, and no tag spans two pieces), so that a document is not patched again.
 *
 * Why a kept part cannot be stale: keys are the complete inputs (plain data that the builders
 * read and nothing else); the pieces' document must come out with exactly the shell's other
 * parts, with document.xml exactly around its body and with as many body elements as were
 * built, or nothing of it is kept; pieces with pictures, which add media and relationships,
 * are never put together here.
 */
import type { DocTree } from '../../model/doc.js';
import { finishedPart, isDated } from '../../util/office-zip.js';
import type { ZipEntry } from '../../util/zip-write.js';
import { hasPicture, pieceChildren, planOf, type Piece } from './blocks.js';
import { docxCompiler, documentFrom, shellOf, type PackageParts, type ShellSpec } from './document.js';
import { packageFromParts, partEntry, patchDocumentXml, patchedDocumentEntry, type PartData, type PartEntry } from './package.js';
import { keyOf } from './keys.js';
import { cutWantedTable, keptTable, tableParts, wantedRows, type RowLookup, type TableCut, type TableParts, type TableStore, type WantedTable } from './reuse-table.js';
import { cellOf, rowFrom, tableFrom, type CellInput } from './table.js';
import { xmlElements } from './xml-cut.js';
import { xmlSafe } from '../../util/xml-safe.js';

const DOCUMENT = 'word/document.xml';
const CORE = 'docProps/core.xml';
const BODY_OPEN = '<w:body>';
/** Shells kept at once: a batch of letters has one. */
const MAX_SHELLS = 8;
/** Pieces, table frames, row frames and cells kept per shell. */
const MAX_KEPT = 50_000;

interface Shell extends TableStore {
  /** The empty document's parts: document.xml is replaced per document. */
  parts: PackageParts;
  /** document.xml up to the body's first child, and from the section properties on, as docx wrote them. */
  head: string;
  tail: string;
  /** The same, patched. */
  patchedHead: string;
  patchedTail: string;
  /** Piece key → the XML of the piece's children. */
  pieces: Map<string, string>;
  /** Zip entries of the parts that are the same in every document of the shell. */
  entries: Map<string, ZipEntry>;
  /** Zip entries of the parts that carry the date (core.xml), by path and date. */
  datedEntries: Map<string, ZipEntry>;
}

/** What the batch being written keeps, and its trees: only they are put together from it. */
interface Batch {
  shells: Map<string, Shell>;
  /** Piece key → whether it makes any docx children: a property of the piece alone, whatever the shell. */
  makesAny: Map<string, boolean>;
  trees: WeakSet<DocTree>;
}

let batch: Batch = { shells: new Map(), makesAny: new Map(), trees: new WeakSet() };

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (map.size >= max && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}

// ---------------------------------------------------------------- planning

/** How a body piece's XML is found: whole by the piece's key, or a table cell by cell. */
type Lookup = { piece: Piece; key: string; table?: undefined } | { piece: Piece; table: TableParts };

interface Planned {
  /** The shell as compiled: with TITLE_SLOT for its title when the title can be put in afterwards. */
  shell: ShellSpec;
  shellKey: string;
  body: Lookup[];
  /** The title to put into core.xml in place of TITLE_SLOT; null when the shell holds it. */
  title: string | null;
}

function lookupOf(piece: Piece, keys: ReadonlyMap<Piece, string>): Lookup {
  const table = tableParts(piece);
  return table ? { piece, table } : { piece, key: keys.get(piece) ?? keyOf(piece) };
}

/**
 * The plan of a tree without pictures. Whether a piece that may make nothing makes anything is
 * learnt by making it once (`learn`), else taken from before.
 */
function planned(tree: DocTree, learn: boolean): Planned | undefined {
  const keys = new Map<Piece, string>();
  const plan = planOf(tree.blocks, tree.profile, (p) => {
    const key = keyOf(p);
    keys.set(p, key);
    const known = batch.makesAny.get(key);
    if (known !== undefined || !learn || hasPicture(p)) return known;
    const any = pieceChildren(p).length > 0;
    remember(batch.makesAny, key, any, MAX_KEPT);
    return any;
  });
  if (!plan || plan.body.some(hasPicture)) return undefined;
  const own = shellOf(tree, plan);
  const shell = slotFits(own.title) ? { ...own, title: TITLE_SLOT } : own;
  return { shell, shellKey: keyOf(shell), body: plan.body.map((p) => lookupOf(p, keys)), title: shell === own ? null : own.title };
}

// ---------------------------------------------------------------- the title

/**
 * Documents that differ only in their title (71 score sheets, one per unit) share a shell: the
 * title is written nowhere but in core.xml's dc:title, so the shell is compiled with this in its
 * place and each document's title is put in. Only a title that docx writes as it is qualifies:
 * not empty (docx then writes no dc:title at all), with no character that the XML writer
 * escapes or xmlSafe removes.
 */
const TITLE_SLOT = 'DubanTitleSlot0x2f1c';

function slotFits(title: string): boolean {
  return title !== '' && !/[&<>"']/.test(title) && xmlSafe(title) === title && !title.includes(TITLE_SLOT);
}

/** core.xml with the title in its slot; undefined when the slot is not there exactly once, as an element's text. */
function titledCore(core: PartData | undefined, title: string): string | undefined {
  const around = typeof core === 'string' ? core.split(TITLE_SLOT) : [];
  if (around.length !== 2 || !around[0]!.endsWith('>') || !around[1]!.startsWith('<')) return undefined;
  return around[0] + title + around[1];
}

// ---------------------------------------------------------------- the shell

/** The shell's parts, from docx compiling it with an empty body. */
function newShell(spec: ShellSpec): Shell | undefined {
  const compiler = docxCompiler();
  if (!compiler) return undefined;
  const parts = compiler.compile(documentFrom(spec, []));
  const xml = parts.get(DOCUMENT);
  const at = typeof xml === 'string' ? xml.indexOf(BODY_OPEN) : -1;
  // Read back from a zip, a leading byte-order mark would be dropped: docx starts with the declaration.
  if (typeof xml !== 'string' || at < 0 || !xml.startsWith('<?xml')) return undefined;
  const [head, tail] = [xml.slice(0, at + BODY_OPEN.length), xml.slice(at + BODY_OPEN.length)];
  return {
    parts,
    head,
    tail,
    patchedHead: patchDocumentXml(head),
    patchedTail: patchDocumentXml(tail),
    pieces: new Map(),
    frames: new Map(),
    rowFrames: new Map(),
    cells: new Map(),
    entries: undatedEntries(parts),
    datedEntries: new Map(),
  };
}

/** Zip entries of the parts every document of the shell has as they are: all but document.xml and the dated ones. */
function undatedEntries(parts: PackageParts): Map<string, ZipEntry> {
  const shared = [...parts].filter(([path]) => path !== DOCUMENT && !isDated(path));
  // The date is not read for these parts.
  return new Map(shared.map(([path, data]) => [path, partEntry(path, data, '')]));
}

/**
 * Whether two compilations of a part are written the same. docx puts the clock into core.xml,
 * which the package step overwrites with the document's date: compared with that done.
 */
function samePart(path: string, a: PartData | undefined, b: PartData | undefined): boolean {
  if (isDated(path) && typeof a === 'string' && typeof b === 'string') return finishedPart(path, a, null) === finishedPart(path, b, null);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a !== undefined && b !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** Whether a compiled document has exactly the shell's parts besides its document.xml. */
function fitsShell(shell: Shell, parts: PackageParts): boolean {
  const paths = [...parts.keys()];
  const own = [...shell.parts.keys()];
  return paths.length === own.length && paths.every((p, i) => p === own[i] && (p === DOCUMENT || samePart(p, parts.get(p), shell.parts.get(p))));
}

// ---------------------------------------------------------------- the pieces' document

interface Wanted {
  pieces: Map<string, Piece>;
  /** By layout key. */
  tables: Map<string, WantedTable>;
}

/** Pieces, row frames and cells per document that docx writes to keep: a large batch is written in several, to bound memory. */
const CHUNK = 1000;

/** Collects what the documents need, each once, in chunks. */
class WantedList {
  readonly chunks: Wanted[] = [];
  private size = CHUNK;
  private readonly seen = { pieces: new Set<string>(), frames: new Set<string>(), rowFrames: new Set<string>(), cells: new Set<string>() };

  /** The chunk that takes one more piece, row frame or cell. */
  private slot(): Wanted {
    if (this.size >= CHUNK) {
      this.chunks.push({ pieces: new Map(), tables: new Map() });
      this.size = 0;
    }
    this.size++;
    return this.chunks[this.chunks.length - 1]!;
  }

  private table(t: TableParts): WantedTable {
    const chunk = this.slot();
    const table = chunk.tables.get(t.layoutKey) ?? { layout: t.layout, rowFrames: new Map(), cells: new Map() };
    chunk.tables.set(t.layoutKey, table);
    this.seen.frames.add(t.layoutKey);
    return table;
  }

  addPiece(key: string, piece: Piece): void {
    if (this.seen.pieces.has(key)) return;
    this.seen.pieces.add(key);
    this.slot().pieces.set(key, piece);
  }

  addTable(t: TableParts): void {
    for (const row of t.rows) {
      if (!this.seen.rowFrames.has(row.frameKey)) this.addRowFrame(t, row);
      row.cells.forEach((cell, i) => this.addCell(t, row.cellKeys[i]!, cell));
    }
    // A frame comes with a row, since docx does not write a table without rows.
    if (!this.seen.frames.has(t.layoutKey)) this.addRowFrame(t, t.rows[0]!);
  }

  private addRowFrame(t: TableParts, row: RowLookup): void {
    this.seen.rowFrames.add(row.frameKey);
    this.table(t).rowFrames.set(row.frameKey, { frame: row.frame, cell: row.cells[0]! });
  }

  private addCell(t: TableParts, key: string, cell: CellInput): void {
    if (this.seen.cells.has(key)) return;
    this.seen.cells.add(key);
    this.table(t).cells.set(key, cell);
  }
}

function wantedBy(docs: readonly Planned[]): Wanted[] {
  const list = new WantedList();
  for (const doc of docs) {
    for (const l of doc.body) {
      if (l.table) list.addTable(l.table);
      else list.addPiece(l.key, l.piece);
    }
  }
  return list.chunks;
}

interface Cut {
  pieces: [string, string][];
  tables: [string, TableCut][];
}

/** The wanted pieces', row frames' and cells' XML, cut out of the body docx wrote for them all. */
function cutBody(wanted: Wanted, pieceSizes: number[], body: string[]): Cut | undefined {
  const out: Cut = { pieces: [], tables: [] };
  let at = 0;
  [...wanted.pieces.keys()].forEach((key, i) => {
    out.pieces.push([key, body.slice(at, at + pieceSizes[i]!).join('')]);
    at += pieceSizes[i]!;
  });
  for (const [layoutKey, t] of wanted.tables) {
    const table = cutWantedTable(t, body[at++]);
    if (!table) return undefined;
    out.tables.push([layoutKey, table]);
  }
  return at === body.length ? out : undefined;
}

/** Has docx write every wanted piece, row frame and cell in one document under the shell, and keeps their XML. */
function keepWanted(shell: Shell, spec: ShellSpec, wanted: Wanted): void {
  const compiler = docxCompiler();
  if (!compiler) return;
  const children = [...wanted.pieces.values()].map(pieceChildren);
  const tables = [...wanted.tables.values()].map((t) =>
    tableFrom(
      t.layout,
      wantedRows(t).map((r) => rowFrom(r.frame, r.cells.map(cellOf))),
    ),
  );
  const parts = compiler.compile(documentFrom(spec, [...children.flat(), ...tables]));
  const xml = parts.get(DOCUMENT);
  if (typeof xml !== 'string' || !fitsShell(shell, parts) || !xml.startsWith(shell.head) || !xml.endsWith(shell.tail)) return;
  const body = xmlElements(xml.slice(shell.head.length, xml.length - shell.tail.length));
  const cut = body && cutBody(wanted, children.map((c) => c.length), body);
  if (!cut) return;
  const keep = (map: Map<string, string>, [k, v]: [string, string]): void => remember(map, k, patchDocumentXml(v), MAX_KEPT);
  for (const piece of cut.pieces) keep(shell.pieces, piece);
  for (const [layoutKey, t] of cut.tables) {
    keep(shell.frames, [layoutKey, t.frame]);
    for (const f of t.rowFrames) keep(shell.rowFrames, f);
    for (const c of t.cells) keep(shell.cells, c);
  }
}

/**
 * Readies the reuse for a batch: per shell that two or more of the trees share, docx writes the
 * shell and the pieces. A tree alone with its shell gains nothing from it. What an earlier batch
 * kept is dropped: a key stands for a piece as this batch's code writes it, and a test may plant
 * a change in that code between two batches.
 */
export function prepareReuse(trees: readonly DocTree[]): void {
  batch = { shells: new Map(), makesAny: new Map(), trees: new WeakSet(trees) };
  const groups = new Map<string, Planned[]>();
  for (const tree of trees) {
    const doc = planned(tree, true);
    if (!doc) continue;
    const group = groups.get(doc.shellKey) ?? [];
    groups.set(doc.shellKey, group);
    group.push(doc);
  }
  for (const [key, docs] of groups) {
    if (docs.length < 2) continue;
    const shell = newShell(docs[0]!.shell);
    if (!shell) continue;
    remember(batch.shells, key, shell, MAX_SHELLS);
    for (const wanted of wantedBy(docs)) keepWanted(shell, docs[0]!.shell, wanted);
  }
}

// ---------------------------------------------------------------- putting a document together

function keptBody(shell: Shell, doc: Planned): string | undefined {
  let xml = '';
  for (const l of doc.body) {
    const kept = l.table ? keptTable(shell, l.table) : shell.pieces.get(l.key);
    if (kept === undefined) return undefined;
    xml += kept;
  }
  return xml;
}

/**
 * The shell's parts compressed once for every document (those that carry the date once per
 * date: a batch shares it); document.xml patched already.
 */
function shellEntries(shell: Shell): PartEntry {
  return (path, data, isoDate) => {
    if (path === DOCUMENT && typeof data === 'string') return patchedDocumentEntry(data);
    const undated = shell.entries.get(path);
    if (undated) return undated;
    // The dated part (core.xml) carries the title too.
    const key = `${path}\n${isoDate}\n${typeof data === 'string' ? data : ''}`;
    const dated = shell.datedEntries.get(key) ?? partEntry(path, data, isoDate);
    remember(shell.datedEntries, key, dated, MAX_SHELLS);
    return dated;
  };
}

/** The tree's package put together from kept parts; undefined when anything is not kept. */
export function reusedPackage(tree: DocTree): Buffer | undefined {
  if (!batch.trees.has(tree)) return undefined;
  const doc = planned(tree, false);
  const shell = doc && batch.shells.get(doc.shellKey);
  const body = shell && keptBody(shell, doc);
  if (!shell || body === undefined) return undefined;
  const parts = new Map(shell.parts);
  parts.set(DOCUMENT, shell.patchedHead + body + shell.patchedTail);
  if (doc.title !== null) {
    const core = titledCore(parts.get(CORE), doc.title);
    if (core === undefined) return undefined;
    parts.set(CORE, core);
  }
  return packageFromParts(parts, tree.meta.date, shellEntries(shell));
}
