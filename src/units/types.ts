import type { UnitKind } from '../model/notice.js';

/** One entry of the editable unit directory (seeds/<city>-units.yaml). */
export interface UnitEntry {
  /** Canonical short name used everywhere in duban, e.g. 市交通运输局. */
  name: string;
  /** Full official name, e.g. 鄂州市交通运输局. */
  fullName: string | null;
  /** Other ways notices write it, e.g. 交通局, 市交通局. */
  aliases: string[];
  kind: UnitKind;
  /** For collectives (各区, 开发区, 各街办): canonical names of the member units. */
  members: string[];
}

/** A unit name as the parser found it, resolved against the directory. */
export interface ResolvedUnit {
  /** As written in the task (role words removed). */
  raw: string;
  /** Canonical name; for an unknown unit the raw name with the inherited 市 prefix. */
  name: string;
  /** The directory entry, or null when the unit is not in the directory. */
  entry: UnitEntry | null;
}

export interface UnitDirectory {
  /** The YAML file it came from, or null for the built-in empty directory. */
  file: string | null;
  /** The administrative prefix of city-level departments, e.g. 市 (省 for a province). */
  prefix: string;
  /** The city (or province) the directory describes, e.g. 鄂州; null when not known. */
  city: string | null;
  /** 文号 prefixes of the city's notices, e.g. 鄂州政办发; used to pick a directory automatically. */
  docNumberPrefixes: readonly string[];
  entries: readonly UnitEntry[];
  /** Exact lookup by canonical name, alias or full name, after normalising width and spaces. */
  lookup(name: string): UnitEntry | undefined;
}

/** A unit that receives tasks: named directly or reached through a collective such as 各区. */
export interface ReceivingUnit {
  /** Canonical name (for an unknown unit, its resolved name). */
  name: string;
  entry: UnitEntry | null;
  /** True when some task names the unit itself. */
  direct: boolean;
  /** Canonical names of the collectives it was reached through, in first-seen order. */
  via: string[];
}
