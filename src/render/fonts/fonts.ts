import { basename } from 'node:path';
import { statSync } from 'node:fs';
import type { FontRole } from '../../model/doc.js';
import { DubanError } from '../../model/errors.js';
import { BUNDLED, bundledPath } from './bundled.js';
import { ROLE_CATALOG, type RoleCatalog } from './catalog.js';
import { listFontDir, listSystemFonts, type FontFile } from './discover.js';
import { Face } from './face.js';
import { familyNames, openFont } from './load.js';

export { Face } from './face.js';
export { prefetchSystemFonts } from './discover.js';

export const FONT_ROLES: readonly FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti'];

export interface FontReportRow {
  role: FontRole;
  /** The font the standard's practice expects, e.g. 仿宋_GB2312. */
  wanted: string;
  /** The font actually used, e.g. "Noto Serif SC Regular". */
  used: string;
  path: string;
  /** True when a bundled open font stands in for the wanted one. */
  substituted: boolean;
}

/**
 * The fonts of one run: a face per role plus, per role, the bundled face that supplies characters
 * an official font lacks (GB2312 fonts miss e.g. 镕).
 */
export interface FontSet {
  faces: Record<FontRole, Face>;
  /** Face for characters `faces[role]` lacks; the same face when that is already bundled. */
  fallback(role: FontRole): Face;
  report: FontReportRow[];
}

export interface FontOptions {
  /** `--fonts <dir>`: searched before the system fonts. */
  fontsDir?: string;
  /** Skip fontconfig and the system folders (tests, reproducible builds). */
  systemFonts?: boolean;
}

const sets = new Map<string, FontSet>();
let lastSet: FontSet | undefined;

/** Resolves the four roles once per process per option set; font files are parsed lazily and shared. */
export function loadFonts(opts: FontOptions = {}): FontSet {
  const key = `${opts.fontsDir ?? ''}\0${opts.systemFonts !== false}`;
  let set = sets.get(key);
  if (!set) {
    set = resolveSet(opts);
    sets.set(key, set);
  }
  lastSet = set;
  return set;
}

/** Which font stood in for which, for command summaries ("仿宋_GB2312 → Noto Serif SC Regular"). */
export function fontReport(set: FontSet | undefined = lastSet): FontReportRow[] {
  return (set ?? loadFonts()).report;
}

/** One line per role, in Chinese, for command summaries. */
export function fontReportLines(set?: FontSet): string[] {
  return fontReport(set).map((r) => (r.substituted ? `${r.wanted} → ${r.used}（代用）` : `${r.wanted}：${r.used}`));
}

const bundledFaces = new Map<FontRole, Face>();

function bundledFace(role: FontRole): Face {
  let f = bundledFaces.get(role);
  if (!f) {
    f = new Face(`${role}-bundled`, role, BUNDLED[role].label, bundledPath(role), true);
    bundledFaces.set(role, f);
  }
  return f;
}

function resolveSet(opts: FontOptions): FontSet {
  const dirFiles = opts.fontsDir ? listFontDirChecked(opts.fontsDir) : [];
  const systemFiles = opts.systemFonts === false ? [] : listSystemFonts();
  const faces = {} as Record<FontRole, Face>;
  const report: FontReportRow[] = [];
  for (const cat of ROLE_CATALOG) {
    const hit = match(cat, dirFiles, true) ?? match(cat, systemFiles, false);
    const face = hit ? new Face(cat.role, cat.role, hit.label, hit.path, false, hit.family) : bundledFace(cat.role);
    faces[cat.role] = face;
    report.push({ role: cat.role, wanted: cat.wanted, used: face.label, path: face.path, substituted: face.bundled });
  }
  return { faces, fallback: (role) => (faces[role].bundled ? faces[role] : bundledFace(role)), report };
}

function listFontDirChecked(dir: string): FontFile[] {
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new DubanError('config', '字体目录不存在或不是文件夹', { file: dir });
  return listFontDir(dir);
}

interface Match {
  path: string;
  label: string;
  family?: string;
}

/**
 * Best file for a role: a family-name match in catalog order, then a file-name match. Files whose
 * families are unknown (a plain folder) are opened to read their name table, but only when no
 * file name matched, since opening a CJK font costs ~20 ms.
 */
function match(cat: RoleCatalog, files: FontFile[], readNames: boolean): Match | undefined {
  const byFamily = (list: FontFile[]): Match | undefined => {
    for (const fam of cat.families) {
      const want = fam.toLowerCase();
      const f = list.find((x) => x.families.some((n) => n.toLowerCase() === want));
      if (f) return { path: f.path, label: fam, family: f.families.find((n) => n.toLowerCase() === want) };
    }
    return undefined;
  };
  const known = byFamily(files);
  if (known) return known;
  for (const re of cat.files) {
    const f = files.find((x) => re.test(basename(x.path)));
    if (f) return { path: f.path, label: basename(f.path) };
  }
  if (!readNames) return undefined;
  const named = files
    .filter((f) => f.families.length === 0)
    .slice(0, 200)
    .map((f) => {
      try {
        return { path: f.path, families: familyNames(openFont(f.path)) };
      } catch {
        return { path: f.path, families: [] };
      }
    });
  return byFamily(named);
}
