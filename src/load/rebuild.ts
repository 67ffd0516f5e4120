/**
 * What the JSON and ledger readers share once they have a task list: the unit directory chosen
 * from the notice's metadata, names a user typed resolved against it (with the parser's
 * unknown-unit warning), and the per-unit summaries derived again from the tasks, keeping what
 * the source already knew about each unit (kind, full name, members).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { diag } from '../model/diagnostic.js';
import type { NoticeMeta, Task, UnitRef, UnitSummary } from '../model/notice.js';
import { defaultDirectory, summariseUnits, summaryFor } from '../parse/notice.js';
import { bundledDirectoryFolder, findDirectoryForNotice, loadUnitDirectory, resolveUnitList } from '../units/index.js';
import type { UnitDirectory } from '../units/types.js';

/** The directory named by the user, else a bundled one whose city or 文号 prefix the metadata shows. */
export function directoryForMeta(meta: NoticeMeta, unitsFile?: string): UnitDirectory | null {
  if (unitsFile) return loadUnitDirectory(unitsFile);
  const hints = [meta.docNumber, meta.title, meta.issuer, meta.attachmentTitle].filter((h): h is string => Boolean(h));
  const file = findDirectoryForNotice(hints, [bundledDirectoryFolder()]);
  return file ? loadUnitDirectory(file) : null;
}

export function effectiveDirectory(meta: NoticeMeta, dir: UnitDirectory | null): UnitDirectory {
  return dir ?? defaultDirectory(meta);
}

/**
 * Resolves one task's unit names in order (the 市 prefix carries over inside the list as in
 * the parser). A name the source already knew is kept as it is.
 */
export function resolveNames(
  names: readonly { raw: string; role: UnitRef['role'] }[],
  known: ReadonlySet<string>,
  dir: UnitDirectory,
  warn: (raw: string, name: string) => void,
): UnitRef[] {
  const resolved = resolveUnitList(
    names.map((n) => n.raw),
    dir,
  );
  return names.map((n, i) => {
    if (known.has(n.raw)) return { raw: n.raw, name: n.raw, role: n.role };
    const r = resolved[i]!;
    if (!r.entry && dir.entries.length > 0) warn(n.raw, r.name);
    return { raw: n.raw, name: r.name, role: n.role };
  });
}

export function unknownUnitDiagnostic(file: string, place: string, raw: string, name: string): Diagnostic {
  return diag('warning', 'unit.unknown', file, 0, `${place}：单位“${raw}”不在单位名录中，已按“${name}”保留`);
}

/** Unit summaries from the tasks, in order of first appearance, as the parser makes them. */
export function resummarise(tasks: readonly Task[], known: readonly UnitSummary[], dir: UnitDirectory): UnitSummary[] {
  const byName = new Map(known.map((u) => [u.name, u]));
  return summariseUnits(tasks, dir, (name) => {
    const k = byName.get(name);
    if (!k) return summaryFor(name, dir);
    const s: UnitSummary = { name, kind: k.kind, fullName: k.fullName, lead: [], support: [] };
    if (k.members) s.members = [...k.members];
    return s;
  });
}
