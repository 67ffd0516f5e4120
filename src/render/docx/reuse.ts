/**
 * Reuse, across the documents of a batch (71 交办函, one per unit), of what docx wrote for them.
 *
 * Documents with the same shell (document.ts: title, author, profile, first-page header) have
 * the same package but for document.xml's body, and a body is a row of pieces, each made from
 * the piece alone (blocks.ts): a piece's XML is the same wherever it stands in a body under
 * that shell. So prepareDocx has docx compile, per shell, an empty document (the shell's parts)
 * and one document holding every piece the batch needs that is not kept yet, and keeps the
 * pieces' XML, cut out of that body, under the shell by the piece's JSON. A document whose pieces
 * are all kept is then put together without docx: the shell's document.xml around its pieces'
 * XML, the shell's other parts, their zip entries compressed once for all documents.
 *
 * Tables are kept row by row, since rows recur across the letters' annex tables where whole
 * tables do not: a table's XML is its frame (w:tblPr and w:tblGrid, made from its layout), its
 * rows (each made from the layout and the row), then </w:tbl>.
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
import { hasPicture, pieceChildren, planOf, type Piece, type Plan } from './blocks.js';
import { docxCompiler, documentFrom, shellOf, type PackageParts, type ShellSpec } from './document.js';
import { packageFromParts, partEntry, patchDocumentXml, patchedDocumentEntry, type PartData, type PartEntry } from './package.js';
import { rowInputs, tableFrom, tableLayout, tableRow, type RowInput, type TableLayout } from './table.js';
import { xmlElements } from './xml-cut.js';

const DOCUMENT = 'word/document.xml';
const BODY_OPEN = '<w:body>';
const TABLE_OPEN = '<w:tbl>';
const TABLE_CLOSE = '</w:tbl>';
/** Shells kept at once: a batch has one or two; a long-lived process must not grow without end. */
const MAX_SHELLS = 8;
/** Pieces, frames and rows kept per shell. */
const MAX_KEPT = 50_000;

interface Shell {
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
  /** Table layout key → <w:tbl>, w:tblPr and w:tblGrid. */
  frames: Map<string, string>;
  /** Row key → <w:tr>…</w:tr>. */
  rows: Map<string, string>;
  /** Zip entries of the parts that are the same in every document of the shell. */
  entries: Map<string, ZipEntry>;
}

const shells = new Map<string, Shell>();
/** Piece key → whether it makes any docx children: a property of the piece alone, whatever the shell. */
const makesAny = new Map<string, boolean>();

/**
 * The key of plain data: its JSON, with the numbers JSON would write as null told apart.
 * Absent and undefined fields share a key, as the builders treat them alike.
 */
export function keyOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { nonFinite: String(v) } : v));
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (map.size >= max && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}

// ---------------------------------------------------------------- tables row by row

interface TableParts {
  layout: TableLayout;
  layoutKey: string;
  rows: RowInput[];
  rowKeys: string[];
}

/** A table piece kept row by row; a table after a page break (a breaking paragraph first) is kept whole. */
function tableParts(piece: Piece): TableParts | undefined {
  if (piece.kind !== 'block' || piece.block.type !== 'table' || piece.breakBefore) return undefined;
  const layout = tableLayout(piece.block);
  const layoutKey = keyOf(layout);
  const rows = rowInputs(piece.block);
  return { layout, layoutKey, rows, rowKeys: rows.map((r) => `${layoutKey}\n${keyOf(r)}`) };
}

function keptTable(shell: Shell, t: TableParts): string | undefined {
  const frame = shell.frames.get(t.layoutKey);
  if (frame === undefined) return undefined;
  let xml = frame;
  for (const k of t.rowKeys) {
    const row = shell.rows.get(k);
    if (row === undefined) return undefined;
    xml += row;
  }
  return xml + TABLE_CLOSE;
}

// ---------------------------------------------------------------- planning

/** How a body piece's XML is found: whole by the piece's key, or a table row by row. */
type Lookup = { piece: Piece; key: string; table?: undefined } | { piece: Piece; table: TableParts };

interface Planned {
  shell: ShellSpec;
  shellKey: string;
  body: Lookup[];
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
    const known = makesAny.get(key);
    if (known !== undefined || !learn || hasPicture(p)) return known;
    const any = pieceChildren(p).length > 0;
    remember(makesAny, key, any, MAX_KEPT);
    return any;
  });
  if (!plan || plan.body.some(hasPicture)) return undefined;
  const shell = shellOf(tree, plan);
  return { shell, shellKey: keyOf(shell), body: plan.body.map((p) => lookupOf(p, keys)) };
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
    rows: new Map(),
    entries: undatedEntries(parts),
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
  /** Layout key → the table's layout and the rows not kept yet, by row key. */
  tables: Map<string, { layout: TableLayout; rows: Map<string, RowInput> }>;
}

/** Pieces and rows per document that docx writes to keep: a large batch is written in several, to bound memory. */
const CHUNK = 1000;

/** Collects what the documents need and the shell does not keep yet, each once, in chunks. */
class WantedList {
  readonly chunks: Wanted[] = [];
  private size = CHUNK;
  private readonly seen = { pieces: new Set<string>(), rows: new Set<string>(), frames: new Set<string>() };

  constructor(private readonly shell: Shell) {}

  /** The chunk that takes one more piece or row. */
  private slot(): Wanted {
    if (this.size >= CHUNK) {
      this.chunks.push({ pieces: new Map(), tables: new Map() });
      this.size = 0;
    }
    this.size++;
    return this.chunks[this.chunks.length - 1]!;
  }

  addPiece(key: string, piece: Piece): void {
    if (this.shell.pieces.has(key) || this.seen.pieces.has(key)) return;
    this.seen.pieces.add(key);
    this.slot().pieces.set(key, piece);
  }

  addTable(t: TableParts): void {
    const fresh = (k: string): boolean => !this.shell.rows.has(k) && !this.seen.rows.has(k);
    const rows = t.rows.map((r, i) => [t.rowKeys[i]!, r] as const).filter(([k]) => fresh(k));
    const frameKept = this.shell.frames.has(t.layoutKey) || this.seen.frames.has(t.layoutKey);
    // A frame not kept yet comes with one of its rows, since docx does not write a table without rows.
    if (rows.length === 0 && !frameKept) rows.push([t.rowKeys[0]!, t.rows[0]!]);
    for (const [k, r] of rows) {
      this.seen.rows.add(k);
      this.seen.frames.add(t.layoutKey);
      const chunk = this.slot();
      const entry = chunk.tables.get(t.layoutKey) ?? { layout: t.layout, rows: new Map<string, RowInput>() };
      entry.rows.set(k, r);
      chunk.tables.set(t.layoutKey, entry);
    }
  }
}

function wantedBy(shell: Shell, docs: readonly Planned[]): Wanted[] {
  const list = new WantedList(shell);
  for (const doc of docs) {
    for (const l of doc.body) {
      if (l.table) list.addTable(l.table);
      else list.addPiece(l.key, l.piece);
    }
  }
  return list.chunks;
}

/** Cuts a table into its frame and rows; undefined when it is not <w:tbl>, w:tblPr, w:tblGrid, rows. */
function cutTable(xml: string): { frame: string; rows: string[] } | undefined {
  if (!xml.startsWith(TABLE_OPEN) || !xml.endsWith(TABLE_CLOSE)) return undefined;
  const parts = xmlElements(xml.slice(TABLE_OPEN.length, -TABLE_CLOSE.length));
  if (!parts || parts.length < 2 || !parts[0]!.startsWith('<w:tblPr') || !parts[1]!.startsWith('<w:tblGrid')) return undefined;
  const rows = parts.slice(2);
  return rows.every((r) => r.startsWith('<w:tr')) ? { frame: TABLE_OPEN + parts[0]! + parts[1]!, rows } : undefined;
}

interface Cut {
  pieces: [string, string][];
  frames: [string, string][];
  rows: [string, string][];
}

/** The wanted pieces' and rows' XML, cut out of the body docx wrote for them all. */
function cutBody(wanted: Wanted, pieceSizes: number[], body: string[]): Cut | undefined {
  const out: Cut = { pieces: [], frames: [], rows: [] };
  let at = 0;
  [...wanted.pieces.keys()].forEach((key, i) => {
    out.pieces.push([key, body.slice(at, at + pieceSizes[i]!).join('')]);
    at += pieceSizes[i]!;
  });
  for (const [layoutKey, { rows }] of wanted.tables) {
    const table = body[at++] === undefined ? undefined : cutTable(body[at - 1]!);
    if (!table || table.rows.length !== rows.size) return undefined;
    out.frames.push([layoutKey, table.frame]);
    [...rows.keys()].forEach((k, i) => out.rows.push([k, table.rows[i]!]));
  }
  return at === body.length ? out : undefined;
}

/** Has docx write every wanted piece and row in one document under the shell, and keeps their XML. */
function keepWanted(shell: Shell, spec: ShellSpec, wanted: Wanted): void {
  const compiler = docxCompiler();
  if (!compiler) return;
  const children = [...wanted.pieces.values()].map(pieceChildren);
  const tables = [...wanted.tables.values()].map(({ layout, rows }) =>
    tableFrom(
      layout,
      [...rows.values()].map((r) => tableRow(r, layout)),
    ),
  );
  const parts = compiler.compile(documentFrom(spec, [...children.flat(), ...tables]));
  const xml = parts.get(DOCUMENT);
  if (typeof xml !== 'string' || !fitsShell(shell, parts) || !xml.startsWith(shell.head) || !xml.endsWith(shell.tail)) return;
  const body = xmlElements(xml.slice(shell.head.length, xml.length - shell.tail.length));
  const cut = body && cutBody(wanted, children.map((c) => c.length), body);
  if (!cut) return;
  for (const [k, v] of cut.pieces) remember(shell.pieces, k, patchDocumentXml(v), MAX_KEPT);
  for (const [k, v] of cut.frames) remember(shell.frames, k, patchDocumentXml(v), MAX_KEPT);
  for (const [k, v] of cut.rows) remember(shell.rows, k, patchDocumentXml(v), MAX_KEPT);
}

/**
 * Readies the reuse for a batch: per shell that two or more of the trees share, docx writes the
 * shell and the pieces not kept yet. A tree alone with its shell gains nothing from it.
 */
export function prepareReuse(trees: readonly DocTree[]): void {
  const groups = new Map<string, Planned[]>();
  for (const tree of trees) {
    const doc = planned(tree, true);
    if (doc) groups.set(doc.shellKey, [...(groups.get(doc.shellKey) ?? []), doc]);
  }
  for (const [key, docs] of groups) {
    if (docs.length < 2 && !shells.has(key)) continue;
    const shell = shells.get(key) ?? newShell(docs[0]!.shell);
    if (!shell) continue;
    remember(shells, key, shell, MAX_SHELLS);
    for (const wanted of wantedBy(shell, docs)) keepWanted(shell, docs[0]!.shell, wanted);
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

/** The shell's parts that do not carry the date compressed once for every document; document.xml patched already. */
function shellEntries(shell: Shell): PartEntry {
  return (path, data, isoDate) => {
    if (path === DOCUMENT && typeof data === 'string') return patchedDocumentEntry(data);
    return shell.entries.get(path) ?? partEntry(path, data, isoDate);
  };
}

/** The tree's package put together from kept parts; undefined when anything is not kept. */
export function reusedPackage(tree: DocTree): Buffer | undefined {
  if (shells.size === 0) return undefined;
  const doc = planned(tree, false);
  const shell = doc && shells.get(doc.shellKey);
  const body = shell && keptBody(shell, doc);
  if (!shell || body === undefined) return undefined;
  const parts = new Map(shell.parts);
  parts.set(DOCUMENT, shell.patchedHead + body + shell.patchedTail);
  return packageFromParts(parts, tree.meta.date, shellEntries(shell));
}
